import {
  Names,
  Validations,
  aws_apigateway as apigateway,
  aws_apigatewayv2 as apigwv2,
  aws_apigatewayv2_integrations as integrations,
  aws_logs as logs,
} from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { SECURE_HTTP_API_DEFAULTS as D } from './defaults';
import { HttpApiAuthorization } from './http-api-authorization';
import { SecureHttpRouteOptions } from './http-route-options';
import { SH } from './private/error-codes';
import { RequestSchemas } from './private/request-schemas';
import { SecureHttpApiProps } from './props';
import { validateHttpRouteOptions, validateSecureHttpApiProps } from './validate';
import { PropErrors } from '../../core/prop-errors';
import { AccessLogFormat } from '../../rules/apigateway/private/access-log-format';
import { Relaxation } from '../common/relaxation';
import { RuleIds } from '../common/rule-ids';
import { StackKey } from '../common/stack-key';

/**
 * An HTTP API (API Gateway v2) where every route is authenticated and every call logged.
 *
 * - A JWT, Cognito user pool, Lambda or IAM authorization is required at construction and is the default of every
 *   route; a public route takes a written justification.
 * - The `$default` stage auto-deploys with default route throttling and JSON access logs (caller, source IP, request
 *   id, status, latency, authorizer error) in a KMS-encrypted log group with finite retention.
 * - CORS off unless explicit origins; custom domain with TLS 1.2 and the default endpoint disabled.
 * - HTTP APIs cannot validate request bodies: a route's `requestSchema` is checked at synth and handed to its
 *   function (`REQUEST_SCHEMAS` environment variable) to validate the body itself.
 *
 * Invalid or insecure props fail with one `SecureConstructValidationError` listing every problem (codes `SH0xx`,
 * `SH1xx` for routes).
 */
export class SecureHttpApi extends Construct {
  /** The underlying HTTP API, for everything SecureHttpApi does not wrap. */
  public readonly httpApi: apigwv2.HttpApi;
  /** The auto-deployed `$default` stage. */
  public readonly stage: apigwv2.HttpStage;
  /** The URL of the stage (the `execute-api` URL; disabled when a custom domain is set). */
  public readonly url: string;
  /** The JSON access log group. */
  public readonly accessLogGroup: logs.ILogGroup;
  /**
   * The custom domain.
   *
   * @default - none unless `domain` is set
   */
  public readonly domainName?: apigwv2.DomainName;

  private readonly props: SecureHttpApiProps;
  private readonly authorizers = new Map<HttpApiAuthorization, apigwv2.IHttpRouteAuthorizer>();
  private readonly routeKeys = new Set<string>();
  private readonly requestSchemas = new RequestSchemas();

  constructor(scope: Construct, id: string, props: SecureHttpApiProps) {
    super(scope, id);
    const errors = PropErrors.for(this);
    const relaxations = validateSecureHttpApiProps(props, errors);
    errors.throwIfAny();
    errors.warnUndecided(this);
    this.props = props;

    this.accessLogGroup = new logs.LogGroup(this, 'AccessLogs', {
      retention: props.logRetention ?? D.logRetention,
      encryptionKey: props.encryptionKey ?? StackKey.of(this),
    });
    this.domainName = props.domain && new apigwv2.DomainName(this, 'Domain', {
      domainName: props.domain.domainName,
      certificate: props.domain.certificate,
      securityPolicy: props.domain.securityPolicy ?? D.domainSecurityPolicy,
    });
    this.httpApi = new apigwv2.HttpApi(this, 'Api', {
      apiName: props.apiName ?? Names.uniqueResourceName(this, { maxLength: 128, separator: '-' }),
      description: props.description,
      createDefaultStage: false,
      defaultAuthorizer: this.authorizerFor(props.authorization),
      defaultAuthorizationScopes: props.authorization.scopes,
      disableExecuteApiEndpoint: props.domain !== undefined && props.relaxations?.defaultEndpoint === undefined,
      corsPreflight: this.corsOptions(),
    });
    this.stage = this.httpApi.addStage('DefaultStage', {
      stageName: D.stageName,
      autoDeploy: true,
      throttle: {
        rateLimit: props.throttlingRateLimit ?? D.throttlingRateLimit,
        burstLimit: props.throttlingBurstLimit ?? D.throttlingBurstLimit,
      },
      accessLogSettings: {
        destination: new apigwv2.LogGroupLogDestination(this.accessLogGroup),
        format: apigateway.AccessLogFormat.custom(AccessLogFormat.httpApiLine()),
      },
      domainMapping: this.domainName && { domainName: this.domainName },
    });
    this.url = this.stage.url;

    const cfnApi = this.httpApi.node.defaultChild as apigwv2.CfnApi;
    for (const [ruleId, justification] of relaxations) {
      Relaxation.record(cfnApi, ruleId, justification);
    }
  }

