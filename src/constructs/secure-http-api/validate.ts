import { aws_apigatewayv2 as apigwv2, aws_kms as kms } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { HttpApiAuthorization } from './http-api-authorization';
import type { SecureHttpRouteOptions, SecureHttpRouteRelaxations } from './http-route-options';
import { SH } from './private/error-codes';
import type { SecureHttpApiProps, SecureHttpApiRelaxations } from './props';
import { PropErrors } from '../../core/prop-errors';
import { CorsOrigins } from '../common/cors-origins';
import { RelaxationLedger } from '../common/relaxation';
import { RuleIds } from '../common/rule-ids';
import { PropChecks } from '../secure-api/private/prop-checks';
import { checkThrottling } from '../secure-api/validate';

const LITERAL_SEGMENT = /^[A-Za-z0-9._:-]+$/;
const PARAMETER_SEGMENT = /^\{([A-Za-z_][A-Za-z0-9_]*)(\+?)\}$/;
const NO_BODY_METHODS = new Set<string>([apigwv2.HttpMethod.GET, apigwv2.HttpMethod.HEAD]);
/** Browsers cap the pre-flight cache (Firefox at 24 hours). */
const CORS_MAX_AGE_SECONDS = 86_400;

/**
 * Check every prop of a `SecureHttpApi` before anything is created; every problem goes to `errors`. Values are taken
 * as JavaScript and the other jsii languages can pass them (`null`, wrong types, `NaN`, tokens).
 */
export function validateSecureHttpApiProps(props: SecureHttpApiProps | undefined, errors: PropErrors): Array<[string, string]> {
  if (props === undefined || props === null || typeof props !== 'object') {
    errors.add(SH.AUTHORIZATION_MISSING, 'authorization', `is required but the props were ${PropErrors.show(props)}`,
      'Pass props with `authorization` (HttpApiAuthorization.jwt(issuer, audience), .userPool(pool, clients), .lambdaFunction(fn) or .iam())');
    return [];
  }
  const ledger = new RelaxationLedger(errors, SH.JUSTIFICATION_TOO_SHORT);
  const accept = ledger.accept.bind(ledger);
  const r = (props.relaxations ?? {}) as SecureHttpApiRelaxations;

  // --- authentication (T1)
  if (props.authorization === undefined || props.authorization === null) {
    errors.add(SH.AUTHORIZATION_MISSING, 'authorization', 'is required but was not set (an API without an authorizer lets anyone call it)',
      'Pass HttpApiAuthorization.jwt(issuer, audience), .userPool(pool, clients), .lambdaFunction(fn) or .iam(); make single routes public with `relaxations.publicAccess`');
  } else if (!(props.authorization instanceof HttpApiAuthorization)) {
    errors.add(SH.AUTHORIZATION_INVALID, 'authorization', `must be an HttpApiAuthorization but was ${PropErrors.show(props.authorization)}`,
      'Build it with HttpApiAuthorization.jwt(issuer, audience), .userPool(pool, clients), .lambdaFunction(fn) or .iam()');
  } else {
    props.authorization._check(errors, 'authorization');
  }

  // --- names and shapes
  PropChecks.text(errors, SH.API_NAME, 'apiName', props.apiName, { maxLength: 128, fix: 'Name the API in one line of at most 128 characters, or remove `apiName`' });
  PropChecks.text(errors, SH.API_NAME, 'description', props.description, { maxLength: 1024, fix: 'Describe the API in one line, or remove `description`' });
  PropChecks.boolean(errors, SH.BOOLEAN, 'corsAllowCredentials', props.corsAllowCredentials);
  if (props.encryptionKey !== undefined && props.encryptionKey !== null && typeof (props.encryptionKey as kms.IKey).keyArn !== 'string') {
    errors.add(SH.LOG_RETENTION, 'encryptionKey', `must be a kms.IKey but was ${PropErrors.show(props.encryptionKey)}`,
      'Pass a kms.Key (or kms.Key.fromKeyArn), or remove `encryptionKey` for the stack\'s shared key');
  }

  // --- logging (T6) and abuse protection (T3)
  PropChecks.retention(errors, SH.LOG_RETENTION, 'logRetention', props.logRetention);
  checkThrottling(errors, SH.THROTTLING_RANGE, '', props.throttlingRateLimit, props.throttlingBurstLimit);

  // --- transport (T3)
  const domain = props.domain as SecureHttpApiProps['domain'] | null;
  if (domain !== undefined && domain !== null) {
    const name = domain.domainName as unknown;
    const resolved = typeof name === 'string' ? errors.resolveString(name).value : undefined;
    const problem = typeof name !== 'string' ? `must be a domain name but was ${PropErrors.show(name)}`
      : resolved === undefined ? undefined : PropChecks.domainNameProblem(resolved, { wildcard: true, lowerCase: true });
    if (problem) errors.add(SH.DOMAIN_NAME, 'domain.domainName', problem, 'Pass the custom domain in lower case, for example api.example.com');
    if (typeof (domain.certificate as { certificateArn?: unknown } | undefined)?.certificateArn !== 'string') {
      errors.add(SH.DOMAIN_NAME, 'domain.certificate', `must be an ACM certificate but was ${PropErrors.show(domain.certificate)}`,
        'Pass the acm.ICertificate covering the domain, in the API\'s region');
    }
    if (domain.securityPolicy === apigwv2.SecurityPolicy.TLS_1_0) {
      errors.add(SH.DOMAIN_TLS, 'domain.securityPolicy', 'must be TLS 1.2 or newer but was TLS_1_0', 'Remove `securityPolicy` (TLS_1_2 is the default)');
    } else {
      PropChecks.oneOf(errors, SH.DOMAIN_TLS, 'domain.securityPolicy', domain.securityPolicy, [apigwv2.SecurityPolicy.TLS_1_2]);
    }
    if (r.defaultEndpoint !== undefined) accept('relaxations.defaultEndpoint', r.defaultEndpoint, RuleIds.APIGW_DEFAULT_ENDPOINT);
  }

  // --- responses (T3)
  const resolvedOrigins = PropChecks.corsOrigins(errors, SH, props.corsAllowOrigins);
  CorsOrigins.check({ ...props, corsAllowOrigins: resolvedOrigins as string[] | undefined }, r.anyCorsOrigin, SH, errors,
    (justification) => accept('relaxations.anyCorsOrigin', justification, RuleIds.HTTPAPI_CORS));
  PropChecks.strings(errors, SH.CORS_OPTION_INVALID, 'corsAllowHeaders', props.corsAllowHeaders, 'List header names as clients send them (content-type, authorization)',
    PropChecks.headerNameProblem);
  const methods = props.corsAllowMethods as unknown;
  if (methods !== undefined && (!Array.isArray(methods) || methods.some((m) => !Object.values(apigwv2.CorsHttpMethod).includes(m)))) {
    errors.add(SH.CORS_OPTION_INVALID, 'corsAllowMethods', `must be a list of apigwv2.CorsHttpMethod but was ${PropErrors.show(methods)}`,
      'List apigwv2.CorsHttpMethod members (GET, POST...), or ANY');
  }
  errors.seconds(SH.CORS_OPTION_INVALID, 'corsMaxAge', props.corsMaxAge, { min: 0, max: CORS_MAX_AGE_SECONDS },
    `a whole number of seconds up to ${CORS_MAX_AGE_SECONDS} (browsers cap it)`, 'Set how long browsers may cache a pre-flight answer');

  PropChecks.justifications(errors, SH.JUSTIFICATION_TOO_SHORT, 'relaxations.', props.relaxations);
  return ledger.accepted;
}

