import * as crypto from 'crypto';
import {
  Lazy,
  Names,
  Stack,
  Validations,
  aws_apigateway as apigateway,
  aws_cloudwatch as cloudwatch,
  aws_iam as iam,
  aws_kms as kms,
  aws_lambda as lambda,
  aws_logs as logs,
  aws_wafv2 as wafv2,
} from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { ApiAuthorization } from './api-authorization';
import { SECURE_API_DEFAULTS as D } from './defaults';
import { AccountLogRole } from './private/account-log-role';
import { ApiAlarms } from './private/api-alarms';
import { AuthorizationKind, BoundAuthorization } from './private/bound-authorization';
import { SA } from './private/error-codes';
import { GatewayResponses } from './private/gateway-responses';
import { NagAcknowledgements } from './private/nag-acknowledgements';
import { OwnResourcesAudit } from './private/own-resources-audit';
import { PropChecks } from './private/prop-checks';
import { SecureApiProps } from './props';
import { HttpMethod, SecureRouteOptions } from './route-options';
import { ExecutionLogLevel, SchemaPolicy, SecureApiEndpointType } from './secure-api-enums';
import { validateRouteOptions, validateSecureApiProps } from './validate';
import { PropErrors } from '../../core/prop-errors';
import { RestApiBodyValidationRule } from '../../rules/apigateway/body-validation';
import { RestApiMethodAuthRule } from '../../rules/apigateway/method-auth';
import { RestApiModelSchemaRule } from '../../rules/apigateway/model-schema';
import { RestApiParamValidationRule } from '../../rules/apigateway/param-validation';
import { AccessLogFormat } from '../../rules/apigateway/private/access-log-format';
import { RestApiTypes } from '../../rules/apigateway/private/rest-api-graph';
import { ManagedWebAcl, WebAclScope } from '../common/private/managed-web-acl';
import { Relaxation } from '../common/relaxation';
import { RuleIds } from '../common/rule-ids';
import { StackKey } from '../common/stack-key';

/**
 * A REST API (API Gateway v1) where every route is authenticated, every input validated, and every call logged.
 *
 * - Authentication is required at construction and applies to every method (`addRoute` and plain
 *   `root.addResource().addMethod()` alike); a public route takes a written justification.
 * - `addRoute()` attaches a strict, synth-checked JSON Schema model and the API's validator to body methods, and
 *   declares required path, query and header parameters.
 * - JSON access logs and execution logs (ERROR) go to KMS-encrypted log groups with finite retention; X-Ray on;
 *   data tracing off; the account logging role has no AWS-managed policy.
 * - Stage throttling, a regional WAF web ACL (managed rule groups, per-IP rate rule, logging with tokens redacted).
 * - Regional or private endpoint; custom domain with TLS 1.2+ and the default endpoint disabled.
 * - CORS off unless explicit origins; gateway error responses without internal detail and with security headers.
 * - 5XX, 4XX and latency alarms.
 *
 * Invalid or insecure props fail the synth with one `SecureConstructValidationError` listing every problem (codes
 * `SA0xx`, `SA1xx` for routes). Every method and model, those added with the plain aws-cdk-lib API included, is
 * checked at synth by the audit's own rules (SLS-APIGW-METHOD-AUTH, -BODY-VALIDATION, -PARAM-VALIDATION,
 * -MODEL-SCHEMA), which are left to the `ServerlessSecurityChecks` plugin when it is registered, so one synth shows
 * every problem of the app.
 */
export class SecureApi extends Construct {
  /** The audit rules SecureApi holds its methods and models to at synth (see `validateResources`). */
  private static readonly RULES = [
    new RestApiMethodAuthRule(),
    new RestApiBodyValidationRule(),
    new RestApiParamValidationRule(),
    new RestApiModelSchemaRule(),
  ];

  /** The underlying REST API, for everything SecureApi does not wrap (usage plans, documentation...). */
  public readonly restApi: apigateway.RestApi;
  /** The root resource: `api.root.addResource('x').addMethod(...)` is checked at synth like `addRoute`. */
  public readonly root: apigateway.IResource;
  /** The stage. */
  public readonly stage: apigateway.Stage;
  /** The URL of the stage (the `execute-api` URL; disabled when a custom domain is set). */
  public readonly url: string;
  /** The request validator (body and parameters) to pass as `requestValidator` to plain `addMethod` calls. */
  public readonly requestValidator: apigateway.IRequestValidator;
  /** The JSON access log group. */
  public readonly accessLogGroup: logs.ILogGroup;
  /** The execution log group (`API-Gateway-Execution-Logs_<api id>/<stage>`), created encrypted with retention. */
  public readonly executionLogGroup: logs.ILogGroup;
  /** The 5XX, 4XX and latency alarms. */
  public readonly alarms: cloudwatch.IAlarm[];
  /**
   * The ARN of the web ACL associated with the stage.
   *
   * @default - none when `relaxations.waf` is set
   */
  public readonly webAclArn?: string;

