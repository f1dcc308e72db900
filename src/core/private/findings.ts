import { Finding } from '../finding';
import { Severity } from '../rule';

/** Helpers over findings shared by every host and report. */
export class Findings {
  /** The id a finding is reported and acknowledged under: `<ruleId>` or `<ruleId>[<findingId>]`. */
  public static qualifiedRuleId(finding: Finding): string {
    return finding.findingId === undefined ? finding.ruleId : `${finding.ruleId}[${finding.findingId}]`;
  }

  /** True when the finding's severity is at or above the threshold (ERROR > WARNING > INFO). */
  public static isAtLeast(finding: Finding, threshold: Severity): boolean {
    return SEVERITY_RANK[finding.severity] >= SEVERITY_RANK[threshold];
  }

  /**
   * One line a person can act on: rule id, severity, construct path, logical id, what is wrong and how to fix it.
   */
  public static describe(finding: Finding): string {
    return `[${Findings.qualifiedRuleId(finding)}] ${finding.severity.toUpperCase()} ${finding.constructPath} `
      + `(${finding.logicalId}, ${finding.resourceType}): ${finding.message} Fix: ${finding.remediation}`;
  }
}

/** The order of severities: a higher rank is more severe. */
const SEVERITY_RANK: { readonly [severity in Severity]: number } = {
  [Severity.INFO]: 0,
  [Severity.WARNING]: 1,
  [Severity.ERROR]: 2,
};
