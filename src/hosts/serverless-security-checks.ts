import * as path from 'path';
import {
  IPolicyValidationContext, IPolicyValidationPlugin, PolicyValidationPluginReport, PolicyViolation, Stage, Validations,
} from 'aws-cdk-lib';
import { Construct, IConstruct } from 'constructs';
import { AuditOptions } from './audit-options';
import { AuditRun } from './private/audit-run';
import { Finding, Findings } from '../core/finding';
import { Acknowledgements } from '../engine/acknowledgements';
import { AuditedStack } from '../engine/audit-engine';
import { StackViews } from '../engine/stack-views';
import { AuditResult } from '../reporting/audit-result';
import { FindingStatus, ReportedFinding } from '../reporting/reported-finding';

/** Configuration of the `ServerlessSecurityChecks` validation plugin. */
export interface ServerlessSecurityChecksProps extends AuditOptions {
  /**
   * Also list the findings that do not fail the synthesis in CDK's validation report: warnings below `failOn`, and
   * acknowledged and baselined findings (as `info`, with the reason and where it was acknowledged). By default CDK's
   * report lists only what fails, so a large app is not buried in hundreds of lines; everything else is in the
   * grouped console summary and the reports in `cdk.out`, which always list every finding.
   *
   * @default false
   */
  readonly verbose?: boolean;
}

/**
 * The serverless security audit as a CDK validation plugin: it reads the synthesized templates, maps them back to
 * the construct tree, runs the rule pack once over every stack, and reports findings to `cdk synth`.
 *
 * Only unacknowledged findings at or above `failOn` fail the synthesis; the others are reported as warnings and
 * printed, but the synthesis succeeds. Acknowledge a finding with
 * `Validations.of(scope).acknowledge({ id: 'ServerlessSecurityChecks::SLS-X', reason })` (or the bare `SLS-X`) on
 * the resource or any ancestor; a granular finding also as `SLS-X[findingId]`.
 *
 * @example
 * declare const app: App;
 * new ServerlessSecurityChecks(app); // registers itself
 * // or, cdk-nag style:
 * Validations.of(app).addPlugins(new ServerlessSecurityChecks());
 */
export class ServerlessSecurityChecks implements IPolicyValidationPlugin {
  /** The plugin name; CDK matches `ServerlessSecurityChecks::<rule id>` acknowledgements against it. */
  public static readonly PLUGIN_NAME = Acknowledgements.NAMESPACE;

  public readonly name = ServerlessSecurityChecks.PLUGIN_NAME;
  public readonly ruleIds?: string[];
  private readonly run: AuditRun;
  private readonly verbose: boolean;

  /**
   * @param scope when given, the plugin registers itself on the app or stage of this scope (registering the same
   *   instance again with `Validations.of(app).addPlugins` is harmless: CDK runs each plugin instance once)
   * @param props what to run and what fails the synthesis
   */
  constructor(scope?: IConstruct, props?: ServerlessSecurityChecksProps) {
    if (scope !== undefined && !Construct.isConstruct(scope)) {
      // JavaScript (and untyped callers of the other languages) can pass the props first; say so instead of failing
      // deep inside aws-cdk-lib.
      throw new Error('ServerlessSecurityChecks: the first argument is the app or stage to register on, and the options '
        + 'come second: `new ServerlessSecurityChecks(app, { ... })`, or `new ServerlessSecurityChecks(undefined, { ... })` '
        + 'with `Validations.of(app).addPlugins(...)`.');
    }
    this.run = new AuditRun(props ?? {});
    this.verbose = props?.verbose ?? false;
    this.ruleIds = this.run.ruleIds;
    if (scope) Validations.of(scope).addPlugins(this);
  }

  /**
   * Called by CDK after synthesis with the templates of every stack. Writes the JSON, Markdown and SARIF reports into
   * the cloud assembly folder and prints the summary (see `AuditOptions.reporting`).
   */
  public validate(context: IPolicyValidationContext): PolicyValidationPluginReport {
    // Only `templatePaths` and `appConstruct` are relied on: they exist on the 2.258 floor (`stackTemplates` does
    // not); templates are mapped back to their stacks through the tree.
    const templatePaths = context.templatePaths ?? [];
    const stacks = StackViews.fromTemplates(templatePaths, context.appConstruct);
    const result = this.run.evaluate(this.run.engine.audit(stacks), context.appConstruct, stacks,
      assemblyFolder(context.appConstruct, templatePaths));
    return this.report(result.findings);
  }

