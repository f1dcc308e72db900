import { AuditedResource } from '../../core/audited-resource';
import { IRule, RuleCategory, Severity, Verdict } from '../../core/rule';
import { StackView } from '../../core/stack-view';
import { Verdicts } from '../../core/verdicts';

/**
 * CloudWatch Logs encrypts every log group with a service key; only a customer-managed KMS key (`KmsKeyId`) puts
 * reading the logs under a key policy of yours, with rotation and CloudTrail records of every use (T3). Logs of
 * serverless apps routinely hold request payloads, tokens and personal data. A key ARN from a parameter or an
 * import is a key all the same, so only a missing key is reported.
 */
export class LogsEncryptionRule implements IRule {
  /** This rule's id: what `id` returns, for code that names the rule (acknowledgements, packs) without an instance. */
  public static readonly ID = 'SLS-LOGS-ENCRYPTION';

  public readonly id = LogsEncryptionRule.ID;
  public readonly category = RuleCategory.CONFIGURATION;
  public readonly severity = Severity.INFO;
  public readonly severityReason?: string = 'CloudWatch Logs always encrypts log data at rest; a customer-managed key adds a key policy and a record of each use, which a secure app may reasonably skip.';
  public readonly description = 'The CloudWatch Logs log group is encrypted with a customer-managed KMS key.';
  public readonly remediation = 'Set `encryptionKey` on logs.LogGroup to a `kms.Key` with rotation whose key policy lets the '
    + 'CloudWatch Logs service principal use it; SecureFunction encrypts its log group with the stack\'s key by default.';
  public readonly resourceTypes = ['AWS::Logs::LogGroup'];

  public check(resource: AuditedResource, _stack: StackView): Verdict[] {
    if (resource.properties.KmsKeyId !== undefined) return [];
    return [Verdicts.violation('The log group is not encrypted with a customer-managed KMS key (KmsKeyId).', { location: 'Properties/KmsKeyId' })];
  }
}
