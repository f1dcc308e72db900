import { AuditedResource } from '../../core/audited-resource';
import { FindingIds } from '../../core/finding-ids';
import { isIntrinsic, readValue } from '../../core/private/values';
import { ValueKind } from '../../core/resolved-value';
import { IRule, RuleCategory, Severity, Verdict } from '../../core/rule';
import { StackView } from '../../core/stack-view';
import { Verdicts } from '../../core/verdicts';
import { echoedParameterOf, isCredentialHeader, judgeSecret, literalText } from '../private/secret-values';

/** The auth parameters that always hold a secret, by their path under `AuthParameters`. */
const SECRET_FIELDS = ['ApiKeyAuthParameters.ApiKeyValue', 'BasicAuthParameters.Password', 'OAuthParameters.ClientParameters.ClientSecret'];
/** The lists of additional key/value parameters a connection sends, by their path under `Properties`. */
const PARAMETER_LISTS = ['InvocationHttpParameters', 'AuthParameters.InvocationHttpParameters', 'AuthParameters.OAuthParameters.OAuthHttpParameters'];
const PARAMETER_KINDS = ['HeaderParameters', 'QueryStringParameters', 'BodyParameters'];

/**
 * T5: an EventBridge connection (`AWS::Events::Connection`, used by API destinations and HTTP tasks) holds the
 * credentials of a third-party API. EventBridge keeps them in a secret of its own, but a literal written in the
 * template is also in `cdk.out`, source control and the stack's CloudFormation records.
 *
 * Decisions:
 * - the API key value, the basic-auth password and the OAuth client secret: a literal is an error, whatever it looks
 *   like (`SecretValue.unsafePlainText(...)` in `Authorization.apiKey/basic/oauth`); a Secrets Manager dynamic
 *   reference (`SecretValue.secretsManager(...)`), a `NoEcho` parameter or a resource attribute keeps it out of
 *   the template; a parameter without `NoEcho` (shown by DescribeStacks) and a value imported from another stack (an
 *   export, listed in clear by `cloudformation:ListExports`) are errors;
 * - additional header, query-string and body parameters: a parameter marked `IsValueSecret` with a literal value, or
 *   one whose key or value looks like a secret (an `Authorization` header, an `api_key` parameter), is an error; an
 *   unknown value under a secret-looking key is undecidable.
 * One finding per field or parameter (`ApiKeyValue`, `Password`, `ClientSecret`, `header.Authorization`...).
 */
export class EventsConnectionSecretRule implements IRule {
  /** This rule's id: what `id` returns, for code that names the rule (acknowledgements, packs) without an instance. */
  public static readonly ID = 'SLS-EVENTS-CONNECTION-SECRET';

  public readonly id = EventsConnectionSecretRule.ID;
  public readonly category = RuleCategory.SECRETS;
  public readonly severity = Severity.ERROR;
  public readonly severityReason?: string = 'A third-party API credential written in the template is readable in the template, cdk.out, source control and the stack\'s CloudFormation records: a leak of a credential the app does not even own.';
  public readonly description = 'EventBridge connections take their credentials from Secrets Manager, never from literals in the template.';
  public readonly remediation = 'Pass the API key, password or client secret as `SecretValue.secretsManager(secretId)` (a dynamic reference) to '
    + '`events.Authorization.apiKey/basic/oauth`, or as a NoEcho parameter; mark secret extra parameters with `isValueSecret` and give '
    + 'them the same kind of value.';
  public readonly resourceTypes = ['AWS::Events::Connection'];

  public check(connection: AuditedResource, stack: StackView): Verdict[] {
    const verdicts: Verdict[] = [];
    for (const path of SECRET_FIELDS) {
      const value = connection.property(`AuthParameters.${path}`);
      if (value === undefined) continue;
      const verdict = this.checkSecretField(connection, path, value, stack);
      if (verdict) verdicts.push(verdict);
    }
    for (const listPath of PARAMETER_LISTS) {
      for (const kind of PARAMETER_KINDS) {
        verdicts.push(...this.checkParameters(connection, `${listPath}.${kind}`, kind, stack));
      }
    }
    return verdicts;
  }

