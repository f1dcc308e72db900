import * as path from 'path';
import { countsOf } from './counts';
import { isAcknowledgedErrorAtRoot } from './markdown-report';
import { AuditResultData } from './result-data';
import { ownerPath, plural, relativePath, sentence, sourceText } from './text';
import { Acknowledgement, AcknowledgementStatus } from '../../acknowledgements/acknowledgement';
import { Findings } from '../../core/private/findings';
import { Severity } from '../../core/rule';
import { FindingStatus, ReportedFinding } from '../report-types';

/** The most lines spent on open warnings; the rest are counted (the Markdown report lists them all). */
const MAX_WARNING_LINES = 20;

/**
 * What the audit prints, each problem once: the findings to act on grouped by the construct a person wrote (failing
 * ones with their fix on the next line), errors acknowledged at the app or stage root (one line per finding they
 * silence), acknowledgement problems, and one closing line. Info findings are never printed.
 *
 * The hosts print it in parts: a failing synthesis lists its failing findings in CDK's validation report (the plugin,
 * one block per stack) or as error annotations (the Aspect), so they are not printed a second time.
 */
export class ConsoleText {
  /** The whole text. */
  public static render(result: AuditResultData): string {
    return [
      ...ConsoleText.failing(result, result.findings, result.acknowledgements),
      ...ConsoleText.notes(result, true),
      ConsoleText.closing(result),
    ].join('\n');
  }

  /**
   * The failing findings and the acknowledgements that name no rule, grouped by construct: a line for the construct
   * (with the source line that created it), then a line per finding with its fix on the next. A fix already printed
   * (the same rule on another construct) is not printed again.
   */
  public static failing(result: AuditResultData, findings: ReportedFinding[], acknowledgements: Acknowledgement[]): string[] {
    const fixes = new Set<string>();
    const groups = new Map<string, { source?: string; lines: string[] }>();
    const group = (owner: string, source?: string) => {
      let g = groups.get(owner);
      if (!g) {
        g = { source, lines: [] };
        groups.set(owner, g);
      }
      return g;
    };
    for (const finding of findings) {
      if (finding.status !== FindingStatus.FAILING) continue;
      const g = group(ownerPath(finding.constructPath), sourceText(finding, result.sourceRoot));
      g.lines.push(`  ${finding.severity.toUpperCase()} ${Findings.qualifiedRuleId(finding)}: ${finding.message}`);
      if (!fixes.has(finding.remediation)) g.lines.push(`    Fix: ${finding.remediation}`);
      fixes.add(finding.remediation);
    }
    for (const ack of acknowledgements) {
      if (ack.status !== AcknowledgementStatus.UNKNOWN_RULE) continue;
      group(ack.constructPath || '(app)').lines.push(`  ERROR acknowledgement ${ack.id}: ${sentence(ack.problem)}`,
        '    Fix: Correct the id, or remove the acknowledgement.');
    }
    return [...groups].flatMap(([owner, g]) => [g.source ? `${owner} (${g.source})` : owner, ...g.lines]);
  }

  /**
   * What else needs a reader's attention: open warnings (one line each, `withWarnings`), errors acknowledged at the
   * app or stage root, and acknowledgements that are refused or stale.
   */
  public static notes(result: AuditResultData, withWarnings: boolean): string[] {
    const lines: string[] = [];
    if (withWarnings) lines.push(...warningLines(result));
    for (const finding of result.findings) {
      if (!isAcknowledgedErrorAtRoot(finding)) continue;
      const ack = finding.acknowledgement!;
      lines.push(`Acknowledged for all of ${ack.constructPath || 'the app'}: ERROR ${Findings.qualifiedRuleId(finding)} on `
        + `${finding.constructPath} (${ack.reason})`);
    }
    for (const ack of result.acknowledgements) {
      const where = ack.constructPath || '(app)';
      if (ack.status === AcknowledgementStatus.REFUSED) {
        lines.push(`Acknowledgement ${ack.id} on ${where} does not count: ${ack.problem}. Give a reason a reviewer can judge.`);
      } else if (ack.status === AcknowledgementStatus.STALE) {
        lines.push(`Acknowledgement ${ack.id} on ${where} matches no finding: remove it.`);
      }
    }
    return lines;
  }

  /** The one closing line: the verdict, the counts, and where the reports are. */
  public static closing(result: AuditResultData): string {
    const counts = countsOf(result.findings);
    const unknown = result.acknowledgements.filter((a) => a.status === AcknowledgementStatus.UNKNOWN_RULE).length;
    const failing = [
      counts.failing > 0 ? `${plural(counts.failing, 'finding')} ${counts.failing === 1 ? 'fails' : 'fail'} (failOn ${result.failOn})` : undefined,
      unknown > 0 ? `${plural(unknown, 'acknowledgement')} ${unknown === 1 ? 'names' : 'name'} no rule` : undefined,
    ].filter((part) => part !== undefined);
    const others = `${plural(counts.warnings, 'open warning')}, ${counts.info} open info, ${counts.acknowledged} acknowledged, `
      + `${counts.baselined} baselined in ${plural(result.stackPaths.length, 'stack')}`;
    const markdown = result.reportFiles.find((f) => f.endsWith('.md'));
    const where = markdown ? `. Details: ${displayPath(markdown, result.sourceRoot)}` : '';
    return result.passed
      ? `Serverless security audit passed: ${others}${where}.`
      : `Serverless security audit FAILED: ${failing.join(', ')}; ${others}${where}.`;
  }
}

/** Open warnings, grouped by construct, one line each (their fix is in the reports). */
function warningLines(result: AuditResultData): string[] {
  const open = result.findings.filter((f) => f.status === FindingStatus.BELOW_THRESHOLD && f.severity === Severity.WARNING);
  const groups = new Map<string, string[]>();
  for (const finding of open) {
    const owner = ownerPath(finding.constructPath);
    const source = sourceText(finding, result.sourceRoot);
    const key = source ? `${owner} (${source})` : owner;
    const list = groups.get(key) ?? [];
    list.push(`  warning ${Findings.qualifiedRuleId(finding)}: ${finding.message}`);
    groups.set(key, list);
  }
  const lines: string[] = [];
  let shown = 0;
  for (const [header, entries] of groups) {
    if (lines.length + 1 + entries.length > MAX_WARNING_LINES && lines.length > 0) break;
    lines.push(header, ...entries);
    shown += entries.length;
  }
  if (shown < open.length) lines.push(`  ... and ${plural(open.length - shown, 'more warning')} in the reports.`);
  return lines;
}

/** A report file as the reader would type it: relative to the working directory when below it. */
function displayPath(file: string, sourceRoot: string): string {
  return path.isAbsolute(file) ? relativePath(file, sourceRoot) : file;
}
