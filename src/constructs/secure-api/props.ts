import { Duration, aws_apigateway as apigateway, aws_cloudwatch as cloudwatch, aws_ec2 as ec2, aws_kms as kms, aws_logs as logs } from 'aws-cdk-lib';
import type { ApiAuthorization } from './api-authorization';
import type { ExecutionLogLevel, SchemaPolicy, SecureApiEndpointType } from './secure-api-enums';

/**
 * Written justifications that relax a secure default of `SecureApi`. Each is a written reason (at least 10 visible
 * characters, words rather than whitespace, invisible or repeated characters) and is recorded as an acknowledgement
 * of the matching audit rule (and its cdk-nag equivalent, if any) on exactly the resource concerned, so the audit
 * report lists it as an acknowledged exception.
 */
export interface SecureApiRelaxations {
  /**
   * Allows `dataTraceEnabled: true`. Recorded as `SLS-APIGW-DATA-TRACE` on the stage.
   *
   * @default - data tracing is refused
   */
  readonly dataTrace?: string;
  /**
   * Allows `tracingEnabled: false`. Recorded as `SLS-APIGW-TRACING` on the stage.
   *
   * @default - X-Ray tracing is required
   */
  readonly tracing?: string;
  /**
   * No web ACL on the stage (for example, WAF sits in front of the API in CloudFront, outside this stack). Recorded as
   * `SLS-APIGW-WAF` on the stage.
   *
   * @default - a web ACL is created, or `webAclArn` is associated
   */
  readonly waf?: string;
  /**
   * Keeps the default `execute-api` endpoint enabled next to `domainName` (callers could bypass the domain's TLS
   * policy and mutual TLS). Recorded as `SLS-APIGW-DEFAULT-ENDPOINT` on the API.
   *
   * @default - the default endpoint is disabled when a custom domain is set
   */
  readonly defaultEndpoint?: string;
  /**
   * Allows `'*'` in `corsAllowOrigins` (never with credentials). Recorded as `SLS-APIGW-CORS` on the API.
   *
   * @default - origins must be explicit
   */
  readonly anyCorsOrigin?: string;
}

/** Props of `SecureApi`. */
export interface SecureApiProps {
  /**
   * How every method authenticates callers. Required: there is no unauthenticated default. A route can use another
   * authorization, or be made public with a justification.
   */
  readonly authorization: ApiAuthorization;

  /**
   * The API name (also the `ApiName` dimension of its metrics and alarms).
   *
   * @default - a name unique in the account, derived from the construct path (metrics are per API name)
   */
  readonly restApiName?: string;

  /**
   * A description of the API.
   *
   * @default - no description
   */
  readonly description?: string;

  /**
   * The stage name (letters, digits and underscores).
   *
   * @default 'prod'
   */
  readonly stageName?: string;

  /**
   * What a permissive `addRoute` request schema does: an error (`STRICT`) or an acknowledgeable warning (`WARN`,
   * reported by the audit rule SLS-APIGW-MODEL-SCHEMA). A malformed schema is always an error. Models added with the
   * plain aws-cdk-lib API are judged by that rule at its own severities (malformed: error; permissive: warning).
   *
   * @default SchemaPolicy.STRICT
   */
  readonly schemaPolicy?: SchemaPolicy;

  /**
   * The customer-managed key of the access, execution and WAF log groups. A key you pass must allow CloudWatch Logs
   * (`logs.<region>.amazonaws.com`) to use it.
   *
   * @default - the stack's shared key (`StackKey.of(this)`)
   */
  readonly encryptionKey?: kms.IKey;

  /**
   * Retention of the access, execution and WAF log groups. `INFINITE` is refused.
   *
   * @default logs.RetentionDays.ONE_YEAR
   */
  readonly logRetention?: logs.RetentionDays;

  /**
   * What the stage writes to its execution log (never bodies: see `dataTraceEnabled`).
   *
   * @default ExecutionLogLevel.ERROR
   */
  readonly executionLogLevel?: ExecutionLogLevel;

