import { Duration, aws_apigateway as apigateway, aws_cognito as cognito, aws_lambda as lambda } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { SECURE_API_DEFAULTS as D } from './defaults';
import { AuthorizationKind, BoundAuthorization } from './private/bound-authorization';
import { SA } from './private/error-codes';
import { PropChecks } from './private/prop-checks';
import { PropErrors } from '../../core/prop-errors';


/** Options of `ApiAuthorization.cognito()`. */
export interface CognitoAuthorizationOptions {
  /** The user pools whose tokens are accepted. At least one. */
  readonly userPools: cognito.IUserPool[];
  /**
   * OAuth scopes required on every method (callers then need an access token carrying one of them). A route can
   * set its own `scopes`.
   *
   * @default - any valid ID or access token of the pools; no scope required
   */
  readonly scopes?: string[];
  /**
   * How long API Gateway caches a token's verdict.
   *
   * @default Duration.minutes(5)
   */
  readonly resultsCacheTtl?: Duration;
}

/** Options of `ApiAuthorization.lambdaToken()`. */
export interface LambdaTokenAuthorizationOptions {
  /**
   * The request header that carries the token, as an identity source (`method.request.header.Authorization`).
   *
   * @default apigateway.IdentitySource.header('Authorization')
   */
  readonly identitySource?: string;
  /**
   * A regular expression the token must match before the authorizer function is called (cheap rejection of junk).
   *
   * @default - every token is passed to the function
   */
  readonly validationRegex?: string;
  /**
   * How long API Gateway caches a token's policy.
   *
   * @default Duration.minutes(5)
   */
  readonly resultsCacheTtl?: Duration;
}

/** Options of `ApiAuthorization.lambdaRequest()`. */
export interface LambdaRequestAuthorizationOptions {
  /**
   * How long API Gateway caches a policy per identity-source values. `Duration.seconds(0)` disables caching.
   *
   * @default Duration.minutes(5)
   */
  readonly resultsCacheTtl?: Duration;
}

/**
 * How the methods of a `SecureApi` authenticate callers. Required at construction, so there is no unauthenticated
 * default; a public route is an explicit, justified exception. API keys are not an option here: they meter, they do
 * not authenticate.
 *
 * The authorizer itself is created in the API (once per API, however many routes use it).
 */
export class ApiAuthorization {
  /** Cognito user pool authorizer, optionally requiring OAuth scopes. */
  public static cognito(options: CognitoAuthorizationOptions): ApiAuthorization {
    const o: Partial<CognitoAuthorizationOptions> = options ?? {};
    return new ApiAuthorization(AuthorizationKind.COGNITO, o.scopes, (scope, id) => new apigateway.CognitoUserPoolsAuthorizer(scope, id, {
      cognitoUserPools: o.userPools!,
      resultsCacheTtl: o.resultsCacheTtl ?? D.authorizerResultsCacheTtl,
    }), (errors, prop) => {
      const pools = o.userPools as unknown;
      if (!Array.isArray(pools) || pools.length === 0) {
        errors.add(SA_AUTH_CODE, `${prop}.userPools`, `must list at least one user pool but was ${PropErrors.show(pools)}`,
          'Pass the user pool(s) whose tokens the API accepts');
      } else if (pools.some((pool) => typeof pool?.userPoolArn !== 'string')) {
        errors.add(SA_AUTH_CODE, `${prop}.userPools`, 'must contain only cognito.IUserPool', 'Pass the user pools (cognito.UserPool, or UserPool.fromUserPoolId)');
      }
      checkScopes(errors, `${prop}.scopes`, o.scopes);
      checkCacheTtl(errors, `${prop}.resultsCacheTtl`, o.resultsCacheTtl);
    });
  }

