import { AuditedResource } from '../../core/audited-resource';
import { readValue } from '../../core/private/values';
import { IRule, RuleCategory, Severity, Verdict } from '../../core/rule';
import { StackView } from '../../core/stack-view';
import { Verdicts } from '../../core/verdicts';

const API_KEY = 'API_KEY';

/**
 * T1: an AppSync API key identifies an application, not a caller: it ships in every client (a web page's bundle, a
 * mobile app) and anyone who reads it can call the API. AWS recommends API keys for public data and development only.
 *
 * - A GraphQL API (`AWS::AppSync::GraphQLApi`) whose only authorization mode is `API_KEY`: an error.
 * - A GraphQL API whose default mode is `API_KEY` with other modes added: every type and field without an auth
 *   directive (`@aws_cognito_user_pools`, `@aws_iam`...) still accepts the key: a warning (finding `default-api-key`).
 * - An Event API (`AWS::AppSync::Api`) whose every auth provider is `API_KEY`: an error.
 * An API key among additional modes is fine: fields opt into it explicitly.
 */
export class AppSyncApiAuthRule implements IRule {
  /** This rule's id: what `id` returns, for code that names the rule (acknowledgements, packs) without an instance. */
  public static readonly ID = 'SLS-APPSYNC-AUTH';

  public readonly id = AppSyncApiAuthRule.ID;
  public readonly category = RuleCategory.AUTHENTICATION;
  public readonly severity = Severity.ERROR;
  public readonly severityReason?: string = 'An API key ships in every client, so an API whose only auth is a key lets anyone who reads the client call it: missing authentication (a key as the default mode next to real authorizers is a warning).';
  public readonly description = 'AppSync APIs authenticate callers with Cognito, OIDC, IAM or a Lambda authorizer, not with an API key alone.';
  public readonly remediation = 'Set `authorizationConfig.defaultAuthorization` of the GraphqlApi to `AuthorizationType.USER_POOL`, `OIDC`, `IAM` or '
    + '`LAMBDA`, and keep an API key, if at all, as an additional mode for the fields that are public by design (`@aws_api_key`).';
  public readonly resourceTypes = ['AWS::AppSync::GraphQLApi', 'AWS::AppSync::Api'];

  public check(api: AuditedResource, stack: StackView): Verdict[] {
    return api.resourceType === 'AWS::AppSync::Api' ? this.checkEventApi(api, stack) : this.checkGraphqlApi(api, stack);
  }

  private checkGraphqlApi(api: AuditedResource, stack: StackView): Verdict[] {
    const location = 'Properties/AuthenticationType';
    const mode = readValue(stack, api.properties.AuthenticationType);
    if (!mode.known) return [Verdicts.undecidable(`The authorization mode of AppSync API ${nameOf(api)} is not known.`, mode.unknownReason, { location })];
    if (mode.value !== API_KEY) return [];
    const additional = readValue(stack, api.properties.AdditionalAuthenticationProviders);
    if (!additional.known) {
      return [Verdicts.undecidable(`AppSync API ${nameOf(api)} defaults to an API key and its other authorization modes are not known.`, additional.unknownReason, { location })];
    }
    const others = (Array.isArray(additional.value) ? additional.value : [])
      .map((p: any) => p?.AuthenticationType).filter((t: any) => t !== undefined && t !== API_KEY);
    if (others.length === 0) {
      return [Verdicts.violation(`AppSync API ${nameOf(api)} is protected only by an API key, which every client ships: anyone who reads a client can call it.`, { location })];
    }
    return [Verdicts.violation(`AppSync API ${nameOf(api)} defaults to an API key: every type and field without an auth directive accepts the key `
      + `besides ${others.join(', ')}.`, { location, findingId: 'default-api-key', severity: Severity.WARNING })];
  }

  private checkEventApi(api: AuditedResource, stack: StackView): Verdict[] {
    const location = 'Properties/EventConfig/AuthProviders';
    const providers = readValue(stack, api.property('EventConfig.AuthProviders'));
    if (!providers.known) return [Verdicts.undecidable(`The auth providers of AppSync Event API ${nameOf(api)} are not known.`, providers.unknownReason, { location })];
    const types = (Array.isArray(providers.value) ? providers.value : []).map((p: any) => p?.AuthType);
    if (types.length === 0 || types.some((t: any) => t !== API_KEY)) return [];
    return [Verdicts.violation(`AppSync Event API ${nameOf(api)} is protected only by an API key, which every client ships: anyone who reads a client can connect, publish and subscribe.`, { location })];
  }
}

function nameOf(api: AuditedResource): string {
  const name = api.properties.Name;
  return typeof name === 'string' ? `${name} (${api.logicalId})` : api.logicalId;
}
