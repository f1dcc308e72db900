import { AcknowledgementStatus, AuditResult } from './audit-result';
import { Findings } from '../core/finding';
import { countsOf, countsPerStack, openFindingsByUrgency } from './private/counts';
import { cell, code, plural, sourceText } from './private/text';
import { FindingStatus, ReportedFinding } from './reported-finding';
import { AuditBaseline } from '../baseline/audit-baseline';

/** How the Markdown summary is rendered. */
export interface MarkdownReportOptions {
  /**
   * Source paths are shown relative to this folder.
   *
   * @default - the current working directory
   */
  readonly sourceRoot?: string;
  /**
   * The most findings listed in the table; the rest are counted and left to the JSON report, so the summary fits a
   * pull-request comment.
   *
   * @default 50
   */
  readonly maxFindings?: number;
  /**
   * The most functions listed in the permissions section; the rest are left to the JSON report.
   *
   * @default 50
   */
  readonly maxFunctions?: number;
  /**
   * The name of the JSON report the summary refers to for everything it leaves out.
   *
   * @default 'security-audit.json'
   */
  readonly jsonReportName?: string;
}

const STATUS_LABEL: { [status: string]: string } = {
  [AcknowledgementStatus.ACTIVE]: 'active',
  [AcknowledgementStatus.EXPIRED]: '**expired**',
  [AcknowledgementStatus.STALE]: '**stale**: matches no finding, remove it',
  [AcknowledgementStatus.OTHER_TOOL]: 'other tool',
};

/**
 * A summary a person reads in a pull request: the verdict, counts per stack and severity, the findings to fix with
 * their fix, every acknowledgement with reason, expiry and ticket, and the baseline's progress.
 */
export class MarkdownReport {
  /** Renders the summary. */
  public static render(result: AuditResult, options?: MarkdownReportOptions): string {
    const sourceRoot = options?.sourceRoot ?? process.cwd();
    const sections = [
      verdict(result),
      countsTable(result),
      findingsTable(result, sourceRoot, options?.maxFindings ?? 50, options?.jsonReportName ?? 'security-audit.json'),
      acknowledgementsSection(result),
      baselineSection(result),
      permissionsSection(result, options?.maxFunctions ?? 50, options?.jsonReportName ?? 'security-audit.json'),
    ];
    return `${sections.filter((s) => s !== undefined).join('\n\n')}\n`;
  }
}

function verdict(result: AuditResult): string {
  const counts = countsOf(result.findings);
  const outcome = result.passed
    ? `**Passed**: no finding fails \`failOn: ${result.failOn}\`.`
    : `**Failed**: ${plural(counts.failing, 'finding')} at or above \`failOn: ${result.failOn}\` must be fixed or acknowledged.`;
  return `## Serverless security audit\n\n${outcome} ${plural(counts.total, 'finding')} in ${plural(result.stackPaths.length, 'stack')}: `
    + `${counts.errors} open ${counts.errors === 1 ? 'error' : 'errors'}, ${counts.warnings} open `
    + `${counts.warnings === 1 ? 'warning' : 'warnings'}, ${counts.acknowledged} acknowledged, ${counts.baselined} baselined.`;
}

function countsTable(result: AuditResult): string {
  const rows = countsPerStack(result).map(({ stackPath, counts }) =>
    `| ${cell(stackPath)} | ${counts.errors} | ${counts.warnings} | ${counts.acknowledged} | ${counts.baselined} |`);
  const total = countsOf(result.findings);
  return [
    '| Stack | Errors | Warnings | Acknowledged | Baselined |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...rows,
    `| **Total** | **${total.errors}** | **${total.warnings}** | **${total.acknowledged}** | **${total.baselined}** |`,
  ].join('\n');
}

function findingsTable(result: AuditResult, sourceRoot: string, max: number, jsonName: string): string {
  const open = openFindingsByUrgency(result.findings);
  if (open.length === 0) return '### Findings to fix\n\nNone.';
  const rows = open.slice(0, max).map((f) => `| ${severityText(f)} | ${code(Findings.qualifiedRuleId(f))} | `
    + `${resourceText(f, sourceRoot)} | ${cell(f.message)} | ${cell(f.remediation)} |`);
  const more = open.length > max ? `\n\n${open.length - max} more in ${code(jsonName)}.` : '';
  return [
    `### Findings to fix (${open.length})`,
    '',
    '| Severity | Rule | Resource | Problem | Fix |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n') + more;
}

