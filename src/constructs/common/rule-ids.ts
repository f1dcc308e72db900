import { AUDIT_NAMESPACE } from '../../acknowledgements/private/names';
import { RestApiAccessLogRule } from '../../rules/apigateway/access-log';
import { RestApiAlarmsRule } from '../../rules/apigateway/alarms';
import { RestApiBodyValidationRule } from '../../rules/apigateway/body-validation';
import { RestApiCorsRule } from '../../rules/apigateway/cors';
import { RestApiDataTraceRule } from '../../rules/apigateway/data-trace';
import { ApiDefaultEndpointRule } from '../../rules/apigateway/default-endpoint';
import { ApiDomainTlsRule } from '../../rules/apigateway/domain-tls';
import { RestApiExecutionLogRule } from '../../rules/apigateway/execution-log';
import { RestApiMethodAuthRule } from '../../rules/apigateway/method-auth';
import { RestApiModelSchemaRule } from '../../rules/apigateway/model-schema';
import { RestApiParamValidationRule } from '../../rules/apigateway/param-validation';
import { RestApiThrottlingRule } from '../../rules/apigateway/throttling';
import { RestApiTracingRule } from '../../rules/apigateway/tracing';
import { RestApiWafRule } from '../../rules/apigateway/waf';
import { HttpApiAccessLogRule } from '../../rules/apigatewayv2/access-log';
import { HttpApiCorsRule } from '../../rules/apigatewayv2/cors';
import { HttpApiRouteAuthRule } from '../../rules/apigatewayv2/route-auth';
import { HttpApiThrottlingRule } from '../../rules/apigatewayv2/throttling';
import { CloudFrontLoggingRule } from '../../rules/cloudfront/logging';
import { CloudFrontOriginAccessRule } from '../../rules/cloudfront/origin-access';
import { CloudFrontSecurityHeadersRule } from '../../rules/cloudfront/security-headers';
import { CloudFrontViewerHttpsRule } from '../../rules/cloudfront/viewer-https';
import { CloudFrontViewerTlsRule } from '../../rules/cloudfront/viewer-tls';
import { CloudFrontWafRule } from '../../rules/cloudfront/waf';
import { DynamoDbTableEncryptionRule } from '../../rules/dynamodb/table-encryption';
import { EventsRulePatternSpecificRule } from '../../rules/events/rule-pattern-specific';
import { EventsRuleTargetDlqRule } from '../../rules/events/rule-target-dlq';
import { IamManagedPolicyRule } from '../../rules/iam/managed-policy';
import { IamRoleSharedRule } from '../../rules/iam/role-shared';
import { IamWildcardResourceRule } from '../../rules/iam/wildcard-resource';
import { LambdaAlarmsRule } from '../../rules/lambda/alarms';
import { LambdaAsyncFailureRule } from '../../rules/lambda/async-failure';
import { LambdaCodeSigningRule } from '../../rules/lambda/code-signing';
import { LambdaConcurrencyRule } from '../../rules/lambda/concurrency';
import { LambdaEnvEncryptionRule } from '../../rules/lambda/env-encryption';
import { LambdaEnvSecretRule } from '../../rules/lambda/env-secret';
import { LambdaEventSourceFailureRule } from '../../rules/lambda/event-source-failure';
import { LambdaEventSourceFilterRule } from '../../rules/lambda/event-source-filter';
import { LambdaLayerOriginRule } from '../../rules/lambda/layer-origin';
import { LambdaLogFormatRule } from '../../rules/lambda/log-format';
import { LambdaLogGroupRule } from '../../rules/lambda/log-group';
import { LambdaRecursiveLoopRule } from '../../rules/lambda/recursive-loop';
import { LambdaRuntimeRule } from '../../rules/lambda/runtime';
import { LambdaTracingRule } from '../../rules/lambda/tracing';
import { LambdaUrlAuthRule } from '../../rules/lambda/url-auth';
import { LogsEncryptionRule } from '../../rules/logs/encryption';
import { LogsRetentionRule } from '../../rules/logs/retention';
import { S3BucketAccessLoggingRule } from '../../rules/s3/access-logging';
import { SnsTopicEncryptionRule } from '../../rules/sns/topic-encryption';
import { SnsTopicPolicyPublicRule } from '../../rules/sns/topic-policy-public';
import { SnsTopicTlsOnlyRule } from '../../rules/sns/topic-tls-only';
import { SqsQueueEncryptionRule } from '../../rules/sqs/queue-encryption';
import { SqsQueuePolicyPublicRule } from '../../rules/sqs/queue-policy-public';
import { SqsQueueTlsOnlyRule } from '../../rules/sqs/queue-tls-only';

