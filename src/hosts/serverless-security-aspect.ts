import { AspectPriority, Aspects, IAspect, Stack, Stage } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { AuditRun } from './private/audit-run';
import { FindingAnnotations } from './private/finding-annotations';
import { AcknowledgementStatus } from '../acknowledgements/acknowledgement';
import { AcknowledgementIndex } from '../acknowledgements/private/acknowledgement-index';
import { AuditDate } from '../core/audit-date';
import { Finding } from '../core/finding';
import { Findings } from '../core/private/findings';
import { AuditedStack } from '../engine/audit-engine';
import { StackViews } from '../engine/stack-views';
import { AuditOptions } from '../reporting/audit-options';
import { AuditResult } from '../reporting/audit-result';
import { ConsoleText } from '../reporting/private/console-text';
import { sentence } from '../reporting/private/text';
import { FindingStatus } from '../reporting/report-types';

/**
 * The serverless security audit as a CDK Aspect, for teams that use Aspects rather than validation plugins. On each
 * stack it renders the template the stack will synthesize (tokens resolved, raw overrides applied), runs the same
 * engine as `ServerlessSecurityChecks`, and annotates the resources with the findings at or above `failOn`, as errors
 * (which make `cdk synth` exit non-zero, and which unit tests can assert with `Annotations.fromStack`). Findings below
 * `failOn` are in the reports; open warnings are also printed, one line each, when the synthesis passes (under the
 * CDK CLI, or with `consoleSummary: true`); info findings only in the reports.
 *
 * CDK cannot acknowledge annotation errors, so the Aspect applies `Validations.of(scope).acknowledge(...)`
 * acknowledgements itself before annotating: an acknowledged (or baselined) finding is not annotated. When the last
 * stack of a synthesis is audited, it evaluates all of them once, writes the JSON, Markdown and SARIF reports into
 * the stage's output folder, annotates the failing findings and prints the closing line (the failing findings themselves
 * are printed once, by CDK, as annotations).
 *
 * The audit itself runs in the validation phase of the synthesis, after every Aspect and after references between
 * stacks are prepared, so what other Aspects change is seen whatever the order they were added in. Aspects added
 * to an app do not reach into its `Stage`s; apply it to each stage too.
 */
export class ServerlessSecurityAspect implements IAspect {
  /** Adds a new aspect to a scope with `AspectPriority.READONLY`, the priority of Aspects that only read. */
  public static applyTo(scope: IConstruct, props?: AuditOptions): ServerlessSecurityAspect {
    const aspect = new ServerlessSecurityAspect(props);
    Aspects.of(scope).add(aspect, { priority: AspectPriority.READONLY });
    return aspect;
  }

  private readonly run: AuditRun;
  /** The stacks audited and their findings, by path: a stack synthesized again (as assertions do) replaces its own. */
  private readonly audits = new Map<string, { stack: AuditedStack; findings: Finding[] }>();
  private readonly scheduled = new WeakSet<Stack>();
  /** Paths of the stacks scheduled, in tree order: the evaluation runs after the last one. */
  private readonly scheduledPaths: string[] = [];
  private readonly preparedRoots = new WeakSet<IConstruct>();
  private latest?: AuditResult;
  /** Paths of the stacks audited in the current synthesis. */
  private readonly round = new Set<string>();
  /** The acknowledgement index of the current synthesis, shared by its stacks. */
  private acknowledgements?: AcknowledgementIndex;
  /** Why the current synthesis's audit failed, if it did. */
  private failure?: unknown;

  constructor(props?: AuditOptions) {
    this.run = new AuditRun(props ?? {});
  }

  /** Every finding of the stacks audited so far (audits run during synthesis), acknowledged ones included. */
  public get findings(): Finding[] {
    return [...this.audits.values()].flatMap((a) => a.findings);
  }

  /**
   * What the audit of the stacks audited so far concluded (what the reports render), or undefined before the first
   * evaluation.
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
    // The reports go to the stacks' stage: its validation, which runs before theirs, replaces an earlier run's.
    const stage = Stage.of(node);
    if (stage && !this.preparedRoots.has(stage)) {
      this.preparedRoots.add(stage);
      this.run.replaceReportsAtStart(stage, () => stage.outdir);
    }
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
   * evaluation reviews acknowledgements across the app), writes the reports, annotates every stack's findings and
   * prints. Annotating at the end is in time: all validations run before any template is written.
   */
  private auditStack(stack: Stack): void {
    if (this.round.has(stack.node.path)) this.newSynthesis(); // the same stack again: a new synthesis
    this.round.add(stack.node.path);
    try {
      this.acknowledgements ??= new AcknowledgementIndex(AuditDate.today(stack));
      const audited = StackViews._fromStack(stack, this.acknowledgements);
      this.audits.set(stack.node.path, { stack: audited, findings: this.run.engine.audit([audited]) });
    } catch (error) {
      this.failure ??= error;
    }
    if (!this.scheduledPaths.every((path) => this.round.has(path))) return;

    const root = stack.node.root;
    const outdir = Stage.of(stack)?.outdir;
    if (this.failure === undefined) {
      try {
        this.latest = this.run.report(this.findings, [...this.audits.values()].map((a) => a.stack), root, outdir);
      } catch (error) {
        this.failure = error;
      }
    }
    if (this.failure !== undefined) {
      // On a stack: CDK writes the annotations of stacks (and their constructs) into the cloud assembly, not the app's.
      FindingAnnotations.error(stack, this.run.reportFailure(outdir, this.failure));
      return;
    }
    this.annotate(this.latest!, root, stack);
  }

  private newSynthesis(): void {
    this.round.clear();
    this.acknowledgements = undefined;
    this.failure = undefined;
  }

  private annotate(result: AuditResult, root: IConstruct, fallback: Stack): void {
    for (const finding of result.findings) {
      if (finding.status !== FindingStatus.FAILING) continue; // the others are in the reports (warnings also printed)
      const target = this.audits.get(finding.stackPath)?.stack.constructs?.constructOf(finding.logicalId) ?? fallback;
      FindingAnnotations.error(target, `[${Findings.qualifiedRuleId(finding)}] ${finding.message} Fix: ${finding.remediation}`);
    }
    for (const ack of result.acknowledgements) {
      if (ack.status !== AcknowledgementStatus.UNKNOWN_RULE) continue;
      // An acknowledgement on the app or a stage is annotated on a stack: CDK writes only stacks' annotations.
      const at = constructAt(root, ack.constructPath);
      FindingAnnotations.error(at && !Stage.isStage(at) ? at : fallback,
        `[${ack.id}] The acknowledgement on ${ack.constructPath || '(app)'}: ${sentence(ack.problem)} Correct the id, or remove the acknowledgement.`);
    }
    // What the annotations do not say: a passing synthesis lists its warnings; both list notes and close.
    this.run.print(result.passed ? result.renderConsole()
      : [...ConsoleText.notes(result._data, false), ConsoleText.closing(result._data)].join('\n'));
  }
}

/** The construct at a path below the root (the root itself for an empty path). */
function constructAt(root: IConstruct, constructPath: string): IConstruct | undefined {
  const rootPath = root.node.path;
  const relative = rootPath === '' ? constructPath : constructPath.substring(rootPath.length + 1);
  let current: IConstruct | undefined = root;
  for (const id of relative === '' ? [] : relative.split('/')) current = current?.node.tryFindChild(id);
  return current;
}