  /** Lambda token authorizer: `handler` receives the bearer token and returns an IAM policy. */
  public static lambdaToken(handler: lambda.IFunction, options: LambdaTokenAuthorizationOptions = {}): ApiAuthorization {
    const o: LambdaTokenAuthorizationOptions = options ?? {};
    return new ApiAuthorization(AuthorizationKind.LAMBDA_TOKEN, undefined, (scope, id) => new apigateway.TokenAuthorizer(scope, id, {
      handler,
      identitySource: o.identitySource,
      validationRegex: o.validationRegex,
      resultsCacheTtl: o.resultsCacheTtl ?? D.authorizerResultsCacheTtl,
    }), (errors, prop) => {
      requireHandler(errors, prop, handler);
      PropChecks.text(errors, SA_AUTH_CODE, `${prop}.identitySource`, o.identitySource, {
        maxLength: 512,
        pattern: /^method\.request\.header\.[A-Za-z0-9!#$%&'*+.^_`|~-]+$/,
        patternDescription: 'a header identity source (method.request.header.<name>)',
        fix: "Use apigateway.IdentitySource.header('Authorization')",
      });
      const regex = PropChecks.text(errors, SA_AUTH_CODE, `${prop}.validationRegex`, o.validationRegex, { maxLength: 1024, fix: 'Pass a regular expression the token must match' });
      if (regex !== undefined) {
        try {
          new RegExp(regex);
        } catch {
          errors.add(SA_AUTH_CODE, `${prop}.validationRegex`, `must be a regular expression but was ${PropErrors.show(regex)}`, 'Fix the expression (API Gateway uses Java regular expressions)');
        }
      }
      checkCacheTtl(errors, `${prop}.resultsCacheTtl`, o.resultsCacheTtl);
    });
  }

  /**
   * Lambda request authorizer: `handler` receives the given identity sources (for example
   * `apigateway.IdentitySource.header('Authorization')`) and returns an IAM policy.
   */
  public static lambdaRequest(
    handler: lambda.IFunction,
    identitySources: string[],
    options: LambdaRequestAuthorizationOptions = {},
  ): ApiAuthorization {
    const o: LambdaRequestAuthorizationOptions = options ?? {};
    return new ApiAuthorization(AuthorizationKind.LAMBDA_REQUEST, undefined, (scope, id) => new apigateway.RequestAuthorizer(scope, id, {
      handler,
      identitySources,
      resultsCacheTtl: o.resultsCacheTtl ?? D.authorizerResultsCacheTtl,
    }), (errors, prop) => {
      requireHandler(errors, prop, handler);
      const fix = "Pass where the caller's credentials are, for example apigateway.IdentitySource.header('Authorization')";
      if (!Array.isArray(identitySources) || identitySources.length === 0) {
        errors.add(SA_AUTH_CODE, `${prop}.identitySources`, `must list at least one identity source but was ${PropErrors.show(identitySources)}`, fix);
      } else {
        PropChecks.strings(errors, SA_AUTH_CODE, `${prop}.identitySources`, identitySources, fix,
          (source) => IDENTITY_SOURCE.test(source) ? undefined : `contains ${PropErrors.show(source)}, which is not an identity source`);
      }
      checkCacheTtl(errors, `${prop}.resultsCacheTtl`, o.resultsCacheTtl);
    });
  }

  /** IAM (SigV4) authorization: callers are IAM principals with `execute-api:Invoke` on the method. */
  public static iam(): ApiAuthorization {
    return new ApiAuthorization(AuthorizationKind.IAM, undefined, undefined, () => undefined);
  }

  /**
   * An authorizer you created (for example a `RequestAuthorizer` shared by several APIs). Its `authorizationType`
   * must be set and must not be `NONE`.
   *
   * @param scopes OAuth scopes required on every method (Cognito authorizers only)
   */
  public static fromAuthorizer(authorizer: apigateway.IAuthorizer, scopes?: string[]): ApiAuthorization {
    return new ApiAuthorization(AuthorizationKind.CUSTOM, scopes, () => authorizer, (errors, prop) => {
      checkScopes(errors, `${prop}.scopes`, scopes);
      const type = authorizer?.authorizationType;
      if (type === undefined || type === apigateway.AuthorizationType.NONE) {
        errors.add(SA_AUTH_CODE, prop, `must authenticate callers but the authorizer's authorizationType is ${type ?? 'not set'}`,
          'Pass an authorizer with an authorization type (COGNITO, CUSTOM or IAM), or use ApiAuthorization.cognito/lambdaToken/lambdaRequest/iam');
      } else if (scopes && scopes.length > 0 && type !== apigateway.AuthorizationType.COGNITO) {
        errors.add(SA_AUTH_CODE, `${prop}.scopes`, `only apply to Cognito authorizers but the authorizer is ${type}`,
          'Remove the scopes, or check them in your authorizer function');
      }
    }, authorizer?.authorizationType);
  }

  /**
   * How this authorization authenticates callers.
   *
   * @internal
   */
  public readonly _kind: AuthorizationKind;

  /**
   * OAuth scopes required on every method that uses this authorization.
   *
   * @default - no scope required
   */
  public readonly scopes?: string[];

  private constructor(
    kind: AuthorizationKind,
    scopes: string[] | undefined,
    private readonly createAuthorizer: ((scope: Construct, id: string) => apigateway.IAuthorizer) | undefined,
    private readonly checkOptions: (errors: PropErrors, prop: string) => void,
    private readonly customType?: apigateway.AuthorizationType,
  ) {
    this._kind = kind;
    this.scopes = scopes;
  }

  /** True when OAuth scopes can be required on methods using this authorization (Cognito authorizers only). */
  public get supportsScopes(): boolean {
    return this._kind === AuthorizationKind.COGNITO || this.customType === apigateway.AuthorizationType.COGNITO;
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
   * Create the authorizer (once) under `scope`.
   *
   * @internal
   */
  public _bind(scope: Construct, id: string): BoundAuthorization {
    if (this._kind === AuthorizationKind.IAM) {
      return { authorizationType: apigateway.AuthorizationType.IAM };
    }
    const authorizer = this.createAuthorizer!(scope, id);
    return { authorizer, authorizationType: authorizer.authorizationType ?? apigateway.AuthorizationType.CUSTOM };
  }
}

const SA_AUTH_CODE = SA.AUTHORIZATION_INVALID;

/** `method.request.header.X`, `method.request.querystring.X` (and multi-value), `context.X`, `stageVariables.X`. */
const IDENTITY_SOURCE = /^(method\.request\.(header|querystring|multivalueheader|multivaluequerystring)\.[^\s.][^\s]*|context\.[A-Za-z0-9_.]+|stageVariables\.[A-Za-z0-9_]+)$/;

function requireHandler(errors: PropErrors, prop: string, handler: lambda.IFunction | undefined): void {
  const fn = handler as { functionArn?: unknown; addPermission?: unknown } | undefined | null;
  if (!fn || typeof fn.functionArn !== 'string' || typeof fn.addPermission !== 'function') {
    errors.add(SA_AUTH_CODE, `${prop}.handler`, `must be the authorizer function but was ${PropErrors.show(handler)}`,
      'Pass the Lambda function (a SecureFunction) that verifies the token');
  }
}

/** OAuth scopes: `resource-server/scope` strings (RFC 6749 scope tokens). */
function checkScopes(errors: PropErrors, prop: string, scopes: unknown): void {
  PropChecks.strings(errors, SA_AUTH_CODE, prop, scopes, 'List OAuth scopes as `resource-server/scope`',
    PropChecks.scopeProblem);
}

/** How long API Gateway caches an authorizer's decision: whole seconds, at most an hour (API Gateway's limit). */
function checkCacheTtl(errors: PropErrors, prop: string, ttl: Duration | undefined): void {
  errors.seconds(SA_AUTH_CODE, prop, ttl, { min: 0, max: 3600 }, 'between 0 and 3600 seconds (API Gateway\'s limit)',
    'Set how long a decision may be cached, for example Duration.minutes(5); Duration.seconds(0) turns caching off');
}
