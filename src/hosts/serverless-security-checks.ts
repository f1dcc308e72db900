import * as path from 'path';
import {
  IPolicyValidationContext, IPolicyValidationPlugin, PolicyValidationPluginReport, PolicyViolation, Stage, Validations,
} from 'aws-cdk-lib';
import { Construct, IConstruct } from 'constructs';
import { AuditRun } from './private/audit-run';
import { AuditAcknowledgements } from '../acknowledgements/audit-acknowledgements';
import { Finding } from '../core/finding';
import { AuditedStack } from '../engine/audit-engine';
import { StackViews } from '../engine/stack-views';
import { AuditOptions } from '../reporting/audit-options';
import { AuditResult } from '../reporting/audit-result';
import { ConsoleText } from '../reporting/private/console-text';
import { FindingStatus } from '../reporting/report-types';

/** The rule name of the plugin's one violation per failing stack (never acknowledgeable: findings are, one by one). */
const AUDIT_RULE_NAME = 'SLS-AUDIT';

/**
 * The serverless security audit as a CDK validation plugin: it reads the synthesized templates, maps them back to
 * the construct tree, runs the rule pack once over every stack, writes the reports and tells `cdk synth` whether it
 * passes.
 *
 * Only unacknowledged findings at or above `failOn` fail the synthesis. They are listed once, in CDK's validation
 * report: one entry per failing stack, its findings grouped by construct, one line each with its fix on the next, and
 * a closing line. Acknowledge a finding with
 * `Validations.of(scope).acknowledge({ id: 'ServerlessSecurityChecks::SLS-X', reason })` (or the bare `SLS-X`) on
 * the resource or any ancestor; a granular finding also as `SLS-X[findingId]`. The audit applies acknowledgements
 * itself, judging their reasons, so CDK's report entry cannot be acknowledged as a whole.
 *
 * @example
 * declare const app: App;
 * new ServerlessSecurityChecks(app); // registers itself
 * // or, cdk-nag style:
 * Validations.of(app).addPlugins(new ServerlessSecurityChecks());
 */
export class ServerlessSecurityChecks implements IPolicyValidationPlugin {
  /** The plugin name; CDK matches `ServerlessSecurityChecks::<rule id>` acknowledgements against it. */
  public static readonly PLUGIN_NAME = AuditAcknowledgements.NAMESPACE;

  public readonly name = ServerlessSecurityChecks.PLUGIN_NAME;
  public readonly ruleIds?: string[];
  private readonly run: AuditRun;

  /**
   * @param scope when given, the plugin registers itself on the app or stage of this scope (registering the same
   *   instance again with `Validations.of(app).addPlugins` is harmless: CDK runs each plugin instance once), and the
   *   reports of an earlier synthesis are replaced as soon as a synthesis starts
   * @param props what to run, what fails the synthesis, and what is written and printed
   */
  constructor(scope?: IConstruct, props?: AuditOptions) {
    if (scope !== undefined && !Construct.isConstruct(scope)) {
      // JavaScript (and untyped callers of the other languages) can pass the props first; say so instead of failing
      // deep inside aws-cdk-lib.
      throw new Error('ServerlessSecurityChecks: the first argument is the app or stage to register on, and the options '
        + 'come second: `new ServerlessSecurityChecks(app, { ... })`, or `new ServerlessSecurityChecks(undefined, { ... })` '
        + 'with `Validations.of(app).addPlugins(...)`.');
    }
    this.run = new AuditRun(props ?? {});
    this.ruleIds = this.run.ruleIds;
    if (scope) {
      Validations.of(scope).addPlugins(this);
      const root = scope.node.root;
      this.run.replaceReportsAtStart(root, () => assemblyFolder(root, []));
    }
  }

