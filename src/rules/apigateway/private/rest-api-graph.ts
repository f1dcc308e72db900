import { AuditedResource } from '../../../core/audited-resource';
import { StackView } from '../../../core/stack-view';

/** CloudFormation types of the REST API (v1) resources the rules navigate between. */
export class RestApiTypes {
  public static readonly REST_API = 'AWS::ApiGateway::RestApi';
  public static readonly METHOD = 'AWS::ApiGateway::Method';
  public static readonly REQUEST_VALIDATOR = 'AWS::ApiGateway::RequestValidator';
  public static readonly STAGE = 'AWS::ApiGateway::Stage';
  public static readonly DEPLOYMENT = 'AWS::ApiGateway::Deployment';
}

/**
 * The REST API a method, stage, validator... belongs to (through its `RestApiId`), when that API is defined in the
 * same stack. Undefined for an imported API.
 */
export function restApiOf(resource: AuditedResource, stack: StackView): AuditedResource | undefined {
  const api = stack.referencedResource(resource.properties.RestApiId);
  return api?.resourceType === RestApiTypes.REST_API ? api : undefined;
}

/** The methods of a REST API defined in this stack. */
export function methodsOfApi(apiLogicalId: string, stack: StackView): AuditedResource[] {
  return stack.referencingResources(apiLogicalId, RestApiTypes.METHOD)
    .filter((m) => stack.referencedResource(m.properties.RestApiId)?.logicalId === apiLogicalId);
}

/** The HTTP verb of a method, upper-cased, or undefined when it is not a literal. */
export function httpMethodOf(method: AuditedResource): string | undefined {
  const verb = method.properties.HttpMethod;
  return typeof verb === 'string' ? verb.toUpperCase() : undefined;
}

/**
 * True for a CORS pre-flight method: `OPTIONS` answered by a `MOCK` integration. Browsers send pre-flight requests
 * without credentials, so these are the only methods that may stay without an authorizer; an `OPTIONS` method that
 * reaches a backend is an ordinary method.
 */
export function isCorsPreflight(method: AuditedResource): boolean {
  return httpMethodOf(method) === 'OPTIONS' && method.property('Integration.Type') === 'MOCK';
}

/** A readable name for a method in findings: `POST /items/{id}` when the resource path can be rebuilt, else the id. */
export function describeMethod(method: AuditedResource, stack: StackView): string {
  const verb = httpMethodOf(method) ?? '<token>';
  const path = resourcePathOf(method.properties.ResourceId, stack);
  return path ? `${verb} ${path}` : `${verb} ${method.logicalId}`;
}

/** Rebuilds `/items/{id}` by walking `AWS::ApiGateway::Resource` parents up to the API root. */
function resourcePathOf(resourceId: any, stack: StackView): string | undefined {
  const parts: string[] = [];
  let current = resourceId;
  for (let depth = 0; depth < 50; depth++) {
    if (current && typeof current === 'object' && 'Fn::GetAtt' in current) {
      return '/' + parts.reverse().join('/'); // RootResourceId of the API
    }
    const resource = stack.referencedResource(current);
    if (!resource || resource.resourceType !== 'AWS::ApiGateway::Resource' || typeof resource.properties.PathPart !== 'string') {
      return undefined;
    }
    parts.push(resource.properties.PathPart);
    current = resource.properties.ParentId;
  }
  return undefined;
}
