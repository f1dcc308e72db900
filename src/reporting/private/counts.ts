import { Severity } from '../../core/rule';
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

/** One pass over the findings: reports count thousands of them, per stack and in total, on every synth. */
export function countsOf(findings: ReportedFinding[]): StatusCounts {
  const counts = new CountsAccumulator();
  for (const finding of findings) counts.add(finding);
  return counts.counts();
}

/** Counts per audited stack, in audit order (stacks without findings included). */
export function countsPerStack(result: AuditResult): Array<{ stackPath: string; counts: StatusCounts }> {
  const byStack = new Map<string, CountsAccumulator>(result.stackPaths.map((stackPath) => [stackPath, new CountsAccumulator()]));
  for (const finding of result.findings) {
    let counts = byStack.get(finding.stackPath);
    if (!counts) {
      counts = new CountsAccumulator();
      byStack.set(finding.stackPath, counts);
    }
    counts.add(finding);
  }
  return [...byStack].map(([stackPath, counts]) => ({ stackPath, counts: counts.counts() }));
}

class CountsAccumulator {
  private total = 0;
  private errors = 0;
  private warnings = 0;
  private failing = 0;
  private acknowledged = 0;
  private baselined = 0;

  public add(finding: ReportedFinding): void {
    this.total++;
    if (isOpen(finding)) {
      if (finding.severity === Severity.ERROR) this.errors++;
      else if (finding.severity === Severity.WARNING) this.warnings++;
    }
    if (finding.status === FindingStatus.FAILING) this.failing++;
    else if (finding.status === FindingStatus.ACKNOWLEDGED) this.acknowledged++;
    else if (finding.status === FindingStatus.BASELINED) this.baselined++;
  }

  public counts(): StatusCounts {
    return {
      total: this.total,
      errors: this.errors,
      warnings: this.warnings,
      failing: this.failing,
      acknowledged: this.acknowledged,
      baselined: this.baselined,
    };
  }
}

/** Findings someone has to act on: neither acknowledged nor baselined. */
export function isOpen(finding: ReportedFinding): boolean {
  return finding.status === FindingStatus.FAILING || finding.status === FindingStatus.BELOW_THRESHOLD;
}

/** Open findings, failing ones first, then errors before warnings, in audit order otherwise. */
export function openFindingsByUrgency(findings: ReportedFinding[]): ReportedFinding[] {
  // Four ranks, so four buckets filled in audit order: a stable sort in one pass.
  const buckets: ReportedFinding[][] = [[], [], [], []];
  for (const f of findings) {
    if (isOpen(f)) buckets[(f.status === FindingStatus.FAILING ? 0 : 2) + (f.severity === Severity.ERROR ? 0 : 1)].push(f);
  }
  return buckets.flat();
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