  private readonly props: SecureApiProps;
  private readonly defaultAuthorization: BoundAuthorization;
  private readonly boundAuthorizations = new Map<ApiAuthorization, BoundAuthorization>();
  private readonly models = new Map<string, apigateway.Model>();
  private readonly routeKeys = new Set<string>();
  private readonly routeMethodSettings: apigateway.CfnStage.MethodSettingProperty[] = [];
  private readonly stageMethodSetting: apigateway.CfnStage.MethodSettingProperty;

  constructor(scope: Construct, id: string, props: SecureApiProps) {
    super(scope, id);
    const errors = PropErrors.for(this);
    const outcome = validateSecureApiProps(props, errors);
    errors.throwIfAny();
    errors.warnUndecided(this);
    this.props = props;

    const key = props.encryptionKey ?? StackKey.of(this);
    const retention = props.logRetention ?? D.logRetention;
    const stageName = props.stageName ?? D.stageName;
    this.accessLogGroup = new logs.LogGroup(this, 'AccessLogs', { retention, encryptionKey: key });
    this.defaultAuthorization = this.bindAuthorization(props.authorization);
    const cors = this.corsOptions();

    this.restApi = new apigateway.RestApi(this, 'Api', {
      restApiName: props.restApiName ?? Names.uniqueResourceName(this, { maxLength: 128, separator: '-' }),
      description: props.description,
      cloudWatchRole: false,
      deploy: true,
      deployOptions: {
        stageName,
        tracingEnabled: props.tracingEnabled ?? D.tracingEnabled,
        loggingLevel: props.executionLogLevel === ExecutionLogLevel.INFO ? apigateway.MethodLoggingLevel.INFO : D.executionLogLevel,
        dataTraceEnabled: props.dataTraceEnabled ?? D.dataTraceEnabled,
        throttlingRateLimit: props.throttlingRateLimit ?? D.throttlingRateLimit,
        throttlingBurstLimit: props.throttlingBurstLimit ?? D.throttlingBurstLimit,
        accessLogDestination: new apigateway.LogGroupLogDestination(this.accessLogGroup),
        accessLogFormat: apigateway.AccessLogFormat.custom(AccessLogFormat.restApiLine()),
      },
      endpointConfiguration: {
        types: [props.endpointType === SecureApiEndpointType.PRIVATE ? apigateway.EndpointType.PRIVATE : apigateway.EndpointType.REGIONAL],
        vpcEndpoints: props.vpcEndpoints,
      },
      policy: this.privateEndpointPolicy(),
      domainName: props.domainName && { ...props.domainName, securityPolicy: props.domainName.securityPolicy ?? D.domainSecurityPolicy },
      disableExecuteApiEndpoint: props.domainName !== undefined && props.relaxations?.defaultEndpoint === undefined,
      defaultMethodOptions: {
        ...this.methodAuthorizationOptions(this.defaultAuthorization),
        authorizationScopes: props.authorization.scopes,
      },
      defaultCorsPreflightOptions: cors,
    });
    this.attachDefaultAuthorizer();
    this.root = this.restApi.root;
    this.stage = this.restApi.deploymentStage;
    this.url = this.restApi.url;
    this.requestValidator = this.restApi.addRequestValidator('RequestValidator', {
      validateRequestBody: true,
      validateRequestParameters: true,
    });

    const cfnStage = this.stage.node.defaultChild as apigateway.CfnStage;
    this.stageMethodSetting = (cfnStage.methodSettings as apigateway.CfnStage.MethodSettingProperty[])[0];
    cfnStage.methodSettings = Lazy.any({ produce: () => [this.stageMethodSetting, ...this.routeMethodSettings] });

    this.executionLogGroup = new logs.LogGroup(this, 'ExecutionLogs', {
      logGroupName: `API-Gateway-Execution-Logs_${this.restApi.restApiId}/${stageName}`,
      retention,
      encryptionKey: key,
    });
    this.stage.node.addDependency(this.executionLogGroup);
    if (props.manageAccountLogRole !== false) {
      const accountRole = AccountLogRole.of(this);
      accountRole.allowWriteTo(this.accessLogGroup, this.executionLogGroup);
      this.stage.node.addDependency(accountRole.account);
    }

    this.webAclArn = this.configureWaf(retention, key);
    GatewayResponses.addTo(this.restApi, this.singleCorsOrigin());
    this.alarms = this.configureAlarms();
    this.recordRelaxations(outcome.relaxations, cfnStage);

    this.node.addValidation({ validate: () => this.validateResources() });
  }

