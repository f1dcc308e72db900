import { AuditedResource } from '../../core/audited-resource';
import { IRule, RuleCategory, Severity, Verdict } from '../../core/rule';
import { StackView } from '../../core/stack-view';
import { PolicyAttachment } from '../iam/private/attached-policies';
import { tlsOnlyVerdicts } from '../iam/private/secure-transport';

/** The resource policies that can apply to the resource, and the property naming their targets. */
const POLICY_ATTACHMENTS: PolicyAttachment[] = [
  { policyType: 'AWS::SNS::TopicPolicy', targetProperty: 'Topics' },
  { policyType: 'AWS::SNS::TopicInlinePolicy', targetProperty: 'TopicArn' },
];

/** Flags SNS topics whose topic policy does not deny publishing without TLS (`aws:SecureTransport` false). */
export class SnsTopicTlsOnlyRule implements IRule {
  /** This rule's id: what `id` returns, for code that names the rule (acknowledgements, packs) without an instance. */
  public static readonly ID = 'SLS-SNS-TLS-ONLY';

  public readonly id = SnsTopicTlsOnlyRule.ID;
  public readonly category: RuleCategory = RuleCategory.CONFIGURATION;
  public readonly severity: Severity = Severity.WARNING;
  public readonly severityReason?: string = 'AWS endpoints offer TLS, so denying publishing without it only stops a misconfigured client from sending in clear: defence in depth a secure app would still add.';
  public readonly description: string = 'SNS topic policies deny publishing without TLS.';
  public readonly remediation: string = 'Set enforceSSL: true on the sns.Topic, or add to its AWS::SNS::TopicPolicy a Deny of '
    + 'sns:Publish for Principal "*" with the condition Bool aws:SecureTransport "false".';
  public readonly resourceTypes: string[] = ['AWS::SNS::Topic'];

  public check(resource: AuditedResource, stack: StackView): Verdict[] {
    return tlsOnlyVerdicts(resource, stack, { attachments: POLICY_ATTACHMENTS, actions: ['sns:Publish'], noun: 'topic', policyNoun: 'topic policy' });
  }
}
