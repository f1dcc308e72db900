import { analysisOptionsOf, permissionVerdicts } from './private/permission-verdicts';
import { AuditedResource } from '../../core/audited-resource';
import { IRule, RuleCategory, Severity, Verdict } from '../../core/rule';
import { StackView } from '../../core/stack-view';
import { PermissionFindingKind, PermissionFindingKinds } from '../../iam/permission-finding';
import { PolicyAnalyzer } from '../../iam/policy-analyzer';

/**
 * Flags the AWS services a role trusts beyond what it is for. What a role is for is read from the resources of the
 * stack that run as it (a function's `Role`, a state machine's `RoleArn`, an integration's `Credentials`, a rule
 * target's `RoleArn`, an instance profile's `Roles`): a trusted service none of them needs (a Lambda execution role
 * that also trusts `ec2.amazonaws.com` or `apigateway.amazonaws.com`) lets anyone allowed to pass the role to that
 * service use its permissions (a warning). A role no resource of the stack uses, or used by a resource whose service
 * the library does not map, is not judged for this.
 *
 * Services that act on behalf of resources someone else configures (EventBridge, Scheduler, Pipes, SNS, CloudWatch
 * Logs, ...) should be bound to this account's resources by `aws:SourceArn` / `aws:SourceAccount` in the trust policy
 * (confused deputy): reported at the quiet INFO level, since assuming a role through those services also requires
 * passing the role, which only this account's principals can.
 */
export class IamTrustServiceRule implements IRule {
  /** This rule's id: what `id` returns, for code that names the rule (acknowledgements, packs) without an instance. */
  public static readonly ID = 'SLS-IAM-TRUST-SERVICE';

  public readonly id = IamTrustServiceRule.ID;
  public readonly category: RuleCategory = RuleCategory.PRIVILEGES;
  public readonly severity: Severity = Severity.WARNING;
  public readonly severityReason?: string = 'Defence in depth: a service the role is not for can use its permissions only if someone in '
    + 'the account passes the role to it; a missing aws:SourceArn on a delegating service is hygiene (INFO).';
  public readonly description: string = 'Role trust policies trust only the AWS services the role is for, bound to this account\'s resources when they act on behalf of other resources.';
  public readonly remediation: string = 'Create one role per service (iam.Role assumedBy one ServicePrincipal) and, for services that '
    + 'act on behalf of a resource, add conditions: new iam.ServicePrincipal(\'events.amazonaws.com\').withConditions({ StringEquals: '
    + '{ \'aws:SourceAccount\': Stack.of(this).account } }).';
  public readonly resourceTypes: string[] = ['AWS::IAM::Role'];

  public check(resource: AuditedResource, stack: StackView): Verdict[] {
    return permissionVerdicts(PolicyAnalyzer.findingsFor(resource, stack, PermissionFindingKinds.trustedServices(), analysisOptionsOf(stack)),
      { [PermissionFindingKind.TRUST_SERVICE_UNSCOPED]: Severity.INFO });
  }
}