  /**
   * Adds a route: one method on one path, authenticated, with its body and parameters validated. Returns the
   * method (for example to add method responses).
   */
  public addRoute(options: SecureRouteOptions): apigateway.Method {
    const errors = PropErrors.for(this);
    if (options === undefined || options === null || typeof options !== 'object') {
      errors.add(SA.ROUTE_OPTIONS_MISSING, 'addRoute(options)', `needs the route's options but was given ${PropErrors.show(options)}`,
        'Pass { path, method, handler (or integration), requestSchema for body methods }');
      errors.throwIfAny();
    }
    const verb = String(options.method);
    const label = `addRoute(${verb} ${typeof options.path === 'string' ? options.path : PropErrors.show(options.path)})`;
    const authorization = options.authorization ?? this.props.authorization;
    const outcome = validateRouteOptions(options, {
      label,
      supportsScopes: authorization instanceof ApiAuthorization && authorization.supportsScopes,
      existingRoutes: this.routeKeys,
    }, errors);
    const relaxations = new Map(outcome.relaxations);
    const schema = options.requestSchema as unknown;
    const model = schema && typeof schema === 'object' && !Array.isArray(schema) && verb !== HttpMethod.GET && verb !== HttpMethod.HEAD
      ? this.checkedModel(options.requestSchema!, label, relaxations.get(RuleIds.APIGW_MODEL_SCHEMA), errors)
      : undefined;
    errors.throwIfAny();
    errors.warnUndecided(this);
    this.routeKeys.add(`${verb} ${options.path}`);

    const isPublic = relaxations.has(RuleIds.APIGW_METHOD_AUTH);
    const bound = options.authorization ? this.bindAuthorization(options.authorization) : this.defaultAuthorization;
    const requestParameters: Record<string, boolean> = {};
    outcome.pathParameters.forEach((p) => requestParameters[`method.request.path.${p}`] = true);
    (options.requiredQueryParameters ?? []).forEach((p) => requestParameters[`method.request.querystring.${p}`] = true);
    (options.requiredHeaders ?? []).forEach((p) => requestParameters[`method.request.header.${p}`] = true);

    const resource = this.restApi.root.resourceForPath(options.path);
    const integration = options.integration ?? new apigateway.LambdaIntegration(options.handler!, {
      scopePermissionToMethod: true,
      allowTestInvoke: false,
    });
    const method = resource.addMethod(verb, integration, {
      ...(isPublic ? { authorizationType: apigateway.AuthorizationType.NONE } : this.methodAuthorizationOptions(bound)),
      authorizationScopes: isPublic ? undefined : options.scopes ?? options.authorization?.scopes ?? this.props.authorization.scopes,
      requestValidator: this.requestValidator,
      // Also under `$default`: API Gateway skips body validation when no model matches the request's content type.
      requestModels: model ? { 'application/json': model, '$default': model } : undefined,
      requestParameters: Object.keys(requestParameters).length > 0 ? requestParameters : undefined,
      apiKeyRequired: options.apiKeyRequired,
      operationName: options.operationName,
    });

    const cfnMethod = method.node.defaultChild as apigateway.CfnMethod;
    for (const [ruleId, justification] of relaxations) {
      const target = ruleId === RuleIds.APIGW_MODEL_SCHEMA && model ? model.node.defaultChild! : cfnMethod;
      Relaxation.record(target, ruleId, justification);
      NagAcknowledgements.forRelaxation(target, ruleId, justification);
    }
    const kind = (options.authorization ?? this.props.authorization)._kind;
    if (!isPublic && kind !== AuthorizationKind.COGNITO && bound.authorizationType !== apigateway.AuthorizationType.COGNITO) {
      NagAcknowledgements.forNonCognitoMethod(cfnMethod, kind);
    }
    this.addRouteThrottling(options, verb);
    return method;
  }

