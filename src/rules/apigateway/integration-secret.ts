import { describeMethod } from './private/rest-api-graph';
import { AuditedResource } from '../../core/audited-resource';
import { FindingIds } from '../../core/finding-ids';
import { isIntrinsic, readValue } from '../../core/private/values';
import { IRule, RuleCategory, Severity, Verdict } from '../../core/rule';
import { StackView } from '../../core/stack-view';
import { Verdicts } from '../../core/verdicts';
import { SecretDetector, SecretKind } from '../../shared/secret-detector';
import { isCredentialHeader, judgeSecret, literalText, SecretHolding } from '../private/secret-values';

const READERS = 'by anyone allowed apigateway:GET on the API';
/** `"name": "literal"` pairs of a JSON-like mapping template (a value with `$` is filled at request time). */
const JSON_PAIR = /"([^"\\]{1,128})"\s*:\s*"([^"\\$]{1,4096})"/g;

/**
 * T5: what an API Gateway integration adds to the requests it sends (a header, a query parameter, a field of a
 * mapping template, credentials in the endpoint URL) is configuration of the API: anyone allowed `apigateway:GET`, the
 * template, `cdk.out` and source control show it. A backend credential written there (`'Bearer ...'` in
 * `integration.request.header.Authorization`, an `x-api-key` header, `"apiKey": "..."` in a request template,
 * `https://user:password@host`) leaks.
 *
 * Reads REST methods (`Integration.RequestParameters` static values, which API Gateway writes single-quoted;
 * `Integration.RequestTemplates`; `Integration.Uri`) and HTTP/WebSocket API integrations (`RequestParameters` static
 * values; `RequestTemplates`; `IntegrationUri`). Values mapped from the request, the context or stage variables are
 * not literals and not judged here. An `Authorization`, `Proxy-Authorization` or `Cookie` header carries a credential
 * whatever its value looks like. One finding per parameter or template field.
 */
export class ApiIntegrationSecretRule implements IRule {
  /** This rule's id: what `id` returns, for code that names the rule (acknowledgements, packs) without an instance. */
  public static readonly ID = 'SLS-APIGW-INTEGRATION-SECRET';

  public readonly id = ApiIntegrationSecretRule.ID;
  public readonly category = RuleCategory.SECRETS;
  public readonly severity = Severity.ERROR;
  public readonly severityReason?: string = 'A backend credential written into an integration is shown to anyone allowed apigateway:GET on the API and sits in the template and source control: a leak.';
  public readonly description = 'API Gateway integrations add no literal credential to the requests they send.';
  public readonly remediation = 'Let the backend read its credential at run time (a Lambda integration reading Secrets Manager), use an IAM role for '
    + 'AWS service integrations (`credentialsRole`), or call a third-party API through an EventBridge API destination whose connection takes '
    + 'the credential from Secrets Manager; never put it in `requestParameters`, `requestTemplates` or the integration URI.';
  public readonly resourceTypes = ['AWS::ApiGateway::Method', 'AWS::ApiGatewayV2::Integration'];

  public check(resource: AuditedResource, stack: StackView): Verdict[] {
    const rest = resource.resourceType === 'AWS::ApiGateway::Method';
    const base = rest ? 'Properties/Integration' : 'Properties';
    const integration = rest ? resource.properties.Integration : resource.properties;
    if (!integration || typeof integration !== 'object' || isIntrinsic(integration)) return [];
    const subject = rest ? `the integration of ${describeMethod(resource, stack)}` : `integration ${resource.logicalId}`;
    return [
      ...this.checkParameters(integration.RequestParameters, rest, subject, `${base}/RequestParameters`, stack),
      ...this.checkTemplates(integration.RequestTemplates, subject, `${base}/RequestTemplates`, stack),
      ...this.checkUri(rest ? integration.Uri : integration.IntegrationUri, subject, `${base}/${rest ? 'Uri' : 'IntegrationUri'}`, stack),
    ];
  }

  private checkParameters(raw: any, rest: boolean, subject: string, location: string, stack: StackView): Verdict[] {
    if (raw === undefined) return [];
    const parameters = isIntrinsic(raw) ? readValue(stack, raw) : { known: true as const, value: raw };
    if (!parameters.known) {
      return [Verdicts.undecidable(`Whether the request parameters of ${subject} hold a credential is not known.`, parameters.unknownReason, { location })];
    }
    if (!parameters.value || typeof parameters.value !== 'object') return [];
    const verdicts: Verdict[] = [];
    for (const key of Object.keys(parameters.value)) {
      const value = staticValue(parameters.value[key], rest);
      if (value === undefined) continue;
      const { kind, name } = parameterName(key);
      const judgement = judgeSecret(name, value, stack, { credentialName: kind === 'header' && isCredentialHeader(name) });
      if (!judgement) continue;
      const options = { location: `${location}/${key}`, findingId: FindingIds.sanitize(`${kind}.${name}`) };
      const what = `The ${kind === 'header' ? 'header' : kind === 'querystring' ? 'query parameter' : 'parameter'} ${name} that ${subject} sends`;
      verdicts.push(judgement.holding === SecretHolding.UNKNOWN
        ? Verdicts.undecidable(`${what} may hold a credential readable in clear ${READERS}: it holds ${judgement.what}.`, judgement.unknownReason!, options)
        : Verdicts.violation(`${what} holds ${judgement.what}, readable in clear ${READERS}.`, options));
    }
    return verdicts;
  }

  private checkTemplates(raw: any, subject: string, location: string, stack: StackView): Verdict[] {
    if (raw === undefined) return [];
    const templates = readValue(stack, raw);
    if (!templates.known || !templates.value || typeof templates.value !== 'object') return [];
    const verdicts: Verdict[] = [];
    for (const contentType of Object.keys(templates.value)) {
      const template = templates.value[contentType];
      if (typeof template !== 'string') continue;
      const where = `${location}/${contentType.replace(/\//g, '~1')}`;
      const seen = new Set<string>();
      for (const [, field, value] of template.matchAll(JSON_PAIR)) {
        const judgement = judgeSecret(field, value, stack, { credentialName: isCredentialHeader(field) });
        if (!judgement || seen.has(field)) continue;
        seen.add(field);
        verdicts.push(Verdicts.violation(`Field ${field} of the ${contentType} request template of ${subject} holds ${judgement.what}, `
          + `readable in clear ${READERS}.`, { location: where, findingId: FindingIds.sanitize(`template.${field}`) }));
      }
      if (seen.size > 0) continue;
      const match = SecretDetector.inspectValue(template);
      if (match && match.kind !== SecretKind.HIGH_ENTROPY) {
        verdicts.push(Verdicts.violation(`The ${contentType} request template of ${subject} holds a literal secret (${match.reason}), `
          + `readable in clear ${READERS}.`, { location: where, findingId: FindingIds.sanitize(`template.${contentType}`) }));
      }
    }
    return verdicts;
  }

  private checkUri(raw: any, subject: string, location: string, stack: StackView): Verdict[] {
    // Credentials in a URL sit before an `@`; most URIs (Lambda ARNs, service actions) have none: no resolution needed.
    if (raw === undefined || !literalText(raw).includes('@')) return [];
    const judgement = judgeSecret(undefined, raw, stack);
    if (!judgement || judgement.holding === SecretHolding.UNKNOWN) return [];
    return [Verdicts.violation(`The endpoint URL of ${subject} holds ${judgement.what}, readable in clear ${READERS}.`, { location, findingId: 'uri' })];
  }
}

/**
 * The literal a parameter mapping sends, or undefined when it maps something of the request. REST APIs write static
 * values single-quoted (`'application/json'`); HTTP APIs write them as they are, and mapped values start with `$`.
 */
function staticValue(value: any, rest: boolean): any {
  if (typeof value !== 'string') return value; // an intrinsic: judged through the value model
  if (rest) {
    const quoted = /^'([\s\S]*)'$/.exec(value.trim());
    return quoted ? quoted[1] : undefined;
  }
  return value.includes('$') ? undefined : value;
}

/**
 * `integration.request.header.Authorization` and `append:header.Authorization` give `{ kind: 'header', name:
 * 'Authorization' }`; a WebSocket or service-integration key (`MessageBody`) is its own name.
 */
function parameterName(key: string): { kind: string; name: string } {
  const m = /(?:^integration\.request\.|^(?:append|overwrite|remove):)(header|querystring|path)\.(.+)$/.exec(key);
  return m ? { kind: m[1], name: m[2] } : { kind: 'parameter', name: key };
}