  /**
   * Audits the stacks in (or containing) a scope directly from the construct tree, without synthesizing, and
   * returns every finding, acknowledged ones included. For tests and for other tools built on the audit.
   */
  public audit(scope: IConstruct): Finding[] {
    return this.run.engine.audit(StackViews.fromConstructTree(scope));
  }

  /**
   * Audits a scope directly (like `audit`) and returns the report the plugin would give CDK, like cdk-nag's
   * `validateScope`. Writes no report files.
   */
  public validateScope(scope: IConstruct): PolicyValidationPluginReport {
    return this.report(this.evaluate(scope).findings);
  }

  /**
   * Audits a scope directly and decides, as a synthesis would, which findings fail: acknowledgements with their
   * expiry and ticket, the baseline, `failOn`. Writes no report files and prints nothing. The result is what every
   * report renders (`JsonReport`, `MarkdownReport`, `SarifReport`, `ConsoleSummary`).
   */
  public evaluate(scope: IConstruct): AuditResult {
    const stacks = StackViews.fromConstructTree(scope);
    return this.run.evaluate(this.run.engine.audit(stacks), scope.node.root, stacks);
  }

  /** Audits stacks whose views a host has already built. */
  public auditStacks(stacks: AuditedStack[]): Finding[] {
    return this.run.engine.audit(stacks);
  }

  /**
   * What the report label alone does not say: an acknowledgement, a baselined finding, or a warning failing because
   * of `failOn`.
   */
  private note(finding: ReportedFinding, label: string): string {
    if (finding.acknowledged) return ` Acknowledged at ${finding.acknowledgedAt}: ${finding.acknowledgedReason}`;
    if (finding.status === FindingStatus.BASELINED) return ' (Recorded in the audit baseline: it does not fail.)';
    if (label !== finding.severity) return ` (Severity ${finding.severity}; it fails because failOn is ${this.run.failOn}.)`;
    return '';
  }

  private report(findings: ReportedFinding[]): PolicyValidationPluginReport {
    const quiet = (f: ReportedFinding) => f.status === FindingStatus.ACKNOWLEDGED || f.status === FindingStatus.BASELINED;
    const reported = findings.filter((f) => this.verbose || this.run.fails(f));
    const violations = new Map<string, PolicyViolation & { violatingResources: any[] }>();
    for (const finding of reported) {
      const ruleName = Findings.qualifiedRuleId(finding);
      // CDK recomputes `success` from these labels when the app holds any acknowledgement, so the label says
      // whether the finding fails the synthesis; the rule's own severity travels in ruleMetadata.
      const severity = quiet(finding) ? 'info' : this.run.fails(finding) ? 'error' : 'warning';
      const description = `[${ruleName}] ${finding.message}${this.note(finding, severity)}`;
      const key = JSON.stringify([ruleName, severity, description]);
      let violation = violations.get(key);
      if (!violation) {
        violation = {
          ruleName,
          description,
          fix: finding.remediation,
          severity,
          ruleMetadata: { ruleId: finding.ruleId, severity: finding.severity, category: finding.category, kind: finding.kind },
          violatingResources: [],
        };
        violations.set(key, violation);
      }
      violation.violatingResources.push(finding.templatePath
        ? { resourceLogicalId: finding.logicalId, templatePath: finding.templatePath, locations: [finding.location ?? 'Properties'] }
        : { constructPath: finding.constructPath, locations: [finding.location ?? 'Properties'] });
    }
    const failing = findings.filter((f) => this.run.fails(f));
    return {
      success: failing.length === 0,
      violations: [...violations.values()],
      metadata: {
        failOn: this.run.failOn,
        findings: String(findings.length),
        failing: String(failing.length),
        acknowledged: String(findings.filter((f) => f.acknowledged).length),
        baselined: String(findings.filter((f) => f.status === FindingStatus.BASELINED).length),
      },
    };
  }
}

/**
 * The cloud assembly folder the reports go to: the app's output folder, or the folder of the templates when the
 * plugin was given no construct tree.
 */
function assemblyFolder(appConstruct: IConstruct | undefined, templatePaths: string[]): string | undefined {
  if (appConstruct && Stage.isStage(appConstruct)) return appConstruct.outdir;
  const stage = appConstruct ? Stage.of(appConstruct) : undefined;
  if (stage) return stage.outdir;
  return templatePaths.length > 0 ? path.dirname(templatePaths[0]) : undefined;
}
