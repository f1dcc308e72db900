import {
  Duration,
  Token,
  aws_apigatewayv2 as apigwv2,
  aws_apigatewayv2_authorizers as authorizers,
  aws_cognito as cognito,
  aws_lambda as lambda,
} from 'aws-cdk-lib';
import { SECURE_HTTP_API_DEFAULTS as D } from './defaults';
import { SH } from './private/error-codes';
import { PropErrors } from '../../core/prop-errors';

/** How a `SecureHttpApi` route authenticates its caller. */
export enum HttpAuthorizationKind {
  /** A JWT authorizer for any OpenID Connect / OAuth 2.0 issuer. */
  JWT = 'JWT',
  /** A JWT authorizer for a Cognito user pool. */
  USER_POOL = 'USER_POOL',
  /** A Lambda authorizer. */
  LAMBDA = 'LAMBDA',
  /** AWS Signature Version 4: the caller is an IAM principal allowed `execute-api:Invoke`. */
  IAM = 'IAM',
}

/** Options of `HttpApiAuthorization.jwt()` and `.userPool()`. */
export interface HttpJwtAuthorizationOptions {
  /**
   * OAuth scopes required on every route (the token's `scope` claim must hold one of them). A route can set its own.
   *
   * @default - any valid token of the issuer and audience; no scope required
   */
  readonly scopes?: string[];
  /**
   * Where the token is (`$request.header.Authorization`).
   *
   * @default ['$request.header.Authorization']
   */
  readonly identitySource?: string[];
}

/** Options of `HttpApiAuthorization.lambdaFunction()`. */
export interface HttpLambdaAuthorizationOptions {
  /**
   * Where the caller's credentials are; requests without them are refused before the function runs.
   *
   * @default ['$request.header.Authorization']
   */
  readonly identitySource?: string[];
  /**
   * How long API Gateway caches a decision per identity-source values. `Duration.seconds(0)` disables caching.
   *
   * @default Duration.minutes(5)
   */
  readonly resultsCacheTtl?: Duration;
  /**
   * What the function returns: a simple `{ isAuthorized }` response or an IAM policy.
   *
   * @default [authorizers.HttpLambdaResponseType.SIMPLE]
   */
  readonly responseTypes?: authorizers.HttpLambdaResponseType[];
}

/**
 * How the routes of a `SecureHttpApi` authenticate callers. Required at construction, so there is no
 * unauthenticated default; a public route is an explicit, justified exception.
 */
export class HttpApiAuthorization {
  /** A JWT authorizer: tokens must be issued by `issuer` (an https URL) for one of `audience`. */
  public static jwt(issuer: string, audience: string[], options: HttpJwtAuthorizationOptions = {}): HttpApiAuthorization {
    return new HttpApiAuthorization(HttpAuthorizationKind.JWT, options.scopes,
      (id) => new authorizers.HttpJwtAuthorizer(id, issuer, { jwtAudience: audience, identitySource: options.identitySource }),
      (errors, prop) => {
        if (typeof issuer !== 'string' || (!Token.isUnresolved(issuer) && !/^https:\/\/[^\s/]+/.test(issuer))) {
          errors.add(SH.AUTHORIZATION_INVALID, `${prop}.issuer`, `must be the issuer's https URL but was '${issuer}'`,
            'Pass the `iss` claim of your tokens, for example https://example.auth0.com/');
        }
        requireNonEmpty(errors, `${prop}.audience`, audience, 'Pass the `aud` (or `client_id`) values your tokens carry');
      });
  }

  /** A JWT authorizer for a Cognito user pool: tokens must be issued for one of `clients`. */
  public static userPool(
    pool: cognito.IUserPool,
    clients: cognito.IUserPoolClient[],
    options: HttpJwtAuthorizationOptions = {},
  ): HttpApiAuthorization {
    return new HttpApiAuthorization(HttpAuthorizationKind.USER_POOL, options.scopes,
      (id) => new authorizers.HttpUserPoolAuthorizer(id, pool, { userPoolClients: clients, identitySource: options.identitySource }),
      (errors, prop) => {
        if (!pool) {
          errors.add(SH.AUTHORIZATION_INVALID, `${prop}.pool`, 'must be the user pool but was undefined', 'Pass the user pool whose tokens the API accepts');
        }
        requireNonEmpty(errors, `${prop}.clients`, clients, 'Pass the app clients whose tokens the API accepts (the JWT audience)');
      });
  }

  /** A Lambda authorizer: `handler` decides from the request's identity sources. */
  public static lambdaFunction(handler: lambda.IFunction, options: HttpLambdaAuthorizationOptions = {}): HttpApiAuthorization {
    return new HttpApiAuthorization(HttpAuthorizationKind.LAMBDA, undefined,
      (id) => new authorizers.HttpLambdaAuthorizer(id, handler, {
        identitySource: options.identitySource,
        resultsCacheTtl: options.resultsCacheTtl ?? D.authorizerResultsCacheTtl,
        responseTypes: options.responseTypes ?? [authorizers.HttpLambdaResponseType.SIMPLE],
      }),
      (errors, prop) => {
        if (!handler) {
          errors.add(SH.AUTHORIZATION_INVALID, `${prop}.handler`, 'must be the authorizer function but was undefined',
            'Pass the Lambda function (a SecureFunction) that verifies the caller');
        }
      });
  }

  /** IAM (SigV4) authorization: callers are IAM principals with `execute-api:Invoke` on the route. */
  public static iam(): HttpApiAuthorization {
    return new HttpApiAuthorization(HttpAuthorizationKind.IAM, undefined, () => new authorizers.HttpIamAuthorizer(), () => undefined);
  }

  /** How this authorization authenticates callers. */
  public readonly kind: HttpAuthorizationKind;

  /**
   * OAuth scopes required on every route that uses this authorization.
   *
   * @default - no scope required
   */
  public readonly scopes?: string[];

  private constructor(
    kind: HttpAuthorizationKind,
    scopes: string[] | undefined,
    private readonly createAuthorizer: (id: string) => apigwv2.IHttpRouteAuthorizer,
    private readonly checkOptions: (errors: PropErrors, prop: string) => void,
  ) {
    this.kind = kind;
    this.scopes = scopes;
  }

  /** True when routes using this authorization can require OAuth scopes (JWT authorizers only). */
  public get supportsScopes(): boolean {
    return this.kind === HttpAuthorizationKind.JWT || this.kind === HttpAuthorizationKind.USER_POOL;
  }

  /**
   * Record problems with this authorization's options.
   *
   * @internal
   */
  public _check(errors: PropErrors, prop: string): void {
    this.checkOptions(errors, prop);
  }

  /**
   * A new route authorizer (aws-cdk-lib authorizers bind to the first API that uses them, so one per API).
   *
   * @internal
   */
  public _createAuthorizer(id: string): apigwv2.IHttpRouteAuthorizer {
    return this.createAuthorizer(id);
  }
}

function requireNonEmpty(errors: PropErrors, prop: string, values: unknown[] | undefined, fix: string): void {
  if (!values || values.length === 0) {
    errors.add(SH.AUTHORIZATION_INVALID, prop, 'must list at least one value but was empty', fix);
  }
}
