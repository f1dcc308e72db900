import { AuditedResource } from '../../core/audited-resource';
import { IRule, RuleCategory, Severity, Verdict } from '../../core/rule';
import { StackView } from '../../core/stack-view';
import { Verdicts } from '../../core/verdicts';
import { PrincipalPolicies } from '../../iam/principal-policies';

/**
 * Flags an execution role used by several Lambda functions of the stack: each function then holds the union of the
 * permissions all of them need, so a bug in one reaches the resources of the others.
 *
 * Severity warning: sharing is a privilege problem only when the functions need different permissions, which the
 * template alone cannot tell (two handlers of the same table may legitimately share). The finding lists the functions
 * so that a reviewer can judge, and acknowledge with a reason when they do need the same access. A role imported from
 * outside the stack is not a resource of the stack, so functions sharing it are not judged here.
 */
export class IamRoleSharedRule implements IRule {
  /** This rule's id: what `id` returns, for code that names the rule (acknowledgements, packs) without an instance. */
  public static readonly ID = 'SLS-IAM-ROLE-SHARED';

  public readonly id = IamRoleSharedRule.ID;
  public readonly category: RuleCategory = RuleCategory.PRIVILEGES;
  public readonly severity: Severity = Severity.WARNING;
  public readonly severityReason?: string = 'Defence in depth: sharing widens what a compromised function can reach only when the functions '
    + 'need different permissions, which the template alone cannot tell.';
  public readonly description: string = 'Each Lambda function has its own execution role.';
  public readonly remediation: string = 'Give each function its own role: omit the role prop of lambda.Function (or SecureFunction), '
    + 'which creates one per function, and grant each function only what it uses.';
  public readonly resourceTypes: string[] = ['AWS::IAM::Role'];

  public check(resource: AuditedResource, stack: StackView): Verdict[] {
    const functions = PrincipalPolicies.functionsUsingRole(resource.logicalId, stack);
    if (functions.length < 2) return [];
    return [Verdicts.violation(`The role is the execution role of ${functions.length} functions (${functions.join(', ')}); each holds the permissions all of them need.`)];
  }
}