  /** Creates the authorizer of an authorization once per API. */
  private bindAuthorization(authorization: ApiAuthorization): BoundAuthorization {
    let bound = this.boundAuthorizations.get(authorization);
    if (!bound) {
      const id = this.boundAuthorizations.size === 0 ? 'Authorizer' : `Authorizer${this.boundAuthorizations.size + 1}`;
      bound = authorization._bind(this, id);
      this.boundAuthorizations.set(authorization, bound);
    }
    return bound;
  }

  /**
   * aws-cdk-lib attaches an authorizer to its API when a method first uses it, and fails the synth for an authorizer
   * no method uses. The default authorizer must exist before the RestApi (it is in `defaultMethodOptions`), yet every
   * route may override it: attach it now, as a method would.
   */
  private attachDefaultAuthorizer(): void {
    const authorizer = this.defaultAuthorization.authorizer;
    if (authorizer && apigateway.Authorizer.isAuthorizer(authorizer)) {
      (authorizer as unknown as { _attachToApi(api: apigateway.IRestApi): void })._attachToApi(this.restApi);
    }
  }

  /**
   * Method options for an authorization. For IAM, a stand-in authorizer with an empty id (the way aws-cdk-lib's own
   * CORS pre-flight opts out of the default authorizer): without it, a route using IAM on an API whose default is an
   * authorizer would inherit that authorizer.
   */
  private methodAuthorizationOptions(bound: BoundAuthorization): apigateway.MethodOptions {
    return {
      authorizationType: bound.authorizationType,
      authorizer: bound.authorizer ?? { authorizerId: '', authorizationType: bound.authorizationType },
    };
  }

  /**
   * The model for a schema: one per distinct schema per API (named after its hash, so ids do not depend on the
   * order routes are added). The schema is checked before anything is created, as the audit rule
   * SLS-APIGW-MODEL-SCHEMA will read it from the model: malformed is an error; permissive is an error under
   * `SchemaPolicy.STRICT` (unless the route justifies it), and left to the rule's warnings under `WARN`.
   *
   * @returns the model, or undefined when the schema was refused
   */
  private checkedModel(
    schema: apigateway.JsonSchema,
    label: string,
    permissiveJustification: string | undefined,
    errors: PropErrors,
  ): apigateway.Model | undefined {
    const strict = (this.props.schemaPolicy ?? SchemaPolicy.STRICT) === SchemaPolicy.STRICT;
    const deployed = PropChecks.requestSchema(this, errors, SA, `${label}.requestSchema`, schema, strict && permissiveJustification === undefined,
      'Make the schema strict, or set `relaxations.permissiveSchema` on the route, or `schemaPolicy: SchemaPolicy.WARN` on the API');
    if (!deployed) return undefined;
    const text = JSON.stringify(schema);
    let model = this.models.get(text);
    if (!model) {
      const hash = crypto.createHash('sha256').update(text).digest('hex').slice(0, 8).toUpperCase();
      model = this.restApi.addModel(`Model${hash}`, { contentType: 'application/json', schema });
      this.models.set(text, model);
    }
    return model;
  }

  private addRouteThrottling(options: SecureRouteOptions, verb: string): void {
    if (options.throttlingRateLimit === undefined && options.throttlingBurstLimit === undefined) return;
    const segments = options.path === '/' ? [] : options.path.slice(1).split('/');
    this.routeMethodSettings.push({
      ...this.stageMethodSetting,
      httpMethod: verb === HttpMethod.ANY ? '*' : verb,
      resourcePath: segments.length === 0 ? '/' : `/~1${segments.join('~1')}`,
      throttlingRateLimit: options.throttlingRateLimit ?? this.stageMethodSetting.throttlingRateLimit,
      throttlingBurstLimit: options.throttlingBurstLimit ?? this.stageMethodSetting.throttlingBurstLimit,
    });
  }

  /** A PRIVATE API denies every caller that does not come through one of its VPC endpoints. */
  private privateEndpointPolicy(): iam.PolicyDocument | undefined {
    if (this.props.endpointType !== SecureApiEndpointType.PRIVATE) return undefined;
    // With IAM authorization, callers must also be allowed by their own account's IAM; otherwise the authorizer decides.
    const principal = this.props.authorization._kind === AuthorizationKind.IAM ? new iam.AccountRootPrincipal() : new iam.AnyPrincipal();
    return new iam.PolicyDocument({
      statements: [
        new iam.PolicyStatement({ principals: [principal], actions: ['execute-api:Invoke'], resources: ['execute-api:/*'] }),
        new iam.PolicyStatement({
          effect: iam.Effect.DENY,
          principals: [new iam.AnyPrincipal()],
          actions: ['execute-api:Invoke'],
          resources: ['execute-api:/*'],
          conditions: { StringNotEquals: { 'aws:SourceVpce': (this.props.vpcEndpoints ?? []).map((e) => e.vpcEndpointId) } },
        }),
      ],
    });
  }

