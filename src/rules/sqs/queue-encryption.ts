import { AuditedResource } from '../../core/audited-resource';
import { IRule, RuleCategory, Severity, Verdict } from '../../core/rule';
import { StackView } from '../../core/stack-view';
import { Verdicts } from '../../core/verdicts';
import { awsManagedKeyVerdict } from '../iam/private/customer-managed-key';

/**
 * Flags queues not encrypted with a customer-managed KMS key: unencrypted queues, queues left on SQS-owned keys
 * (SSE-SQS, the default: the data is encrypted but anyone allowed to receive can read it, and no key policy or
 * CloudTrail decryption record exists), and queues on the AWS-managed key `alias/aws/sqs`.
 */
export class SqsQueueEncryptionRule implements IRule {
  /** This rule's id: what `id` returns, for code that names the rule (acknowledgements, packs) without an instance. */
  public static readonly ID = 'SLS-SQS-ENCRYPTION';

  public readonly id = SqsQueueEncryptionRule.ID;
  public readonly category: RuleCategory = RuleCategory.CONFIGURATION;
  public readonly severity: Severity = Severity.WARNING;
  public readonly severityReason?: string = 'A queue with encryption turned off stores messages in clear at rest (a warning); SQS-owned and AWS-managed keys do encrypt them, and a customer-managed key only adds a key policy (info).';
  public readonly description: string = 'SQS queues are encrypted at rest with a customer-managed KMS key.';
  public readonly remediation: string = 'Set encryption: sqs.QueueEncryption.KMS with encryptionMasterKey (a kms.Key with '
    + 'enableKeyRotation) on the sqs.Queue, or KmsMasterKeyId on AWS::SQS::Queue.';
  public readonly resourceTypes: string[] = ['AWS::SQS::Queue'];

  public check(resource: AuditedResource, stack: StackView): Verdict[] {
    const key = resource.properties.KmsMasterKeyId;
    if (key !== undefined) {
      const verdict = awsManagedKeyVerdict(key, 'alias/aws/sqs', stack, 'Properties/KmsMasterKeyId');
      return verdict ? [quietWhenEncrypted(verdict)] : [];
    }
    const sqsManaged = stack.resolve(resource.properties.SqsManagedSseEnabled);
    const location = 'Properties/SqsManagedSseEnabled';
    if (sqsManaged.unknownReason) {
      return [Verdicts.undecidable('No KMS key is set and whether SSE-SQS is on (SqsManagedSseEnabled) is not known.', sqsManaged.unknownReason, { findingId: 'sqs-managed-sse', location })];
    }
    if (sqsManaged.value === false || sqsManaged.value === 'false') {
      return [Verdicts.violation('The queue is not encrypted at rest: SqsManagedSseEnabled is false and no KMS key is set.', { findingId: 'unencrypted', location })];
    }
    return [Verdicts.violation('The queue is encrypted only with SQS-owned keys (SSE-SQS): no key policy limits who can read its messages.', { findingId: 'sqs-managed-sse', location, severity: Severity.INFO })];
  }
}

/** A queue encrypted with the AWS-managed key is encrypted: only the missing key policy is left, which is info. */
function quietWhenEncrypted(verdict: Verdict): Verdict {
  return verdict.findingId === 'aws-managed-key' ? { ...verdict, severity: Severity.INFO } : verdict;
}
