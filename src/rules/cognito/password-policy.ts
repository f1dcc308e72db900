import { AuditedResource } from '../../core/audited-resource';
import { isTrue, readValue } from '../../core/private/values';
import { IRule, RuleCategory, Severity, Verdict } from '../../core/rule';
import { StackView } from '../../core/stack-view';
import { Verdicts } from '../../core/verdicts';


/** OWASP ASVS 4.0.3 requirement 2.1.1: passwords of at least 12 characters. */
const MIN_LENGTH = 12;
/**
 * NIST SP 800-63B rev. 4 asks 15 characters of a password used as a single factor and forbids composition rules;
 * from that length on the rule stops asking for character classes.
 */
const LENGTH_WITHOUT_CLASSES = 15;
/** Character classes required below `LENGTH_WITHOUT_CLASSES`. */
const MIN_CLASSES = 3;
/** Cognito's defaults when `PasswordPolicy` (or one of its fields) is absent: length 8, every class required. */
const COGNITO_DEFAULT_LENGTH = 8;
const CLASSES = ['RequireLowercase', 'RequireUppercase', 'RequireNumbers', 'RequireSymbols'];

/**
 * T1: Cognito user pool passwords resist guessing. Policy: at least 12 characters (OWASP ASVS 2.1.1; finding
 * `min-length`), and, below 15 characters, at least 3 of the 4 character classes (`character-classes`). Long
 * passphrases (15+) need no classes, following NIST SP 800-63B, which favours length over composition rules.
 * Absent fields take Cognito's defaults (length 8, every class required).
 */
export class CognitoPasswordPolicyRule implements IRule {
  /** This rule's id: what `id` returns, for code that names the rule (acknowledgements, packs) without an instance. */
  public static readonly ID = 'SLS-COGNITO-PASSWORD-POLICY';

  public readonly id = CognitoPasswordPolicyRule.ID;
  public readonly category = RuleCategory.AUTHENTICATION;
  public readonly severity = Severity.WARNING;
  public readonly severityReason?: string = 'Short or simple passwords are easier to guess, but Cognito throttles sign-in attempts and MFA (SLS-COGNITO-MFA) backs them up: defence in depth a secure app would still set.';
  public readonly description = 'Cognito user pools require passwords of at least 12 characters, with at least 3 character classes below 15 characters.';
  public readonly remediation = 'Set `passwordPolicy: { minLength: 12, requireLowercase: true, requireUppercase: true, requireDigits: true }` (or `minLength: 15` for passphrases) on the UserPool.';
  public readonly resourceTypes = ['AWS::Cognito::UserPool'];

  public check(pool: AuditedResource, stack: StackView): Verdict[] {
    const policy = readValue(stack, pool.property('Policies.PasswordPolicy'));
    const location = 'Properties/Policies/PasswordPolicy';
    if (!policy.known) {
      return [Verdicts.undecidable(`The password policy of user pool ${pool.logicalId} is not known at synth time.`, policy.unknownReason, { location })];
    }
    const p = policy.value ?? {};
    const length = p.MinimumLength === undefined ? COGNITO_DEFAULT_LENGTH : Number(p.MinimumLength);
    const classes = CLASSES.filter((c) => p[c] === undefined || isTrue(p[c]));
    const verdicts: Verdict[] = [];
    if (length < MIN_LENGTH) {
      verdicts.push(Verdicts.violation(`User pool ${pool.logicalId} accepts passwords of ${length} characters; at least ${MIN_LENGTH} are needed.`, { location: `${location}/MinimumLength`, findingId: 'min-length' }));
    }
    if (length < LENGTH_WITHOUT_CLASSES && classes.length < MIN_CLASSES) {
      verdicts.push(Verdicts.violation(`User pool ${pool.logicalId} requires ${classes.length} character class(es) (${classes.join(', ') || 'none'}) for passwords shorter than ${LENGTH_WITHOUT_CLASSES} characters; at least ${MIN_CLASSES} are needed.`, { location, findingId: 'character-classes' }));
    }
    return verdicts;
  }
}
