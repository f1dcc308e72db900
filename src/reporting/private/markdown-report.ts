import { countsOf, countsPerStack, openFindingsByUrgency } from './counts';
import { AuditResultData } from './result-data';
import { cell, code, plural, sourceText } from './text';
import { AcknowledgementStatus } from '../../acknowledgements/acknowledgement';
import { AuditBaseline } from '../../baseline/audit-baseline';
import { Findings } from '../../core/private/findings';
import { Severity } from '../../core/rule';
import { FindingStatus, ReportedFinding } from '../report-types';

/** The most findings listed in the table; the rest are counted and left to the JSON report (a PR comment's size). */
const MAX_FINDINGS = 50;
/** The most functions listed in the permissions section. */
const MAX_FUNCTIONS = 50;

const STATUS_LABEL: { [status: string]: string } = {
  [AcknowledgementStatus.ACTIVE]: 'active',
  [AcknowledgementStatus.EXPIRED]: '**expired**',
  [AcknowledgementStatus.STALE]: '**stale**: matches no finding, remove it',
  [AcknowledgementStatus.REFUSED]: '**refused**',
  [AcknowledgementStatus.UNKNOWN_RULE]: '**unknown rule** (fails)',
  [AcknowledgementStatus.OTHER_TOOL]: 'other tool',
};

/**
 * A summary a person reads in a pull request: the verdict, counts per stack and severity, the findings to fix with
 * their fix, errors acknowledged at the app or stage root (one line per finding), every acknowledgement with reason,
 * expiry, ticket and status, and the baseline's progress.
 */
export class MarkdownReport {
  /** Renders the summary. */
  public static render(result: AuditResultData): string {
    const jsonName = `${result.reportName}.json`;
    const sections = [
      verdict(result),
      countsTable(result),
      findingsTable(result, result.sourceRoot, MAX_FINDINGS, jsonName),
      rootAcknowledgedSection(result),
      acknowledgementsSection(result),
      baselineSection(result),
      permissionsSection(result, MAX_FUNCTIONS, jsonName),
    ];
    return `${sections.filter((s) => s !== undefined).join('\n\n')}\n`;
  }
}

function verdict(result: AuditResultData): string {
  const counts = countsOf(result.findings);
  const unknown = result.acknowledgements.filter((a) => a.status === AcknowledgementStatus.UNKNOWN_RULE).length;
  const problems = [
    counts.failing > 0 ? `${plural(counts.failing, 'finding')} at or above \`failOn: ${result.failOn}\` must be fixed or acknowledged` : undefined,
    unknown > 0 ? `${plural(unknown, 'acknowledgement')} ${unknown === 1 ? 'names' : 'name'} no rule` : undefined,
  ].filter((p) => p !== undefined);
  const outcome = result.passed
    ? `**Passed**: no finding fails \`failOn: ${result.failOn}\`.`
    : `**Failed**: ${problems.join('; ')}.`;
  return `## Serverless security audit\n\n${outcome} ${plural(counts.total, 'finding')} in ${plural(result.stackPaths.length, 'stack')}: `
    + `${plural(counts.errors, 'open error')}, ${plural(counts.warnings, 'open warning')}, ${counts.info} open info, `
    + `${counts.acknowledged} acknowledged, ${counts.baselined} baselined.`;
}

function countsTable(result: AuditResultData): string {
  const rows = countsPerStack(result).map(({ stackPath, counts }) =>
    `| ${cell(stackPath)} | ${counts.errors} | ${counts.warnings} | ${counts.info} | ${counts.acknowledged} | ${counts.baselined} |`);
  const total = countsOf(result.findings);
  return [
    '| Stack | Errors | Warnings | Info | Acknowledged | Baselined |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...rows,
    `| **Total** | **${total.errors}** | **${total.warnings}** | **${total.info}** | **${total.acknowledged}** | **${total.baselined}** |`,
  ].join('\n');
}

function findingsTable(result: AuditResultData, sourceRoot: string, max: number, jsonName: string): string {
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
  const label = finding.severity === Severity.ERROR ? 'Error' : finding.severity === Severity.WARNING ? 'Warning' : 'Info';
  return finding.status === FindingStatus.FAILING ? `**${label}** (fails)` : label;
}

function resourceText(finding: ReportedFinding, sourceRoot: string): string {
  const source = sourceText(finding, sourceRoot);
  return `${code(finding.constructPath)}${source ? ` at ${code(source)}` : ''}`;
}

/** Errors silenced by an acknowledgement on the app or a stage: a blanket exception is listed finding by finding. */
function rootAcknowledgedSection(result: AuditResultData): string | undefined {
  const silenced = result.findings.filter(isAcknowledgedErrorAtRoot);
  if (silenced.length === 0) return undefined;
  const rows = silenced.map((f) => `| ${code(Findings.qualifiedRuleId(f))} | ${code(f.constructPath)} | `
    + `${code(f.acknowledgement!.constructPath || '(app)')} | ${cell(f.acknowledgement!.reason)} |`);
  return [
    `### Errors acknowledged at the app or stage root (${silenced.length})`,
    '',
    'Each of these errors is silenced by one acknowledgement for a whole app or stage. Acknowledge each on its resource instead.',
    '',
    '| Rule | Resource | Acknowledged on | Reason |',
    '| --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
}

/** An error-level finding acknowledged on an app or a stage. */
export function isAcknowledgedErrorAtRoot(finding: ReportedFinding): boolean {
  return finding.status === FindingStatus.ACKNOWLEDGED && finding.severity === Severity.ERROR && finding.acknowledgement?.atStageRoot === true;
}

function acknowledgementsSection(result: AuditResultData): string {
  const acks = result.acknowledgements;
  if (acks.length === 0) return '### Acknowledgements\n\nNone.';
  const rows = acks.map((a) => `| ${cell(a.id)} | ${code(a.constructPath || '(app)')} | ${cell(a.reason)} | `
    + `${a.expires ?? 'never'} | ${cell(a.ticket) || '-'} | ${STATUS_LABEL[a.status]}${a.problem ? `: ${cell(a.problem)}` : ''} | ${a.findingCount} |`);
  return [
    `### Acknowledgements (${acks.length})`,
    '',
    '| Id | Scope | Reason | Expires | Ticket | Status | Findings |',
    '| --- | --- | --- | --- | --- | --- | ---: |',
    ...rows,
  ].join('\n');
}

function baselineSection(result: AuditResultData): string | undefined {
  const baseline = result.baseline;
  if (!baseline) return undefined;
  const file = baseline.file ? code(baseline.file) : 'the baseline';
  const refresh = `refresh with ${code(`cdk synth -c ${AuditBaseline.WRITE_CONTEXT}=true`)}`;
  if (baseline.written) return `### Baseline\n\nWrote ${file} with ${plural(baseline.entries, 'finding')}.`;
  if (!baseline.exists) return `### Baseline\n\n${file} does not exist yet: write it with ${code(`cdk synth -c ${AuditBaseline.WRITE_CONTEXT}=true`)}.`;
  const fixed = baseline.fixedEntries > 0 ? ` ${plural(baseline.fixedEntries, 'entry', 'entries')} no longer found (fixed): ${refresh} to remove them.` : '';
  return `### Baseline\n\n${plural(baseline.remaining, 'baselined finding')} ${baseline.remaining === 1 ? 'remains' : 'remain'} of ${baseline.entries} in ${file}.${fixed}`;
}

function permissionsSection(result: AuditResultData, maxFunctions: number, jsonName: string): string | undefined {
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