  private checkSecretField(connection: AuditedResource, path: string, value: any, stack: StackView): Verdict | undefined {
    const field = path.split('.').pop()!;
    const options = { location: `Properties/AuthParameters/${path.replace(/\./g, '/')}`, findingId: field };
    const subject = `The ${FIELD_LABELS[field]} of connection ${connection.logicalId}`;
    if (/\{\{resolve:(?:secretsmanager|ssm-secure):/.test(literalText(value))) return undefined;
    if (hasImport(value)) return Verdicts.violation(`${subject} is imported from another stack's export, which cloudformation:ListExports lists in clear.`, options);
    const echoed = echoedParameterOf(value, stack);
    if (echoed !== undefined) return Verdicts.violation(`${subject} comes from parameter ${echoed}, which is not NoEcho: DescribeStacks shows it in clear.`, options);
    const resolved = stack.resolve(value);
    if (resolved.kind === ValueKind.EXTERNAL || resolved.kind === ValueKind.RESOURCE_REFERENCE) return undefined;
    if (resolved.kind === ValueKind.DEPLOY_TIME && String(resolved.value).includes('${')) {
      // Assembled from a resource attribute and literals: only the literal parts are in the template.
      const judgement = judgeSecret(undefined, value, stack);
      return judgement ? Verdicts.violation(`${subject} holds ${judgement.what}, written in the template.`, options) : undefined;
    }
    if (resolved.value === '' || resolved.value === undefined) return undefined;
    return Verdicts.violation(`${subject} is a literal written in the template.`, options);
  }

  private checkParameters(connection: AuditedResource, path: string, kind: string, stack: StackView): Verdict[] {
    const raw = connection.property(path);
    if (raw === undefined) return [];
    const location = `Properties/${path.replace(/\./g, '/')}`;
    const list = isIntrinsic(raw) ? readValue(stack, raw) : { known: true as const, value: raw };
    if (!list.known) {
      return [Verdicts.undecidable(`Whether the ${KIND_LABELS[kind]}s of connection ${connection.logicalId} hold a secret is not known.`, list.unknownReason, { location })];
    }
    if (!Array.isArray(list.value)) return [];
    const verdicts: Verdict[] = [];
    list.value.forEach((parameter: any, index: number) => {
      if (!parameter || typeof parameter !== 'object') return;
      const key = typeof parameter.Key === 'string' ? parameter.Key : `${index}`;
      const options = { location: `${location}/${index}/Value`, findingId: FindingIds.sanitize(`${KIND_LABELS[kind].split(' ')[0]}.${key}`) };
      const subject = `The ${KIND_LABELS[kind]} ${key} of connection ${connection.logicalId}`;
      const value = parameter.Value;
      const declaredSecret = readValue(stack, parameter.IsValueSecret);
      if (declaredSecret.known && (declaredSecret.value === true || declaredSecret.value === 'true') && typeof value === 'string'
        && !value.includes('{{resolve:') && value !== '') {
        verdicts.push(Verdicts.violation(`${subject} is marked secret (IsValueSecret) but is a literal written in the template.`, options));
        return;
      }
      const credentialName = kind === 'HeaderParameters' && isCredentialHeader(key);
      const judgement = judgeSecret(key, value, stack, { dynamicReferencesExposed: false, credentialName });
      if (!judgement) return;
      verdicts.push(judgement.unknownReason
        ? Verdicts.undecidable(`${subject} may hold a secret: it holds ${judgement.what}.`, judgement.unknownReason, options)
        : Verdicts.violation(`${subject} holds ${judgement.what}, written in the template.`, options));
    });
    return verdicts;
  }
}

const FIELD_LABELS: { [field: string]: string } = { ApiKeyValue: 'API key value', Password: 'basic-auth password', ClientSecret: 'OAuth client secret' };
const KIND_LABELS: { [kind: string]: string } = { HeaderParameters: 'header parameter', QueryStringParameters: 'query parameter', BodyParameters: 'body parameter' };

function hasImport(value: any): boolean {
  if (value === null || typeof value !== 'object') return false;
  if (!Array.isArray(value) && 'Fn::ImportValue' in value) return true;
  return Object.values<any>(value).some(hasImport);
}
