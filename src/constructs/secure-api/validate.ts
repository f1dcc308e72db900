import { Token, aws_apigateway as apigateway, aws_kms as kms } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { ApiAuthorization } from './api-authorization';
import { SECURE_API_LIMITS as L } from './defaults';
import { SA } from './private/error-codes';
import { PropChecks } from './private/prop-checks';
import type { SecureApiProps, SecureApiRelaxations } from './props';
import { HttpMethod, SecureRouteOptions, SecureRouteRelaxations } from './route-options';
import { ExecutionLogLevel, SchemaPolicy, SecureApiEndpointType } from './secure-api-enums';
import { PropErrors } from '../../core/prop-errors';
import { CorsOrigins } from '../common/cors-origins';
import { RelaxationLedger } from '../common/relaxation';
import { RuleIds } from '../common/rule-ids';


/** What prop validation accepted besides errors: relaxations to record once the resources exist. */
export interface ApiValidationOutcome {
  /** Accepted relaxations, as [rule id, justification]. */
  readonly relaxations: Array<[string, string]>;
}

/** The TLS policies below 1.2: refused for custom domains. */
const INSECURE_TLS = new Set<string>([apigateway.SecurityPolicy.TLS_1_0]);
/** A regional WAFv2 web ACL (the only kind a REST API stage can be associated with). */
const REGIONAL_WEB_ACL_ARN = /^arn:aws[a-z-]*:wafv2:[a-z0-9-]+:\d{12}:regional\/webacl\/[^/\s]+\/[^/\s]+$/;
const CORS_METHODS = ['GET', 'PUT', 'POST', 'DELETE', 'PATCH', 'HEAD', 'OPTIONS', 'ANY'];

/**
 * Check every prop of a `SecureApi` before anything is created; every problem goes to `errors`. Values are taken as
 * JavaScript and the other jsii languages can pass them (`null`, wrong types, `NaN`, tokens): each gets a coded
 * problem here, before aws-cdk-lib would throw its own uncoded error or write a wrong value to the template.
 */
