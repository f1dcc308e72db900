import { permissionVerdicts } from './private/permission-verdicts';
import { AuditedResource } from '../../core/audited-resource';
import { IRule, RuleCategory, Severity, Verdict } from '../../core/rule';
import { StackView } from '../../core/stack-view';
import { PermissionFindingKind } from '../../iam/permission-finding';
import { PolicyAnalyzer } from '../../iam/policy-analyzer';

const KINDS = [PermissionFindingKind.BROAD_MANAGED_POLICY, PermissionFindingKind.READ_MANAGED_POLICY];

/**
 * Flags AWS managed policies attached to roles, users and groups, judged by their documents (the library's generated
 * table of AWS managed policies, not their names): a policy that grants what would be an error in an inline policy
 * (administrator access, writes or permissions management on every resource, privilege escalation such as
 * `AWSLambdaRole`'s `lambda:InvokeFunction` on `*`, `NotAction`) is an error; one that reads every resource of a
 * service is a warning. The baseline every function needs (`AWSLambdaBasicExecutionRole`,
 * `AWSLambdaVPCAccessExecutionRole`, `AWSXRayDaemonWriteAccess`) is not reported. A policy the table does not know,
 * or an ARN not known at synth time, is "unable to decide".
 */
export class IamManagedPolicyRule implements IRule {
  /** This rule's id: what `id` returns, for code that names the rule (acknowledgements, packs) without an instance. */
  public static readonly ID = 'SLS-IAM-MANAGED-POLICY';

  public readonly id = IamManagedPolicyRule.ID;
  public readonly category: RuleCategory = RuleCategory.PRIVILEGES;
  public readonly severity: Severity = Severity.ERROR;
  public readonly severityReason?: string = 'An AWS managed policy that grants administrator access, writes on every resource or an '
    + 'escalation path hands a compromised function the whole account; one that only reads every resource is a warning.';
  public readonly description: string = 'Roles carry no AWS managed policy that grants administrator access, writes or escalation on every resource, or reads every resource.';
  public readonly remediation: string = 'Remove the managed policy from the role (iam.ManagedPolicy.fromAwsManagedPolicyName) and grant '
    + 'the principal exactly what it uses through the grant methods of the resources it reaches; SecureFunction roles '
    + 'receive permissions only through grants.';
  public readonly resourceTypes: string[] = ['AWS::IAM::Role', 'AWS::IAM::User', 'AWS::IAM::Group'];

  public check(resource: AuditedResource, stack: StackView): Verdict[] {
    return permissionVerdicts(PolicyAnalyzer.findingsFor(resource, stack, KINDS),
      { [PermissionFindingKind.READ_MANAGED_POLICY]: Severity.WARNING });
  }
}
