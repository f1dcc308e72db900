import { Severity } from '../../core/rule';
import { FindingStatus, ReportedFinding } from '../report-types';

/** Counts of one group of findings, by what they mean for the synthesis. */
export interface StatusCounts {
  readonly total: number;
  /** Open (unacknowledged, unbaselined) errors. */
  readonly errors: number;
  /** Open warnings. */
  readonly warnings: number;
  /** Open info findings (hygiene: in the reports only). */
  readonly info: number;
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
export function countsPerStack(result: { stackPaths: string[]; findings: ReportedFinding[] }): Array<{ stackPath: string; counts: StatusCounts }> {
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
  private info = 0;
  private failing = 0;
  private acknowledged = 0;
  private baselined = 0;

  public add(finding: ReportedFinding): void {
    this.total++;
    if (isOpen(finding)) {
      if (finding.severity === Severity.ERROR) this.errors++;
      else if (finding.severity === Severity.WARNING) this.warnings++;
      else this.info++;
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
      info: this.info,
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

/** The rank of a severity: errors first, then warnings, then info. */
export function severityRank(severity: Severity): number {
  return severity === Severity.ERROR ? 0 : severity === Severity.WARNING ? 1 : 2;
}

/** Open findings, failing ones first, then by severity (errors, warnings, info), in audit order otherwise. */
export function openFindingsByUrgency(findings: ReportedFinding[]): ReportedFinding[] {
  // Six ranks, so six buckets filled in audit order: a stable sort in one pass.
  const buckets: ReportedFinding[][] = [[], [], [], [], [], []];
  for (const f of findings) {
    if (isOpen(f)) buckets[(f.status === FindingStatus.FAILING ? 0 : 3) + severityRank(f.severity)].push(f);
  }
  return buckets.flat();
}