export function validateSecureApiProps(props: SecureApiProps | undefined, errors: PropErrors): ApiValidationOutcome {
  if (props === undefined || props === null || typeof props !== 'object') {
    errors.add(SA.AUTHORIZATION_MISSING, 'authorization', `is required but the props were ${PropErrors.show(props)}`,
      'Pass props with `authorization` (ApiAuthorization.cognito({ userPools }), .lambdaToken(fn), .lambdaRequest(fn, sources) or .iam())');
    return { relaxations: [] };
  }
  const ledger = new RelaxationLedger(errors, SA.JUSTIFICATION_TOO_SHORT);
  const accept = ledger.accept.bind(ledger);
  const r = (props.relaxations ?? {}) as SecureApiRelaxations;

  // --- authentication (T1)
  if (props.authorization === undefined || props.authorization === null) {
    errors.add(SA.AUTHORIZATION_MISSING, 'authorization', 'is required but was not set (an API without an authorizer lets anyone call it)',
      'Pass ApiAuthorization.cognito({ userPools }), .lambdaToken(fn), .lambdaRequest(fn, sources) or .iam(); make single routes public with `relaxations.publicAccess`');
  } else if (!(props.authorization instanceof ApiAuthorization)) {
    errors.add(SA.AUTHORIZATION_INVALID, 'authorization', `must be an ApiAuthorization but was ${PropErrors.show(props.authorization)}`,
      'Build it with ApiAuthorization.cognito({ userPools }), .lambdaToken(fn), .lambdaRequest(fn, sources), .iam() or .fromAuthorizer(authorizer)');
  } else {
    props.authorization._check(errors, 'authorization');
  }

  // --- names and choices
  PropChecks.text(errors, SA.API_NAME, 'restApiName', props.restApiName,
    { maxLength: 1024, fix: 'Name the API in one line (it is also the ApiName of its metrics), or remove `restApiName`' });
  PropChecks.text(errors, SA.API_NAME, 'description', props.description,
    { maxLength: 1024, fix: 'Describe the API in one line of at most 1024 characters, or remove `description`' });
  PropChecks.text(errors, SA.STAGE_NAME, 'stageName', props.stageName, {
    maxLength: 128,
    pattern: /^[A-Za-z0-9_]+$/,
    patternDescription: 'letters, digits or underscores',
    fix: 'Rename the stage (it is part of the URL and of the execution log group name)',
  });
  PropChecks.oneOf(errors, SA.ENUM_VALUE, 'schemaPolicy', props.schemaPolicy, Object.values(SchemaPolicy));
  PropChecks.oneOf(errors, SA.ENUM_VALUE, 'executionLogLevel', props.executionLogLevel, Object.values(ExecutionLogLevel));
  PropChecks.oneOf(errors, SA.ENUM_VALUE, 'endpointType', props.endpointType, Object.values(SecureApiEndpointType));
  for (const prop of ['dataTraceEnabled', 'tracingEnabled', 'manageAccountLogRole', 'corsAllowCredentials'] as const) {
    PropChecks.boolean(errors, SA.BOOLEAN, prop, props[prop]);
  }
  if (props.encryptionKey !== undefined && props.encryptionKey !== null && typeof (props.encryptionKey as kms.IKey).keyArn !== 'string') {
    errors.add(SA.LOG_RETENTION, 'encryptionKey', `must be a kms.IKey but was ${PropErrors.show(props.encryptionKey)}`,
      'Pass a kms.Key (or kms.Key.fromKeyArn), or remove `encryptionKey` for the stack\'s shared key');
  }

  // --- logging and tracing (T6)
  PropChecks.retention(errors, SA.LOG_RETENTION, 'logRetention', props.logRetention);
  if (props.dataTraceEnabled === true && !accept('relaxations.dataTrace', r.dataTrace, RuleIds.APIGW_DATA_TRACE) && r.dataTrace === undefined) {
    errors.add(SA.DATA_TRACE, 'dataTraceEnabled', 'must be false but was true (it writes full request and response bodies, tokens and personal data included, to the execution log)',
      'Remove `dataTraceEnabled`, or keep it and set `relaxations.dataTrace` to a written justification (and turn it off after debugging)');
  }
  if (props.tracingEnabled === false && !accept('relaxations.tracing', r.tracing, RuleIds.APIGW_TRACING) && r.tracing === undefined) {
    errors.add(SA.TRACING_OFF, 'tracingEnabled', 'must be true but was false',
      'Remove `tracingEnabled`, or keep it and set `relaxations.tracing` to a written justification');
  }

  // --- abuse protection (T3)
  checkThrottling(errors, SA.THROTTLING_RANGE, '', props.throttlingRateLimit, props.throttlingBurstLimit);
  if (r.waf !== undefined && props.webAclArn !== undefined) {
    errors.add(SA.WAF_CONFLICT, 'relaxations.waf', 'removes the web ACL but `webAclArn` asks for one',
      'Keep only one: `webAclArn` to use your web ACL, or `relaxations.waf` for no web ACL');
  } else if (r.waf !== undefined) {
    accept('relaxations.waf', r.waf, RuleIds.APIGW_WAF);
  }
  PropChecks.text(errors, SA.WAF_ARN, 'webAclArn', props.webAclArn, {
    maxLength: 2048,
    pattern: REGIONAL_WEB_ACL_ARN,
    patternDescription: 'the ARN of a regional WAFv2 web ACL (arn:aws:wafv2:<region>:<account>:regional/webacl/<name>/<id>)',
    fix: 'Pass the ARN of a WAFv2 web ACL with REGIONAL scope in the API\'s region (CloudFront web ACLs and WAF Classic ids cannot protect a stage)',
  });
  errors.number(SA.WAF_RATE_RANGE, 'wafRateLimit', props.wafRateLimit, L.wafRateLimit, 'Set the number of requests one IP may send in 5 minutes');

  // --- transport (T3)
  const isPrivate = props.endpointType === SecureApiEndpointType.PRIVATE;
  const endpoints = props.vpcEndpoints;
  if (endpoints !== undefined && endpoints !== null && (!Array.isArray(endpoints) || endpoints.some((e) => typeof e?.vpcEndpointId !== 'string'))) {
    errors.add(SA.PRIVATE_WITHOUT_VPC_ENDPOINT, 'vpcEndpoints', `must be a list of ec2.IVpcEndpoint but was ${PropErrors.show(endpoints)}`,
      'Pass the execute-api interface VPC endpoint(s) (ec2.InterfaceVpcEndpointAwsService.APIGATEWAY)');
  } else if (isPrivate && (!endpoints || endpoints.length === 0)) {
    errors.add(SA.PRIVATE_WITHOUT_VPC_ENDPOINT, 'vpcEndpoints', 'must list at least one execute-api interface VPC endpoint for a PRIVATE API',
      'Pass the VPC endpoint(s) allowed to call the API (ec2.InterfaceVpcEndpointAwsService.APIGATEWAY)');
  } else if (!isPrivate && endpoints && endpoints.length > 0) {
    errors.add(SA.VPC_ENDPOINT_NOT_PRIVATE, 'vpcEndpoints', 'only apply to a PRIVATE API but `endpointType` is REGIONAL',
      'Set `endpointType: SecureApiEndpointType.PRIVATE`, or remove `vpcEndpoints`');
  }
  if (props.domainName !== undefined && props.domainName !== null) {
    checkDomain(errors, props.domainName, isPrivate);
    if (r.defaultEndpoint !== undefined) accept('relaxations.defaultEndpoint', r.defaultEndpoint, RuleIds.APIGW_DEFAULT_ENDPOINT);
  }

  // --- responses (T3)
  checkCors(props, r, errors, (justification) => accept('relaxations.anyCorsOrigin', justification, RuleIds.APIGW_CORS));

  // --- monitoring (T6)
  if (props.alarmAction !== undefined && props.alarmAction !== null && typeof (props.alarmAction as { bind?: unknown }).bind !== 'function') {
    errors.add(SA.ALARM_ACTION, 'alarmAction', `must be a cloudwatch.IAlarmAction but was ${PropErrors.show(props.alarmAction)}`,
      'Pass for example new cloudwatch_actions.SnsAction(topic)');
  }
  for (const prop of ['serverErrorRateThreshold', 'clientErrorRateThreshold'] as const) {
    errors.number(SA.ALARM_THRESHOLD, prop, props[prop], { min: L.errorRate.min, max: L.errorRate.max, integer: false },
      'Give the fraction of requests that raises the alarm, for example 0.05 for 5%');
  }
  errors.seconds(SA.ALARM_THRESHOLD, 'latencyThreshold', props.latencyThreshold, { min: 0.001, max: L.latencyMaxSeconds, integer: false },
    `between 1 millisecond and ${L.latencyMaxSeconds} seconds (the integration timeout)`, 'Set the p99 latency above which someone should look');

  PropChecks.justifications(errors, SA.JUSTIFICATION_TOO_SHORT, 'relaxations.', props.relaxations);
  return { relaxations: ledger.accepted };
}

