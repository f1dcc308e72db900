import { AcknowledgementStatus, AuditResult } from './audit-result';
import { countsOf, countsPerStack, groupOpenFindings } from './private/counts';
import { plural, sourceText } from './private/text';

/** How the console summary is rendered. */
export interface ConsoleSummaryOptions {
  /**
   * The most rules listed under "top findings" (each with its count, a few resources and its fix).
   *
   * @default 10
   */
  readonly maxRules?: number;
  /**
   * Source paths are shown relative to this folder.
   *
   * @default - the current working directory
   */
  readonly sourceRoot?: string;
  /**
   * The report files written, listed at the end so the reader knows where the details are.
   *
   * @default - none listed
   */
  readonly reportFiles?: string[];
}

/** How many resources are named per rule before "and N more". */
const RESOURCES_PER_RULE = 3;

/**
 * A short, grouped summary for the terminal on `cdk synth`: the verdict, counts per stack, the top rules with the
 * resources they hit and their fix, lapsed and stale acknowledgements, and where the full reports are. A few lines
 * instead of one line per finding; the detail is in the reports.
 */
export class ConsoleSummary {
  /** Renders the summary as plain text lines. */
  public static render(result: AuditResult, options?: ConsoleSummaryOptions): string {
    const sourceRoot = options?.sourceRoot ?? process.cwd();
    const counts = countsOf(result.findings);
    const lines: string[] = [];
    lines.push(`Serverless security audit ${result.passed ? 'passed' : 'FAILED'}: ${plural(counts.total, 'finding')} in `
      + `${plural(result.stackPaths.length, 'stack')}; ${counts.failing} failing (failOn ${result.failOn}), `
      + `${counts.errors} open ${counts.errors === 1 ? 'error' : 'errors'}, ${counts.warnings} open `
      + `${counts.warnings === 1 ? 'warning' : 'warnings'}, ${counts.acknowledged} acknowledged, ${counts.baselined} baselined.`);
    for (const { stackPath, counts: c } of countsPerStack(result)) {
      if (c.total === 0) continue;
      lines.push(`  ${stackPath}: ${c.errors} ${c.errors === 1 ? 'error' : 'errors'}, ${c.warnings} `
        + `${c.warnings === 1 ? 'warning' : 'warnings'}, ${c.acknowledged} acknowledged, ${c.baselined} baselined`);
    }
    const groups = groupOpenFindings(result.findings);
    const maxRules = options?.maxRules ?? 10;
    if (groups.length > 0) lines.push('Top findings:');
    for (const group of groups.slice(0, maxRules)) {
      const first = group.findings[0];
      const names = group.findings.slice(0, RESOURCES_PER_RULE).map((f) => {
        const source = sourceText(f, sourceRoot);
        return source ? `${f.constructPath} (${source})` : f.constructPath;
      });
      const more = group.findings.length > RESOURCES_PER_RULE ? ` and ${group.findings.length - RESOURCES_PER_RULE} more` : '';
      const label = `${group.failing ? 'FAIL' : 'warn'} ${group.severity.toUpperCase()}`;
      lines.push(`  ${label} ${group.ruleId} x${group.findings.length}: ${names.join(', ')}${more}`);
      lines.push(`      ${first.message}`);
      lines.push(`      Fix: ${first.remediation}`);
    }
    if (groups.length > maxRules) lines.push(`  ... and ${plural(groups.length - maxRules, 'more rule')} (see the reports).`);
    for (const ack of result.acknowledgements) {
      if (ack.status === AcknowledgementStatus.EXPIRED) {
        lines.push(`Expired acknowledgement: ${ack.id} on ${ack.constructPath} expired ${ack.expires}`
          + `${ack.ticket ? ` (ticket ${ack.ticket})` : ''}; ${plural(ack.findingCount, 'finding')} fail again.`);
      } else if (ack.status === AcknowledgementStatus.STALE) {
        lines.push(`Stale acknowledgement: ${ack.id} on ${ack.constructPath || '(app)'} matches no finding; remove it.`);
      }
    }
    const baseline = result.baseline;
    if (baseline?.written) lines.push(`Baseline written: ${baseline.file} (${plural(baseline.entries, 'finding')}).`);
    else if (baseline) lines.push(`Baseline: ${baseline.remaining} of ${baseline.entries} baselined findings remain.`);
    if (options?.reportFiles && options.reportFiles.length > 0) lines.push(`Reports: ${options.reportFiles.join(', ')}`);
    return lines.join('\n');
  }
}