  /**
   * Called by CDK after synthesis with the templates of every stack. Writes the JSON, Markdown and SARIF reports into
   * the cloud assembly folder and reports the failing findings to CDK (see `AuditOptions`).
   */
  public validate(context: IPolicyValidationContext): PolicyValidationPluginReport {
    // Only `templatePaths` and `appConstruct` are relied on: they exist on the 2.258 floor (`stackTemplates` does
    // not); templates are mapped back to their stacks through the tree.
    const templatePaths = context.templatePaths ?? [];
    const root = context.appConstruct;
    const outdir = assemblyFolder(root, templatePaths);
    let result: AuditResult;
    let stacks: AuditedStack[] = [];
    try {
      stacks = StackViews.fromTemplates(templatePaths, root);
      result = this.run.auditAndReport(stacks, root, outdir);
    } catch (error) {
      const message = this.run.reportFailure(outdir, error);
      return { success: false, violations: [auditViolation(message, '')] };
    }
    if (result.passed) this.run.print(result.renderConsole());
    return this.report(result, new Set(stacks.filter((s) => s.constructs).map((s) => s.view.stackPath)));
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
    const stacks = StackViews.fromConstructTree(scope);
    return this.report(this.run.auditAndReport(stacks, scope.node.root, undefined), new Set(stacks.map((s) => s.view.stackPath)));
  }

  /**
   * Audits a scope directly and decides, as a synthesis would, which findings fail: acknowledgements with their
   * expiry and ticket, the baseline, `failOn`. Writes no report files and prints nothing. The result renders every
   * report (`renderJson`, `renderMarkdown`, `renderSarif`, `renderConsole`).
   */
  public evaluate(scope: IConstruct): AuditResult {
    return this.run.auditAndReport(StackViews.fromConstructTree(scope), scope.node.root, undefined);
  }

  /**
   * The report for CDK: nothing when the audit passes; otherwise one violation per stack with failing findings,
   * whose description lists them grouped by construct with their fixes (the last one also the acknowledgement notes
   * and the closing line). One entry per stack keeps `cdk deploy <stack>` judging only that stack, and keeps the
   * listing to one line per finding: CDK prints each violating resource as a block of five lines.
   */
  private report(result: AuditResult, knownStacks: Set<string>): PolicyValidationPluginReport {
    const data = result._data;
    const metadata = {
      failOn: data.failOn,
      findings: String(data.findings.length),
      failing: String(data.findings.filter((f) => f.status === FindingStatus.FAILING).length),
    };
    if (data.passed) return { success: true, violations: [], metadata };
    const byStack = new Map<string, typeof data.findings>();
    for (const finding of data.findings) {
      if (finding.status !== FindingStatus.FAILING) continue;
      const list = byStack.get(finding.stackPath) ?? [];
      list.push(finding);
      byStack.set(finding.stackPath, list);
    }
    // Acknowledgements that name no rule are listed with the stack they are in, or with the last entry.
    const blocks = [...byStack].map(([stackPath, findings]) => ({
      stackPath: knownStacks.has(stackPath) ? stackPath : '',
      lines: ConsoleText.failing(data, findings, data.acknowledgements.filter((a) => stackOf(a.constructPath, knownStacks) === stackPath)),
      count: findings.length,
    }));
    const elsewhere = data.acknowledgements.filter((a) => !byStack.has(stackOf(a.constructPath, knownStacks) ?? '\u0000'));
    const unknownElsewhere = ConsoleText.failing(data, [], elsewhere);
    if (blocks.length === 0 || unknownElsewhere.length > 0) blocks.push({ stackPath: '', lines: unknownElsewhere, count: 0 });
    const last = blocks[blocks.length - 1];
    last.lines.push(...ConsoleText.notes(data, false), ConsoleText.closing(data));
    return {
      success: false,
      violations: blocks.map((b) => auditViolation([
        b.count > 0
          ? `Serverless security audit: ${b.count} ${b.count === 1 ? 'finding' : 'findings'} in ${b.stackPath || 'the app'} must be fixed or acknowledged.`
          : 'Serverless security audit:',
        ...b.lines,
      ].join('\n'), b.stackPath)),
      metadata,
    };
  }
}

/**
 * One entry of CDK's validation report. `fatal` because it cannot be acknowledged as a whole: the audit applies
 * acknowledgements finding by finding (and judges their reasons) before it reports.
 */
function auditViolation(description: string, stackPath: string): PolicyViolation {
  return {
    ruleName: AUDIT_RULE_NAME,
    description,
    severity: 'fatal',
    violatingResources: [{ constructPath: stackPath, locations: [] }],
  };
}

/** The audited stack a construct path lies in (the deepest, for nested stacks), if any. */
function stackOf(constructPath: string, stacks: Set<string>): string | undefined {
  let best: string | undefined;
  for (const stack of stacks) {
    if ((constructPath === stack || constructPath.startsWith(`${stack}/`)) && (best === undefined || stack.length > best.length)) best = stack;
  }
  return best;
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
