import { SAM_FUNCTION } from './private/function-links';
import { AuditedResource } from '../../core/audited-resource';
import { ValueKind } from '../../core/resolved-value';
import { IRule, RuleCategory, Severity, Verdict } from '../../core/rule';
import { StackView } from '../../core/stack-view';
import { Verdicts } from '../../core/verdicts';
import { SecretDetector, SecretKind, SecretMatch } from '../../shared/secret-detector';

/**
 * A string literal of the languages Lambda runs inline (Node.js, Python): '...', "..." or `...` on one line. Short ones
 * are matched too, so that each closing quote pairs with its opening one.
 */
const STRING_LITERAL = /(["'`])((?:(?!\1)[^\\\r\n]|\\.){0,1024})\1/g;

/**
 * Shapes that are a credential whatever surrounds them. A long random-looking string alone is not one here: inline
 * code holds hashes, encoded data and identifiers of that shape.
 */
const CREDENTIAL_SHAPES = new Set<SecretKind>([
  SecretKind.AWS_ACCESS_KEY_ID, SecretKind.AWS_SECRET_ACCESS_KEY, SecretKind.PRIVATE_KEY, SecretKind.JWT,
  SecretKind.VENDOR_TOKEN, SecretKind.CONNECTION_STRING_PASSWORD, SecretKind.AUTHORIZATION_HEADER,
]);

/**
 * A credential written into a function's inline code (`lambda.Code.fromInline`, the `ZipFile` of an L1, a SAM
 * `InlineCode`) is a secret in plain configuration (T5): the code is in the template, `cdk.out` and source control,
 * and `lambda:GetFunction` (part of ReadOnlyAccess) downloads it. A Secrets Manager dynamic reference in the code is
 * resolved into it by CloudFormation, in clear, just the same.
 *
 * Judged by the shape of the string literals in the code (vendor tokens, AWS keys, private keys, JWTs, connection
 * strings with a password, `Authorization` values), with the library's `SecretDetector`; names are not judged (code
 * names variables in every way), nor random-looking strings alone. Code CloudFormation assembles around a parameter
 * is judged on its literal parts.
 */
export class LambdaCodeSecretRule implements IRule {
  /** This rule's id: what `id` returns, for code that names the rule (acknowledgements, packs) without an instance. */
  public static readonly ID = 'SLS-LAMBDA-CODE-SECRET';

  public readonly id = LambdaCodeSecretRule.ID;
  public readonly category = RuleCategory.SECRETS;
  public readonly severity = Severity.ERROR;
  public readonly severityReason?: string = 'A credential in inline code sits in the template, cdk.out and source control, and anyone allowed '
    + 'lambda:GetFunction (part of ReadOnlyAccess) downloads the code: a leak.';
  public readonly description = 'The Lambda function\'s inline code holds no credential.';
  public readonly remediation = 'Move the credential to Secrets Manager, pass the secret through SecureFunction\'s `secrets` prop (the '
    + 'function gets its ARN and read access) and read it at run time; package real code with `lambda.Code.fromAsset`.';
  public readonly resourceTypes = ['AWS::Lambda::Function', SAM_FUNCTION];

  public check(resource: AuditedResource, stack: StackView): Verdict[] {
    const [raw, location] = resource.resourceType === SAM_FUNCTION
      ? [resource.properties.InlineCode, 'Properties/InlineCode']
      : [resource.property('Code.ZipFile'), 'Properties/Code/ZipFile'];
    if (raw === undefined || raw === null) return [];
    const code = codeText(raw, stack);
    if (/\{\{resolve:(?:secretsmanager|ssm-secure):/.test(code)) {
      return [Verdicts.violation(`The inline code of function ${resource.logicalId} holds a secret dynamic reference, which CloudFormation `
        + 'resolves into the code in clear.', { location })];
    }
    const match = credentialIn(code);
    if (!match) return [];
    return [Verdicts.violation(`The inline code of function ${resource.logicalId} holds a literal credential (${match.reason}), readable in the `
      + 'template and by anyone allowed lambda:GetFunction.', { location })];
  }
}

/** Stands for a part of assembled code that is not known at synth time: no quote, so literals around it still pair. */
const UNKNOWN_PART = '\u0000';

/**
 * The code as text: rendered by the value model, or else assembled from its literal parts with `UNKNOWN_PART` where
 * CloudFormation fills in a parameter or an import (`Fn::Join`, `Fn::Sub`).
 */
function codeText(raw: any, stack: StackView): string {
  if (typeof raw === 'string') return raw;
  const resolved = stack.resolve(raw);
  if (resolved.kind !== ValueKind.EXTERNAL && typeof resolved.value === 'string') return resolved.value;
  const join = raw?.['Fn::Join'];
  if (Array.isArray(join) && typeof join[0] === 'string' && Array.isArray(join[1])) {
    return join[1].map((part: any) => codeText(part, stack)).join(join[0]);
  }
  const sub = raw?.['Fn::Sub'];
  const template = Array.isArray(sub) ? sub[0] : sub;
  if (typeof template === 'string') return template.replace(/\$\{[^!}][^}]*\}/g, UNKNOWN_PART);
  return UNKNOWN_PART;
}

/** The first string literal of the code that has a credential's shape. */
function credentialIn(code: string): SecretMatch | undefined {
  for (const literal of code.matchAll(STRING_LITERAL)) {
    const match = SecretDetector.inspectValue(literal[2]);
    if (match && CREDENTIAL_SHAPES.has(match.kind)) return match;
  }
  return undefined;
}
