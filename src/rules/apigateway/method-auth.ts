import { authorizerConsistencyNote } from './private/authorizer-consistency';
import { describeMethod, isCorsPreflight, methodsOfApi, restApiOf } from './private/rest-api-graph';
import { displayName } from './private/values';
import { AuditedResource } from '../../core/audited-resource';
import { isTrue, readValue } from '../../core/private/values';
import { IRule, RuleCategory, Severity, Verdict } from '../../core/rule';
import { StackView } from '../../core/stack-view';
import { Verdicts } from '../../core/verdicts';

/** Authorization types that need an `AuthorizerId` to mean anything. */
const NEEDS_AUTHORIZER = new Set(['COGNITO_USER_POOLS', 'CUSTOM']);

/**
 * T1: every REST API method authenticates its caller. CORS pre-flight (`OPTIONS` with a `MOCK` integration) is the
 * only exemption. An API key alone is reported separately (`api-key-only`): usage-plan keys meter and throttle
 * clients, they are not credentials. When other methods of the same API do use an authorizer, the finding says so:
 * one forgotten method on an otherwise protected API is the classic mistake.
 */
export class RestApiMethodAuthRule implements IRule {
  /** This rule's id: what `id` returns, for code that names the rule (acknowledgements, packs) without an instance. */
  public static readonly ID = 'SLS-APIGW-METHOD-AUTH';

  public readonly id = RestApiMethodAuthRule.ID;
  public readonly category = RuleCategory.AUTHENTICATION;
  public readonly severity = Severity.ERROR;
  public readonly severityReason?: string = 'A method without an authorizer, or behind an API key alone, lets anyone on the internet call the backend: missing authentication.';
  public readonly description = 'Every API Gateway REST method requires an authorizer (Cognito, Lambda or IAM), except CORS pre-flight OPTIONS methods.';
  public readonly remediation = 'Give the method an authorizer (aws-cdk-lib `authorizer` and `authorizationType` on the method, or `defaultMethodOptions` on the RestApi), or use SecureApi, whose required `authorization` applies to every route and which only allows a public route with an explicit justification.';
  public readonly resourceTypes = ['AWS::ApiGateway::Method', 'AWS::ApiGateway::RestApi'];

  public check(resource: AuditedResource, stack: StackView): Verdict[] {
    return resource.resourceType === 'AWS::ApiGateway::RestApi' ? this.checkOpenApiDefinition(resource) : this.checkMethod(resource, stack);
  }

  /**
   * Methods an API imports from an OpenAPI document (`Body`, `BodyS3Location`: aws-cdk-lib's SpecRestApi) are not
   * CloudFormation resources, so this rule cannot see them: say so rather than pass silently.
   */
  private checkOpenApiDefinition(api: AuditedResource): Verdict[] {
    const source = api.properties.Body !== undefined ? 'Body' : api.properties.BodyS3Location !== undefined ? 'BodyS3Location' : undefined;
    if (!source) return [];
    return [Verdicts.undecidable(`API ${displayName(api)} defines methods in an OpenAPI document (${source}), whose authorizers this rule does not read. Review the document's security requirements.`, `the OpenAPI document in ${source}`, { location: `Properties/${source}`, findingId: 'openapi-definition' })];
  }

  private checkMethod(method: AuditedResource, stack: StackView): Verdict[] {
    if (isCorsPreflight(method)) return [];
    const authType = readValue(stack, method.properties.AuthorizationType ?? 'NONE');
    if (!authType.known) {
      return [Verdicts.undecidable(`The authorization type of ${describeMethod(method, stack)} is not known at synth time.`, authType.unknownReason, { location: 'Properties/AuthorizationType' })];
    }
    const type = String(authType.value).toUpperCase();
    if (NEEDS_AUTHORIZER.has(type)) {
      return method.properties.AuthorizerId === undefined
        ? [Verdicts.violation(`${describeMethod(method, stack)} has AuthorizationType ${type} but no AuthorizerId.`, { location: 'Properties/AuthorizerId', findingId: 'missing-authorizer' })]
        : [];
    }
    if (type !== 'NONE') return [];

    const api = restApiOf(method, stack);
    const context = api ? authorizerConsistencyNote(api, stack, 'methods',
      () => methodsOfApi(api.logicalId, stack).filter((m) => !isCorsPreflight(m))) : '';
    if (isTrue(method.properties.ApiKeyRequired)) {
      return [Verdicts.violation(`${describeMethod(method, stack)} is protected only by an API key: API keys are metering, not authentication.${context}`, { location: 'Properties/AuthorizationType', findingId: 'api-key-only' })];
    }
    return [Verdicts.violation(`${describeMethod(method, stack)} has AuthorizationType NONE: anyone can call it.${context}`, { location: 'Properties/AuthorizationType' })];
  }
}
