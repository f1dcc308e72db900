import { IRule, Severity } from '../core/rule';
import { IRulePack } from '../packs/rule-pack';
import { AuditReportingOptions } from '../reporting/audit-reporting-options';

/** What both hosts run and what fails the synthesis. */
export interface AuditOptions {
  /**
   * The pack of rules to run.
   *
   * @default - `ServerlessSecurityPack`: every built-in rule
   */
  readonly pack?: IRulePack;
  /**
   * Rules to run besides the pack's, for example a team's own `IRule` classes.
   *
   * @default - none
   */
  readonly additionalRules?: IRule[];
  /**
   * The lowest severity that fails `cdk synth`. Unacknowledged findings below it are reported as warnings and do not
   * fail. `Severity.WARNING` fails on every unacknowledged finding, undecidable ones included.
   *
   * @default Severity.ERROR
   */
  readonly failOn?: Severity;
  /**
   * What is written and printed on each synthesis: the JSON, Markdown and SARIF reports in the cloud assembly, the
   * console summary, and the baseline of accepted findings.
   *
   * @default - the three reports are written into the cloud assembly; the summary is printed when the app runs under
   *   the CDK CLI; no baseline
   */
  readonly reporting?: AuditReportingOptions;
}