/**
 * Stage or route throttling: a rate of requests per second above 0 and a burst of at least one request, both within
 * API Gateway's account quotas (10,000 requests per second, 5,000 burst per region: a stage setting above them has
 * no effect). `NaN`, `Infinity`, fractions of a burst and tokens resolving to such values are refused; a value known
 * only at deploy time is an acknowledgeable warning.
 */
export function checkThrottling(errors: PropErrors, code: string, prefix: string, rate: unknown, burst: unknown): void {
  errors.number(code, `${prefix}throttlingRateLimit`, rate, L.throttlingRateLimit,
    'Set the steady-state requests per second the backend can serve (API Gateway\'s account quota is 10,000 per region)');
  errors.number(code, `${prefix}throttlingBurstLimit`, burst, L.throttlingBurstLimit,
    'Set the burst in requests the backend can absorb (API Gateway\'s account quota is 5,000 per region)');
}

/** The custom domain: a name API Gateway accepts, a certificate, and a TLS policy of at least 1.2 this API can use. */
function checkDomain(errors: PropErrors, domain: apigateway.DomainNameOptions, isPrivate: boolean): void {
  const name = domain.domainName;
  if (typeof name !== 'string') {
    errors.add(SA.DOMAIN_NAME, 'domainName.domainName', `must be a domain name but was ${PropErrors.show(name)}`, 'Pass the custom domain, for example api.example.com');
  } else {
    const resolved = errors.resolveString(name).value;
    const problem = resolved === undefined ? undefined : PropChecks.domainNameProblem(resolved, { wildcard: true, lowerCase: true });
    if (problem) errors.add(SA.DOMAIN_NAME, 'domainName.domainName', problem, 'Pass the custom domain in lower case, for example api.example.com');
  }
  PropChecks.text(errors, SA.DOMAIN_NAME, 'domainName.basePath', domain.basePath, {
    maxLength: 1024,
    pattern: /^[A-Za-z0-9$_.+!*'()-]+$/,
    patternDescription: 'one path segment of letters, digits and $-_.+!*\'()',
    fix: 'Map the API under one segment (v1), or remove `basePath` to map it at the domain\'s root',
  });
  if (typeof (domain.certificate as { certificateArn?: unknown } | undefined)?.certificateArn !== 'string') {
    errors.add(SA.DOMAIN_NAME, 'domainName.certificate', `must be an ACM certificate but was ${PropErrors.show(domain.certificate)}`,
      'Pass the acm.ICertificate covering the domain, in the API\'s region');
  }
  const policy = domain.securityPolicy as string | undefined;
  const fix = 'Remove `securityPolicy` (TLS_1_2 is the default) or choose a regional TLS 1.3 policy (with `endpointAccessMode`)';
  if (policy !== undefined && !Token.isUnresolved(policy)) {
    const enhanced = typeof policy === 'string' && policy.startsWith('SecurityPolicy_');
    if (INSECURE_TLS.has(policy)) {
      errors.add(SA.DOMAIN_TLS, 'domainName.securityPolicy', `must be TLS 1.2 or newer but was ${policy}`, fix);
    } else if (!Object.values(apigateway.SecurityPolicy).includes(policy as apigateway.SecurityPolicy)) {
      errors.add(SA.DOMAIN_TLS, 'domainName.securityPolicy', `must be an apigateway.SecurityPolicy but was ${PropErrors.show(policy)}`, fix);
    } else if (enhanced && policy.endsWith('_EDGE')) {
      errors.add(SA.DOMAIN_TLS, 'domainName.securityPolicy', `is for edge-optimized endpoints but SecureApi is ${isPrivate ? 'private' : 'regional'}: ${policy}`, fix);
    } else if (enhanced && (domain as { endpointAccessMode?: unknown }).endpointAccessMode === undefined) {
      errors.add(SA.DOMAIN_TLS, 'domainName.endpointAccessMode', `is required with the enhanced security policy ${policy}`,
        'Set `endpointAccessMode` (apigateway.EndpointAccessMode.STRICT or BASIC), or use TLS_1_2');
    } else if (enhanced && domain.mtls !== undefined) {
      errors.add(SA.DOMAIN_TLS, 'domainName.mtls', `cannot be used with the enhanced security policy ${policy}`, 'Use TLS_1_2 with mutual TLS, or drop `mtls`');
    }
  }
  if (isPrivate) {
    errors.add(SA.DOMAIN_PRIVATE, 'domainName', 'is not supported on a PRIVATE SecureApi',
      'Use a private custom domain (apigateway.DomainNameV2) outside SecureApi, or a REGIONAL API');
  }
}

/**
 * CORS (T3): explicit origins as browsers send them (tokens resolved first: one resolving to `*` is refused like
 * `*`; one known only at deploy time is an acknowledgeable warning), valid header names and methods, a finite
 * pre-flight cache.
 */
function checkCors(props: SecureApiProps, r: SecureApiRelaxations, errors: PropErrors, acceptAnyOrigin: (justification: string) => void): void {
  const resolved = PropChecks.corsOrigins(errors, SA, props.corsAllowOrigins);
  CorsOrigins.check({ ...props, corsAllowOrigins: resolved as string[] | undefined }, r.anyCorsOrigin, SA, errors, acceptAnyOrigin);
  PropChecks.strings(errors, SA.CORS_OPTION_INVALID, 'corsAllowHeaders', props.corsAllowHeaders, 'List header names as clients send them (Content-Type, Authorization)',
    PropChecks.headerNameProblem);
  const methods = PropChecks.strings(errors, SA.CORS_OPTION_INVALID, 'corsAllowMethods', props.corsAllowMethods, 'List HTTP methods (GET, POST...), or ANY alone',
    (m) => CORS_METHODS.includes(m.toUpperCase()) ? undefined : `contains ${PropErrors.show(m)}, which is not an HTTP method`);
  if (methods && methods.length > 1 && methods.some((m) => m.toUpperCase() === 'ANY')) {
    errors.add(SA.CORS_OPTION_INVALID, 'corsAllowMethods', 'lists ANY with other methods', 'Use ANY alone, or list the methods');
  }
  errors.seconds(SA.CORS_OPTION_INVALID, 'corsMaxAge', props.corsMaxAge, { min: 0, max: L.corsMaxAgeSeconds },
    `a whole number of seconds up to ${L.corsMaxAgeSeconds} (browsers cap it)`, 'Set how long browsers may cache a pre-flight answer');
}

/** What route validation found besides errors. */
export interface RouteValidationOutcome {
  /** Path parameters declared by the path (`{id}` -> `id`, `{proxy+}` -> `proxy`). */
  readonly pathParameters: string[];
  /** Accepted relaxations, as [rule id, justification]. */
  readonly relaxations: Array<[string, string]>;
}

/** What route validation needs to know about the API. */
export interface RouteValidationContext {
  /** `addRoute(POST /orders)`: the prop prefix in messages. */
  readonly label: string;
  /** Whether the route's authorization (its own, or the API's) can carry OAuth scopes. */
  readonly supportsScopes: boolean;
  /** Routes already added, as `METHOD /path`. */
  readonly existingRoutes: ReadonlySet<string>;
}

const LITERAL_SEGMENT = /^[A-Za-z0-9._:-]+$/;
const PARAMETER_SEGMENT = /^\{([A-Za-z_][A-Za-z0-9_]*)(\+?)\}$/;
const QUERY_NAME = /^[A-Za-z0-9._~[\]-]+$/;
const NO_BODY_METHODS = new Set(['GET', 'HEAD']);
const BODY_ROUTE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'ANY']);

