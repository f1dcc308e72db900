import {
  ApiDefaultEndpointRule, ApiDomainTlsRule, ApiIntegrationSecretRule, RestApiAccessLogRule, RestApiAlarmsRule, RestApiBodyValidationRule,
  RestApiCorsRule, RestApiDataTraceRule, RestApiExecutionLogRule, RestApiMappingInjectionRule, RestApiMethodAuthRule, RestApiModelSchemaRule,
  RestApiParamValidationRule, RestApiPolicyPublicRule, RestApiStageVarSecretRule, RestApiThrottlingRule, RestApiTracingRule, RestApiWafRule,
} from './apigateway';
import { HttpApiAccessLogRule, HttpApiCorsRule, HttpApiRouteAuthRule, HttpApiStageVarSecretRule, HttpApiThrottlingRule } from './apigatewayv2';
import { AppSyncApiAuthRule, AppSyncResolverSecretRule } from './appsync';
import {
  CloudFrontFunctionSecretRule, CloudFrontLoggingRule, CloudFrontOriginAccessRule, CloudFrontOriginHeaderSecretRule,
  CloudFrontSecurityHeadersRule, CloudFrontViewerHttpsRule, CloudFrontViewerTlsRule, CloudFrontWafRule,
} from './cloudfront';
import {
  CognitoClientFlowsRule, CognitoMfaRule, CognitoPasswordPolicyRule, CognitoSelfSignUpRule, CognitoUnauthIdentitiesRule,
} from './cognito';
import { CustomResourceSdkCallRule } from './customresources';
import { DataStorePasswordLiteralRule } from './datastores';
import { DynamoDbTableEncryptionRule, DynamoDbTablePolicyPublicRule, DynamoDbTableRecoveryRule } from './dynamodb';
import { EcrRepositoryPolicyPublicRule } from './ecr';
import { EventsBusPolicyPublicRule, EventsConnectionSecretRule, EventsRulePatternSpecificRule, EventsRuleTargetDlqRule } from './events';
import {
  IamEscalationRule, IamManagedPolicyRule, IamNotActionRule, IamResourcePolicyRule, IamRoleSharedRule, IamTrustPolicyRule,
  IamTrustServiceRule, IamWildcardActionRule, IamWildcardResourceRule,
} from './iam';
import { KinesisStreamPolicyPublicRule } from './kinesis';
import { KmsKeyRotationRule } from './kms';
import {
  LambdaAlarmsRule, LambdaAsyncFailureRule, LambdaCodeSecretRule, LambdaCodeSigningRule, LambdaConcurrencyRule, LambdaEnvEncryptionRule,
  LambdaEnvSecretRule, LambdaEventSourceFailureRule, LambdaEventSourceFilterRule, LambdaLayerOriginRule, LambdaLayerPermissionPublicRule,
  LambdaLogFormatRule, LambdaLogGroupRule, LambdaPermissionPublicRule, LambdaRecursiveLoopRule, LambdaRuntimeRule, LambdaTracingRule,
  LambdaUrlAuthRule,
} from './lambda';
import { LogsEncryptionRule, LogsResourcePolicyPublicRule, LogsRetentionRule } from './logs';
import { S3BucketAccessLoggingRule, S3BucketPublicAccessRule, S3BucketTlsOnlyRule } from './s3';
import { SamApiAuthRule } from './sam';
import { SecretsManagerSecretLiteralRule } from './secretsmanager';
import { SnsSubscriptionDlqRule, SnsTopicEncryptionRule, SnsTopicPolicyPublicRule, SnsTopicTlsOnlyRule } from './sns';
import { SqsQueueEncryptionRule, SqsQueuePolicyPublicRule, SqsQueueTlsOnlyRule } from './sqs';
import { SsmParameterSecretRule } from './ssm';
import { StepFunctionsDefinitionSecretRule, StepFunctionsLoggingRule, StepFunctionsTracingRule } from './stepfunctions';
import { TemplateOutputSecretRule, TemplateUnreadableRule } from './template';
import { IRule } from '../core/rule';

/**
 * Every rule that ships with the library, as a table: one line per rule, grouped by service. Packs select from
 * this table; the registry test checks that every rule here is documented, tested and has a unique id.
 *
 * To add a rule: write `src/rules/<service>/<rule-name>.ts` and its test, then add one line below.
 */
