import { ValueKind } from '../../../core/resolved-value';
import { Verdict } from '../../../core/rule';
import { StackView } from '../../../core/stack-view';
import { Verdicts } from '../../../core/verdicts';

/**
 * Judges a `KmsMasterKeyId`-style property: who controls the key that encrypts a queue, topic or table. Only a
 * customer-managed key lets the owner decide, in its key policy, which principals may decrypt the data, and makes
 * every decryption visible in CloudTrail; the AWS-managed alias (`alias/aws/sqs`) is usable by any principal of the
 * account that can use the service.
 *
 * @param value the key id, ARN or alias as deployed
 * @param awsManagedAlias the service's AWS-managed key alias (`alias/aws/sqs`)
 * @param location the property path, for findings
 * @returns a verdict, or undefined for a customer-managed key
 */
export function awsManagedKeyVerdict(value: any, awsManagedAlias: string, stack: StackView, location: string): Verdict | undefined {
  const resolved = stack.resolve(value);
  if (resolved.kind === ValueKind.EXTERNAL) {
    return Verdicts.undecidable('Whether the KMS key is customer-managed is not known.', resolved.unknownReason ?? 'a value unknown at synth time', { findingId: 'key', location });
  }
  if (typeof resolved.value === 'string' && resolved.value.trim().endsWith(awsManagedAlias)) {
    return Verdicts.violation(`Encrypted with the AWS-managed key ${awsManagedAlias}, whose key policy the account cannot restrict.`, { findingId: 'aws-managed-key', location });
  }
  return undefined;
}
