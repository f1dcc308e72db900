import { AuditedResource } from '../../core/audited-resource';
import { IRule, RuleCategory, Severity, Verdict } from '../../core/rule';
import { StackView } from '../../core/stack-view';
import { Verdicts } from '../../core/verdicts';
import { awsManagedKeyVerdict } from '../iam/private/customer-managed-key';

/**
 * Flags DynamoDB tables not encrypted with a customer-managed KMS key. DynamoDB always encrypts, but with an
 * AWS-owned key (the default) or the AWS-managed `alias/aws/dynamodb` no key policy limits who can read the data and
 * no decryption shows in CloudTrail. Reads `AWS::DynamoDB::Table` and `AWS::DynamoDB::GlobalTable` (`TableV2`), whose
 * key is set per replica.
 */
export class DynamoDbTableEncryptionRule implements IRule {
  /** This rule's id: what `id` returns, for code that names the rule (acknowledgements, packs) without an instance. */
  public static readonly ID = 'SLS-DYNAMODB-ENCRYPTION';

  public readonly id = DynamoDbTableEncryptionRule.ID;
  public readonly category: RuleCategory = RuleCategory.CONFIGURATION;
  public readonly severity: Severity = Severity.INFO;
  public readonly severityReason?: string = 'DynamoDB always encrypts tables at rest; a customer-managed key adds a key policy and a record of each use, which a secure app may reasonably skip.';
  public readonly description: string = 'DynamoDB tables are encrypted at rest with a customer-managed KMS key.';
  public readonly remediation: string = 'Set encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED with encryptionKey on the '
    + 'dynamodb.Table (or encryption: dynamodb.TableEncryptionV2.customerManagedKey(key) on TableV2).';
  public readonly resourceTypes: string[] = ['AWS::DynamoDB::Table', 'AWS::DynamoDB::GlobalTable'];

  public check(resource: AuditedResource, stack: StackView): Verdict[] {
    const enabled = stack.resolve(resource.property('SSESpecification.SSEEnabled'));
    if (enabled.unknownReason) {
      return [Verdicts.undecidable('Whether the table is encrypted with a customer-managed key is not known.', enabled.unknownReason, { findingId: 'key', location: 'Properties/SSESpecification/SSEEnabled' })];
    }
    if (enabled.value !== true && enabled.value !== 'true') {
      return [Verdicts.violation('The table is encrypted with an AWS-owned key: SSESpecification.SSEEnabled is not true.', { findingId: 'aws-owned-key', location: 'Properties/SSESpecification' })];
    }
    const keys = this.keysOf(resource);
    if (keys.length === 0) {
      return [Verdicts.violation('The table is encrypted with the AWS-managed key alias/aws/dynamodb: no KMSMasterKeyId is set.', { findingId: 'aws-managed-key', location: 'Properties/SSESpecification' })];
    }
    return keys
      .map(({ value, location }) => awsManagedKeyVerdict(value, 'alias/aws/dynamodb', stack, location))
      .filter((v): v is Verdict => v !== undefined);
  }

  /** The key of a table, or of each replica of a global table; empty when some replica uses the AWS-managed key. */
  private keysOf(resource: AuditedResource): { value: any; location: string }[] {
    if (resource.resourceType === 'AWS::DynamoDB::Table') {
      const key = resource.property('SSESpecification.KMSMasterKeyId');
      return key === undefined ? [] : [{ value: key, location: 'Properties/SSESpecification/KMSMasterKeyId' }];
    }
    const replicas: any[] = Array.isArray(resource.properties.Replicas) ? resource.properties.Replicas : [];
    const keys = replicas.map((replica, index) => ({
      value: replica?.SSESpecification?.KMSMasterKeyId,
      location: `Properties/Replicas/${index}/SSESpecification/KMSMasterKeyId`,
    }));
    return keys.length > 0 && keys.every((k) => k.value !== undefined) ? keys : [];
  }
}
