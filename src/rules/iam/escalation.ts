import { IDENTITY_POLICY_TYPES, permissionVerdicts } from './private/permission-verdicts';
import { AuditedResource } from '../../core/audited-resource';
import { IRule, RuleCategory, Severity, Verdict } from '../../core/rule';
import { StackView } from '../../core/stack-view';
import { PermissionFindingKind } from '../../iam/permission-finding';
import { PolicyAnalyzer } from '../../iam/policy-analyzer';

/**
 * Flags privilege-escalation actions (`iam:PassRole`, `iam:Attach*Policy`, `iam:Put*Policy`, `iam:CreatePolicyVersion`,
 * `lambda:UpdateFunctionCode`, `lambda:InvokeFunction`, `sts:AssumeRole`, ... : the `EscalationActions` table) granted
 * on broad resources: `*`, or every resource of a type (`arn:aws:iam::123456789012:role/*`), and policy management
 * (`iam:*`, `iam:PutRolePolicy`, `iam:AttachRolePolicy`...) on any IAM principal, the principal's own role included.
 * Other escalation actions on one named resource are ordinary grants (`fn.grantInvoke(role)`). Wildcard
 * patterns are expanded, and each escalation action they grant is its own finding (`iam:Attach*Policy` reports
 * `iam:AttachRolePolicy`, `iam:AttachUserPolicy` and `iam:AttachGroupPolicy`).
 */
export class IamEscalationRule implements IRule {
  /** This rule's id: what `id` returns, for code that names the rule (acknowledgements, packs) without an instance. */
  public static readonly ID = 'SLS-IAM-ESCALATION';

  public readonly id = IamEscalationRule.ID;
  public readonly category: RuleCategory = RuleCategory.PRIVILEGES;
  public readonly severity: Severity = Severity.ERROR;
  public readonly severityReason?: string = 'A principal that can rewrite policies, pass roles or run code as another role can make itself '
    + 'administrator: a compromised function becomes a compromised account.';
  public readonly description: string = 'IAM policies do not allow privilege-escalation actions such as iam:PassRole or lambda:UpdateFunctionCode on broad resources.';
  public readonly remediation: string = 'Scope the statement to the exact role or function ARN (role.grantPassRole(principal), '
    + 'fn.grantInvoke(principal)); leave IAM changes (iam:Put*Policy, iam:Attach*Policy) to deployment roles, never runtime principals.';
  public readonly resourceTypes: string[] = [...IDENTITY_POLICY_TYPES];

  public check(resource: AuditedResource, stack: StackView): Verdict[] {
    return permissionVerdicts(PolicyAnalyzer.findingsFor(resource, stack, [PermissionFindingKind.PRIVILEGE_ESCALATION]));
  }
}
