import { AuditedResource } from '../../core/audited-resource';
import { readValue } from '../../core/private/values';
import { IRule, RuleCategory, Severity, Verdict } from '../../core/rule';
import { StackView } from '../../core/stack-view';
import { Verdicts } from '../../core/verdicts';


/**
 * T1: a Cognito user pool offers multi-factor authentication (`OPTIONAL` or `ON`), so a stolen or guessed password
 * alone does not open an account. `OFF`, also the default when `MfaConfiguration` is absent, is a finding.
 */
export class CognitoMfaRule implements IRule {
  /** This rule's id: what `id` returns, for code that names the rule (acknowledgements, packs) without an instance. */
  public static readonly ID = 'SLS-COGNITO-MFA';

  public readonly id = CognitoMfaRule.ID;
  public readonly category = RuleCategory.AUTHENTICATION;
  public readonly severity = Severity.WARNING;
  public readonly severityReason?: string = 'Without MFA a stolen or guessed password alone opens an account: a second factor is defence in depth a secure app would still offer.';
  public readonly description = 'Cognito user pools make multi-factor authentication available (MfaConfiguration OPTIONAL or ON).';
  public readonly remediation = 'Set `mfa: Mfa.REQUIRED` (or `Mfa.OPTIONAL`) with `mfaSecondFactor: { otp: true }` on the UserPool.';
  public readonly resourceTypes = ['AWS::Cognito::UserPool'];

  public check(pool: AuditedResource, stack: StackView): Verdict[] {
    const mfa = readValue(stack, pool.properties.MfaConfiguration ?? 'OFF');
    if (!mfa.known) {
      return [Verdicts.undecidable(`The MFA configuration of user pool ${pool.logicalId} is not known at synth time.`, mfa.unknownReason, { location: 'Properties/MfaConfiguration' })];
    }
    return String(mfa.value).toUpperCase() === 'OFF'
      ? [Verdicts.violation(`User pool ${pool.logicalId} has MFA off: a password alone opens an account.`, { location: 'Properties/MfaConfiguration' })]
      : [];
  }
}
