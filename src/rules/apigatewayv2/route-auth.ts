import { HTTP_API, apiOf, protocolOf, routeVerb, routesOfApi } from './private/http-api-graph';
import { AuditedResource } from '../../core/audited-resource';
import { readValue } from '../../core/private/values';
import { IRule, RuleCategory, Severity, Verdict } from '../../core/rule';
import { StackView } from '../../core/stack-view';
import { Verdicts } from '../../core/verdicts';
import { authorizerConsistencyNote } from '../apigateway/private/authorizer-consistency';
import { displayName } from '../apigateway/private/values';

const NEEDS_AUTHORIZER = new Set(['JWT', 'CUSTOM']);

/**
 * T1: every HTTP API route authenticates its caller (JWT, Lambda or IAM authorizer). `OPTIONS` routes are exempt:
 * they serve CORS pre-flight, which browsers send without credentials. For WebSocket APIs only `$connect` can carry
 * an authorizer, so only it is checked. A quick-create API (`Target` on the API) gets an implicit public `$default`
 * route and is reported on the API (`quick-create`). As for REST methods, the finding says when the other routes of
 * the API do use an authorizer. An API whose routes come from an OpenAPI document (`Body`, `BodyS3Location`) cannot be
 * read here and is undecidable (`openapi-definition`).
 */
export class HttpApiRouteAuthRule implements IRule {
  /** This rule's id: what `id` returns, for code that names the rule (acknowledgements, packs) without an instance. */
  public static readonly ID = 'SLS-HTTPAPI-ROUTE-AUTH';

  public readonly id = HttpApiRouteAuthRule.ID;
  public readonly category = RuleCategory.AUTHENTICATION;
  public readonly severity = Severity.ERROR;
  public readonly severityReason?: string = 'A route without an authorizer lets anyone on the internet call the backend: missing authentication.';
  public readonly description = 'Every API Gateway HTTP API route requires an authorizer (JWT, Lambda or IAM), except OPTIONS routes.';
  public readonly remediation = 'Set `authorizer` on the route, or `defaultAuthorizer` on the HttpApi so every route gets one; make a route public only deliberately, with `HttpNoneAuthorizer` and an acknowledged finding.';
  public readonly resourceTypes = ['AWS::ApiGatewayV2::Route', HTTP_API];

  public check(resource: AuditedResource, stack: StackView): Verdict[] {
    return resource.resourceType === HTTP_API ? this.checkQuickCreate(resource) : this.checkRoute(resource, stack);
  }

  private checkQuickCreate(api: AuditedResource): Verdict[] {
    const source = api.properties.Body !== undefined ? 'Body' : api.properties.BodyS3Location !== undefined ? 'BodyS3Location' : undefined;
    if (source) {
      // Routes imported from an OpenAPI document are not CloudFormation resources: say so rather than pass silently.
      return [Verdicts.undecidable(`HTTP API ${displayName(api)} defines routes in an OpenAPI document (${source}), whose authorizers this rule does not read.`,
        `the OpenAPI document in ${source}`, { location: `Properties/${source}`, findingId: 'openapi-definition' })];
    }
    if (api.properties.Target === undefined || protocolOf(api) === 'WEBSOCKET') return [];
    return [Verdicts.violation(`HTTP API ${displayName(api)} is created with Target (quick create), which adds a $default route without any authorizer.`, { location: 'Properties/Target', findingId: 'quick-create' })];
  }

  private checkRoute(route: AuditedResource, stack: StackView): Verdict[] {
    const key = readValue(stack, route.properties.RouteKey);
    if (!key.known) return [Verdicts.undecidable(`The route key of ${route.logicalId} is not known at synth time.`, key.unknownReason, { location: 'Properties/RouteKey' })];
    const api = apiOf(route, stack);
    if (protocolOf(api) === 'WEBSOCKET' && key.value !== '$connect') return [];
    if (routeVerb(key.value) === 'OPTIONS') return [];

    const authType = readValue(stack, route.properties.AuthorizationType ?? 'NONE');
    if (!authType.known) {
      return [Verdicts.undecidable(`The authorization type of route ${key.value} is not known at synth time.`, authType.unknownReason, { location: 'Properties/AuthorizationType' })];
    }
    const type = String(authType.value).toUpperCase();
    if (NEEDS_AUTHORIZER.has(type)) {
      return route.properties.AuthorizerId === undefined
        ? [Verdicts.violation(`Route ${key.value} has AuthorizationType ${type} but no AuthorizerId.`, { location: 'Properties/AuthorizerId', findingId: 'missing-authorizer' })]
        : [];
    }
    if (type !== 'NONE') return [];
    const note = api ? authorizerConsistencyNote(api, stack, 'routes',
      () => routesOfApi(api.logicalId, stack).filter((r) => routeVerb(r.properties.RouteKey) !== 'OPTIONS')) : '';
    return [Verdicts.violation(`Route ${key.value} has AuthorizationType NONE: anyone can call it.${note}`, { location: 'Properties/AuthorizationType' })];
  }
}
