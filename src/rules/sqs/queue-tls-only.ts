import { AuditedResource } from '../../core/audited-resource';
import { IRule, RuleCategory, Severity, Verdict } from '../../core/rule';
import { StackView } from '../../core/stack-view';
import { PolicyAttachment } from '../iam/private/attached-policies';
import { tlsOnlyVerdicts } from '../iam/private/secure-transport';

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
  /** This rule's id: what `id` returns, for code that names the rule (acknowledgements, packs) without an instance. */
  public static readonly ID = 'SLS-SQS-TLS-ONLY';

  public readonly id = SqsQueueTlsOnlyRule.ID;
  public readonly category: RuleCategory = RuleCategory.CONFIGURATION;
  public readonly severity: Severity = Severity.WARNING;
  public readonly severityReason?: string = 'AWS endpoints offer TLS, so denying plain HTTP only stops a misconfigured client from sending in clear: defence in depth a secure app would still add.';
  public readonly description: string = 'SQS queue policies deny requests that do not use TLS.';
  public readonly remediation: string = 'Set enforceSSL: true on the sqs.Queue, or add to its AWS::SQS::QueuePolicy a Deny of sqs:* '
    + 'for Principal "*" with the condition Bool aws:SecureTransport "false".';
  public readonly resourceTypes: string[] = ['AWS::SQS::Queue'];

  public check(resource: AuditedResource, stack: StackView): Verdict[] {
    return tlsOnlyVerdicts(resource, stack, { attachments: POLICY_ATTACHMENTS, actions: ['sqs:SendMessage', 'sqs:ReceiveMessage'], noun: 'queue', policyNoun: 'queue policy' });
  }
}
