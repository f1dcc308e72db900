import { aws_apigatewayv2 as apigwv2, aws_logs as logs } from 'aws-cdk-lib';
import type { SecureHttpRouteOptions } from './http-route-options';
import { SH } from './private/error-codes';
import type { SecureHttpApiProps } from './secure-http-api';
import { PropErrors } from '../../core/prop-errors';
import { CorsOrigins } from '../common/cors-origins';
import { RelaxationLedger } from '../common/relaxation';
import { RuleIds } from '../common/rule-ids';
import { checkPositive } from '../secure-api/validate';

/** An explicit CORS origin: scheme, host, optional port; no path, no wildcard. */
const LITERAL_SEGMENT = /^[A-Za-z0-9._:-]+$/;
const PARAMETER_SEGMENT = /^\{([A-Za-z_][A-Za-z0-9_]*)(\+?)\}$/;
const NO_BODY_METHODS = new Set<string>([apigwv2.HttpMethod.GET, apigwv2.HttpMethod.HEAD]);

/** Check every prop of a `SecureHttpApi` before anything is created; every problem goes to `errors`. */
export function validateSecureHttpApiProps(props: SecureHttpApiProps, errors: PropErrors): Array<[string, string]> {
  const ledger = new RelaxationLedger(errors, SH.JUSTIFICATION_TOO_SHORT);
  const accept = ledger.accept.bind(ledger);
  const r = props.relaxations ?? {};

  // --- authentication (T1)
  if (!props.authorization) {
    errors.add(SH.AUTHORIZATION_MISSING, 'authorization', 'is required but was not set (an API without an authorizer lets anyone call it)',
      'Pass HttpApiAuthorization.jwt(issuer, audience), .userPool(pool, clients), .lambdaFunction(fn) or .iam(); make single routes public with `relaxations.publicAccess`');
  } else {
    props.authorization._check(errors, 'authorization');
  }

  // --- logging (T6) and abuse protection (T3)
  if (props.logRetention === logs.RetentionDays.INFINITE) {
    errors.add(SH.LOG_RETENTION, 'logRetention', 'must be a finite retention but was INFINITE',
      'Choose a finite `logRetention` (default ONE_YEAR); export to S3 if logs must be kept longer');
  }
  checkPositive(errors, SH.THROTTLING_RANGE, 'throttlingRateLimit', props.throttlingRateLimit, false);
  checkPositive(errors, SH.THROTTLING_RANGE, 'throttlingBurstLimit', props.throttlingBurstLimit, true);

  // --- transport (T3)
  if (props.domain?.securityPolicy === apigwv2.SecurityPolicy.TLS_1_0) {
    errors.add(SH.DOMAIN_TLS, 'domain.securityPolicy', 'must be TLS 1.2 or newer but was TLS_1_0',
      'Remove `securityPolicy` (TLS_1_2 is the default)');
  }
  if (props.domain && r.defaultEndpoint !== undefined) {
    accept('relaxations.defaultEndpoint', r.defaultEndpoint, RuleIds.APIGW_DEFAULT_ENDPOINT);
  }

  // --- responses (T3)
  CorsOrigins.check(props, props.relaxations?.anyCorsOrigin, SH, errors,
    (justification) => accept('relaxations.anyCorsOrigin', justification, RuleIds.HTTPAPI_CORS));
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
  const r = options.relaxations ?? {};

  if ((options.handler === undefined) === (options.integration === undefined)) {
    errors.add(SH.ROUTE_INTEGRATION, `${label}.handler`, `and \`integration\` are exclusive and one is required, but ${options.handler ? 'both were' : 'neither was'} set`,
      'Pass `handler` (a SecureFunction or any lambda.IFunction) or `integration` (any HttpRouteIntegration)');
  }
  checkPath(options.path, `${label}.path`, errors);
  if (context.existingRoutes.has(`${options.method} ${options.path}`)) {
    errors.add(SH.ROUTE_DUPLICATE, label, 'was already added to this API', 'Add each method and path once');
  }

  // --- body validation (T2)
  if (options.requestSchema && NO_BODY_METHODS.has(options.method)) {
    errors.add(SH.ROUTE_SCHEMA_NOT_ALLOWED, `${label}.requestSchema`, `is not allowed on ${options.method}: the request has no body to validate`,
      'Remove `requestSchema`');
  }

  // --- authentication (T1)
  if (r.publicAccess !== undefined) {
    if (options.authorization || options.scopes) {
      errors.add(SH.ROUTE_PUBLIC_CONFLICT, `${label}.relaxations.publicAccess`, 'makes the route public but `authorization` or `scopes` is also set',
        'Remove `relaxations.publicAccess` to authenticate the route, or remove `authorization` and `scopes`');
    } else {
      ledger.accept('relaxations.publicAccess', r.publicAccess, RuleIds.HTTPAPI_ROUTE_AUTH);
    }
  }
  options.authorization?._check(errors, `${label}.authorization`);
  if (options.scopes && options.scopes.length > 0 && !context.supportsScopes) {
    errors.add(SH.ROUTE_SCOPES, `${label}.scopes`, 'only apply to JWT or user pool authorization but the route uses neither',
      'Remove `scopes` and check permissions in your Lambda authorizer or IAM policy, or use HttpApiAuthorization.jwt()/userPool()');
  }
  return ledger.accepted;
}

function checkPath(path: string, prop: string, errors: PropErrors): void {
  const fix = 'Write the path as /segment/{parameter}, with literal segments of letters, digits, . _ - : and an optional greedy {name+} last';
  if (typeof path !== 'string' || !path.startsWith('/') || (path.length > 1 && path.endsWith('/'))) {
    errors.add(SH.ROUTE_PATH, prop, `must start with / and not end with / but was '${path}'`, fix);
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
