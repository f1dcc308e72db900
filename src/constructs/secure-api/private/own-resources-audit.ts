import { Annotations, App, IPolicyValidationPlugin, Stack, Stage, Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { IRule, Severity, VerdictKind } from '../../../core/rule';
import { Acknowledgements } from '../../../engine/acknowledgements';
import { AuditedStack } from '../../../engine/audit-engine';
import { StackViews } from '../../../engine/stack-views';

/**
 * A construct checking its own resources at synth with the audit's rule classes, so that what it refuses and what the
 * audit reports are the same findings, with the same rule ids, acknowledged the same way
 * (`Validations.of(scope).acknowledge({ id: 'ServerlessSecurityChecks::<rule id>', reason })` on the resource or an
 * ancestor).
 *
 * One synth shows every problem: aws-cdk-lib runs node validations before validation plugins, and an error there ends
 * the synth before any plugin runs. So when the audit's validation plugin (`ServerlessSecurityChecks`) is registered
 * on the app or on a stage above the construct and runs a rule, the construct leaves that rule to it (the plugin
 * reports the same finding with the rest of the app's). Without the plugin, the construct fails the synth itself:
 * secure by default does not depend on registering the audit.
 */
export class OwnResourcesAudit {
  /**
   * Runs `rules` on the resources in `scope`'s subtree, as deployed (tokens resolved, overrides applied). Rules the
   * audit plugin will run are skipped. Unacknowledged errors are returned (for `node.addValidation`); warnings and
   * "unable to decide" findings become acknowledgeable warnings on the resource.
   *
   * @returns one message per unacknowledged error: `[<rule id>] <what is wrong>. <fix>`
   */
  public static run(scope: IConstruct, rules: IRule[]): string[] {
    const active = rules.filter((rule) => !AuditPlugin.willReport(scope, rule.id));
    if (active.length === 0) return [];
    const audited = StackViewMemo.of(Stack.of(scope), scope);
    const constructs = audited.constructs!;
    const acknowledgements = new Acknowledgements();
    const errors: string[] = [];
    for (const logicalId of constructs.logicalIdsUnder(scope)) {
      const resource = audited.view.resource(logicalId);
      const construct = constructs.constructOf(logicalId);
      if (!resource || !construct) continue;
      for (const rule of active) {
        if (!rule.resourceTypes.includes(resource.type)) continue;
        let verdicts;
        try {
          verdicts = rule.check(resource, audited.view);
        } catch (e) {
          errors.push(`[${rule.id}] rule failed on ${logicalId}: ${(e as Error).message}. This is a defect in cdk-secure-serverless: please report it.`);
          continue;
        }
        for (const verdict of verdicts) {
          if (acknowledgements.find(construct, rule.id, verdict.findingId)) continue;
          const id = verdict.findingId === undefined ? rule.id : `${rule.id}[${verdict.findingId}]`;
          const undecidable = verdict.kind === VerdictKind.UNDECIDABLE;
          const severity = undecidable ? Severity.WARNING : verdict.severity ?? rule.severity;
          const what = `${undecidable ? 'Unable to decide: ' : ''}${verdict.detail} ${rule.remediation} `
            + `To accept it, acknowledge ${Acknowledgements.NAMESPACE}::${id} on ${construct.node.path} with a reason.`;
          if (severity === Severity.ERROR) {
            errors.push(`[${id}] ${construct.node.path}: ${what}`);
          } else if (severity === Severity.WARNING) {
            Validations.of(construct).addWarning(`${Acknowledgements.NAMESPACE}::${rule.id}`, `[${id}] ${what}`);
          }
        }
      }
    }
    return errors;
  }

  /**
   * A check of the construct's own that no audit rule makes (yet): an error from `node.addValidation` without the
   * audit plugin; with it, an error annotation, which fails `cdk synth` without hiding the plugin's report.
   *
   * @returns the message to return from the validation, if any
   */
  public static report(scope: IConstruct, at: IConstruct, code: string, message: string): string[] {
    if (!AuditPlugin.registered(scope)) return [`[${code}] ${at.node.path}: ${message}`];
    Annotations.of(at).addError(`[${code}] ${message}`);
    return [];
  }
}

/**
 * Whether the audit's validation plugin will judge a construct's stack. aws-cdk-lib runs a stage's plugins on every
 * stack of the stage and of its nested stages, and only when an `App` is synthesized; it offers no public,
 * non-deprecated way to list them (`Stage.policyValidationBeta1` prints a deprecation warning, and throws under
 * `JSII_DEPRECATED=fail`), so the list synthesis itself reads is used (`_validationPlugins`, the same from 2.258 to
 * 2.276). Should a later aws-cdk-lib drop it, no plugin is seen and the construct fails the synth itself: the safe
 * side.
 */
class AuditPlugin {
  /** True when the audit plugin is registered above `scope` and runs `ruleId`. */
  public static willReport(scope: IConstruct, ruleId: string): boolean {
    return AuditPlugin.plugins(scope).some((p) => p.ruleIds?.includes(ruleId) === true);
  }

  /** True when the audit plugin is registered above `scope`. */
  public static registered(scope: IConstruct): boolean {
    return AuditPlugin.plugins(scope).length > 0;
  }

  private static plugins(scope: IConstruct): IPolicyValidationPlugin[] {
    const found: IPolicyValidationPlugin[] = [];
    let top: Stage | undefined;
    for (let stage = Stage.of(scope); stage; stage = stage.parentStage) {
      const plugins = (stage as unknown as { _validationPlugins?: unknown })._validationPlugins;
      if (Array.isArray(plugins)) {
        found.push(...plugins.filter((p): p is IPolicyValidationPlugin => p?.name === Acknowledgements.NAMESPACE));
      }
      top = stage;
    }
    return top !== undefined && App.isApp(top) ? found : [];
  }
}

/**
 * The deployed view of a stack, built once per synthesis however many constructs of the stack check themselves: a
 * construct asking a second time means a new synthesis (the tree may have changed), so the view is rebuilt.
 */
class StackViewMemo {
  public static of(stack: Stack, consumer: IConstruct): AuditedStack {
    const memo = StackViewMemo.memos.get(stack);
    if (memo && !memo.consumers.has(consumer)) {
      memo.consumers.add(consumer);
      return memo.audited;
    }
    const audited = StackViews.fromStack(stack);
    StackViewMemo.memos.set(stack, { audited, consumers: new Set([consumer]) });
    return audited;
  }

  private static readonly memos = new WeakMap<Stack, { audited: AuditedStack; consumers: Set<IConstruct> }>();
}
