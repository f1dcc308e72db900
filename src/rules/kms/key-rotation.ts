import { AuditedResource } from '../../core/audited-resource';
import { isTrue, readValue } from '../../core/private/values';
import { IRule, RuleCategory, Severity, Verdict } from '../../core/rule';
import { StackView } from '../../core/stack-view';
import { Verdicts } from '../../core/verdicts';

/**
 * Flags symmetric customer-managed KMS keys (`KeySpec` absent or `SYMMETRIC_DEFAULT`, `KeyUsage` absent or
 * `ENCRYPT_DECRYPT`) without automatic rotation (`EnableKeyRotation` not true). AWS supports rotation only for those
 * keys, so asymmetric, HMAC and imported-material (`Origin: EXTERNAL`) keys are not judged. A value unknown at synth
 * time is "unable to decide".
 */
export class KmsKeyRotationRule implements IRule {
  /** This rule's id: what `id` returns, for code that names the rule (acknowledgements, packs) without an instance. */
  public static readonly ID = 'SLS-KMS-KEY-ROTATION';

  public readonly id = KmsKeyRotationRule.ID;
  public readonly category: RuleCategory = RuleCategory.CONFIGURATION;
  public readonly severity: Severity = Severity.WARNING;
  public readonly severityReason?: string = 'Defence in depth: rotation limits how much data one leaked key version protects; it does not '
    + 'stop anyone who can already use the key.';
  public readonly description: string = 'Symmetric customer-managed KMS keys rotate their key material automatically.';
  public readonly remediation: string = 'Set enableKeyRotation: true on kms.Key (the stack key SecureFunction and the other Secure* '
    + 'constructs create already does).';
  public readonly resourceTypes: string[] = ['AWS::KMS::Key'];

  public check(resource: AuditedResource, stack: StackView): Verdict[] {
    const props = resource.properties;
    for (const [name, rotatable] of [['KeySpec', 'SYMMETRIC_DEFAULT'], ['KeyUsage', 'ENCRYPT_DECRYPT'], ['Origin', 'AWS_KMS']]) {
      const value = readValue(stack, props[name]);
      if (!value.known) {
        return [Verdicts.undecidable(`Whether the key can rotate is not known: its ${name} is not.`, value.unknownReason!, { location: `Properties/${name}` })];
      }
      if (value.value !== undefined && String(value.value) !== rotatable) return [];
    }
    const rotation = readValue(stack, props.EnableKeyRotation);
    if (!rotation.known) {
      return [Verdicts.undecidable('Whether the key rotates is not known.', rotation.unknownReason!, { location: 'Properties/EnableKeyRotation' })];
    }
    if (isTrue(rotation.value)) return [];
    return [Verdicts.violation(`The symmetric key does not rotate its key material (EnableKeyRotation is ${rotation.value === undefined ? 'not set' : String(rotation.value)}).`, { location: 'Properties/EnableKeyRotation' })];
  }
}
