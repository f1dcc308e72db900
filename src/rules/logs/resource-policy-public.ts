import { AuditedResource } from '../../core/audited-resource';
import { IRule, RuleCategory, Severity, Verdict } from '../../core/rule';
import { StackView } from '../../core/stack-view';
import { resourcePolicyVerdicts } from '../iam/private/resource-policy';

/**
 * Flags CloudWatch Logs resource policies (`AWS::Logs::ResourcePolicy`, account-wide, and the `DestinationPolicy` of
 * an `AWS::Logs::Destination`) that admit anyone with no condition that narrows the callers by value: anyone could
 * write forged events into the log groups the statements name (hiding an attack in the audit trail, or feeding the
 * subscriptions and metric filters that act on logs) or stream their logs into the destination. An AWS service (a
 * log delivery, EventBridge) without `aws:SourceArn` / `aws:SourceAccount` is a warning: any customer's resource of
 * that service could write through the grant (the confused deputy).
 *
 * The documents are read whether written as objects or as JSON text, including text CloudFormation assembles from
 * intrinsics (aws-cdk-lib's `logGroup.addToResourcePolicy` names the log group's ARN that way).
 */
export class LogsResourcePolicyPublicRule implements IRule {
  /** This rule's id: what `id` returns, for code that names the rule (acknowledgements, packs) without an instance. */
  public static readonly ID = 'SLS-LOGS-POLICY-PUBLIC';

  public readonly id = LogsResourcePolicyPublicRule.ID;
  public readonly category: RuleCategory = RuleCategory.PRIVILEGES;
  public readonly severity: Severity = Severity.ERROR;
  public readonly severityReason?: string = 'A Logs resource policy open to "*" lets anyone write forged events into the log groups, or '
    + 'stream their own logs into the destination and the processing behind it.';
  public readonly description: string = 'CloudWatch Logs resource and destination policies admit only named principals, and AWS services only for this account\'s resources.';
  public readonly remediation: string = 'Grant to named principals or services (logGroup.grantWrite(principal)); for a service principal add an '
    + 'aws:SourceArn condition naming this account\'s resources (or aws:SourceAccount); for "*" on a destination add an '
    + 'aws:PrincipalOrgID condition.';
  public readonly resourceTypes: string[] = ['AWS::Logs::ResourcePolicy', 'AWS::Logs::Destination'];

  public check(resource: AuditedResource, stack: StackView): Verdict[] {
    return resourcePolicyVerdicts(resource, stack);
  }
}