/**
 * Check the options of one `addRoute` call (everything except the schema's content, which needs the model); every
 * problem goes to `errors`.
 */
export function validateRouteOptions(options: SecureRouteOptions, context: RouteValidationContext, errors: PropErrors): RouteValidationOutcome {
  const { label } = context;
  const r = (options.relaxations ?? {}) as SecureRouteRelaxations;
  const ledger = new RelaxationLedger(errors, SA.JUSTIFICATION_TOO_SHORT, `${label}.`);
  const accept = ledger.accept.bind(ledger);

  const verb = String(options.method);
  if (!(Object.values(HttpMethod) as string[]).includes(verb)) {
    errors.add(SA.ROUTE_METHOD, `${label}.method`, `must be an HttpMethod but was ${PropErrors.show(options.method)}`,
      'Use HttpMethod.GET, POST, PUT, PATCH, DELETE, HEAD or ANY');
  }
  const handler = options.handler as unknown;
  const integration = options.integration as unknown;
  if ((handler === undefined || handler === null) === (integration === undefined || integration === null)) {
    errors.add(SA.ROUTE_INTEGRATION, `${label}.handler`, `and \`integration\` are exclusive and one is required, but ${handler ? 'both were' : 'neither was'} set`,
      'Pass `handler` (a SecureFunction or any lambda.IFunction) or `integration` (any apigateway.Integration)');
  } else if (handler !== undefined && handler !== null && !isFunction(handler)) {
    errors.add(SA.ROUTE_INTEGRATION, `${label}.handler`, `must be a lambda.IFunction but was ${PropErrors.show(handler)}`,
      'Pass the function (a SecureFunction, lambda.Function, or lambda.Function.fromFunctionArn)');
  } else if (integration !== undefined && integration !== null && !(integration instanceof apigateway.Integration)) {
    errors.add(SA.ROUTE_INTEGRATION, `${label}.integration`, `must be an apigateway.Integration but was ${PropErrors.show(integration)}`,
      'Pass for example new apigateway.HttpIntegration(url) or new apigateway.LambdaIntegration(fn)');
  }

  const pathParameters = checkPath(options.path, label, errors);
  const key = `${options.method} ${options.path}`;
  if (context.existingRoutes.has(key)) {
    errors.add(SA.ROUTE_DUPLICATE, label, 'was already added to this API', 'Add each method and path once');
  }

  // --- body validation (T2)
  const schema = options.requestSchema as unknown;
  if (schema !== undefined && schema !== null && (typeof schema !== 'object' || Array.isArray(schema))) {
    errors.add(SA.ROUTE_SCHEMA_MALFORMED, `${label}.requestSchema`, `must be a JSON Schema object but was ${PropErrors.show(schema)}`,
      'Pass an apigateway.JsonSchema ({ type: JsonSchemaType.OBJECT, ... })');
  }
  if (options.requestSchema && NO_BODY_METHODS.has(verb)) {
    errors.add(SA.ROUTE_SCHEMA_NOT_ALLOWED, `${label}.requestSchema`, `is not allowed on ${verb}: the request has no body to validate`,
      'Remove `requestSchema`; validate query parameters with `requiredQueryParameters`');
  }
  if (!options.requestSchema && BODY_ROUTE_METHODS.has(verb) && !accept('relaxations.noRequestSchema', r.noRequestSchema, RuleIds.APIGW_BODY_VALIDATION)
    && r.noRequestSchema === undefined) {
    errors.add(SA.ROUTE_SCHEMA_MISSING, `${label}.requestSchema`, `is required on ${verb} but was not set (any payload would reach the backend)`,
      'Pass a strict JSON Schema (type, required, additionalProperties: false, maxLength/maxItems), or set `relaxations.noRequestSchema` to a written justification');
  }
  if (options.requestSchema && r.permissiveSchema !== undefined) {
    accept('relaxations.permissiveSchema', r.permissiveSchema, RuleIds.APIGW_MODEL_SCHEMA);
  }

  // --- parameters (T2)
  checkNames(errors, `${label}.requiredQueryParameters`, options.requiredQueryParameters, QUERY_NAME);
  checkNames(errors, `${label}.requiredHeaders`, options.requiredHeaders, /^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/);

  // --- authentication (T1)
  const authorization = options.authorization as unknown;
  if (r.publicAccess !== undefined) {
    if (authorization || options.scopes) {
      errors.add(SA.ROUTE_PUBLIC_CONFLICT, `${label}.relaxations.publicAccess`, 'makes the route public but `authorization` or `scopes` is also set',
        'Remove `relaxations.publicAccess` to authenticate the route, or remove `authorization` and `scopes`');
    } else {
      accept('relaxations.publicAccess', r.publicAccess, RuleIds.APIGW_METHOD_AUTH);
    }
  }
  if (authorization !== undefined && authorization !== null && !(authorization instanceof ApiAuthorization)) {
    errors.add(SA.AUTHORIZATION_INVALID, `${label}.authorization`, `must be an ApiAuthorization but was ${PropErrors.show(authorization)}`,
      'Build it with ApiAuthorization.cognito({ userPools }), .lambdaToken(fn), .lambdaRequest(fn, sources), .iam() or .fromAuthorizer(authorizer)');
  } else if (authorization instanceof ApiAuthorization) {
    authorization._check(errors, `${label}.authorization`);
  }
  const scopes = PropChecks.strings(errors, SA.ROUTE_SCOPES, `${label}.scopes`, options.scopes, 'List OAuth scopes as `resource-server/scope`',
    PropChecks.scopeProblem);
  if (scopes && scopes.length > 0 && !context.supportsScopes) {
    errors.add(SA.ROUTE_SCOPES, `${label}.scopes`, 'only apply to Cognito authorization but the route does not use Cognito',
      'Remove `scopes` and check permissions in your authorizer, or use ApiAuthorization.cognito()');
  }

  // --- throttling (T3) and the rest
  checkThrottling(errors, SA.ROUTE_THROTTLING, `${label}.`, options.throttlingRateLimit, options.throttlingBurstLimit);
  PropChecks.boolean(errors, SA.ROUTE_OPTION_INVALID, `${label}.apiKeyRequired`, options.apiKeyRequired);
  PropChecks.text(errors, SA.ROUTE_OPTION_INVALID, `${label}.operationName`, options.operationName,
    { maxLength: 1024, fix: 'Name the operation in one line (SDK generators use it), or remove `operationName`' });
  PropChecks.justifications(errors, SA.JUSTIFICATION_TOO_SHORT, `${label}.relaxations.`, options.relaxations);

  return { pathParameters, relaxations: ledger.accepted };
}

