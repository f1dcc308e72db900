import {
  Duration,
  aws_apigatewayv2 as apigwv2,
  aws_apigatewayv2_authorizers as authorizers,
  aws_cognito as cognito,
  aws_lambda as lambda,
} from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { SECURE_HTTP_API_DEFAULTS as D } from './defaults';
import { SH } from './private/error-codes';
import { HttpAuthorizationKind } from './private/http-authorization-kind';
import { PropErrors } from '../../core/prop-errors';
import { PropChecks } from '../secure-api/private/prop-checks';


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
    const o: HttpJwtAuthorizationOptions = options ?? {};
    return new HttpApiAuthorization(HttpAuthorizationKind.JWT, o.scopes,
      (id) => new authorizers.HttpJwtAuthorizer(id, issuer, { jwtAudience: audience, identitySource: o.identitySource }),
      (errors, prop) => {
        const literal = typeof issuer === 'string' ? errors.resolveString(issuer) : undefined;
        if (literal === undefined || (literal.value !== undefined && !/^https:\/\/[^\s/]+/.test(literal.value))) {
          errors.add(SH.AUTHORIZATION_INVALID, `${prop}.issuer`, `must be the issuer's https URL but was ${PropErrors.show(literal?.value ?? issuer)}`,
            'Pass the `iss` claim of your tokens, for example https://example.auth0.com/ (never http: tokens and keys would travel in clear)');
        }
        requireStrings(errors, `${prop}.audience`, audience, 'Pass the `aud` (or `client_id`) values your tokens carry');
        checkCommon(errors, prop, o.scopes, o.identitySource);
      });
  }

  /** A JWT authorizer for a Cognito user pool: tokens must be issued for one of `clients`. */
  public static userPool(
    pool: cognito.IUserPool,
    clients: cognito.IUserPoolClient[],
    options: HttpJwtAuthorizationOptions = {},
  ): HttpApiAuthorization {
    const o: HttpJwtAuthorizationOptions = options ?? {};
    return new HttpApiAuthorization(HttpAuthorizationKind.USER_POOL, o.scopes,
      (id) => new authorizers.HttpUserPoolAuthorizer(id, pool, { userPoolClients: clients, identitySource: o.identitySource }),
      (errors, prop) => {
        if (typeof (pool as { userPoolId?: unknown } | undefined)?.userPoolId !== 'string') {
          errors.add(SH.AUTHORIZATION_INVALID, `${prop}.pool`, `must be the user pool but was ${PropErrors.show(pool)}`, 'Pass the user pool whose tokens the API accepts');
        }
        if (!Array.isArray(clients) || clients.length === 0 || clients.some((c) => typeof c?.userPoolClientId !== 'string')) {
          errors.add(SH.AUTHORIZATION_INVALID, `${prop}.clients`, `must list at least one cognito.IUserPoolClient but was ${PropErrors.show(clients)}`,
            'Pass the app clients whose tokens the API accepts (the JWT audience)');
        }
        checkCommon(errors, prop, o.scopes, o.identitySource);
      });
  }

  /** A Lambda authorizer: `handler` decides from the request's identity sources. */
  public static lambdaFunction(handler: lambda.IFunction, options: HttpLambdaAuthorizationOptions = {}): HttpApiAuthorization {
    const o: HttpLambdaAuthorizationOptions = options ?? {};
    return new HttpApiAuthorization(HttpAuthorizationKind.LAMBDA, undefined,
      (id) => new authorizers.HttpLambdaAuthorizer(id, handler, {
        identitySource: o.identitySource,
        resultsCacheTtl: o.resultsCacheTtl ?? D.authorizerResultsCacheTtl,
        responseTypes: o.responseTypes ?? [authorizers.HttpLambdaResponseType.SIMPLE],
      }),
      (errors, prop) => {
        const fn = handler as { functionArn?: unknown } | undefined | null;
        if (!Construct.isConstruct(fn) || typeof fn.functionArn !== 'string') {
          errors.add(SH.AUTHORIZATION_INVALID, `${prop}.handler`, `must be the authorizer function but was ${PropErrors.show(handler)}`,
            'Pass the Lambda function (a SecureFunction) that verifies the caller');
        }
        checkCommon(errors, prop, undefined, o.identitySource);
        errors.seconds(SH.AUTHORIZATION_INVALID, `${prop}.resultsCacheTtl`, o.resultsCacheTtl, { min: 0, max: 3600 },
          'between 0 and 3600 seconds (API Gateway\'s limit)', 'Set how long a decision may be cached, for example Duration.minutes(5)');
        const types = o.responseTypes as unknown;
        if (types !== undefined && (!Array.isArray(types) || types.length === 0
          || types.some((t) => typeof t !== 'number' || !Object.values(authorizers.HttpLambdaResponseType).includes(t)))) {
          errors.add(SH.AUTHORIZATION_INVALID, `${prop}.responseTypes`, `must list HttpLambdaResponseType members but was ${PropErrors.show(types)}`,
            'Use [HttpLambdaResponseType.SIMPLE] (the default) or IAM');
        }
      });
  }

  /** IAM (SigV4) authorization: callers are IAM principals with `execute-api:Invoke` on the route. */
  public static iam(): HttpApiAuthorization {
    return new HttpApiAuthorization(HttpAuthorizationKind.IAM, undefined, () => new authorizers.HttpIamAuthorizer(), () => undefined);
  }

  /**
   * How this authorization authenticates callers.
   *
   * @internal
   */
  public readonly _kind: HttpAuthorizationKind;

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
    this._kind = kind;
    this.scopes = scopes;
  }

  /** True when routes using this authorization can require OAuth scopes (JWT authorizers only). */
  public get supportsScopes(): boolean {
    return this._kind === HttpAuthorizationKind.JWT || this._kind === HttpAuthorizationKind.USER_POOL;
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

function requireStrings(errors: PropErrors, prop: string, values: unknown, fix: string): void {
  if (!Array.isArray(values) || values.length === 0) {
    errors.add(SH.AUTHORIZATION_INVALID, prop, `must list at least one value but was ${PropErrors.show(values)}`, fix);
  } else {
    PropChecks.strings(errors, SH.AUTHORIZATION_INVALID, prop, values, fix, (v) => v.trim().length === 0 ? 'contains a blank value' : undefined);
  }
}

/** An HTTP API identity source (`$request.header.Authorization`, `$request.querystring.x`, `$context.x`, `$stageVariables.x`). */
const IDENTITY_SOURCE = /^\$(request\.(header|querystring)\.[^\s]+|context\.[A-Za-z0-9_.]+|stageVariables\.[A-Za-z0-9_]+)$/;

/** Scopes and identity sources, shared by the authorizations that have them. */
function checkCommon(errors: PropErrors, prop: string, scopes: unknown, identitySource: unknown): void {
  PropChecks.strings(errors, SH.AUTHORIZATION_INVALID, `${prop}.scopes`, scopes, 'List OAuth scopes as `resource-server/scope`',
    PropChecks.scopeProblem);
  PropChecks.strings(errors, SH.AUTHORIZATION_INVALID, `${prop}.identitySource`, identitySource, "List identity sources such as '$request.header.Authorization'",
    (source) => IDENTITY_SOURCE.test(source) ? undefined : `contains ${PropErrors.show(source)}, which is not an identity source`);
}
