import { AuditedResource } from '../../core/audited-resource';
import { IRule, RuleCategory, Severity, Verdict } from '../../core/rule';
import { StackView } from '../../core/stack-view';
import { resourcePolicyVerdicts } from '../iam/private/resource-policy';

/**
 * Flags topic policies that let anyone (`Principal: "*"`) publish to or subscribe to the topic without a condition
 * that narrows the callers: anyone could inject messages that subscribed functions trust. A service principal
 * without `aws:SourceArn` / `aws:SourceAccount` is a warning (confused deputy).
 */
export class SnsTopicPolicyPublicRule implements IRule {
  /** This rule's id: what `id` returns, for code that names the rule (acknowledgements, packs) without an instance. */
  public static readonly ID = 'SLS-SNS-POLICY-PUBLIC';

  public readonly id = SnsTopicPolicyPublicRule.ID;
  public readonly category: RuleCategory = RuleCategory.INPUT_VALIDATION;
  public readonly severity: Severity = Severity.ERROR;
  public readonly severityReason?: string = 'Anyone on the internet could publish messages the subscribed functions trust, or subscribe and '
    + 'receive every message; a service without aws:SourceArn (a warning) can be driven by another account\'s resources.';
  public readonly description: string = 'SNS topic policies admit only named principals, or "*" narrowed by aws:SourceArn, aws:SourceAccount or aws:PrincipalOrgID.';
  public readonly remediation: string = 'Grant through topic.grantPublish(principal), or add a condition on aws:SourceArn, '
    + 'aws:SourceAccount or aws:PrincipalOrgID to the statement.';
  public readonly resourceTypes: string[] = ['AWS::SNS::TopicPolicy', 'AWS::SNS::TopicInlinePolicy'];

  public check(resource: AuditedResource, stack: StackView): Verdict[] {
    return resourcePolicyVerdicts(resource, stack);
  }
}