  /**
   * Log full request and response bodies in the execution log. Needs `relaxations.dataTrace`.
   *
   * @default false
   */
  readonly dataTraceEnabled?: boolean;

  /**
   * X-Ray tracing of the stage. `false` needs `relaxations.tracing`.
   *
   * @default true
   */
  readonly tracingEnabled?: boolean;

  /**
   * Create the account-level API Gateway logging role (`AWS::ApiGateway::Account`) with a least-privilege inline
   * policy, shared by the SecureApis of this stack. The setting is per account and region: with SecureApis in
   * several stacks, set `false` in all but one, or manage the role outside (see README).
   *
   * @default true
   */
  readonly manageAccountLogRole?: boolean;

  /**
   * Stage-wide steady-state requests per second: above 0, at most 10,000 (API Gateway's account quota per region).
   *
   * @default 100
   */
  readonly throttlingRateLimit?: number;

  /**
   * Stage-wide burst: a whole number of requests from 1 to 5,000 (API Gateway's account quota per region).
   *
   * @default 200
   */
  readonly throttlingBurstLimit?: number;

  /**
   * An existing regional WAFv2 web ACL to associate with the stage, instead of creating one.
   *
   * @default - a web ACL with AWS managed rule groups and a rate-based rule is created
   */
  readonly webAclArn?: string;

  /**
   * Requests per client IP per 5 minutes before the created web ACL blocks the IP.
   *
   * @default 1000
   */
  readonly wafRateLimit?: number;

  /**
   * Where the API can be called from.
   *
   * @default SecureApiEndpointType.REGIONAL
   */
  readonly endpointType?: SecureApiEndpointType;

  /**
   * The interface VPC endpoints (`execute-api`) that may call a PRIVATE API; the resource policy denies every other
   * source.
   *
   * @default - none; required for PRIVATE
   */
  readonly vpcEndpoints?: ec2.IVpcEndpoint[];

  /**
   * A custom domain (TLS 1.2 or newer; optional mutual TLS with `mtls`). The default `execute-api` endpoint is then
   * disabled unless `relaxations.defaultEndpoint` is set.
   *
   * @default - no custom domain
   */
  readonly domainName?: apigateway.DomainNameOptions;

  /**
   * Origins allowed by CORS (`https://app.example.com`; `http://` only for localhost). `'*'` needs
   * `relaxations.anyCorsOrigin` and is refused with credentials. An origin known only at deploy time is an
   * acknowledgeable warning (SA044).
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
   * @default apigateway.Cors.DEFAULT_HEADERS
   */
  readonly corsAllowHeaders?: string[];

  /**
   * Methods allowed by CORS.
   *
   * @default apigateway.Cors.ALL_METHODS
   */
  readonly corsAllowMethods?: string[];

  /**
   * How long browsers cache a pre-flight response (whole seconds, at most a day).
   *
   * @default - browser default (5 seconds)
   */
  readonly corsMaxAge?: Duration;

  /**
   * The action of the 5XX, 4XX and latency alarms (for example an `SnsAction`).
   *
   * @default - no action, and an acknowledgeable warning `ServerlessSecurityChecks::SLS-APIGW-ALARMS`
   */
  readonly alarmAction?: cloudwatch.IAlarmAction;

  /**
   * Fraction of requests failing with 5XX in 5 minutes that raises the alarm.
   *
   * @default 0.05
   */
  readonly serverErrorRateThreshold?: number;

  /**
   * Fraction of requests refused with 4XX for 15 minutes that raises the alarm.
   *
   * @default 0.25
   */
  readonly clientErrorRateThreshold?: number;

  /**
   * p99 latency for 15 minutes that raises the alarm.
   *
   * @default Duration.seconds(5)
   */
  readonly latencyThreshold?: Duration;

  /**
   * Written justifications that relax secure defaults.
   *
   * @default - no relaxation
   */
  readonly relaxations?: SecureApiRelaxations;
}