/**
 * The audit rule ids that the `Secure*` constructs acknowledge when a user relaxes a secure default with a
 * justification. Each is the rule class's own `ID`, so constructs never spell a rule id inline and a renamed rule
 * cannot leave a stale id behind.
 */
export class RuleIds {
  /**
   * The name of the audit's validation plugin; acknowledgements are recorded as `<PLUGIN_NAME>::<rule id>`. Defined
   * once, as the audit's acknowledgement namespace (`AuditAcknowledgements.NAMESPACE`).
   */
  public static readonly PLUGIN_NAME = AUDIT_NAMESPACE;

  /** Function URL without `AWS_IAM` auth. */
  public static readonly LAMBDA_URL_AUTH = LambdaUrlAuthRule.ID;
  /** Deprecated or soon-deprecated runtime. */
  public static readonly LAMBDA_RUNTIME = LambdaRuntimeRule.ID;
  /** No code signing with `ENFORCE`. */
  public static readonly LAMBDA_CODE_SIGNING = LambdaCodeSigningRule.ID;
  /** Layer from a foreign account. */
  public static readonly LAMBDA_LAYER_ORIGIN = LambdaLayerOriginRule.ID;
  /** Recursive-loop detection not `TERMINATE`. */
  public static readonly LAMBDA_RECURSIVE_LOOP = LambdaRecursiveLoopRule.ID;
  /** Environment not encrypted with a customer-managed key. */
  public static readonly LAMBDA_ENV_ENCRYPTION = LambdaEnvEncryptionRule.ID;
  /** Secret-looking literal in the environment. */
  public static readonly LAMBDA_ENV_SECRET = LambdaEnvSecretRule.ID;
  /** Tracing not `Active`. */
  public static readonly LAMBDA_TRACING = LambdaTracingRule.ID;
  /** No explicit log group. */
  public static readonly LAMBDA_LOG_GROUP = LambdaLogGroupRule.ID;
  /** Logs not JSON. */
  public static readonly LAMBDA_LOG_FORMAT = LambdaLogFormatRule.ID;
  /** No errors / throttles alarm with an action. */
  public static readonly LAMBDA_ALARMS = LambdaAlarmsRule.ID;
  /** No dead-letter queue or on-failure destination for asynchronous invocations. */
  public static readonly LAMBDA_ASYNC_FAILURE = LambdaAsyncFailureRule.ID;
  /** No reserved concurrency. */
  public static readonly LAMBDA_CONCURRENCY = LambdaConcurrencyRule.ID;
  /** Log group without finite retention. */
  public static readonly LOGS_RETENTION = LogsRetentionRule.ID;
  /** Log group without a KMS key. */
  public static readonly LOGS_ENCRYPTION = LogsEncryptionRule.ID;
  /** Write or permissions-management action on `Resource: *`. */
  public static readonly IAM_WILDCARD_RESOURCE = IamWildcardResourceRule.ID;
  /** A role shared by several functions. */
  public static readonly IAM_ROLE_SHARED = IamRoleSharedRule.ID;
  /** AWS-managed policy on a function role. */
  public static readonly IAM_MANAGED_POLICY = IamManagedPolicyRule.ID;
  /** Queue without KMS encryption. */
  public static readonly SQS_ENCRYPTION = SqsQueueEncryptionRule.ID;
  /** Queue without a TLS-only policy. */
  public static readonly SQS_TLS_ONLY = SqsQueueTlsOnlyRule.ID;

  /** REST API method without an authorizer (public method). */
  public static readonly APIGW_METHOD_AUTH = RestApiMethodAuthRule.ID;
  /** REST API method that accepts a body without a model and a body-validating validator. */
  public static readonly APIGW_BODY_VALIDATION = RestApiBodyValidationRule.ID;
  /** Required request parameters not validated. */
  public static readonly APIGW_PARAM_VALIDATION = RestApiParamValidationRule.ID;
  /** Permissive or malformed request model. */
  public static readonly APIGW_MODEL_SCHEMA = RestApiModelSchemaRule.ID;
  /** Stage data tracing (full bodies in the logs). */
  public static readonly APIGW_DATA_TRACE = RestApiDataTraceRule.ID;
  /** No JSON access log with the required fields. */
  public static readonly APIGW_ACCESS_LOG = RestApiAccessLogRule.ID;
  /** No execution log. */
  public static readonly APIGW_EXECUTION_LOG = RestApiExecutionLogRule.ID;
  /** Stage X-Ray tracing off. */
  public static readonly APIGW_TRACING = RestApiTracingRule.ID;
  /** No stage throttling. */
  public static readonly APIGW_THROTTLING = RestApiThrottlingRule.ID;
  /** No WAF web ACL on the stage. */
  public static readonly APIGW_WAF = RestApiWafRule.ID;
  /** Custom domain below TLS 1.2. */
  public static readonly APIGW_DOMAIN_TLS = ApiDomainTlsRule.ID;
  /** Default execute-api endpoint left on next to a custom domain. */
  public static readonly APIGW_DEFAULT_ENDPOINT = ApiDefaultEndpointRule.ID;
  /** Wildcard CORS origin. */
  public static readonly APIGW_CORS = RestApiCorsRule.ID;
  /** No 5XX / 4XX alarm with an action. */
  public static readonly APIGW_ALARMS = RestApiAlarmsRule.ID;

