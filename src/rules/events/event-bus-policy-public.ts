import { AuditedResource } from '../../core/audited-resource';
import { IRule, RuleCategory, Severity, Verdict } from '../../core/rule';
import { StackView } from '../../core/stack-view';
import { resourcePolicyVerdicts } from '../iam/private/resource-policy';

/**
 * Flags event bus policies that let anyone (`Principal: "*"`) put events on the bus without a condition that narrows
 * the callers (`aws:PrincipalOrgID`, `aws:SourceAccount`...): anyone could then trigger every rule of the bus with
 * forged events. Reads `AWS::Events::EventBusPolicy` (its `Statement`, or the older `Principal`/`Action`/`Condition`
 * form) and the `Policy` of `AWS::Events::EventBus`.
 */
export class EventsBusPolicyPublicRule implements IRule {
  /** This rule's id: what `id` returns, for code that names the rule (acknowledgements, packs) without an instance. */
  public static readonly ID = 'SLS-EVENTS-BUS-POLICY-PUBLIC';

  public readonly id = EventsBusPolicyPublicRule.ID;
  public readonly category: RuleCategory = RuleCategory.INPUT_VALIDATION;
  public readonly severity: Severity = Severity.ERROR;
  public readonly severityReason?: string = 'Anyone could put forged events on the bus and so trigger every rule and target behind it.';
  public readonly description: string = 'EventBridge event bus policies admit only named principals, or "*" narrowed by aws:PrincipalOrgID or aws:SourceAccount.';
  public readonly remediation: string = 'Grant events:PutEvents to named accounts or roles (eventBus.grantPutEventsTo(principal)), '
    + 'or add a condition on aws:PrincipalOrgID to the bus policy statement.';
  public readonly resourceTypes: string[] = ['AWS::Events::EventBusPolicy', 'AWS::Events::EventBus'];

  public check(resource: AuditedResource, stack: StackView): Verdict[] {
    return resourcePolicyVerdicts(resource, stack);
  }
}
