import { AuditedResource } from '../../../core/audited-resource';
import { StackView } from '../../../core/stack-view';

export const HTTP_API = 'AWS::ApiGatewayV2::Api';
export const ROUTE = 'AWS::ApiGatewayV2::Route';

/** The API (v2) a route, stage or authorizer belongs to, when defined in this stack. */
export function apiOf(resource: AuditedResource, stack: StackView): AuditedResource | undefined {
  const api = stack.referencedResource(resource.properties.ApiId);
  return api?.resourceType === HTTP_API ? api : undefined;
}

/** The routes of an API (v2) defined in this stack. */
export function routesOfApi(apiLogicalId: string, stack: StackView): AuditedResource[] {
  return stack.referencingResources(apiLogicalId, ROUTE)
    .filter((r) => stack.referencedResource(r.properties.ApiId)?.logicalId === apiLogicalId);
}

/** `HTTP`, `WEBSOCKET`, or undefined when not a literal. */
export function protocolOf(api: AuditedResource | undefined): string | undefined {
  const protocol = api?.properties.ProtocolType;
  return typeof protocol === 'string' ? protocol.toUpperCase() : undefined;
}

/** A route key's verb (`GET /items` gives `GET`; `$default` gives undefined). */
export function routeVerb(routeKey: any): string | undefined {
  return typeof routeKey === 'string' && routeKey.includes(' ') ? routeKey.split(' ')[0].toUpperCase() : undefined;
}

/** A readable name for an API in findings. */
export function apiLabel(api: AuditedResource | undefined, fallback: string): string {
  if (!api) return fallback;
  const name = api.properties.Name;
  return typeof name === 'string' ? `${name} (${api.logicalId})` : api.logicalId;
}

/** `Stage $default of HTTP API orders (Http36EF)`, for findings. */
export function stageLabel(stage: AuditedResource, stack: StackView): string {
  const name = typeof stage.properties.StageName === 'string' ? stage.properties.StageName : stage.logicalId;
  const api = apiOf(stage, stack);
  const kind = protocolOf(api) === 'WEBSOCKET' ? 'WebSocket API' : 'HTTP API';
  return `Stage ${name} of ${kind} ${apiLabel(api, String(stage.properties.ApiId?.Ref ?? 'imported'))}`;
}
