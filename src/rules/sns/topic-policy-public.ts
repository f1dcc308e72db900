import { AuditedResource } from '../../core/audited-resource';
import { IRule, RuleCategory, Severity, Verdict } from '../../core/rule';
import { StackView } from '../../core/stack-view';
import { readPolicyDocument } from '../iam/private/policy-document';
import { publicStatementVerdicts } from '../iam/private/resource-policy';

/**
 * Flags topic policies that let anyone (`Principal: "*"`) publish to or subscribe to the topic without a condition
 * that narrows the callers: anyone could inject messages that subscribed functions trust. A service principal
 * without `aws:SourceArn` / `aws:SourceAccount` is a warning (confused deputy).
 */
export class SnsTopicPolicyPublicRule implements IRule {
  public readonly id: string = 'SLS-SNS-POLICY-PUBLIC';
  public readonly category: RuleCategory = RuleCategory.INPUT_VALIDATION;
  public readonly severity: Severity = Severity.ERROR;
  public readonly description: string = 'SNS topic policies admit only named principals, or "*" narrowed by aws:SourceArn, aws:SourceAccount or aws:PrincipalOrgID.';
  public readonly remediation: string = 'Grant through topic.grantPublish(principal), or add a condition on aws:SourceArn, '
    + 'aws:SourceAccount or aws:PrincipalOrgID to the statement.';
  public readonly resourceTypes: string[] = ['AWS::SNS::TopicPolicy', 'AWS::SNS::TopicInlinePolicy'];

  public check(resource: AuditedResource, stack: StackView): Verdict[] {
    const document = readPolicyDocument(resource.properties.PolicyDocument, stack, 'Properties/PolicyDocument');
    return publicStatementVerdicts(document, stack, { noun: 'topic' });
  }
}
