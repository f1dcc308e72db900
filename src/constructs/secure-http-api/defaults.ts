import { Duration, aws_apigatewayv2 as apigwv2, aws_logs as logs } from 'aws-cdk-lib';

/**
 * The secure baseline of `SecureHttpApi`, one line per default, each with the threat (THREATS.md) it answers and how
 * to change it. The construct reads every default from here; the README table follows this object.
 */
export const SECURE_HTTP_API_DEFAULTS = {
  /** The auto-deployed `$default` stage (served at the API's root URL). */
  stageName: '$default',
  /** T6: access logs kept one year, then deleted. Change: `logRetention` (finite; `INFINITE` is refused). */
  logRetention: logs.RetentionDays.ONE_YEAR,
  /**
   * T3 denial of wallet: steady-state requests per second for every route of the stage. The account-wide regional
   * quota (10,000 rps shared by every API) would otherwise be the only limit. Change: `throttlingRateLimit`.
   */
  throttlingRateLimit: 100,
  /** T3: burst bucket for every route of the stage. Change: `throttlingBurstLimit`. */
  throttlingBurstLimit: 200,
  /** T3: custom domains negotiate TLS 1.2 or newer. Change: `domain.securityPolicy` (TLS_1_0 is refused). */
  domainSecurityPolicy: apigwv2.SecurityPolicy.TLS_1_2,
  /** T1: how long a Lambda authorizer's decision is cached per identity. Change: the authorization options. */
  authorizerResultsCacheTtl: Duration.minutes(5),
  /**
   * T2: the environment variable that carries a handler's request schemas (a JSON object: route key -> JSON Schema),
   * because HTTP APIs cannot validate bodies themselves.
   */
  requestSchemasVariable: 'REQUEST_SCHEMAS',
} as const;

/** Limits accepted by validation, with the AWS limits they come from. */
export const SECURE_HTTP_API_LIMITS = {
  /** Lambda: all environment variables of a function together (names and values) are at most 4 KB. */
  environmentBytes: 4096,
} as const;
