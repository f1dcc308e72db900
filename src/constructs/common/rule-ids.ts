/**
 * The audit rule ids that the `Secure*` constructs acknowledge when a user relaxes a secure default with a
 * justification. They must match the ids of the audit's rules exactly; they live here, once, so constructs never
 * spell them inline.
 */
export class RuleIds {
  /** The name of the audit's validation plugin; acknowledgements are recorded as `<PLUGIN_NAME>::<rule id>`. */
  public static readonly PLUGIN_NAME = 'ServerlessSecurityChecks';

  /** Function URL without `AWS_IAM` auth. */
  public static readonly LAMBDA_URL_AUTH = 'SLS-LAMBDA-URL-AUTH';
  /** Deprecated or soon-deprecated runtime. */
  public static readonly LAMBDA_RUNTIME = 'SLS-LAMBDA-RUNTIME';
  /** No code signing with `ENFORCE`. */
  public static readonly LAMBDA_CODE_SIGNING = 'SLS-LAMBDA-CODE-SIGNING';
  /** Layer from a foreign account. */
  public static readonly LAMBDA_LAYER_ORIGIN = 'SLS-LAMBDA-LAYER-ORIGIN';
  /** Recursive-loop detection not `TERMINATE`. */
  public static readonly LAMBDA_RECURSIVE_LOOP = 'SLS-LAMBDA-RECURSIVE-LOOP';
  /** Environment not encrypted with a customer-managed key. */
  public static readonly LAMBDA_ENV_ENCRYPTION = 'SLS-LAMBDA-ENV-ENCRYPTION';
  /** Secret-looking literal in the environment. */
  public static readonly LAMBDA_ENV_SECRET = 'SLS-LAMBDA-ENV-SECRET';
  /** Tracing not `Active`. */
  public static readonly LAMBDA_TRACING = 'SLS-LAMBDA-TRACING';
  /** No explicit log group. */
  public static readonly LAMBDA_LOG_GROUP = 'SLS-LAMBDA-LOG-GROUP';
  /** Logs not JSON. */
  public static readonly LAMBDA_LOG_FORMAT = 'SLS-LAMBDA-LOG-FORMAT';
  /** No errors / throttles alarm with an action. */
  public static readonly LAMBDA_ALARMS = 'SLS-LAMBDA-ALARMS';
  /** No dead-letter queue or on-failure destination for asynchronous invocations. */
  public static readonly LAMBDA_ASYNC_FAILURE = 'SLS-LAMBDA-ASYNC-FAILURE';
  /** No reserved concurrency. */
  public static readonly LAMBDA_CONCURRENCY = 'SLS-LAMBDA-CONCURRENCY';
  /** Log group without finite retention. */
  public static readonly LOGS_RETENTION = 'SLS-LOGS-RETENTION';
  /** Log group without a KMS key. */
  public static readonly LOGS_ENCRYPTION = 'SLS-LOGS-ENCRYPTION';
  /** Write or permissions-management action on `Resource: *`. */
  public static readonly IAM_WILDCARD_RESOURCE = 'SLS-IAM-WILDCARD-RESOURCE';
  /** A role shared by several functions. */
  public static readonly IAM_ROLE_SHARED = 'SLS-IAM-ROLE-SHARED';
  /** AWS-managed policy on a function role. */
  public static readonly IAM_MANAGED_POLICY = 'SLS-IAM-MANAGED-POLICY';
  /** Queue without KMS encryption. */
  public static readonly SQS_ENCRYPTION = 'SLS-SQS-ENCRYPTION';
  /** Queue without a TLS-only policy. */
  public static readonly SQS_TLS_ONLY = 'SLS-SQS-TLS-ONLY';

  /** REST API method without an authorizer (public method). */
  public static readonly APIGW_METHOD_AUTH = 'SLS-APIGW-METHOD-AUTH';
  /** REST API method that accepts a body without a model and a body-validating validator. */
  public static readonly APIGW_BODY_VALIDATION = 'SLS-APIGW-BODY-VALIDATION';
  /** Required request parameters not validated. */
  public static readonly APIGW_PARAM_VALIDATION = 'SLS-APIGW-PARAM-VALIDATION';
  /** Permissive or malformed request model. */
  public static readonly APIGW_MODEL_SCHEMA = 'SLS-APIGW-MODEL-SCHEMA';
  /** Stage data tracing (full bodies in the logs). */
  public static readonly APIGW_DATA_TRACE = 'SLS-APIGW-DATA-TRACE';
  /** No JSON access log with the required fields. */
  public static readonly APIGW_ACCESS_LOG = 'SLS-APIGW-ACCESS-LOG';
  /** No execution log. */
  public static readonly APIGW_EXECUTION_LOG = 'SLS-APIGW-EXECUTION-LOG';
  /** Stage X-Ray tracing off. */
  public static readonly APIGW_TRACING = 'SLS-APIGW-TRACING';
  /** No stage throttling. */
  public static readonly APIGW_THROTTLING = 'SLS-APIGW-THROTTLING';
  /** No WAF web ACL on the stage. */
  public static readonly APIGW_WAF = 'SLS-APIGW-WAF';
  /** Custom domain below TLS 1.2. */
  public static readonly APIGW_DOMAIN_TLS = 'SLS-APIGW-DOMAIN-TLS';
  /** Default execute-api endpoint left on next to a custom domain. */
  public static readonly APIGW_DEFAULT_ENDPOINT = 'SLS-APIGW-DEFAULT-ENDPOINT';
  /** Wildcard CORS origin. */
  public static readonly APIGW_CORS = 'SLS-APIGW-CORS';
  /** No 5XX / 4XX alarm with an action. */
  public static readonly APIGW_ALARMS = 'SLS-APIGW-ALARMS';

