import { holdsSecretDynamicReference } from './secret-values';
import { ValueKind } from '../../core/resolved-value';
import { StackView } from '../../core/stack-view';
import { SecretDetector, SecretKind } from '../../shared/secret-detector';

/**
 * A string literal of the languages inline code is written in (JavaScript, Python): '...', "..." or `...` on one
 * line. Short ones are matched too, so that each closing quote pairs with its opening one.
 */
const STRING_LITERAL = /(["'`])((?:(?!\1)[^\\\r\n]|\\.){0,1024})\1/g;

/**
 * Shapes that are a credential whatever surrounds them. A long random-looking string alone is not one here: code holds
 * hashes, encoded data and identifiers of that shape; and names are not judged, code names variables in every way.
 */
const CREDENTIAL_SHAPES = new Set<SecretKind>([
  SecretKind.AWS_ACCESS_KEY_ID, SecretKind.AWS_SECRET_ACCESS_KEY, SecretKind.PRIVATE_KEY, SecretKind.JWT,
  SecretKind.VENDOR_TOKEN, SecretKind.CONNECTION_STRING_PASSWORD, SecretKind.AUTHORIZATION_HEADER,
]);

/** Stands for a part of assembled code that is not known at synth time: no quote, so literals around it still pair. */
const UNKNOWN_PART = '\u0000';

/**
 * The credential that code written in the template holds (a Lambda function's `ZipFile` or `InlineCode`, a CloudFront
 * function's `FunctionCode`), to follow "holds ": a secret dynamic reference (CloudFormation resolves it into the code
 * in clear) or a string literal with a credential's shape (a vendor token, an AWS key, a private key, a JWT, a
 * connection string with its password, an `Authorization` value), or in code that checks Basic authentication, a
 * `user:password` pair, plain or base64. Code CloudFormation assembles around a parameter or an import is judged on
 * its literal parts.
 *
 * @returns the phrase, or undefined when nothing in the code has a credential's shape
 */
export function credentialInCode(raw: any, stack: StackView): string | undefined {
  if (raw === undefined || raw === null) return undefined;
  const code = codeText(raw, stack);
  if (holdsSecretDynamicReference(code)) return 'a secret dynamic reference, which CloudFormation resolves into the code in clear';
  const literals = [...code.matchAll(STRING_LITERAL)].map((m) => m[2]);
  for (const literal of literals) {
    const match = SecretDetector.inspectValue(literal);
    if (match && CREDENTIAL_SHAPES.has(match.kind)) return `a literal credential (${match.reason})`;
  }
  // Code that checks Basic authentication compares against a `user:password` pair, often split from its "Basic "
  // prefix or left to `btoa`: the pair, plain or base64, is the credential.
  if (BASIC_SCHEME.test(code) && literals.some((literal) => isUserPassword(literal) || isUserPassword(base64Text(literal)))) {
    return 'a Basic-auth credential (a user:password pair, plain or base64, in code that checks Basic authentication)';
  }
  return undefined;
}

const BASIC_SCHEME = /\bBasic\b/;
/**
 * `user:password`: a user name, one colon, a password of 4 or more characters that is not a port number and has no
 * `/` (so `https://host`, `host:8080` and `Content-Type:application/json` are not pairs).
 */
const USER_PASSWORD = /^[\w.@+-]{1,64}:(?!\d+$)[^\s:/]{4,128}$/;
const BASE64 = /^[A-Za-z0-9+/]{8,}={0,2}$/;

function isUserPassword(text: string | undefined): boolean {
  return text !== undefined && USER_PASSWORD.test(text);
}

/** The text a base64 literal encodes, when it is printable ASCII. */
function base64Text(literal: string): string | undefined {
  if (!BASE64.test(literal) || literal.length % 4 !== 0) return undefined;
  const text = Buffer.from(literal, 'base64').toString('latin1');
  return /^[\x20-\x7e]+$/.test(text) ? text : undefined;
}

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
