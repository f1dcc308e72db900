import { Token, aws_apigateway as apigateway, aws_logs as logs } from 'aws-cdk-lib';
import { SECURE_API_LIMITS as L } from './defaults';
import type { SecureRouteOptions } from './route-options';
import type { SecureApiProps } from './secure-api';
import { SecureApiEndpointType } from './secure-api-enums';
import { PropErrors } from '../../core/prop-errors';
import { CorsOrigins } from '../common/cors-origins';
import { RelaxationLedger } from '../common/relaxation';
import { RuleIds } from '../common/rule-ids';

/**
 * The error codes of `SecureApi`. Stable: documented in the README and matched by tests.
 * SA0xx: API props; SA1xx: `addRoute` options; SA205: API-wide Lambda permissions found at synth. Methods and models
 * (those added with the plain aws-cdk-lib API included) are checked at synth by the audit's rules, under their ids
 * (`SLS-APIGW-METHOD-AUTH`, `SLS-APIGW-BODY-VALIDATION`, `SLS-APIGW-PARAM-VALIDATION`, `SLS-APIGW-MODEL-SCHEMA`).
 */
export const SA = {
  AUTHORIZATION_MISSING: 'SA001',
  AUTHORIZATION_INVALID: 'SA002',
  JUSTIFICATION_TOO_SHORT: 'SA003',
  LOG_RETENTION: 'SA010',
  DATA_TRACE: 'SA011',
  TRACING_OFF: 'SA012',
  THROTTLING_RANGE: 'SA013',
  STAGE_NAME: 'SA014',
  WAF_CONFLICT: 'SA020',
  WAF_RATE_RANGE: 'SA021',
  PRIVATE_WITHOUT_VPC_ENDPOINT: 'SA030',
  VPC_ENDPOINT_NOT_PRIVATE: 'SA031',
  DOMAIN_TLS: 'SA032',
  DOMAIN_PRIVATE: 'SA033',
  CORS_ANY_ORIGIN_WITH_CREDENTIALS: 'SA040',
  CORS_ANY_ORIGIN: 'SA041',
  CORS_ORIGIN_INVALID: 'SA042',
  CORS_OPTIONS_WITHOUT_ORIGINS: 'SA043',
  ALARM_THRESHOLD: 'SA050',
  ROUTE_INTEGRATION: 'SA100',
  ROUTE_PATH: 'SA101',
  ROUTE_SCHEMA_MISSING: 'SA102',
  ROUTE_SCHEMA_NOT_ALLOWED: 'SA103',
  ROUTE_SCHEMA_MALFORMED: 'SA104',
  ROUTE_SCHEMA_PERMISSIVE: 'SA105',
  ROUTE_SCOPES: 'SA106',
  ROUTE_PUBLIC_CONFLICT: 'SA107',
  ROUTE_THROTTLING: 'SA108',
  ROUTE_PARAMETER: 'SA109',
  ROUTE_DUPLICATE: 'SA110',
  ROUTE_SCHEMA_UNDECIDABLE: 'SA111',
  PERMISSION_TOO_BROAD: 'SA205',
} as const;

/** What prop validation accepted besides errors: relaxations to record once the resources exist. */
export interface ApiValidationOutcome {
  /** Accepted relaxations, as [rule id, justification]. */
  readonly relaxations: Array<[string, string]>;
}

/** The TLS policies below 1.2: refused for custom domains. */
const INSECURE_TLS = new Set<string>([apigateway.SecurityPolicy.TLS_1_0]);
/** An explicit CORS origin: scheme, host, optional port; no path, no wildcard. */
/**
 * Check every prop of a `SecureApi` before anything is created; every problem goes to `errors`.
 */