  /** HTTP API route without an authorizer (public route). */
  public static readonly HTTPAPI_ROUTE_AUTH = 'SLS-HTTPAPI-ROUTE-AUTH';
  /** HTTP API stage without a JSON access log with the required fields. */
  public static readonly HTTPAPI_ACCESS_LOG = 'SLS-HTTPAPI-ACCESS-LOG';
  /** HTTP API stage without default route throttling. */
  public static readonly HTTPAPI_THROTTLING = 'SLS-HTTPAPI-THROTTLING';
  /** HTTP API with a wildcard CORS origin. */
  public static readonly HTTPAPI_CORS = 'SLS-HTTPAPI-CORS';

  /** SQS, Kinesis or DynamoDB event source mapping without filter criteria. */
  public static readonly LAMBDA_EVENT_SOURCE_FILTER = 'SLS-LAMBDA-EVENT-SOURCE-FILTER';
  /** Event source mapping that loses failed batches (no on-failure destination, or a queue without a DLQ). */
  public static readonly LAMBDA_EVENT_SOURCE_FAILURE = 'SLS-LAMBDA-EVENT-SOURCE-FAILURE';
  /** Queue policy open to `*` without a narrowing condition. */
  public static readonly SQS_POLICY_PUBLIC = 'SLS-SQS-POLICY-PUBLIC';
  /** Topic without a customer-managed KMS key. */
  public static readonly SNS_ENCRYPTION = 'SLS-SNS-ENCRYPTION';
  /** Topic without a TLS-only policy. */
  public static readonly SNS_TLS_ONLY = 'SLS-SNS-TLS-ONLY';
  /** Topic policy open to `*` without a narrowing condition. */
  public static readonly SNS_POLICY_PUBLIC = 'SLS-SNS-POLICY-PUBLIC';
  /** DynamoDB table without a customer-managed KMS key. */
  public static readonly DYNAMODB_ENCRYPTION = 'SLS-DYNAMODB-ENCRYPTION';
  /** EventBridge rule whose event pattern matches every event on the bus. */
  public static readonly EVENTS_PATTERN_SPECIFIC = 'SLS-EVENTS-PATTERN-SPECIFIC';
  /** EventBridge rule target (Lambda, SQS, SNS, Step Functions) without a dead-letter queue. */
  public static readonly EVENTS_TARGET_DLQ = 'SLS-EVENTS-TARGET-DLQ';
  /** CloudFront cache behavior that serves viewers over plain HTTP. */
  public static readonly CLOUDFRONT_VIEWER_HTTPS = 'SLS-CLOUDFRONT-VIEWER-HTTPS';
  /** CloudFront distribution that accepts TLS below 1.2 from viewers (including the default certificate). */
  public static readonly CLOUDFRONT_VIEWER_TLS = 'SLS-CLOUDFRONT-VIEWER-TLS';
  /** CloudFront S3 origin reached without origin access control (public bucket, website endpoint, legacy OAI). */
  public static readonly CLOUDFRONT_ORIGIN_ACCESS = 'SLS-CLOUDFRONT-ORIGIN-ACCESS';
  /** CloudFront cache behavior without a response headers policy that sets the security headers. */
  public static readonly CLOUDFRONT_SECURITY_HEADERS = 'SLS-CLOUDFRONT-SECURITY-HEADERS';
  /** CloudFront distribution without a WAF web ACL. */
  public static readonly CLOUDFRONT_WAF = 'SLS-CLOUDFRONT-WAF';
  /** CloudFront distribution without access logging. */
  public static readonly CLOUDFRONT_LOGGING = 'SLS-CLOUDFRONT-LOGGING';
  /** S3 bucket without server access logging. */
  public static readonly S3_ACCESS_LOGGING = 'SLS-S3-ACCESS-LOGGING';

  /**
   * The id to acknowledge a rule of the audit with: `ServerlessSecurityChecks::<ruleId>`.
   */
  public static qualified(ruleId: string): string {
    return `${RuleIds.PLUGIN_NAME}::${ruleId}`;
  }
}
