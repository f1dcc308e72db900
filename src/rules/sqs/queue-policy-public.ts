import { AuditedResource } from '../../core/audited-resource';
import { IRule, RuleCategory, Severity, Verdict } from '../../core/rule';
import { StackView } from '../../core/stack-view';
import { resourcePolicyVerdicts } from '../iam/private/resource-policy';

/**
 * Flags queue policies that let anyone (`Principal: "*"`) send to or read from the queue without a condition that
 * narrows the callers: anyone on the internet could inject messages that the consuming function trusts. A service
 * principal without `aws:SourceArn` / `aws:SourceAccount` is a warning (confused deputy).
 */
export class SqsQueuePolicyPublicRule implements IRule {
  /** This rule's id: what `id` returns, for code that names the rule (acknowledgements, packs) without an instance. */
  public static readonly ID = 'SLS-SQS-POLICY-PUBLIC';

  public readonly id = SqsQueuePolicyPublicRule.ID;
  public readonly category: RuleCategory = RuleCategory.INPUT_VALIDATION;
  public readonly severity: Severity = Severity.ERROR;
  public readonly severityReason?: string = 'Anyone on the internet could send messages the consuming functions trust, or read and delete '
    + 'the queue\'s messages; a service without aws:SourceArn (a warning) can be driven by another account\'s resources.';
  public readonly description: string = 'SQS queue policies admit only named principals, or "*" narrowed by aws:SourceArn, aws:SourceAccount or aws:PrincipalOrgID.';
  public readonly remediation: string = 'Grant through the queue\'s methods (queue.grantSendMessages(principal)) or the subscription '
    + 'and target classes of aws-cdk-lib, which add aws:SourceArn; otherwise add a condition on aws:SourceArn, '
    + 'aws:SourceAccount or aws:PrincipalOrgID to the statement.';
  public readonly resourceTypes: string[] = ['AWS::SQS::QueuePolicy', 'AWS::SQS::QueueInlinePolicy'];

  public check(resource: AuditedResource, stack: StackView): Verdict[] {
    return resourcePolicyVerdicts(resource, stack);
  }
}