/** What route validation needs to know about the API. */
export interface HttpRouteValidationContext {
  /** `addRoute(POST /orders)`: the prop prefix in messages. */
  readonly label: string;
  /** Whether the route's authorization (its own, or the API's) can carry OAuth scopes. */
  readonly supportsScopes: boolean;
  /** Route keys already added (`POST /orders`). */
  readonly existingRoutes: ReadonlySet<string>;
}

/**
 * Check the options of one `addRoute` call (except the schema's content and size, checked by the schema delivery);
 * every problem goes to `errors`.
 */
export function validateHttpRouteOptions(
  options: SecureHttpRouteOptions,
  context: HttpRouteValidationContext,
  errors: PropErrors,
): Array<[string, string]> {
  const { label } = context;
  const ledger = new RelaxationLedger(errors, SH.JUSTIFICATION_TOO_SHORT, `${label}.`);
  const r = (options.relaxations ?? {}) as SecureHttpRouteRelaxations;

  const method = options.method as unknown;
  if (!(Object.values(apigwv2.HttpMethod) as unknown[]).includes(method)) {
    errors.add(SH.ROUTE_METHOD, `${label}.method`, `must be an apigwv2.HttpMethod but was ${PropErrors.show(method)}`,
      'Use apigwv2.HttpMethod.GET, POST, PUT, PATCH, DELETE, HEAD, OPTIONS or ANY');
  }
  const handler = options.handler as unknown;
  const integration = options.integration as unknown;
  if ((handler === undefined || handler === null) === (integration === undefined || integration === null)) {
    errors.add(SH.ROUTE_INTEGRATION, `${label}.handler`, `and \`integration\` are exclusive and one is required, but ${handler ? 'both were' : 'neither was'} set`,
      'Pass `handler` (a SecureFunction or any lambda.IFunction) or `integration` (any HttpRouteIntegration)');
  } else if (handler !== undefined && handler !== null && !(Construct.isConstruct(handler) && typeof (handler as { functionArn?: unknown }).functionArn === 'string')) {
    errors.add(SH.ROUTE_INTEGRATION, `${label}.handler`, `must be a lambda.IFunction but was ${PropErrors.show(handler)}`,
      'Pass the function (a SecureFunction, lambda.Function, or lambda.Function.fromFunctionArn)');
  } else if (integration !== undefined && integration !== null && !(integration instanceof apigwv2.HttpRouteIntegration)) {
    errors.add(SH.ROUTE_INTEGRATION, `${label}.integration`, `must be an apigwv2.HttpRouteIntegration but was ${PropErrors.show(integration)}`,
      'Pass for example new HttpUrlIntegration(id, url) or new HttpLambdaIntegration(id, fn)');
  }
  checkPath(options.path, `${label}.path`, errors);
  if (context.existingRoutes.has(`${options.method} ${options.path}`)) {
    errors.add(SH.ROUTE_DUPLICATE, label, 'was already added to this API', 'Add each method and path once');
  }

  // --- body validation (T2)
  const schema = options.requestSchema as unknown;
  if (schema !== undefined && schema !== null && (typeof schema !== 'object' || Array.isArray(schema))) {
    errors.add(SH.ROUTE_SCHEMA_MALFORMED, `${label}.requestSchema`, `must be a JSON Schema object but was ${PropErrors.show(schema)}`,
      'Pass an apigateway.JsonSchema ({ type: JsonSchemaType.OBJECT, ... })');
  }
  if (options.requestSchema && NO_BODY_METHODS.has(String(method))) {
    errors.add(SH.ROUTE_SCHEMA_NOT_ALLOWED, `${label}.requestSchema`, `is not allowed on ${String(method)}: the request has no body to validate`,
      'Remove `requestSchema`');
  }

  // --- authentication (T1)
  const authorization = options.authorization as unknown;
  if (r.publicAccess !== undefined) {
    if (authorization || options.scopes) {
      errors.add(SH.ROUTE_PUBLIC_CONFLICT, `${label}.relaxations.publicAccess`, 'makes the route public but `authorization` or `scopes` is also set',
        'Remove `relaxations.publicAccess` to authenticate the route, or remove `authorization` and `scopes`');
    } else {
      ledger.accept('relaxations.publicAccess', r.publicAccess, RuleIds.HTTPAPI_ROUTE_AUTH);
    }
  }
  if (authorization !== undefined && authorization !== null && !(authorization instanceof HttpApiAuthorization)) {
    errors.add(SH.AUTHORIZATION_INVALID, `${label}.authorization`, `must be an HttpApiAuthorization but was ${PropErrors.show(authorization)}`,
      'Build it with HttpApiAuthorization.jwt(issuer, audience), .userPool(pool, clients), .lambdaFunction(fn) or .iam()');
  } else if (authorization instanceof HttpApiAuthorization) {
    authorization._check(errors, `${label}.authorization`);
  }
  const scopes = PropChecks.strings(errors, SH.ROUTE_SCOPES, `${label}.scopes`, options.scopes, 'List OAuth scopes as `resource-server/scope`',
    PropChecks.scopeProblem);
  if (scopes && scopes.length > 0 && !context.supportsScopes) {
    errors.add(SH.ROUTE_SCOPES, `${label}.scopes`, 'only apply to JWT or user pool authorization but the route uses neither',
      'Remove `scopes` and check permissions in your Lambda authorizer or IAM policy, or use HttpApiAuthorization.jwt()/userPool()');
  }
  PropChecks.justifications(errors, SH.JUSTIFICATION_TOO_SHORT, `${label}.relaxations.`, options.relaxations);
  return ledger.accepted;
}

function checkPath(value: string, prop: string, errors: PropErrors): void {
  const fix = 'Write the path as /segment/{parameter}, with literal segments of letters, digits, . _ - : and an optional greedy {name+} last';
  const path = typeof value === 'string' ? errors.resolveString(value).value : undefined;
  if (typeof value === 'string' && path === undefined) {
    errors.add(SH.ROUTE_PATH, prop, 'is known only at deploy time, but a route\'s path must be known at synth', 'Write the path literally');
    return;
  }
  if (path === undefined || !path.startsWith('/') || (path.length > 1 && path.endsWith('/')) || path.length > 2048) {
    errors.add(SH.ROUTE_PATH, prop, `must start with / and not end with / (at most 2048 characters) but was ${PropErrors.show(value)}`, fix);
    return;
  }
  const segments = path === '/' ? [] : path.slice(1).split('/');
  segments.forEach((segment, i) => {
    const parameter = PARAMETER_SEGMENT.exec(segment);
    if (parameter ? parameter[2] === '+' && i !== segments.length - 1 : !LITERAL_SEGMENT.test(segment)) {
      errors.add(SH.ROUTE_PATH, prop, `has an invalid segment '${segment}'`, fix);
    }
  });
}