  /**
   * Adds a route: one method on one path, authenticated with the API's (or the route's) authorization. Returns the
   * route.
   */
  public addRoute(options: SecureHttpRouteOptions): apigwv2.HttpRoute {
    const errors = PropErrors.for(this);
    if (options === undefined || options === null || typeof options !== 'object') {
      errors.add(SH.ROUTE_OPTIONS_MISSING, 'addRoute(options)', `needs the route's options but was given ${PropErrors.show(options)}`,
        'Pass { path, method, handler (or integration) }');
      errors.throwIfAny();
    }
    const routeKey = `${String(options.method)} ${typeof options.path === 'string' ? options.path : PropErrors.show(options.path)}`;
    const label = `addRoute(${routeKey})`;
    const authorization = options.authorization ?? this.props.authorization;
    const relaxations = validateHttpRouteOptions(options, {
      label,
      supportsScopes: authorization instanceof HttpApiAuthorization && authorization.supportsScopes,
      existingRoutes: this.routeKeys,
    }, errors);
    const schema = options.requestSchema as unknown;
    const deliverSchema = schema && typeof schema === 'object' && !Array.isArray(schema)
      ? this.requestSchemas.prepare(this, options.handler, routeKey, options.requestSchema!, label, errors)
      : undefined;
    errors.throwIfAny();
    errors.warnUndecided(this);

    const isPublic = relaxations.some(([ruleId]) => ruleId === RuleIds.HTTPAPI_ROUTE_AUTH);
    const integration = options.integration
      ?? new integrations.HttpLambdaIntegration(`${Names.uniqueId(options.handler!)}Integration`, options.handler!, { scopePermissionToRoute: true });
    const [route] = this.httpApi.addRoutes({
      path: options.path,
      methods: [options.method],
      integration,
      authorizer: isPublic ? new apigwv2.HttpNoneAuthorizer() : this.authorizerFor(authorization),
      authorizationScopes: isPublic || !authorization.supportsScopes ? [] : options.scopes ?? authorization.scopes,
    });
    this.routeKeys.add(routeKey);
    deliverSchema?.();

    const cfnRoute = route.node.defaultChild as apigwv2.CfnRoute;
    for (const [ruleId, justification] of relaxations) {
      Relaxation.record(cfnRoute, ruleId, justification);
      // cdk-nag reports the same decision (a route without authorizer) under its own id.
      Validations.of(cfnRoute).acknowledge({ id: 'AwsSolutions-APIG4', reason: justification.trim() });
    }
    return route;
  }

  /** One route authorizer per authorization per API (aws-cdk-lib authorizers bind to the first API using them). */
  private authorizerFor(authorization: HttpApiAuthorization): apigwv2.IHttpRouteAuthorizer {
    let authorizer = this.authorizers.get(authorization);
    if (!authorizer) {
      authorizer = authorization._createAuthorizer(this.authorizers.size === 0 ? 'Authorizer' : `Authorizer${this.authorizers.size + 1}`);
      this.authorizers.set(authorization, authorizer);
    }
    return authorizer;
  }

  private corsOptions(): apigwv2.CorsPreflightOptions | undefined {
    const p = this.props;
    if (!p.corsAllowOrigins || p.corsAllowOrigins.length === 0) return undefined;
    return {
      allowOrigins: p.corsAllowOrigins,
      allowCredentials: p.corsAllowCredentials,
      allowHeaders: p.corsAllowHeaders ?? ['authorization', 'content-type'],
      allowMethods: p.corsAllowMethods ?? [apigwv2.CorsHttpMethod.ANY],
      maxAge: p.corsMaxAge,
    };
  }
}

