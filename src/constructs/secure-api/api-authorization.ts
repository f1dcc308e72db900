import { Duration, aws_apigateway as apigateway, aws_cognito as cognito, aws_lambda as lambda } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { SECURE_API_DEFAULTS as D } from './defaults';
import { BoundAuthorization } from './private/bound-authorization';
import { SA } from './validate';
import { PropErrors } from '../../core/prop-errors';

/** How a `SecureApi` method authenticates its caller. */
export enum AuthorizationKind {
  /** A Cognito user pool authorizer (ID or access token; access token with scopes when scopes are set). */
  COGNITO = 'COGNITO',
  /** A Lambda authorizer that receives a bearer token from one header. */
  LAMBDA_TOKEN = 'LAMBDA_TOKEN',
  /** A Lambda authorizer that receives the request's identity sources (headers, query strings, context). */
  LAMBDA_REQUEST = 'LAMBDA_REQUEST',
  /** AWS Signature Version 4: the caller is an IAM principal allowed `execute-api:Invoke`. */
  IAM = 'IAM',
  /** An authorizer you created yourself (`apigateway.IAuthorizer`). */
  CUSTOM = 'CUSTOM',
}

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
    return new ApiAuthorization(AuthorizationKind.COGNITO, options.scopes, (scope, id) => new apigateway.CognitoUserPoolsAuthorizer(scope, id, {
      cognitoUserPools: options.userPools,
      resultsCacheTtl: options.resultsCacheTtl ?? D.authorizerResultsCacheTtl,
    }), (errors, prop) => {
      if (!options.userPools || options.userPools.length === 0) {
        errors.add(SA_AUTH_CODE, `${prop}.userPools`, 'must list at least one user pool but was empty',
          'Pass the user pool(s) whose tokens the API accepts');
      }
    });
  }

  /** Lambda token authorizer: `handler` receives the bearer token and returns an IAM policy. */
  public static lambdaToken(handler: lambda.IFunction, options: LambdaTokenAuthorizationOptions = {}): ApiAuthorization {
    return new ApiAuthorization(AuthorizationKind.LAMBDA_TOKEN, undefined, (scope, id) => new apigateway.TokenAuthorizer(scope, id, {
      handler,
      identitySource: options.identitySource,
      validationRegex: options.validationRegex,
      resultsCacheTtl: options.resultsCacheTtl ?? D.authorizerResultsCacheTtl,
    }), (errors, prop) => requireHandler(errors, prop, handler));
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
    return new ApiAuthorization(AuthorizationKind.LAMBDA_REQUEST, undefined, (scope, id) => new apigateway.RequestAuthorizer(scope, id, {
      handler,
      identitySources,
      resultsCacheTtl: options.resultsCacheTtl ?? D.authorizerResultsCacheTtl,
    }), (errors, prop) => {
      requireHandler(errors, prop, handler);
      if (!identitySources || identitySources.length === 0) {
        errors.add(SA_AUTH_CODE, `${prop}.identitySources`, 'must list at least one identity source but was empty',
          "Pass where the caller's credentials are, for example apigateway.IdentitySource.header('Authorization')");
      }
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

  /** How this authorization authenticates callers. */
  public readonly kind: AuthorizationKind;

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
    this.kind = kind;
    this.scopes = scopes;
  }

  /** True when OAuth scopes can be required on methods using this authorization (Cognito authorizers only). */
  public get supportsScopes(): boolean {
    return this.kind === AuthorizationKind.COGNITO || this.customType === apigateway.AuthorizationType.COGNITO;
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
    if (this.kind === AuthorizationKind.IAM) {
      return { authorizationType: apigateway.AuthorizationType.IAM };
    }
    const authorizer = this.createAuthorizer!(scope, id);
    return { authorizer, authorizationType: authorizer.authorizationType ?? apigateway.AuthorizationType.CUSTOM };
  }
}

const SA_AUTH_CODE = SA.AUTHORIZATION_INVALID;

function requireHandler(errors: PropErrors, prop: string, handler: lambda.IFunction | undefined): void {
  if (!handler) {
    errors.add(SA_AUTH_CODE, `${prop}.handler`, 'must be the authorizer function but was undefined',
      'Pass the Lambda function (a SecureFunction) that verifies the token');
  }
}