  /** HTTP API route without an authorizer (public route). */
  public static readonly HTTPAPI_ROUTE_AUTH = HttpApiRouteAuthRule.ID;
  /** HTTP API stage without a JSON access log with the required fields. */
  public static readonly HTTPAPI_ACCESS_LOG = HttpApiAccessLogRule.ID;
  /** HTTP API stage without default route throttling. */
  public static readonly HTTPAPI_THROTTLING = HttpApiThrottlingRule.ID;
  /** HTTP API with a wildcard CORS origin. */
  public static readonly HTTPAPI_CORS = HttpApiCorsRule.ID;

  /** SQS, Kinesis or DynamoDB event source mapping without filter criteria. */
  public static readonly LAMBDA_EVENT_SOURCE_FILTER = LambdaEventSourceFilterRule.ID;
  /** Event source mapping that loses failed batches (no on-failure destination, or a queue without a DLQ). */
  public static readonly LAMBDA_EVENT_SOURCE_FAILURE = LambdaEventSourceFailureRule.ID;
  /** Queue policy open to `*` without a narrowing condition. */
  public static readonly SQS_POLICY_PUBLIC = SqsQueuePolicyPublicRule.ID;
  /** Topic without a customer-managed KMS key. */
  public static readonly SNS_ENCRYPTION = SnsTopicEncryptionRule.ID;
  /** Topic without a TLS-only policy. */
  public static readonly SNS_TLS_ONLY = SnsTopicTlsOnlyRule.ID;
  /** Topic policy open to `*` without a narrowing condition. */
  public static readonly SNS_POLICY_PUBLIC = SnsTopicPolicyPublicRule.ID;
  /** DynamoDB table without a customer-managed KMS key. */
  public static readonly DYNAMODB_ENCRYPTION = DynamoDbTableEncryptionRule.ID;
  /** EventBridge rule whose event pattern matches every event on the bus. */
  public static readonly EVENTS_PATTERN_SPECIFIC = EventsRulePatternSpecificRule.ID;
  /** EventBridge rule target (Lambda, SQS, SNS, Step Functions) without a dead-letter queue. */
  public static readonly EVENTS_TARGET_DLQ = EventsRuleTargetDlqRule.ID;
  /** CloudFront cache behavior that serves viewers over plain HTTP. */
  public static readonly CLOUDFRONT_VIEWER_HTTPS = CloudFrontViewerHttpsRule.ID;
  /** CloudFront distribution that accepts TLS below 1.2 from viewers (including the default certificate). */
  public static readonly CLOUDFRONT_VIEWER_TLS = CloudFrontViewerTlsRule.ID;
  /** CloudFront S3 origin reached without origin access control (public bucket, website endpoint, legacy OAI). */
  public static readonly CLOUDFRONT_ORIGIN_ACCESS = CloudFrontOriginAccessRule.ID;
  /** CloudFront cache behavior without a response headers policy that sets the security headers. */
  public static readonly CLOUDFRONT_SECURITY_HEADERS = CloudFrontSecurityHeadersRule.ID;
  /** CloudFront distribution without a WAF web ACL. */
  public static readonly CLOUDFRONT_WAF = CloudFrontWafRule.ID;
  /** CloudFront distribution without access logging. */
  public static readonly CLOUDFRONT_LOGGING = CloudFrontLoggingRule.ID;
  /** S3 bucket without server access logging. */
  public static readonly S3_ACCESS_LOGGING = S3BucketAccessLoggingRule.ID;

  /**
   * The id to acknowledge a rule of the audit with: `<PLUGIN_NAME>::<ruleId>` (`ServerlessSecurityChecks::<ruleId>`).
   */
  public static qualified(ruleId: string): string {
    return `${RuleIds.PLUGIN_NAME}::${ruleId}`;
  }
}