  private corsOptions(): apigateway.CorsOptions | undefined {
    const p = this.props;
    if (!p.corsAllowOrigins || p.corsAllowOrigins.length === 0) return undefined;
    return {
      allowOrigins: p.corsAllowOrigins,
      allowCredentials: p.corsAllowCredentials,
      allowHeaders: p.corsAllowHeaders ?? apigateway.Cors.DEFAULT_HEADERS,
      allowMethods: p.corsAllowMethods ?? apigateway.Cors.ALL_METHODS,
      maxAge: p.corsMaxAge,
    };
  }

  private singleCorsOrigin(): string | undefined {
    const origins = this.props.corsAllowOrigins ?? [];
    return origins.length === 1 ? origins[0] : undefined;
  }

  private configureWaf(retention: logs.RetentionDays, key: kms.IKey): string | undefined {
    if (this.props.relaxations?.waf !== undefined) return undefined;
    const webAclArn = this.props.webAclArn ?? new ManagedWebAcl(this, 'WebAcl', {
      scope: WebAclScope.REGIONAL,
      managedRuleGroups: D.wafManagedRuleGroups,
      rateLimit: this.props.wafRateLimit ?? D.wafRateLimit,
      redactedHeaders: D.wafRedactedHeaders,
      encryptionKey: key,
      logRetention: retention,
    }).webAcl.attrArn;
    new wafv2.CfnWebACLAssociation(this, 'WebAclAssociation', { resourceArn: this.stage.stageArn, webAclArn });
    return webAclArn;
  }

  private configureAlarms(): cloudwatch.IAlarm[] {
    const alarms = new ApiAlarms(this, 'Alarms', {
      stage: this.stage,
      serverErrorRateThreshold: this.props.serverErrorRateThreshold ?? D.serverErrorRateThreshold,
      clientErrorRateThreshold: this.props.clientErrorRateThreshold ?? D.clientErrorRateThreshold,
      latencyThreshold: this.props.latencyThreshold ?? D.latencyThreshold,
      action: this.props.alarmAction,
    });
    if (!this.props.alarmAction) {
      Validations.of(this).addWarning(RuleIds.qualified(RuleIds.APIGW_ALARMS),
        'The 5XX, 4XX and latency alarms have no action: set `alarmAction` (for example an SnsAction) so someone is told, or acknowledge this warning.');
    }
    return [alarms.serverErrors, alarms.clientErrors, alarms.latency];
  }

  /** API-level relaxations, each on the resource the matching audit rule reports. */
  private recordRelaxations(relaxations: Array<[string, string]>, cfnStage: apigateway.CfnStage): void {
    const cfnApi = this.restApi.node.defaultChild as apigateway.CfnRestApi;
    for (const [ruleId, justification] of relaxations) {
      const target = ruleId === RuleIds.APIGW_DEFAULT_ENDPOINT ? cfnApi
        : ruleId === RuleIds.APIGW_CORS ? this.restApi // the pre-flight methods and the API
          : cfnStage;
      Relaxation.record(target, ruleId, justification);
      NagAcknowledgements.forRelaxation(target, ruleId, justification);
    }
  }

  /**
   * Synth-time checks of every method and model of the API, including those added with the plain aws-cdk-lib API:
   * the audit's own rules (left to the audit plugin when it is registered), and API-wide Lambda permissions.
   */
  private validateResources(): string[] {
    const errors = OwnResourcesAudit.run(this, SecureApi.RULES, [RestApiTypes.REQUEST_VALIDATOR, 'AWS::ApiGateway::Resource']);
    for (const permission of this.restApi.node.findAll()) {
      if (!(permission instanceof lambda.CfnPermission)) continue;
      const sourceArn = JSON.stringify(Stack.of(permission).resolve(permission.sourceArn) ?? '');
      if (sourceArn.includes('/*/*/*"')) {
        errors.push(...OwnResourcesAudit.report(this, permission, SA.PERMISSION_TOO_BROAD,
          'lets API Gateway invoke the function from any method and stage of the API. Use `new LambdaIntegration(fn, { scopePermissionToMethod: true, allowTestInvoke: false })`, or `addRoute({ handler })`.'));
      }
    }
    return errors;
  }
}
