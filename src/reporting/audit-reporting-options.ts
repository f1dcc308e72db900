/** What the audit writes and prints on each synthesis. */
export interface AuditReportingOptions {
  /**
   * Write the JSON, Markdown and SARIF reports into the cloud assembly folder (`cdk.out`) on every synthesis.
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
   * Print a short grouped summary (per stack, per severity, top findings with their fix) to stderr.
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
   * Include each function's effective permissions (services, access levels, resources) in the reports.
   *
   * @default true
   */
  readonly functionPermissions?: boolean;
  /**
   * The repository root: SARIF and Markdown show source files relative to it.
   *
   * @default - the current working directory
   */
  readonly sourceRoot?: string;
}
