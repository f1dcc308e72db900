import { Severity } from '../../rules/rule';
import { AuditResult } from '../audit-result';
import { FindingStatus, ReportedFinding } from '../reported-finding';

/** Counts of one group of findings, by what they mean for the synthesis. */
export interface StatusCounts {
  readonly total: number;
  /** Unacknowledged, unbaselined errors. */
  readonly errors: number;
  /** Unacknowledged, unbaselined warnings. */
  readonly warnings: number;
  readonly failing: number;
  readonly acknowledged: number;
  readonly baselined: number;
}

export function countsOf(findings: ReportedFinding[]): StatusCounts {
  const open = findings.filter(isOpen);
  return {
    total: findings.length,
    errors: open.filter((f) => f.severity === Severity.ERROR).length,
    warnings: open.filter((f) => f.severity === Severity.WARNING).length,
    failing: findings.filter((f) => f.status === FindingStatus.FAILING).length,
    acknowledged: findings.filter((f) => f.status === FindingStatus.ACKNOWLEDGED).length,
    baselined: findings.filter((f) => f.status === FindingStatus.BASELINED).length,
  };
}

/** Counts per audited stack, in audit order (stacks without findings included). */
export function countsPerStack(result: AuditResult): Array<{ stackPath: string; counts: StatusCounts }> {
  const paths = [...new Set([...result.stackPaths, ...result.findings.map((f) => f.stackPath)])];
  return paths.map((stackPath) => ({ stackPath, counts: countsOf(result.findings.filter((f) => f.stackPath === stackPath)) }));
}

/** Findings someone has to act on: neither acknowledged nor baselined. */
export function isOpen(finding: ReportedFinding): boolean {
  return finding.status === FindingStatus.FAILING || finding.status === FindingStatus.BELOW_THRESHOLD;
}

/** Open findings, failing ones first, then errors before warnings, in audit order otherwise. */
export function openFindingsByUrgency(findings: ReportedFinding[]): ReportedFinding[] {
  const rank = (f: ReportedFinding) => (f.status === FindingStatus.FAILING ? 0 : 2) + (f.severity === Severity.ERROR ? 0 : 1);
  return findings.filter(isOpen).map((f, i) => ({ f, i }))
    .sort((a, b) => rank(a.f) - rank(b.f) || a.i - b.i).map((x) => x.f);
}

/** Open findings grouped by rule (and severity), most urgent group first: what a summary lists. */
export interface FindingGroup {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly failing: boolean;
  readonly findings: ReportedFinding[];
}

export function groupOpenFindings(findings: ReportedFinding[]): FindingGroup[] {
  const groups = new Map<string, FindingGroup>();
  for (const finding of openFindingsByUrgency(findings)) {
    const failing = finding.status === FindingStatus.FAILING;
    const key = `${finding.ruleId}|${finding.severity}|${failing}|${finding.expiredAcknowledgement ? 'expired' : ''}`;
    let group = groups.get(key);
    if (!group) {
      group = { ruleId: finding.ruleId, severity: finding.severity, failing, findings: [] };
      groups.set(key, group);
    }
    group.findings.push(finding);
  }
  return [...groups.values()];
}