export function validateSecureApiProps(props: SecureApiProps, errors: PropErrors): ApiValidationOutcome {
  const ledger = new RelaxationLedger(errors, SA.JUSTIFICATION_TOO_SHORT);
  const accept = ledger.accept.bind(ledger);
  const r = props.relaxations ?? {};

  // --- authentication (T1)
  if (!props.authorization) {
    errors.add(SA.AUTHORIZATION_MISSING, 'authorization', 'is required but was not set (an API without an authorizer lets anyone call it)',
      'Pass ApiAuthorization.cognito({ userPools }), .lambdaToken(fn), .lambdaRequest(fn, sources) or .iam(); make single routes public with `relaxations.publicAccess`');
  } else {
    props.authorization._check(errors, 'authorization');
  }

  // --- logging and tracing (T6)
  if (props.logRetention === logs.RetentionDays.INFINITE) {
    errors.add(SA.LOG_RETENTION, 'logRetention', 'must be a finite retention but was INFINITE',
      'Choose a finite `logRetention` (default ONE_YEAR); export to S3 if logs must be kept longer');
  }
  if (props.dataTraceEnabled === true && !accept('relaxations.dataTrace', r.dataTrace, RuleIds.APIGW_DATA_TRACE) && r.dataTrace === undefined) {
    errors.add(SA.DATA_TRACE, 'dataTraceEnabled', 'must be false but was true (it writes full request and response bodies, tokens and personal data included, to the execution log)',
      'Remove `dataTraceEnabled`, or keep it and set `relaxations.dataTrace` to a written justification (and turn it off after debugging)');
  }
  if (props.tracingEnabled === false && !accept('relaxations.tracing', r.tracing, RuleIds.APIGW_TRACING) && r.tracing === undefined) {
    errors.add(SA.TRACING_OFF, 'tracingEnabled', 'must be true but was false',
      'Remove `tracingEnabled`, or keep it and set `relaxations.tracing` to a written justification');
  }

  if (props.stageName !== undefined && !Token.isUnresolved(props.stageName) && !/^[A-Za-z0-9_]{1,128}$/.test(props.stageName)) {
    errors.add(SA.STAGE_NAME, 'stageName', `must be 1 to 128 letters, digits or underscores but was '${props.stageName}'`,
      'Rename the stage (it is part of the URL and of the execution log group name)');
  }

  // --- abuse protection (T3)
  checkPositive(errors, SA.THROTTLING_RANGE, 'throttlingRateLimit', props.throttlingRateLimit, false);
  checkPositive(errors, SA.THROTTLING_RANGE, 'throttlingBurstLimit', props.throttlingBurstLimit, true);
  if (props.relaxations?.waf !== undefined && props.webAclArn !== undefined) {
    errors.add(SA.WAF_CONFLICT, 'relaxations.waf', 'removes the web ACL but `webAclArn` asks for one',
      'Keep only one: `webAclArn` to use your web ACL, or `relaxations.waf` for no web ACL');
  } else if (props.relaxations?.waf !== undefined) {
    accept('relaxations.waf', r.waf, RuleIds.APIGW_WAF);
  }
  const rate = props.wafRateLimit;
  if (rate !== undefined && !Token.isUnresolved(rate) && (!Number.isInteger(rate) || rate < L.wafRateLimit.min || rate > L.wafRateLimit.max)) {
    errors.add(SA.WAF_RATE_RANGE, 'wafRateLimit', `must be an integer between ${L.wafRateLimit.min} and ${L.wafRateLimit.max} but was ${rate}`,
      'Set the number of requests one IP may send in 5 minutes');
  }

  // --- transport (T3)
  const isPrivate = props.endpointType === SecureApiEndpointType.PRIVATE;
  if (isPrivate && (!props.vpcEndpoints || props.vpcEndpoints.length === 0)) {
    errors.add(SA.PRIVATE_WITHOUT_VPC_ENDPOINT, 'vpcEndpoints', 'must list at least one execute-api interface VPC endpoint for a PRIVATE API',
      'Pass the VPC endpoint(s) allowed to call the API (ec2.InterfaceVpcEndpointAwsService.APIGATEWAY)');
  }
  if (!isPrivate && props.vpcEndpoints && props.vpcEndpoints.length > 0) {
    errors.add(SA.VPC_ENDPOINT_NOT_PRIVATE, 'vpcEndpoints', 'only apply to a PRIVATE API but `endpointType` is REGIONAL',
      'Set `endpointType: SecureApiEndpointType.PRIVATE`, or remove `vpcEndpoints`');
  }
  if (props.domainName) {
    const policy = props.domainName.securityPolicy;
    if (policy !== undefined && INSECURE_TLS.has(policy)) {
      errors.add(SA.DOMAIN_TLS, 'domainName.securityPolicy', `must be TLS 1.2 or newer but was ${policy}`,
        'Remove `securityPolicy` (TLS_1_2 is the default) or choose a TLS 1.3 policy');
    }
    if (isPrivate) {
      errors.add(SA.DOMAIN_PRIVATE, 'domainName', 'is not supported on a PRIVATE SecureApi',
        'Use a private custom domain (apigateway.DomainNameV2) outside SecureApi, or a REGIONAL API');
    }
    if (r.defaultEndpoint !== undefined) {
      accept('relaxations.defaultEndpoint', r.defaultEndpoint, RuleIds.APIGW_DEFAULT_ENDPOINT);
    }
  }

  // --- responses (T3)
  CorsOrigins.check(props, props.relaxations?.anyCorsOrigin, SA, errors,
    (justification) => accept('relaxations.anyCorsOrigin', justification, RuleIds.APIGW_CORS));

  // --- monitoring (T6)
  for (const prop of ['serverErrorRateThreshold', 'clientErrorRateThreshold'] as const) {
    const value = props[prop];
    if (value !== undefined && !Token.isUnresolved(value) && (value <= L.errorRate.min || value >= L.errorRate.max)) {
      errors.add(SA.ALARM_THRESHOLD, prop, `must be a fraction of requests between 0 and 1 (exclusive) but was ${value}`,
        'Use for example 0.05 for 5%');
    }
  }
  if (props.latencyThreshold && !Token.isUnresolved(props.latencyThreshold.toMilliseconds())) {
    const seconds = props.latencyThreshold.toMilliseconds() / 1000;
    if (seconds <= 0 || seconds >= L.latencyMaxSeconds) {
      errors.add(SA.ALARM_THRESHOLD, 'latencyThreshold', `must be between 0 and ${L.latencyMaxSeconds} seconds (the integration timeout) but was ${seconds} seconds`,
        'Set the p99 latency above which someone should look');
    }
  }
  return { relaxations: ledger.accepted };
}


