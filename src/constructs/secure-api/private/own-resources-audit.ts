import { Annotations, App, CfnResource, IPolicyValidationPlugin, Stack, Stage, Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { AcknowledgementIndex } from '../../../acknowledgements/private/acknowledgement-index';
import { AUDIT_NAMESPACE } from '../../../acknowledgements/private/names';
import { AuditDate } from '../../../core/audit-date';
import { IRule, Severity, VerdictKind } from '../../../core/rule';
import { StackView } from '../../../core/stack-view';
import { renderedTemplateOf } from '../../../engine/private/stack-template';

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
   * @param navigatedTypes the types, besides those the rules read, that the rules follow references to (a method's
   *   request validator): the view holds only the subtree's resources of these types, which costs a third of
   *   rendering the whole stack again
   * @returns one message per unacknowledged error: `[<rule id>] <what is wrong>. <fix>`
   */
  public static run(scope: IConstruct, rules: IRule[], navigatedTypes: string[] = []): string[] {
    const active = rules.filter((rule) => !AuditPlugin.willReport(scope, rule.id));
    if (active.length === 0) return [];
    const { view, constructs } = subtreeView(scope, new Set([...active.flatMap((r) => r.resourceTypes), ...navigatedTypes]));
    const acknowledgements = new AcknowledgementIndex(AuditDate.today(scope));
    const errors: string[] = [];
    for (const [logicalId, construct] of constructs) {
      const resource = view.resource(logicalId);
      if (!resource) continue;
      for (const rule of active) {
        if (!rule.resourceTypes.includes(resource.resourceType)) continue;
        let verdicts;
        try {
          verdicts = rule.check(resource, view);
        } catch (e) {
          errors.push(`[${rule.id}] rule failed on ${logicalId}: ${(e as Error).message}. This is a defect in cdk-secure-serverless: please report it.`);
          continue;
        }
        for (const verdict of verdicts) {
          if (acknowledgements.inForce(construct, rule.id, verdict.findingId)) continue;
          const id = verdict.findingId === undefined ? rule.id : `${rule.id}[${verdict.findingId}]`;
          const undecidable = verdict.kind === VerdictKind.UNDECIDABLE;
          const severity = undecidable ? Severity.WARNING : verdict.severity ?? rule.severity;
          const what = `${undecidable ? 'Unable to decide: ' : ''}${verdict.detail} ${rule.remediation} `
            + `To accept it, acknowledge ${AUDIT_NAMESPACE}::${id} on ${construct.node.path} with a reason.`;
          if (severity === Severity.ERROR) {
            errors.push(`[${id}] ${construct.node.path}: ${what}`);
          } else if (severity === Severity.WARNING) {
            Validations.of(construct).addWarning(`${AUDIT_NAMESPACE}::${rule.id}`, `[${id}] ${what}`);
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
        found.push(...plugins.filter((p): p is IPolicyValidationPlugin => p?.name === AUDIT_NAMESPACE));
      }
      top = stage;
    }
    return top !== undefined && App.isApp(top) ? found : [];
  }
}

/**
 * The deployed view of the resources of some types in a construct's subtree, rendered as the stack renders them
 * (each element's CloudFormation with raw overrides applied, then tokens resolved). References to resources outside
 * it are references to resources the view does not hold, which rules treat as unknown, never as safe.
 */
function subtreeView(scope: IConstruct, types: Set<string>): { view: StackView; constructs: Map<string, IConstruct> } {
  const stack = Stack.of(scope);
  // The stack's template as it will be written (overrides applied, tokens resolved), rendered by the engine's one
  // accessor, the only place the library reaches into aws-cdk-lib's rendering.
  const deployed: Record<string, unknown> = renderedTemplateOf(stack).Resources ?? {};
  const rendered: Record<string, unknown> = {};
  const constructs = new Map<string, IConstruct>();
  const paths: { [logicalId: string]: string } = {};
  for (const construct of scope.node.findAll()) {
    if (!CfnResource.isCfnResource(construct) || !types.has(construct.cfnResourceType) || Stack.of(construct) !== stack) continue;
    const logicalId = stack.resolve(construct.logicalId) as string;
    if (deployed[logicalId] === undefined) continue;
    rendered[logicalId] = deployed[logicalId];
    constructs.set(logicalId, construct);
    paths[logicalId] = construct.node.path;
  }
  const template = { Resources: rendered };
  return { view: new StackView(stack.node.path, template, { constructPaths: paths, today: AuditDate.today(stack) }), constructs };
}
