import { AuditedResource } from '../../core/audited-resource';
import { FindingIds } from '../../core/finding-ids';
import { IRule, RuleCategory, Severity, Verdict } from '../../core/rule';
import { StackView } from '../../core/stack-view';
import { Verdicts } from '../../core/verdicts';
import { SecretDetector } from '../../shared/secret-detector';
import { judgeSecret, storedSecretValue, writtenSecret } from '../private/secret-values';

/**
 * T5: a Secrets Manager secret whose value is written in the template (`SecretString` as a literal, which is what
 * `SecretValue.unsafePlainText(...)` and `secretStringValue`/`secretObjectValue` of literals produce) is no secret:
 * the value sits in the synthesized template, `cdk.out`, source control and CloudFormation's own records of the
 * stack, readable by anyone who can read any of them.
 *
 * Decisions:
 * - a plain literal value: an error, unless it is an obvious placeholder (`CHANGE_ME`, `<set-later>`);
 * - a JSON object (`secretObjectValue`): each field is judged like a configuration entry, so non-secret fields
 *   (`username`, `host`, `dbname`) may be literal while a literal `password` (or any value with a credential's
 *   shape) is an error; fields filled from resources of the stack (an endpoint, an access key's secret) are fine;
 * - a value assembled from literals and resources that is not JSON: its literal parts are judged by shape;
 * - a dynamic reference (copying another secret or an SSM SecureString) and `GenerateSecretString` keep the value out
 *   of the template: fine;
 * - a value from a `NoEcho` parameter is the documented way to pass a secret: not reported; from a parameter without
 *   `NoEcho`, DescribeStacks shows it in clear: an error. A value imported from another stack (`Fn::ImportValue`) is
 *   an export, listed in clear by `cloudformation:ListExports`: an error.
 */
export class SecretsManagerSecretLiteralRule implements IRule {
  /** This rule's id: what `id` returns, for code that names the rule (acknowledgements, packs) without an instance. */
  public static readonly ID = 'SLS-SECRETSMANAGER-LITERAL';

  public readonly id = SecretsManagerSecretLiteralRule.ID;
  public readonly category = RuleCategory.SECRETS;
  public readonly severity = Severity.ERROR;
  public readonly severityReason?: string = 'A secret value written in the template is readable in the template, cdk.out, source control and the stack\'s CloudFormation records: a leak that Secrets Manager cannot undo.';
  public readonly description = 'Secrets Manager secrets do not take their value from a literal in the template.';
  public readonly remediation = 'Let Secrets Manager generate the value (`generateSecretString` on secretsmanager.Secret, the default), or set it outside '
    + 'the template (the console, the CLI, a rotation function); never `SecretValue.unsafePlainText(...)` or a literal `secretStringValue`. '
    + 'Non-secret fields (username, host) may stay literal in `secretObjectValue`.';
  public readonly resourceTypes = ['AWS::SecretsManager::Secret'];

  public check(secret: AuditedResource, stack: StackView): Verdict[] {
    const raw = secret.properties.SecretString;
    if (raw === undefined || raw === '') return [];
    const location = 'Properties/SecretString';
    const stored = storedSecretValue(raw, stack);
    if (stored.exposure !== undefined) return [Verdicts.violation(`Secret ${secret.logicalId} takes its value from ${stored.exposure}.`, { location })];
    const text = stored.text;
    if (text === undefined) return [];
    const object = parseObject(text);
    if (object) return this.checkFields(secret, object, stack);
    const written = writtenSecret(text);
    if (!written) return [];
    return [Verdicts.violation(written.assembledReason === undefined
      ? `Secret ${secret.logicalId} has a literal value (SecretString) written in the template.`
      : `Secret ${secret.logicalId} has a value assembled around a literal secret (${written.assembledReason}).`, { location })];
  }

  /** Judges each field of a JSON secret value; a field rendered from a resource (`${Id.Attr}`) is a reference. */
  private checkFields(secret: AuditedResource, object: { [key: string]: any }, stack: StackView): Verdict[] {
    const verdicts: Verdict[] = [];
    for (const field of Object.keys(object)) {
      const value = object[field];
      if (value === null || typeof value === 'object') continue;
      const text = String(value);
      if (text.includes('${')) {
        // Filled by CloudFormation from a resource: the secret value is where it belongs. A literal part around it
        // may still have a credential's shape.
        const match = SecretDetector.inspectValue(text);
        if (match) verdicts.push(this.fieldVerdict(secret, field, `a value assembled around a literal secret (${match.reason})`));
        continue;
      }
      const judgement = judgeSecret(field, text, stack, { dynamicReferencesExposed: false });
      if (judgement) verdicts.push(this.fieldVerdict(secret, field, judgement.what));
    }
    return verdicts;
  }

  private fieldVerdict(secret: AuditedResource, field: string, what: string): Verdict {
    return Verdicts.violation(`Field ${field} of secret ${secret.logicalId} holds ${what}, written in the template.`, {
      location: 'Properties/SecretString', findingId: FindingIds.sanitize(field),
    });
  }
}

/** The value as a JSON object, when it is one. */
function parseObject(text: string): { [key: string]: any } | undefined {
  if (!text.trim().startsWith('{')) return undefined;
  try {
    const parsed = JSON.parse(text);
    return parsed && typeof parsed === 'object' && !Array.isArray(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}
