import { Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { BuiltInRules } from '../../../src/rules/builtin-rules';
import { checkRule, newStack } from '../rule-test-helpers';

/**
 * No false alarms: a REST API written in plain aws-cdk-lib with every protection the API Gateway and Cognito rules
 * ask for produces no finding from any of them.
 */
function secureRestApi(stack: Stack) {
  const pool = new cognito.UserPool(stack, 'Users', {
    passwordPolicy: { minLength: 12 }, mfa: cognito.Mfa.OPTIONAL, mfaSecondFactor: { otp: true, sms: false },
  });
  const authorizer = new apigateway.CognitoUserPoolsAuthorizer(stack, 'Authorizer', { cognitoUserPools: [pool] });
  const format = JSON.stringify({
    requestId: '$context.requestId',
    ip: '$context.identity.sourceIp',
    sub: '$context.authorizer.claims.sub',
    status: '$context.status',
    latency: '$context.responseLatency',
    authorizerError: '$context.authorizer.error',
  });
  const api = new apigateway.RestApi(stack, 'Api', {
    restApiName: 'orders',
    defaultMethodOptions: { authorizer },
    defaultCorsPreflightOptions: { allowOrigins: ['https://app.example.com'], allowCredentials: true },
    deployOptions: {
      loggingLevel: apigateway.MethodLoggingLevel.ERROR,
      tracingEnabled: true,
      throttlingRateLimit: 100,
      throttlingBurstLimit: 50,
      accessLogDestination: new apigateway.LogGroupLogDestination(new logs.LogGroup(stack, 'AccessLogs')),
      accessLogFormat: apigateway.AccessLogFormat.custom(format),
    },
  });
  const model = api.addModel('Order', {
    schema: {
      type: apigateway.JsonSchemaType.OBJECT,
      required: ['sku'],
      additionalProperties: false,
      properties: { sku: { type: apigateway.JsonSchemaType.STRING, maxLength: 32 } },
    },
  });
  const items = api.root.addResource('orders');
  items.addMethod('POST', undefined, {
    requestModels: { 'application/json': model, '$default': model },
    requestValidatorOptions: { validateRequestBody: true, validateRequestParameters: true },
    requestParameters: { 'method.request.header.Idempotency-Key': true },
  });
  items.addMethod('GET');
  const acl = new wafv2.CfnWebACL(stack, 'Acl', {
    scope: 'REGIONAL',
    defaultAction: { allow: {} },
    visibilityConfig: { cloudWatchMetricsEnabled: true, metricName: 'acl', sampledRequestsEnabled: true },
    rules: [
      {
        name: 'common',
        priority: 1,
        overrideAction: { none: {} },
        statement: { managedRuleGroupStatement: { vendorName: 'AWS', name: 'AWSManagedRulesCommonRuleSet' } },
        visibilityConfig: { cloudWatchMetricsEnabled: true, metricName: 'common', sampledRequestsEnabled: true },
      },
      {
        name: 'rate',
        priority: 2,
        action: { block: {} },
        statement: { rateBasedStatement: { limit: 1000, aggregateKeyType: 'IP' } },
        visibilityConfig: { cloudWatchMetricsEnabled: true, metricName: 'rate', sampledRequestsEnabled: true },
      },
    ],
  });
  new wafv2.CfnWebACLAssociation(stack, 'AclAssociation', { resourceArn: api.deploymentStage.stageArn, webAclArn: acl.attrArn });
  const topic = new sns.Topic(stack, 'Alarms');
  for (const [id, metric] of [['ServerErrors', api.metricServerError()], ['ClientErrors', api.metricClientError()]] as const) {
    new cloudwatch.Alarm(stack, id, { metric, threshold: 1, evaluationPeriods: 1 }).addAlarmAction(new actions.SnsAction(topic));
  }
}

const OWN_RULES = /^SLS-(APIGW|HTTPAPI|COGNITO)-/;

test('a secure REST API in plain aws-cdk-lib gets no finding from the API Gateway and Cognito rules', () => {
  const stack = newStack();
  secureRestApi(stack);
  const rules = BuiltInRules.all().filter((r) => OWN_RULES.test(r.id));
  expect(rules).toHaveLength(28); // with SLS-APIGW-POLICY-PUBLIC (its secure API has no resource policy) and the new secret, injection and Cognito rules
  const findings = rules.flatMap((rule) => checkRule(rule, stack).map((f) => `${rule.id} ${f.logicalId}: ${f.detail}`));
  expect(findings).toEqual([]);
});
