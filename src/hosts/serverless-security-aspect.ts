import { AspectPriority, Aspects, IAspect, Stack, Stage } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { AuditOptions } from './audit-options';
import { AuditRun } from './private/audit-run';
import { FindingAnnotations } from './private/finding-annotations';
import { Finding, Findings } from '../core/finding';
import { AuditedStack } from '../engine/audit-engine';
import { StackViews } from '../engine/stack-views';
import { AuditResult } from '../reporting/audit-result';
import { FindingStatus } from '../reporting/reported-finding';

/** Configuration of the `ServerlessSecurityAspect`. */
export interface ServerlessSecurityAspectProps extends AuditOptions {}

/**
 * The serverless security audit as a CDK Aspect, for teams that use Aspects rather than validation plugins. On each
 * stack it renders the template the stack will synthesize (tokens resolved, raw overrides applied), runs the same
 * engine as `ServerlessSecurityChecks`, and annotates the resources: findings at or above `failOn` as errors (which
 * make `cdk synth` exit non-zero), the others as warnings with an acknowledgeable id.
 *
 * CDK cannot acknowledge annotation errors, so the Aspect applies `Validations.of(scope).acknowledge(...)`
 * acknowledgements itself before annotating: an acknowledged (or baselined) finding is not annotated. When the last
 * stack of a synthesis is audited, it evaluates all of them once, writes the JSON, Markdown and SARIF reports into
 * the stage's output folder, prints the summary and annotates the findings.
 *
 * The audit itself runs in the validation phase of the synthesis, after every Aspect and after references between
 * stacks are prepared, so what other Aspects change is seen whatever the order they were added in. Aspects added
 * to an app do not reach into its `Stage`s; apply it to each stage too.
 */
export class ServerlessSecurityAspect implements IAspect {
  /** Adds a new aspect to a scope with `AspectPriority.READONLY`, the priority of Aspects that only read. */
  public static applyTo(scope: IConstruct, props?: ServerlessSecurityAspectProps): ServerlessSecurityAspect {
    const aspect = new ServerlessSecurityAspect(props);
    Aspects.of(scope).add(aspect, { priority: AspectPriority.READONLY });
    return aspect;
  }

  private readonly run: AuditRun;
  /** The stacks audited and their findings, by path: a stack synthesized again (as assertions do) replaces its own. */
  private readonly audits = new Map<string, { stack: AuditedStack; findings: Finding[]; construct: Stack }>();
  private readonly scheduled = new WeakSet<Stack>();
  /** Paths of the stacks scheduled, in tree order: the summary is printed after the last one. */
  private readonly scheduledPaths: string[] = [];
  private latest?: AuditResult;
  /** Paths of the stacks audited in the current synthesis. */
  private readonly round = new Set<string>();

  constructor(props?: ServerlessSecurityAspectProps) {
    this.run = new AuditRun(props ?? {});
  }

  /** Every finding of the stacks audited so far (audits run during synthesis), acknowledged ones included. */
  public get findings(): Finding[] {
    return [...this.audits.values()].flatMap((a) => a.findings);
  }

  /**
   * What the audit of the stacks audited so far concluded (what the reports render), or undefined before the first
   * stack was audited.
   */
  public get result(): AuditResult | undefined {
    return this.latest;
  }

  /**
   * On a stack, schedules its audit for the validation phase of the synthesis: by then every Aspect (on the stack
   * and on its descendants, whatever their priority) has run and references are prepared, so the audit judges the
   * template that will really be written.
   */
  public visit(node: IConstruct): void {
    if (!Stack.isStack(node) || this.scheduled.has(node)) return;
    this.scheduled.add(node);
    this.scheduledPaths.push(node.node.path);
    node.node.addValidation({
      validate: () => {
        this.auditStack(node);
        return [];
      },
    });
  }

  /**
   * Audits one stack. Once every scheduled stack of this synthesis is audited, evaluates them together (once: the
   * evaluation reviews acknowledgements across the app), writes the reports, prints the summary and annotates every
   * stack's findings. Annotating at the end is in time: all validations run before any template is written.
   */
  private auditStack(stack: Stack): void {
    if (this.round.has(stack.node.path)) this.round.clear(); // the same stack again: a new synthesis
    this.round.add(stack.node.path);
    const audited = StackViews.fromStack(stack);
    this.audits.set(stack.node.path, { stack: audited, findings: this.run.engine.audit([audited]), construct: stack });
    if (!this.scheduledPaths.every((path) => this.round.has(path))) return;

    const stacks = [...this.audits.values()].map((a) => a.stack);
    const result = this.run.evaluate(this.findings, stack.node.root, stacks, Stage.of(stack)?.outdir);
    this.latest = result;
    for (const finding of result.findings) {
      if (finding.status === FindingStatus.ACKNOWLEDGED || finding.status === FindingStatus.BASELINED) continue;
      const owner = this.audits.get(finding.stackPath);
      const target = owner?.stack.constructs?.constructOf(finding.logicalId) ?? owner?.construct ?? stack;
      const text = Findings.describe(finding);
      if (this.run.fails(finding)) {
        FindingAnnotations.error(target, text);
      } else {
        FindingAnnotations.warning(target, Findings.qualifiedRuleId(finding), text);
      }
    }
  }
}