function severityText(finding: ReportedFinding): string {
  const label = finding.severity === 'error' ? 'Error' : 'Warning';
  return finding.status === FindingStatus.FAILING ? `**${label}** (fails)` : label;
}

function resourceText(finding: ReportedFinding, sourceRoot: string): string {
  const source = sourceText(finding, sourceRoot);
  return `${code(finding.constructPath)}${source ? ` at ${code(source)}` : ''}`;
}

function acknowledgementsSection(result: AuditResult): string {
  const acks = result.acknowledgements;
  if (acks.length === 0) return '### Acknowledgements\n\nNone.';
  const rows = acks.map((a) => `| ${cell(a.id)} | ${code(a.constructPath || '(app)')} | ${cell(a.reason)} | `
    + `${a.expires ?? 'never'} | ${cell(a.ticket) || '-'} | ${STATUS_LABEL[a.status]} | ${a.findingCount} |`);
  return [
    `### Acknowledgements (${acks.length})`,
    '',
    '| Id | Scope | Reason | Expires | Ticket | Status | Findings |',
    '| --- | --- | --- | --- | --- | --- | ---: |',
    ...rows,
  ].join('\n');
}

function baselineSection(result: AuditResult): string | undefined {
  const baseline = result.baseline;
  if (!baseline) return undefined;
  const file = baseline.file ? code(baseline.file) : 'the baseline';
  const refresh = `refresh with ${code(`cdk synth -c ${AuditBaseline.WRITE_CONTEXT}=true`)}`;
  if (baseline.written) return `### Baseline\n\nWrote ${file} with ${plural(baseline.entries, 'finding')}.`;
  if (!baseline.exists) return `### Baseline\n\n${file} does not exist yet: write it with ${code(`cdk synth -c ${AuditBaseline.WRITE_CONTEXT}=true`)}.`;
  const fixed = baseline.fixed > 0 ? ` ${plural(baseline.fixed, 'entry', 'entries')} no longer found (fixed): ${refresh} to remove them.` : '';
  return `### Baseline\n\n${plural(baseline.remaining, 'baselined finding')} ${baseline.remaining === 1 ? 'remains' : 'remain'} of ${baseline.entries} in ${file}.${fixed}`;
}

function permissionsSection(result: AuditResult, maxFunctions: number, jsonName: string): string | undefined {
  const stacks = result.functionPermissions;
  if (!stacks) return undefined;
  const rows: string[] = [];
  const notes: string[] = [];
  const functions = stacks.flatMap((stack) => stack.functions);
  for (const stack of stacks) {
    if (stack.unavailableReason) notes.push(`- ${code(stack.stackPath)}: not available (${cell(stack.unavailableReason)}).`);
  }
  for (const fn of functions.slice(0, maxFunctions)) {
    if (fn.services.length === 0) rows.push(`| ${code(fn.constructPath)} | - | - | - |`);
    for (const s of fn.services) {
      rows.push(`| ${code(fn.constructPath)} | ${cell(s.service)} | ${cell(s.accessLevels.join(', '))} | `
        + `${cell(s.resources.join(', '))} (${s.resourceScope}) |`);
    }
    if (fn.sharesRoleWith.length > 0) notes.push(`- ${code(fn.constructPath)} shares its role with ${fn.sharesRoleWith.map(code).join(', ')}.`);
    for (const reason of fn.unknownReasons) notes.push(`- ${code(fn.constructPath)}: not fully known: ${cell(reason)}.`);
  }
  if (functions.length > maxFunctions) notes.push(`${functions.length - maxFunctions} more functions in ${code(jsonName)}.`);
  if (rows.length === 0 && notes.length === 0) return '### Function permissions\n\nNo functions.';
  const table = rows.length === 0 ? [] : ['| Function | Service | Access | Resources (scope) |', '| --- | --- | --- | --- |', ...rows];
  return ['### Function permissions', '', ...table, ...(notes.length > 0 ? ['', ...notes] : [])].join('\n');
}
