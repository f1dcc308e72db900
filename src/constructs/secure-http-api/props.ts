import { Duration, aws_apigatewayv2 as apigwv2, aws_certificatemanager as acm, aws_kms as kms, aws_logs as logs } from 'aws-cdk-lib';
import type { HttpApiAuthorization } from './http-api-authorization';

/**
 * Written justifications that relax a secure default of `SecureHttpApi`. Each is a written reason (at least 10
 * visible characters, words rather than whitespace, invisible or repeated characters) and is recorded as an
 * acknowledgement of the matching audit rule on the API, so the audit report lists it.
 */
export interface SecureHttpApiRelaxations {
  /**
   * Keeps the default `execute-api` endpoint enabled next to `domain` (callers could bypass the domain's TLS policy).
   * Recorded as `SLS-APIGW-DEFAULT-ENDPOINT` on the API.
   *
   * @default - the default endpoint is disabled when a custom domain is set
   */
  readonly defaultEndpoint?: string;
  /**
   * Allows `'*'` in `corsAllowOrigins` (never with credentials). Recorded as `SLS-HTTPAPI-CORS` on the API.
   *
   * @default - origins must be explicit
   */
  readonly anyCorsOrigin?: string;
}

/** A custom domain of a `SecureHttpApi`. */
export interface SecureHttpApiDomainOptions {
  /** The domain name (`api.example.com`). */
  readonly domainName: string;
  /** The ACM certificate of the domain, in the API's region. */
  readonly certificate: acm.ICertificate;
  /**
   * The TLS policy. `TLS_1_0` is refused.
   *
   * @default apigwv2.SecurityPolicy.TLS_1_2
   */
  readonly securityPolicy?: apigwv2.SecurityPolicy;
}

/** Props of `SecureHttpApi`. */
export interface SecureHttpApiProps {
  /**
   * How every route authenticates callers. Required: there is no unauthenticated default. A route can use another
   * authorization, or be made public with a justification.
   */
  readonly authorization: HttpApiAuthorization;

  /**
   * The API name.
   *
   * @default - a name unique in the account, derived from the construct path
   */
  readonly apiName?: string;

  /**
   * A description of the API.
   *
   * @default - no description
   */
  readonly description?: string;

  /**
   * The customer-managed key of the access log group. A key you pass must allow CloudWatch Logs to use it.
   *
   * @default - the stack's shared key (`StackKey.of(this)`)
   */
  readonly encryptionKey?: kms.IKey;

  /**
   * Retention of the access log group. `INFINITE` is refused.
   *
   * @default logs.RetentionDays.ONE_YEAR
   */
  readonly logRetention?: logs.RetentionDays;

  /**
   * Default steady-state requests per second of every route: above 0, at most 10,000 (the account quota per region).
   *
   * @default 100
   */
  readonly throttlingRateLimit?: number;

  /**
   * Default burst of every route: a whole number of requests from 1 to 5,000 (the account quota per region).
   *
   * @default 200
   */
  readonly throttlingBurstLimit?: number;

  /**
   * A custom domain (TLS 1.2). The default `execute-api` endpoint is then disabled unless
   * `relaxations.defaultEndpoint` is set.
   *
   * @default - no custom domain
   */
  readonly domain?: SecureHttpApiDomainOptions;

  /**
   * Origins allowed by CORS (`https://app.example.com`; `http://` only for localhost). `'*'` needs
   * `relaxations.anyCorsOrigin` and is refused with credentials. An origin known only at deploy time is an
   * acknowledgeable warning (SH044).
   *
   * @default - CORS off
   */
  readonly corsAllowOrigins?: string[];

  /**
   * Whether browsers may send cookies or authorization headers cross-origin (never with a `'*'` origin).
   *
   * @default false
   */
  readonly corsAllowCredentials?: boolean;

  /**
   * Request headers allowed by CORS.
   *
   * @default ['authorization', 'content-type']
   */
  readonly corsAllowHeaders?: string[];

  /**
   * Methods allowed by CORS.
   *
   * @default [apigwv2.CorsHttpMethod.ANY]
   */
  readonly corsAllowMethods?: apigwv2.CorsHttpMethod[];

  /**
   * How long browsers cache a pre-flight response.
   *
   * @default - browser default (5 seconds)
   */
  readonly corsMaxAge?: Duration;

  /**
   * Written justifications that relax secure defaults.
   *
   * @default - no relaxation
   */
  readonly relaxations?: SecureHttpApiRelaxations;
}