/** A rate or burst: a positive number (burst: an integer). Tokens are skipped. */
export function checkPositive(errors: PropErrors, code: string, prop: string, value: number | undefined, integer: boolean): void {
  if (value === undefined || Token.isUnresolved(value)) return;
  if (!(value > 0) || (integer && !Number.isInteger(value))) {
    errors.add(code, prop, `must be a positive ${integer ? 'integer' : 'number'} but was ${value}`,
      'Set the limit to what the backend can serve (requests per second for a rate, requests for a burst)');
  }
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
const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/;
const QUERY_NAME = /^[A-Za-z0-9._~[\]-]+$/;
const NO_BODY_METHODS = new Set(['GET', 'HEAD']);
const BODY_ROUTE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'ANY']);

/**
 * Check the options of one `addRoute` call (everything except the schema's content, which needs the model); every
 * problem goes to `errors`.
 */
export function validateRouteOptions(options: SecureRouteOptions, context: RouteValidationContext, errors: PropErrors): RouteValidationOutcome {
  const { label } = context;
  const r = options.relaxations ?? {};
  const ledger = new RelaxationLedger(errors, SA.JUSTIFICATION_TOO_SHORT, `${label}.`);
  const accept = ledger.accept.bind(ledger);

  if ((options.handler === undefined) === (options.integration === undefined)) {
    errors.add(SA.ROUTE_INTEGRATION, `${label}.handler`, `and \`integration\` are exclusive and one is required, but ${options.handler ? 'both were' : 'neither was'} set`,
      'Pass `handler` (a SecureFunction or any lambda.IFunction) or `integration` (any apigateway.Integration)');
  }

  const pathParameters = checkPath(options.path, label, errors);
  const key = `${options.method} ${options.path}`;
  if (context.existingRoutes.has(key)) {
    errors.add(SA.ROUTE_DUPLICATE, label, 'was already added to this API', 'Add each method and path once');
  }

  // --- body validation (T2)
  const verb = String(options.method);
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
  checkNames(errors, `${label}.requiredHeaders`, options.requiredHeaders, HEADER_NAME);

  // --- authentication (T1)
  if (r.publicAccess !== undefined) {
    if (options.authorization || options.scopes) {
      errors.add(SA.ROUTE_PUBLIC_CONFLICT, `${label}.relaxations.publicAccess`, 'makes the route public but `authorization` or `scopes` is also set',
        'Remove `relaxations.publicAccess` to authenticate the route, or remove `authorization` and `scopes`');
    } else {
      accept('relaxations.publicAccess', r.publicAccess, RuleIds.APIGW_METHOD_AUTH);
    }
  }
  options.authorization?._check(errors, `${label}.authorization`);
  if (options.scopes && options.scopes.length > 0 && !context.supportsScopes) {
    errors.add(SA.ROUTE_SCOPES, `${label}.scopes`, 'only apply to Cognito authorization but the route does not use Cognito',
      'Remove `scopes` and check permissions in your authorizer, or use ApiAuthorization.cognito()');
  }

  // --- throttling (T3)
  checkPositive(errors, SA.ROUTE_THROTTLING, `${label}.throttlingRateLimit`, options.throttlingRateLimit, false);
  checkPositive(errors, SA.ROUTE_THROTTLING, `${label}.throttlingBurstLimit`, options.throttlingBurstLimit, true);

  return { pathParameters, relaxations: ledger.accepted };
}

/** Validates the path shape; returns its parameter names. */
function checkPath(path: string, label: string, errors: PropErrors): string[] {
  const fix = 'Write the path as /segment/{parameter}, with literal segments of letters, digits, . _ - : and an optional greedy {name+} last';
  if (typeof path !== 'string' || !path.startsWith('/') || (path.length > 1 && path.endsWith('/'))) {
    errors.add(SA.ROUTE_PATH, `${label}.path`, `must start with / and not end with / but was '${path}'`, fix);
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
  for (const name of names ?? []) {
    if (Token.isUnresolved(name)) continue;
    if (!pattern.test(name)) {
      errors.add(SA.ROUTE_PARAMETER, prop, `contains an invalid name '${name}'`, 'Use the parameter name exactly as the client sends it');
    } else if (seen.has(name.toLowerCase())) {
      errors.add(SA.ROUTE_PARAMETER, prop, `lists '${name}' twice`, 'List each parameter once');
    }
    seen.add(name.toLowerCase());
  }
}
