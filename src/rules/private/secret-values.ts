import { ValueKind } from '../../core/resolved-value';
import { StackView } from '../../core/stack-view';
import { SecretDetector, SecretKind } from '../../shared/secret-detector';

/** What a configuration entry holds, as far as secrets go. */
export enum SecretHolding {
  /** A literal that looks like a secret (by the entry's name or by the value's shape). */
  LITERAL = 'literal',
  /**
   * A dynamic reference to Secrets Manager or to an SSM SecureString (`{{resolve:secretsmanager:...}}`): the secret
   * stays out of the template, but CloudFormation writes its value into the resource's configuration in clear.
   */
  DYNAMIC_REFERENCE = 'dynamic-reference',
  /** An attribute of a resource of the stack that is itself a secret (an access key's secret, a client secret). */
  SECRET_ATTRIBUTE = 'secret-attribute',
  /**
   * A `NoEcho` template parameter: the author declares it a secret. CloudFormation hides it in its own console and
   * API, but the resource stores it, and shows it, in clear.
   */
  NO_ECHO_PARAMETER = 'no-echo-parameter',
  /** A value unknown at synth time (a parameter, an import) under a name that suggests a secret. */
  UNKNOWN = 'unknown',
}

/** A configuration entry that holds, or may hold, a secret. */
export interface SecretJudgement {
  readonly holding: SecretHolding;
  /**
   * What the entry holds, to follow "<entry> holds " in a finding: `a literal secret (the name DB_PASSWORD suggests
   * one)`, `a Secrets Manager dynamic reference, which CloudFormation resolves into clear text`. Never the value.
   */
  readonly what: string;
  /** For `UNKNOWN`: what is unknown, for an "unable to decide" verdict. */
  readonly unknownReason?: string;
}

/** How a place treats dynamic references. */
export interface SecretJudgeOptions {
  /**
   * Whether CloudFormation resolves a dynamic reference here into configuration anyone can read (environment and
   * stage variables, outputs, definitions, integration parameters), or into a store of the service's own (an
   * EventBridge connection keeps it in a secret of its own, a secret keeps it as its value).
   *
   * @default true
   */
  readonly dynamicReferencesExposed?: boolean;
  /**
   * Whether the entry's name carries a credential whatever it is called, like an HTTP `Authorization` header.
   *
   * @default - only names the `SecretDetector` finds secret-looking
   */
  readonly credentialName?: boolean;
}

/** Names that carry a credential whatever their value looks like: HTTP `Authorization`, `Proxy-Authorization`, `Cookie`. */
export function isCredentialHeader(name: string): boolean {
  return /^(?:proxy-)?authorization$|^cookie$/i.test(name.trim());
}

/**
 * Attributes named like secrets that are public by design, as publishable keys are: an AppSync API key is shipped in
 * every web and mobile client of the API (AppSync's "public API" mode), so outputting it or handing it to a function
 * discloses nothing its clients do not already hold.
 */
const PUBLIC_ATTRIBUTES: { [type: string]: string[] } = {
  'AWS::AppSync::ApiKey': ['ApiKey'],
};

/** Resource attributes that are secrets in their own right: `Fn::GetAtt` of one puts the secret where it lands. */
const SECRET_ATTRIBUTES: { [type: string]: { [attribute: string]: string } } = {
  'AWS::IAM::AccessKey': { SecretAccessKey: 'the secret access key of' },
  'AWS::Cognito::UserPoolClient': { ClientSecret: 'the client secret of' },
};

