import { AuditedResource } from '../../core/audited-resource';
import { IRule, RuleCategory, Severity, Verdict } from '../../core/rule';
import { StackView } from '../../core/stack-view';
import { Verdicts } from '../../core/verdicts';
import { awsManagedKeyVerdict } from '../iam/private/customer-managed-key';

/**
 * Flags SNS topics not encrypted at rest with a customer-managed KMS key: topics without a key (SNS does not encrypt
 * them by default) and topics on the AWS-managed key `alias/aws/sns`.
 */
export class SnsTopicEncryptionRule implements IRule {
  /** This rule's id: what `id` returns, for code that names the rule (acknowledgements, packs) without an instance. */
  public static readonly ID = 'SLS-SNS-ENCRYPTION';

  public readonly id = SnsTopicEncryptionRule.ID;
  public readonly category: RuleCategory = RuleCategory.CONFIGURATION;
  public readonly severity: Severity = Severity.WARNING;
  public readonly severityReason?: string = 'SNS does not encrypt a topic without a key, so messages are stored in clear at rest (a warning); the AWS-managed key does encrypt them, and a customer-managed key only adds a key policy (info).';
  public readonly description: string = 'SNS topics are encrypted at rest with a customer-managed KMS key.';
  public readonly remediation: string = 'Set masterKey (a kms.Key with enableKeyRotation) on the sns.Topic, or KmsMasterKeyId on AWS::SNS::Topic.';
  public readonly resourceTypes: string[] = ['AWS::SNS::Topic'];

  public check(resource: AuditedResource, stack: StackView): Verdict[] {
    const key = resource.properties.KmsMasterKeyId;
    if (key === undefined) {
      return [Verdicts.violation('The topic is not encrypted at rest: no KmsMasterKeyId is set.', { findingId: 'unencrypted', location: 'Properties/KmsMasterKeyId' })];
    }
    const verdict = awsManagedKeyVerdict(key, 'alias/aws/sns', stack, 'Properties/KmsMasterKeyId');
    // Encrypted with the AWS-managed key: only the missing key policy is left, which is info.
    return verdict ? [verdict.findingId === 'aws-managed-key' ? { ...verdict, severity: Severity.INFO } : verdict] : [];
  }
}