/** A `lambda.IFunction` (also a jsii proxy from another language): what `LambdaIntegration` needs of it. */
function isFunction(value: unknown): boolean {
  const fn = value as { functionArn?: unknown; addPermission?: unknown };
  return Construct.isConstruct(value) && typeof fn.functionArn === 'string' && typeof fn.addPermission === 'function';
}

/** Validates the path shape; returns its parameter names. */
function checkPath(value: string, label: string, errors: PropErrors): string[] {
  const fix = 'Write the path as /segment/{parameter}, with literal segments of letters, digits, . _ - : and an optional greedy {name+} last';
  const path = typeof value === 'string' ? errors.resolveString(value).value : undefined;
  if (typeof value === 'string' && path === undefined) {
    errors.add(SA.ROUTE_PATH, `${label}.path`, 'is known only at deploy time, but a route\'s path must be known at synth', 'Write the path literally');
    return [];
  }
  if (path === undefined || !path.startsWith('/') || (path.length > 1 && path.endsWith('/')) || path.length > 2048) {
    errors.add(SA.ROUTE_PATH, `${label}.path`, `must start with / and not end with / (at most 2048 characters) but was ${PropErrors.show(value)}`, fix);
    return [];
  }
  const parameters: string[] = [];
  const segments = path === '/' ? [] : path.slice(1).split('/');
  segments.forEach((segment, i) => {
    const parameter = PARAMETER_SEGMENT.exec(segment);
    if (parameter) {
      if (parameter[2] === '+' && i !== segments.length - 1) {
        errors.add(SA.ROUTE_PATH, `${label}.path`, `has a greedy parameter '${segment}' that is not the last segment`, fix);
      }
      if (parameters.includes(parameter[1])) {
        errors.add(SA.ROUTE_PATH, `${label}.path`, `declares the parameter '${parameter[1]}' twice`, fix);
      }
      parameters.push(parameter[1]);
    } else if (!LITERAL_SEGMENT.test(segment)) {
      errors.add(SA.ROUTE_PATH, `${label}.path`, `has an invalid segment '${segment}'`, fix);
    }
  });
  return parameters;
}

function checkNames(errors: PropErrors, prop: string, names: string[] | undefined, pattern: RegExp): void {
  const seen = new Set<string>();
  PropChecks.strings(errors, SA.ROUTE_PARAMETER, prop, names, 'Use the parameter name exactly as the client sends it, once', (name) => {
    const problem = !pattern.test(name) ? `contains an invalid name ${PropErrors.show(name)}`
      : seen.has(name.toLowerCase()) ? `lists ${PropErrors.show(name)} twice` : undefined;
    seen.add(name.toLowerCase());
    return problem;
  });
}