const SECRET_DYNAMIC_REFERENCE = /\{\{resolve:(secretsmanager|ssm-secure):/;

/**
 * Judges one configuration entry (an environment variable, a stage variable, an output, a header...) by its name and
 * its deployed value, through the stack's value model. The one place the audit decides "this holds a secret", on top
 * of the library's `SecretDetector` (shared with the constructs):
 * - a literal (or a value CloudFormation assembles from literals only) that looks like a secret by name or shape;
 * - a value assembled from literals and resources of the stack whose literal parts have a credential's shape;
 * - a Secrets Manager or SSM SecureString dynamic reference, where `dynamicReferencesExposed`;
 * - `Fn::GetAtt` of a secret attribute (`AWS::IAM::AccessKey.SecretAccessKey`, a user pool client's `ClientSecret`);
 * - a `NoEcho` parameter, which the template's author declares a secret, where `dynamicReferencesExposed` (the place
 *   stores it in clear as it stores a resolved dynamic reference);
 * - a value unknown at synth time (a parameter, an import, an SSM parameter's value) under a name, or from a
 *   parameter whose name, suggests a secret: unknown. Other unknown values are not secrets by any evidence.
 * A reference to a resource (a secret's ARN or name) is what configuration should hold: no judgement.
 *
 * @param name the entry's name (`DB_PASSWORD`, `Authorization`), or undefined when it has none
 * @returns the judgement, or undefined when nothing suggests a secret
 */
export function judgeSecret(name: string | undefined, value: any, stack: StackView, options: SecretJudgeOptions = {}): SecretJudgement | undefined {
  if (value === undefined || value === null) return undefined;
  const exposed = options.dynamicReferencesExposed ?? true;
  const literal = (text: string) => judgeLiteral(name, text, options.credentialName ?? false);
  if (typeof value === 'string' && !value.includes('{{resolve:')) return literal(value);
  if (typeof value === 'number' || typeof value === 'boolean') return literal(String(value));

  const dynamic = SECRET_DYNAMIC_REFERENCE.exec(literalText(value));
  if (dynamic) {
    if (!exposed) return undefined;
    const store = dynamic[1] === 'secretsmanager' ? 'a Secrets Manager' : 'an SSM SecureString';
    return { holding: SecretHolding.DYNAMIC_REFERENCE, what: `${store} dynamic reference, which CloudFormation resolves into clear text` };
  }
  const attribute = secretAttributeIn(value, stack);
  if (attribute) return { holding: SecretHolding.SECRET_ATTRIBUTE, what: attribute };
  const parameters = parameterNames(value, stack);
  const noEcho = parameters.find((p) => stack.isNoEchoParameter(p));
  if (noEcho !== undefined) {
    if (!exposed) return undefined;
    return { holding: SecretHolding.NO_ECHO_PARAMETER, what: `the NoEcho parameter ${noEcho} (a declared secret)` };
  }

  const resolved = stack.resolve(value);
  switch (resolved.kind) {
    case ValueKind.LITERAL:
      return typeof resolved.value === 'string' || typeof resolved.value === 'number' ? literal(String(resolved.value)) : undefined;
    case ValueKind.RESOURCE_REFERENCE:
      return undefined;
    case ValueKind.DEPLOY_TIME: {
      const rendered = resolved.value;
      if (typeof rendered !== 'string') return undefined;
      // Evaluated from literals only (Fn::Join, Fn::FindInMap...): a literal like any other.
      if (!rendered.includes('${')) return literal(rendered);
      const match = SecretDetector.inspectValue(rendered);
      return match ? { holding: SecretHolding.LITERAL, what: `a value assembled around a literal secret (${match.reason})` } : undefined;
    }
    default: {
      const secretNames = [...(name === undefined ? [] : [name]), ...parameters]
        .filter((n) => SecretDetector.isSecretName(n) || (n === name && options.credentialName));
      if (secretNames.length === 0) return undefined;
      return {
        holding: SecretHolding.UNKNOWN,
        what: `a value unknown at synth time, and the name ${secretNames[0]} suggests a secret`,
        unknownReason: resolved.unknownReason ?? 'a value unknown at synth time',
      };
    }
  }
}

function judgeLiteral(name: string | undefined, value: string, credentialName: boolean): SecretJudgement | undefined {
  const match = name === undefined ? SecretDetector.inspectValue(value) : SecretDetector.inspect(name, value);
  if (!match && credentialName && !SecretDetector.isHarmlessValue(value) && !SecretDetector.isPublicValue(value)) {
    return { holding: SecretHolding.LITERAL, what: `a literal credential (a ${name} value carries one)` };
  }
  if (!match) return undefined;
  if (match.kind === SecretKind.SECRET_NAME) return { holding: SecretHolding.LITERAL, what: `a literal secret (the name ${name} suggests one)` };
  return { holding: SecretHolding.LITERAL, what: `a literal secret (${match.reason})` };
}

/**
 * `the secret access key of AWS::IAM::AccessKey CiKey`, when the value reads a secret attribute of a stack resource:
 * one of the known ones, or any attribute named like a secret (`UserPoolClient.ClientSecret` of the custom resource
 * aws-cdk-lib uses to read a client's secret).
 */
function secretAttributeIn(value: any, stack: StackView): string | undefined {
  for (const [id, attribute] of attributeReferences(value)) {
    const resource = stack.resource(id);
    if (!resource || PUBLIC_ATTRIBUTES[resource.resourceType]?.includes(attribute)) continue;
    const label = SECRET_ATTRIBUTES[resource.resourceType]?.[attribute];
    if (label) return `${label} ${resource.resourceType} ${id}`;
    if (SecretDetector.isSecretName(attribute)) return `the attribute ${attribute} of ${resource.resourceType} ${id}`;
  }
  return undefined;
}

/** Every `Fn::GetAtt` (and `${Id.Attr}` of `Fn::Sub`) in a value, as [logical id, attribute]. */
function attributeReferences(value: any, into: Array<[string, string]> = []): Array<[string, string]> {
  if (value === null || typeof value !== 'object') return into;
  if (Array.isArray(value)) {
    for (const item of value) attributeReferences(item, into);
    return into;
  }
  for (const key of Object.keys(value)) {
    const inner = value[key];
    if (key === 'Fn::GetAtt') {
      const [id, attribute] = Array.isArray(inner) ? inner : String(inner).split(/\.(.*)/);
      into.push([String(id), String(attribute)]);
    } else if (key === 'Fn::Sub') {
      const text = Array.isArray(inner) ? inner[0] : inner;
      for (const m of String(text).matchAll(/\$\{([^!}.][^}.]*)\.([^}]+)\}/g)) into.push([m[1], m[2]]);
      if (Array.isArray(inner)) attributeReferences(inner[1], into);
    } else {
      attributeReferences(inner, into);
    }
  }
  return into;
}

