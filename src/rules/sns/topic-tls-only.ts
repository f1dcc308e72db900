import { AuditedResource } from '../../engine/audited-resource';
import { StackView } from '../../engine/stack-view';
import { attachedPolicies, PolicyAttachment, policiesWithUnknownTargets } from '../iam/private/attached-policies';
import { findSecureTransportDeny } from '../iam/private/secure-transport';
import { IRule, RuleCategory, Severity, Verdict, VerdictKind } from '../rule';

/** The resource policies that can apply to the resource, and the property naming their targets. */
const POLICY_ATTACHMENTS: PolicyAttachment[] = [
  { policyType: 'AWS::SNS::TopicPolicy', targetProperty: 'Topics' },
  { policyType: 'AWS::SNS::TopicInlinePolicy', targetProperty: 'TopicArn' },
];

/** Flags SNS topics whose topic policy does not deny publishing without TLS (`aws:SecureTransport` false). */
export class SnsTopicTlsOnlyRule implements IRule {
  public readonly id: string = 'SLS-SNS-TLS-ONLY';
  public readonly category: RuleCategory = RuleCategory.CONFIGURATION;
  public readonly severity: Severity = Severity.WARNING;
  public readonly description: string = 'SNS topic policies deny publishing without TLS.';
  public readonly remediation: string = 'Set enforceSSL: true on the sns.Topic, or add to its AWS::SNS::TopicPolicy a Deny of '
    + 'sns:Publish for Principal "*" with the condition Bool aws:SecureTransport "false".';
  public readonly resourceTypes: string[] = ['AWS::SNS::Topic'];

  public check(resource: AuditedResource, stack: StackView): Verdict[] {
    const documents = attachedPolicies(resource, stack, POLICY_ATTACHMENTS);
    if (findSecureTransportDeny(documents, stack, { targetLogicalId: resource.logicalId, actions: ['sns:Publish'] })) {
      return [];
    }
    const unknownTargets = policiesWithUnknownTargets(stack, POLICY_ATTACHMENTS);
    if (unknownTargets.length > 0) {
      return [{
        kind: VerdictKind.UNDECIDABLE,
        detail: `No topic policy of the stack denies plain-HTTP publishing to this topic, but ${unknownTargets.join('; ')} name topics not known at synth time.`,
      }];
    }
    return [{
      kind: VerdictKind.VIOLATION,
      detail: documents.length === 0
        ? 'The topic has no topic policy denying publishing without TLS (aws:SecureTransport false).'
        : 'The topic policy does not deny sns:Publish without TLS (aws:SecureTransport false) to every principal.',
    }];
  }
}