export class BuiltInRules {
  /** A fresh instance of every built-in rule. */
  public static all(): IRule[] {
    return [
      // --- AWS Lambda ----------------------------------------------------------------------------------------------
      new LambdaUrlAuthRule(),
      new LambdaPermissionPublicRule(),
      new LambdaRuntimeRule(),
      new LambdaCodeSigningRule(),
      new LambdaLayerOriginRule(),
      new LambdaLayerPermissionPublicRule(),
      new LambdaRecursiveLoopRule(),
      new LambdaEnvEncryptionRule(),
      new LambdaEnvSecretRule(),
      new LambdaCodeSecretRule(),
      new LambdaTracingRule(),
      new LambdaLogGroupRule(),
      new LambdaLogFormatRule(),
      new LambdaAlarmsRule(),
      new LambdaAsyncFailureRule(),
      new LambdaConcurrencyRule(),
      new LambdaEventSourceFilterRule(),
      new LambdaEventSourceFailureRule(),
      // CloudWatch Logs
      new LogsRetentionRule(),
      new LogsEncryptionRule(),
      new LogsResourcePolicyPublicRule(),
      // --- IAM -----------------------------------------------------------------------------------------------------
      new IamWildcardActionRule(),
      new IamWildcardResourceRule(),
      new IamNotActionRule(),
      new IamEscalationRule(),
      new IamManagedPolicyRule(),
      new IamRoleSharedRule(),
      new IamTrustPolicyRule(),
      new IamResourcePolicyRule(),
      new IamTrustServiceRule(),
      new RestApiPolicyPublicRule(),
      new DynamoDbTablePolicyPublicRule(),
      new EcrRepositoryPolicyPublicRule(),
      new KinesisStreamPolicyPublicRule(),
      new KmsKeyRotationRule(),
      new CustomResourceSdkCallRule(),
      // --- SQS, SNS, EventBridge, Step Functions, CloudWatch Logs, DynamoDB, S3 ------------------------------------------
      new SqsQueueEncryptionRule(),
      new SqsQueueTlsOnlyRule(),
      new SqsQueuePolicyPublicRule(),
      new SnsTopicEncryptionRule(),
      new SnsTopicTlsOnlyRule(),
      new SnsTopicPolicyPublicRule(),
      new SnsSubscriptionDlqRule(),
      new EventsRulePatternSpecificRule(),
      new EventsRuleTargetDlqRule(),
      new EventsBusPolicyPublicRule(),
      new EventsConnectionSecretRule(),
      new StepFunctionsTracingRule(),
      new StepFunctionsLoggingRule(),
      new StepFunctionsDefinitionSecretRule(),
      new SecretsManagerSecretLiteralRule(),
      new DataStorePasswordLiteralRule(),
      new SsmParameterSecretRule(),
      new TemplateOutputSecretRule(),
      new TemplateUnreadableRule(),
      new DynamoDbTableEncryptionRule(),
      new DynamoDbTableRecoveryRule(),
      new S3BucketPublicAccessRule(),
      new S3BucketTlsOnlyRule(),
      // --- API Gateway (REST and HTTP APIs) and Cognito -----------------------------------------------------------------
      new RestApiMethodAuthRule(),
      new RestApiBodyValidationRule(),
      new RestApiParamValidationRule(),
      new RestApiModelSchemaRule(),
      new RestApiMappingInjectionRule(),
      new RestApiDataTraceRule(),
      new RestApiAccessLogRule(),
      new RestApiExecutionLogRule(),
      new RestApiTracingRule(),
      new RestApiThrottlingRule(),
      new RestApiWafRule(),
      new ApiDomainTlsRule(),
      new ApiDefaultEndpointRule(),
      new RestApiCorsRule(),
      new RestApiStageVarSecretRule(),
      new ApiIntegrationSecretRule(),
      new RestApiAlarmsRule(),
      new HttpApiRouteAuthRule(),
      new HttpApiAccessLogRule(),
      new HttpApiThrottlingRule(),
      new HttpApiCorsRule(),
      new HttpApiStageVarSecretRule(),
      new SamApiAuthRule(),
      new AppSyncApiAuthRule(),
      new AppSyncResolverSecretRule(),
      new CognitoPasswordPolicyRule(),
      new CognitoMfaRule(),
      new CognitoUnauthIdentitiesRule(),
      new CognitoSelfSignUpRule(),
      new CognitoClientFlowsRule(),
      // --- Amazon CloudFront (and the S3 access logs of the buckets behind it) -----------------------------------------
      new CloudFrontViewerHttpsRule(),
      new CloudFrontViewerTlsRule(),
      new CloudFrontOriginAccessRule(),
      new CloudFrontOriginHeaderSecretRule(),
      new CloudFrontFunctionSecretRule(),
      new CloudFrontSecurityHeadersRule(),
      new CloudFrontWafRule(),
      new CloudFrontLoggingRule(),
      new S3BucketAccessLoggingRule(),
    ];
  }
}
