import { AuditedResource } from '../../engine/audited-resource';
import { StackView } from '../../engine/stack-view';
import { attachedPolicies, PolicyAttachment, policiesWithUnknownTargets } from '../iam/private/attached-policies';
import { findSecureTransportDeny } from '../iam/private/secure-transport';
import { IRule, RuleCategory, Severity, Verdict, VerdictKind } from '../rule';

/** The resource policies that can apply to the resource, and the property naming their targets. */
const POLICY_ATTACHMENTS: PolicyAttachment[] = [
  { policyType: 'AWS::SQS::QueuePolicy', targetProperty: 'Queues' },
  { policyType: 'AWS::SQS::QueueInlinePolicy', targetProperty: 'Queue' },
];

/**
 * Flags queues whose queue policy does not deny requests made without TLS (`aws:SecureTransport` false) for sending
 * and receiving messages.
 */
export class SqsQueueTlsOnlyRule implements IRule {
  public readonly id: string = 'SLS-SQS-TLS-ONLY';
  public readonly category: RuleCategory = RuleCategory.CONFIGURATION;
  public readonly severity: Severity = Severity.WARNING;
  public readonly description: string = 'SQS queue policies deny requests that do not use TLS.';
  public readonly remediation: string = 'Set enforceSSL: true on the sqs.Queue, or add to its AWS::SQS::QueuePolicy a Deny of sqs:* '
    + 'for Principal "*" with the condition Bool aws:SecureTransport "false".';
  public readonly resourceTypes: string[] = ['AWS::SQS::Queue'];

  public check(resource: AuditedResource, stack: StackView): Verdict[] {
    const documents = attachedPolicies(resource, stack, POLICY_ATTACHMENTS);
    const requirement = { targetLogicalId: resource.logicalId, actions: ['sqs:SendMessage', 'sqs:ReceiveMessage'] };
    if (findSecureTransportDeny(documents, stack, requirement)) return [];
    const unknownTargets = policiesWithUnknownTargets(stack, POLICY_ATTACHMENTS);
    if (unknownTargets.length > 0) {
      return [{
        kind: VerdictKind.UNDECIDABLE,
        detail: `No queue policy of the stack denies plain-HTTP access to this queue, but ${unknownTargets.join('; ')} name queues not known at synth time.`,
      }];
    }
    return [{
      kind: VerdictKind.VIOLATION,
      detail: documents.length === 0
        ? 'The queue has no queue policy denying requests without TLS (aws:SecureTransport false).'
        : 'The queue policy does not deny sqs:SendMessage and sqs:ReceiveMessage without TLS (aws:SecureTransport false) to every principal.',
    }];
  }
}
