import { Duration, aws_apigateway as apigateway, aws_logs as logs } from 'aws-cdk-lib';

/**
 * The secure baseline of `SecureApi`, one line per default, each with the threat (THREATS.md) it answers and how to
 * relax it. The construct reads every default from here; the README table follows this object.
 */
export const SECURE_API_DEFAULTS = {
  /** Stage name (not a security control; API Gateway needs one). Change: `stageName`. */
  stageName: 'prod',
  /** T6: access and execution logs kept one year, then deleted. Change: `logRetention` (finite; `INFINITE` is refused). */
  logRetention: logs.RetentionDays.ONE_YEAR,
  /** T6: execution logs record errors (authorizer failures, integration errors) without request bodies. Change: `executionLogLevel`. */
  executionLogLevel: apigateway.MethodLoggingLevel.ERROR,
  /** T5/T6: full request and response bodies are never logged. Relax: `dataTraceEnabled` + `relaxations.dataTrace`. */
  dataTraceEnabled: false,
  /** T6: X-Ray traces every request. Relax: `tracingEnabled: false` + `relaxations.tracing`. */
  tracingEnabled: true,
  /**
   * T3 denial of wallet: steady-state requests per second for the whole stage. API Gateway's account default
   * (10,000 rps) would let one caller spend the whole account quota. Change: `throttlingRateLimit`, or per route.
   */
  throttlingRateLimit: 100,
  /** T3: burst bucket for the whole stage. Change: `throttlingBurstLimit`, or per route. */
  throttlingBurstLimit: 200,
  /**
   * T3: WAF rate-based rule, requests per client IP per 5 minutes before the IP is blocked. Change: `wafRateLimit`
   * (10 to 2,000,000,000).
   */
  wafRateLimit: 1000,
  /** T3: AWS managed rule groups in the web ACL, in evaluation order. Relax: `webAclArn` (your own ACL) or `relaxations.waf`. */
  wafManagedRuleGroups: [
    'AWSManagedRulesAmazonIpReputationList',
    'AWSManagedRulesCommonRuleSet',
    'AWSManagedRulesKnownBadInputsRuleSet',
  ],
  /** T5: request headers WAF must not write to its logs (bearer tokens, session cookies). Not relaxable. */
  wafRedactedHeaders: ['authorization', 'cookie'],
  /** T3: custom domains negotiate TLS 1.2 or newer. Change: `domainName.securityPolicy` (TLS_1_0 is refused). */
  domainSecurityPolicy: apigateway.SecurityPolicy.TLS_1_2,
  /** T3: security headers on every response API Gateway itself generates (errors, authorizer denials, throttling). */
  securityHeaders: {
    'Strict-Transport-Security': 'max-age=31536000; includeSubDomains',
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
  },
  /** T1: how long an authorizer's decision is cached per identity. Change: the authorization options. */
  authorizerResultsCacheTtl: Duration.minutes(5),
  /** T6: alarm period. */
  alarmPeriod: Duration.minutes(5),
  /** T6: 5XX alarm: more than 5% of requests fail server-side during one period. Change: `serverErrorRateThreshold`. */
  serverErrorRateThreshold: 0.05,
  /**
   * T6: 4XX alarm: more than 25% of requests are refused during 3 consecutive periods (credential stuffing,
   * scanning, a broken client release). Change: `clientErrorRateThreshold`.
   */
  clientErrorRateThreshold: 0.25,
  /** T6: latency alarm: p99 above 5 s during 3 consecutive periods (integration timeout is 29 s). Change: `latencyThreshold`. */
  latencyThreshold: Duration.seconds(5),
  /** Consecutive periods before the 4XX and latency alarms fire (a spike, not one bad minute). */
  sustainedEvaluationPeriods: 3,
} as const;

/** Ranges accepted by validation, with the AWS limits they come from. */
export const SECURE_API_LIMITS = {
  /** WAF rate-based rule limit: 10 to 2,000,000,000 requests per evaluation window. */
  wafRateLimit: { min: 10, max: 2_000_000_000 },
  /** Alarm thresholds are fractions of requests (0.1% to 99.9%: 0 and 1 would alarm always or never). */
  errorRate: { min: 0.001, max: 0.999 },
  /**
   * Stage and route throttling: API Gateway's account quotas per region are 10,000 requests per second and a burst of
   * 5,000; a stage limit above them has no effect, and 0 refuses every request.
   */
  throttlingRateLimit: { min: 0.001, max: 10_000, integer: false },
  throttlingBurstLimit: { min: 1, max: 5_000 },
  /** Browsers cap the pre-flight cache (Firefox at 24 hours). */
  corsMaxAgeSeconds: 86_400,
  /** API Gateway integration timeout is 29 s by default: a latency alarm above it can never fire. */
  latencyMaxSeconds: 29,
} as const;
