import { aws_apigateway as apigateway, aws_apigatewayv2 as apigwv2, aws_lambda as lambda } from 'aws-cdk-lib';
import { HttpApiAuthorization } from './http-api-authorization';

/**
 * Written justifications that relax a secure default of one route. Each is a written reason (at least 10 visible
 * characters, words rather than whitespace, invisible or repeated characters) and is recorded as an acknowledgement
 * of the matching audit rule on the route, so the audit report lists it.
 */
export interface SecureHttpRouteRelaxations {
  /**
   * Makes the route public (no authorizer). Recorded as `SLS-HTTPAPI-ROUTE-AUTH` (and cdk-nag `AwsSolutions-APIG4`)
   * on the route.
   *
   * @default - the route uses the API's (or the route's) authorization
   */
  readonly publicAccess?: string;
}

/** A route of a `SecureHttpApi`: one method on one path. */
export interface SecureHttpRouteOptions {
  /** The path, starting with `/`; path parameters in braces (`/orders/{orderId}`, greedy `{proxy+}` last). */
  readonly path: string;

  /** The HTTP method. */
  readonly method: apigwv2.HttpMethod;

  /**
   * The function that handles the route (a `SecureFunction`, or any `lambda.IFunction`), through a Lambda proxy
   * integration (payload 2.0) whose invoke permission is limited to this route. Exactly one of `handler` and
   * `integration`.
   *
   * @default - `integration` is used
   */
  readonly handler?: lambda.IFunction;

  /**
   * Any other integration (HTTP proxy, AWS service, a Lambda integration you configured). Exactly one of `handler`
   * and `integration`.
   *
   * @default - `handler` is used
   */
  readonly integration?: apigwv2.HttpRouteIntegration;

  /**
   * The JSON Schema (draft-04) the request body must match. HTTP APIs cannot validate bodies, so the schema is
   * checked at synth (malformed or permissive schemas are errors) and handed to `handler` in its `REQUEST_SCHEMAS`
   * environment variable (route key -> schema) for the function to validate the body itself (see README). Needs a
   * `handler` that is a `lambda.Function` (a SecureFunction); refused for GET and HEAD.
   *
   * @default - no schema; the function validates its input its own way
   */
  readonly requestSchema?: apigateway.JsonSchema;

  /**
   * How this route authenticates callers, instead of the API's `authorization`.
   *
   * @default - the API's authorization
   */
  readonly authorization?: HttpApiAuthorization;

  /**
   * OAuth scopes this route requires (JWT and user pool authorization only).
   *
   * @default - the scopes of the route's authorization, if any
   */
  readonly scopes?: string[];

  /**
   * Written justifications that relax a secure default of this route.
   *
   * @default - no relaxation
   */
  readonly relaxations?: SecureHttpRouteRelaxations;
}
