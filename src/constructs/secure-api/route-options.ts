import { aws_apigateway as apigateway, aws_lambda as lambda } from 'aws-cdk-lib';
import { ApiAuthorization } from './api-authorization';

/** HTTP methods of a `SecureApi` route. */
export enum HttpMethod {
  GET = 'GET',
  POST = 'POST',
  PUT = 'PUT',
  PATCH = 'PATCH',
  DELETE = 'DELETE',
  HEAD = 'HEAD',
  /** Every method. It may carry a body, so it needs a `requestSchema` like POST. */
  ANY = 'ANY',
}

/**
 * Written justifications that relax a secure default of one route. Each is a written reason (at least 10 visible
 * characters, words rather than whitespace, invisible or repeated characters) and is recorded as an acknowledgement
 * of the matching audit rule on the route's method (or model), so the audit report lists it.
 */
export interface SecureRouteRelaxations {
  /**
   * Makes the route public (no authorizer). Recorded as `SLS-APIGW-METHOD-AUTH` (and cdk-nag `AwsSolutions-APIG4`,
   * `AwsSolutions-COG4`) on the method.
   *
   * @default - the route uses the API's (or the route's) authorization
   */
  readonly publicAccess?: string;
  /**
   * Allows a body method (POST, PUT, PATCH, ANY) without `requestSchema`, for example a binary upload that a JSON
   * Schema cannot describe. Recorded as `SLS-APIGW-BODY-VALIDATION`.
   *
   * @default - POST, PUT, PATCH and ANY routes need a `requestSchema`
   */
  readonly noRequestSchema?: string;
  /**
   * Accepts a permissive `requestSchema` (missing `type`, `required`, `additionalProperties: false` or bounds on
   * strings and arrays) under `SchemaPolicy.STRICT`. Recorded as `SLS-APIGW-MODEL-SCHEMA` on the model. A malformed
   * schema is never accepted.
   *
   * @default - permissive schemas follow the API's `schemaPolicy`
   */
  readonly permissiveSchema?: string;
}

/** A route of a `SecureApi`: one method on one path. */
export interface SecureRouteOptions {
  /**
   * The resource path, starting with `/`. Path parameters in braces (`/orders/{orderId}`, greedy `{proxy+}`) are
   * declared required and validated automatically.
   */
  readonly path: string;

  /** The HTTP method. */
  readonly method: HttpMethod;

  /**
   * The function that handles the route (a `SecureFunction`, or any `lambda.IFunction`), through a Lambda proxy
   * integration whose invoke permission is limited to exactly this method and stage (no test-invoke permission).
   * Exactly one of `handler` and `integration`.
   *
   * @default - `integration` is used
   */
  readonly handler?: lambda.IFunction;

  /**
   * Any other integration (HTTP, AWS service, mock, a `LambdaIntegration` you configured). Exactly one of `handler`
   * and `integration`.
   *
   * @default - `handler` is used
   */
  readonly integration?: apigateway.Integration;

  /**
   * The JSON Schema (draft-04) the request body must match. Required for POST, PUT, PATCH and ANY; refused for GET
   * and HEAD. Checked at synth: a malformed schema is an error, a permissive one follows `schemaPolicy`. Identical
   * schemas share one model per API.
   *
   * @default - none (allowed only for methods without a body, or with `relaxations.noRequestSchema`)
   */
  readonly requestSchema?: apigateway.JsonSchema;

  /**
   * Query-string parameters the request must carry (validated by API Gateway: present and not blank).
   *
   * @default - none
   */
  readonly requiredQueryParameters?: string[];

  /**
   * Headers the request must carry (validated by API Gateway: present and not blank).
   *
   * @default - none
   */
  readonly requiredHeaders?: string[];

  /**
   * How this route authenticates callers, instead of the API's `authorization`.
   *
   * @default - the API's authorization
   */
  readonly authorization?: ApiAuthorization;

  /**
   * OAuth scopes this route requires (Cognito authorization only): callers need an access token with one of them.
   *
   * @default - the scopes of the route's authorization, if any
   */
  readonly scopes?: string[];

  /**
   * Requests per second for this route, instead of the stage default.
   *
   * @default - the stage's `throttlingRateLimit`
   */
  readonly throttlingRateLimit?: number;

  /**
   * Burst for this route, instead of the stage default.
   *
   * @default - the stage's `throttlingBurstLimit`
   */
  readonly throttlingBurstLimit?: number;

  /**
   * Requires an API key, for metering with a usage plan. It is never authentication: the route keeps its authorizer.
   *
   * @default false
   */
  readonly apiKeyRequired?: boolean;

  /**
   * The operation name (shown in SDKs generated from the API).
   *
   * @default - none
   */
  readonly operationName?: string;

  /**
   * Written justifications that relax a secure default of this route.
   *
   * @default - no relaxation
   */
  readonly relaxations?: SecureRouteRelaxations;
}
