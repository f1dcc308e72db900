import { IRule, Severity } from '../core/rule';
import { IRulePack } from '../packs/rule-pack';

/**
 * Everything the audit is configured with: what runs, what fails the synthesis, and what is written and printed.
 * Both hosts (`ServerlessSecurityChecks`, `ServerlessSecurityAspect`) and `SecureServerless.audit` take this one
 * object, and it travels unchanged from the host to the reports.
 */
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
   * The lowest severity that fails `cdk synth`. Unacknowledged findings below it are reported and do not fail.
   * `Severity.WARNING` also fails on warnings (undecidable findings included); `Severity.INFO` on every finding.
   *
   * @default Severity.ERROR
   */
  readonly failOn?: Severity;
  /**
   * Write the JSON, Markdown and SARIF reports into the cloud assembly folder (`cdk.out`) on every synthesis. They
   * always describe the current synthesis: files of an earlier run are replaced when the synthesis starts, and a
   * synthesis that stops before the audit completes leaves reports that say so.
   *
   * @default true
   */
  readonly writeReports?: boolean;
  /**
   * The reports' file name without extension: `<name>.json`, `<name>.md`, `<name>.sarif`.
   *
   * @default 'security-audit'
   */
  readonly reportName?: string;
  /**
   * Print the audit's lines to stderr when the synthesis passes: open warnings, errors acknowledged at the app or
   * stage root, acknowledgement problems, and one closing line. A failing synthesis lists its failing findings once,
   * in CDK's validation report, whatever this says. Info findings are never printed.
   *
   * @default - printed when the app runs under the CDK CLI (which sets `CDK_OUTDIR`), silent when an app is
   *   synthesized in-process, as in unit tests
   */
  readonly consoleSummary?: boolean;
  /**
   * A baseline file (relative to the working directory): findings recorded in it are reported but do not fail.
   * Write or refresh it with `cdk synth -c cdk-secure-serverless:write-baseline=true`.
   *
   * @default - no baseline: every finding at or above `failOn` fails
   */
  readonly baselineFile?: string;
  /**
   * Include each function's effective permissions (services, access levels, resources) in the JSON and Markdown
   * reports.
   *
   * @default true
   */
  readonly functionPermissions?: boolean;
  /**
   * The repository root: reports show source files relative to it, and when the app is not written in
   * TypeScript or JavaScript (no creation stack traces), the audit looks for each construct's id in the source files
   * below it to point SARIF results at the line that created the construct.
   *
   * @default - the current working directory (the CDK CLI runs the app in its folder)
   */
  readonly sourceRoot?: string;
}