/** The literal strings of a value, joined: enough to find a dynamic reference split across `Fn::Join` parts. */
export function literalText(value: any): string {
  if (typeof value === 'string') return value;
  if (value === null || typeof value !== 'object') return '';
  return Object.values<any>(value).map(literalText).join('');
}

/** The template parameters a value refers to (`Ref` or `Fn::Sub` placeholders). */
export function parameterNames(value: any, stack: StackView): string[] {
  const names: string[] = [];
  const walk = (v: any): void => {
    if (v === null || typeof v !== 'object') return;
    for (const key of Object.keys(v)) {
      const inner = v[key];
      if (key === 'Ref' && typeof inner === 'string' && stack.isParameter(inner)) {
        names.push(inner);
      } else if (key === 'Fn::Sub') {
        const text = Array.isArray(inner) ? inner[0] : inner;
        const placeholders = [...String(text).matchAll(/\$\{([^!}.][^}.]*)\}/g)].map((m) => m[1]);
        names.push(...placeholders.filter((n) => stack.isParameter(n)));
        if (Array.isArray(inner)) walk(inner[1]);
      } else {
        walk(inner);
      }
    }
  };
  walk(value);
  return names;
}

/**
 * The first template parameter a secret value comes from that does not hide it: a parameter without `NoEcho` is shown
 * in clear by `cloudformation:DescribeStacks` and the console (an SSM-typed one with its resolved value), so a secret
 * passed through it is not kept secret.
 */
export function echoedParameterOf(value: any, stack: StackView): string | undefined {
  return parameterNames(value, stack).find((p) => !stack.isNoEchoParameter(p));
}

/** How a value that is a secret by its place (a secret's value, a database's master password) is provided. */
export interface StoredSecretValue {
  /**
   * What shows the value in clear outside its store, to follow "takes its value from ": `parameter DbPassword, which is
   * not NoEcho: ...`, `the export Db-Password of another stack, ...`. Undefined when nothing does.
   */
  readonly exposure?: string;
  /** The value as text when the template holds it (a literal, or literals assembled with resources): judge its shape. */
  readonly text?: string;
}

/**
 * Reads a value that is a secret by its place, where a dynamic reference (`{{resolve:secretsmanager:...}}`) or a
 * `NoEcho` parameter is the documented way to pass it (the service keeps it and never shows it): what exposes it
 * (a parameter without `NoEcho`, an export of another stack), or the text the template holds. A reference to a
 * resource or a value only deployment knows is not in the template: neither.
 */
export function storedSecretValue(value: any, stack: StackView): StoredSecretValue {
  if (holdsSecretDynamicReference(literalText(value))) return {};
  const imported = importIn(value);
  if (imported !== undefined) return { exposure: `the export ${imported} of another stack, which cloudformation:ListExports lists in clear` };
  const echoed = echoedParameterOf(value, stack);
  if (echoed !== undefined) return { exposure: `parameter ${echoed}, which is not NoEcho: DescribeStacks and the console show it in clear` };
  const resolved = stack.resolve(value);
  if (resolved.kind === ValueKind.EXTERNAL || resolved.kind === ValueKind.RESOURCE_REFERENCE) return {};
  return typeof resolved.value === 'string' || typeof resolved.value === 'number' ? { text: String(resolved.value) } : {};
}

/**
 * Whether a secret's text, as the template holds it, gives the secret away: a literal (not a placeholder such as
 * `CHANGE_ME` that stands in until the value is set out of band), or a value assembled around a literal with a
 * credential's shape, whose reason is given.
 *
 * @returns undefined when the text gives nothing away
 */
export function writtenSecret(text: string): { readonly assembledReason?: string } | undefined {
  if (!text.includes('${')) return PLACEHOLDER.test(text.trim()) ? undefined : {};
  const match = SecretDetector.inspectValue(text);
  return match ? { assembledReason: match.reason } : undefined;
}

/** Whether text holds a Secrets Manager or SSM SecureString dynamic reference, which CloudFormation resolves in clear. */
export function holdsSecretDynamicReference(text: string): boolean {
  return SECRET_DYNAMIC_REFERENCE.test(text);
}

const PLACEHOLDER = /^(?:placeholder|change[_-]?me|replace[_-]?me|todo|tbd|dummy|to[_-]?be[_-]?set|<[^>]*>|x+|\*+|-|none|null|empty)$/i;

/** The name of the first export a value imports, if any. */
function importIn(value: any): string | undefined {
  if (value === null || typeof value !== 'object') return undefined;
  if (!Array.isArray(value) && 'Fn::ImportValue' in value) {
    const name = value['Fn::ImportValue'];
    return typeof name === 'string' ? name : JSON.stringify(name);
  }
  for (const inner of Object.values<any>(value)) {
    const found = importIn(inner);
    if (found) return found;
  }
  return undefined;
}
