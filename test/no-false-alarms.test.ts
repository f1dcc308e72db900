import { App, CfnOutput, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cwActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as eventSources from 'aws-cdk-lib/aws-lambda-event-sources';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import * as s3n from 'aws-cdk-lib/aws-s3-notifications';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { ApiAuthorization, FunctionSecret, HttpMethod, SecureApi, SecureFunction, StackKey } from '../src/constructs';
import { ServerlessSecurityChecks } from '../src/hosts';
import { testApp } from './constructs/construct-test-helpers';
import { dependencyCycles } from './support/dependency-cycles';
import { Finding } from '../src/core/finding';
import { Severity } from '../src/core/rule';

/**
 * The audit must stay quiet on secure apps: these are the false-alarm guards. Each app is audited with every
 * built-in rule; an unacknowledged error here is a rule that would fail the synth of a team doing the right thing, and
 * more than one warning per stack is a rule teaching the team to ignore warnings (#17: severity must mean something).
 */
function unacknowledgedErrors(app: App): string[] {
  return openFindings(app, Severity.ERROR);
}

/** Open (unacknowledged) findings of one severity, as readable lines. */
function openFindings(app: App, severity: Severity): string[] {
  return auditOf(app)
    .filter((f: Finding) => !f.acknowledged && f.severity === severity)
    .map((f) => `${f.ruleId}${f.findingId ? `[${f.findingId}]` : ''} ${f.constructPath}: ${f.message}`);
}

const audits = new WeakMap<App, Finding[]>();
function auditOf(app: App): Finding[] {
  let findings = audits.get(app);
  if (!findings) audits.set(app, findings = new ServerlessSecurityChecks().audit(app));
  return findings;
}

/** At most one open warning per secure stack. */
const MAX_WARNINGS_PER_SECURE_STACK = 1;

const code = lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200 });');

test('an app built from the Secure constructs has no unacknowledged error finding', () => {
  const app = testApp();
  const stack = new Stack(app, 'SecureConstructs');
  const key = StackKey.of(stack);
  const alarms = new sns.Topic(stack, 'Alarms', { masterKey: key, enforceSSL: true });
  const secret = new secretsmanager.Secret(stack, 'ApiKey', { encryptionKey: key });
  const table = new dynamodb.Table(stack, 'Table', {
    partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
    encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
    encryptionKey: key,
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    deletionProtection: true,
  });
  const users = new cognito.UserPool(stack, 'Users', {
    passwordPolicy: { minLength: 14 },
    mfa: cognito.Mfa.REQUIRED,
    mfaSecondFactor: { otp: true, sms: false },
  });
  const fn = new SecureFunction(stack, 'Create', {
    runtime: lambda.Runtime.NODEJS_24_X,
    handler: 'index.handler',
    code,
    environment: { TABLE_NAME: table.tableName },
    secrets: { API_KEY_ARN: FunctionSecret.fromSecret(secret) },
    alarmAction: new cwActions.SnsAction(alarms),
  });
  table.grantReadWriteData(fn);
  const api = new SecureApi(stack, 'Api', {
    authorization: ApiAuthorization.cognito({ userPools: [users] }),
    alarmAction: new cwActions.SnsAction(alarms),
  });
  api.addRoute({
    path: '/orders',
    method: HttpMethod.POST,
    handler: fn,
    requestSchema: {
      type: apigateway.JsonSchemaType.OBJECT,
      additionalProperties: false,
      required: ['sku'],
      properties: { sku: { type: apigateway.JsonSchemaType.STRING, maxLength: 32 } },
    },
  });
  api.addRoute({ path: '/orders/{orderId}', method: HttpMethod.GET, handler: fn });

  expect(unacknowledgedErrors(app)).toEqual([]);
  expect(openFindings(app, Severity.WARNING).length).toBeLessThanOrEqual(MAX_WARNINGS_PER_SECURE_STACK);
  expect(dependencyCycles(app.synth().getStackByName(stack.stackName).template)).toEqual([]);
});

test('a realistic secure app written in plain aws-cdk-lib has no error finding', () => {
  const app = testApp();
  const stack = new Stack(app, 'PlainSecure');
  const key = new kms.Key(stack, 'Key', { enableKeyRotation: true, removalPolicy: RemovalPolicy.RETAIN });
  // CloudWatch Logs may use the key only for this account's log groups (the encryption context AWS documents).
  key.addToResourcePolicy(new iam.PolicyStatement({
    actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
    principals: [new iam.ServicePrincipal(`logs.${stack.region}.amazonaws.com`)],
    resources: ['*'],
    conditions: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:${stack.partition}:logs:${stack.region}:${stack.account}:log-group:*` } },
  }));
  const alarmTopic = new sns.Topic(stack, 'Alarms', { masterKey: key, enforceSSL: true });
  const dlq = new sqs.Queue(stack, 'Dlq', { encryptionMasterKey: key, enforceSSL: true });
  const jobs = new sqs.Queue(stack, 'Jobs', {
    encryptionMasterKey: key,
    enforceSSL: true,
    visibilityTimeout: Duration.minutes(2),
    deadLetterQueue: { queue: dlq, maxReceiveCount: 3 },
  });
  const bucket = new s3.Bucket(stack, 'Uploads', {
    encryption: s3.BucketEncryption.KMS,
    encryptionKey: key,
    enforceSSL: true,
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
  });
  const table = new dynamodb.Table(stack, 'Orders', {
    partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
    encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
    encryptionKey: key,
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    deletionProtection: true,
  });

  const functionProps = (name: string): lambda.FunctionProps => ({
    runtime: lambda.Runtime.PYTHON_3_13,
    architecture: lambda.Architecture.ARM_64,
    handler: 'index.handler',
    code,
    timeout: Duration.seconds(10),
    memorySize: 256,
    tracing: lambda.Tracing.ACTIVE,
    loggingFormat: lambda.LoggingFormat.JSON,
    applicationLogLevelV2: lambda.ApplicationLogLevel.INFO,
    logGroup: new logs.LogGroup(stack, `${name}Logs`, { retention: logs.RetentionDays.ONE_YEAR, encryptionKey: key }),
    environmentEncryption: key,
    environment: { TABLE_NAME: table.tableName, BUCKET_NAME: bucket.bucketName },
    deadLetterQueue: dlq,
    retryAttempts: 2,
  });
  const api = new lambda.Function(stack, 'ApiHandler', functionProps('ApiHandler'));
  const worker = new lambda.Function(stack, 'Worker', functionProps('Worker'));
  table.grantReadWriteData(api);
  bucket.grantRead(worker);
  jobs.grantSendMessages(api);
  worker.addEventSource(new eventSources.SqsEventSource(jobs, {
    reportBatchItemFailures: true,
    filters: [lambda.FilterCriteria.filter({ body: { type: lambda.FilterRule.isEqual('order') } })],
  }));
  for (const fn of [api, worker]) {
    new cloudwatch.Alarm(stack, `${fn.node.id}Errors`, { metric: fn.metricErrors(), threshold: 1, evaluationPeriods: 1 })
      .addAlarmAction(new cwActions.SnsAction(alarmTopic));
    new cloudwatch.Alarm(stack, `${fn.node.id}Throttles`, { metric: fn.metricThrottles(), threshold: 1, evaluationPeriods: 1 })
      .addAlarmAction(new cwActions.SnsAction(alarmTopic));
  }

  const users = new cognito.UserPool(stack, 'Users', {
    passwordPolicy: { minLength: 14 },
    mfa: cognito.Mfa.REQUIRED,
    mfaSecondFactor: { otp: true, sms: false },
  });
  const authorizer = new apigateway.CognitoUserPoolsAuthorizer(stack, 'Authorizer', { cognitoUserPools: [users] });
  const restApi = new apigateway.RestApi(stack, 'Api', {
    cloudWatchRole: false,
    deployOptions: {
      tracingEnabled: true,
      loggingLevel: apigateway.MethodLoggingLevel.ERROR,
      throttlingRateLimit: 100,
      throttlingBurstLimit: 200,
      accessLogDestination: new apigateway.LogGroupLogDestination(
        new logs.LogGroup(stack, 'AccessLogs', { retention: logs.RetentionDays.ONE_YEAR, encryptionKey: key })),
      accessLogFormat: apigateway.AccessLogFormat.jsonWithStandardFields(),
    },
    defaultMethodOptions: { authorizer, authorizationType: apigateway.AuthorizationType.COGNITO },
  });
  const validator = restApi.addRequestValidator('Validator', { validateRequestBody: true, validateRequestParameters: true });
  const model = restApi.addModel('Order', {
    contentType: 'application/json',
    schema: {
      schema: apigateway.JsonSchemaVersion.DRAFT4,
      type: apigateway.JsonSchemaType.OBJECT,
      additionalProperties: false,
      required: ['sku'],
      properties: { sku: { type: apigateway.JsonSchemaType.STRING, maxLength: 32 } },
    },
  });
  const orders = restApi.root.addResource('orders');
  orders.addMethod('POST', new apigateway.LambdaIntegration(api), {
    requestValidator: validator,
    // `$default` too: API Gateway skips body validation for a Content-Type without a model.
    requestModels: { 'application/json': model, '$default': model },
  });
  orders.addResource('{orderId}').addMethod('GET', new apigateway.LambdaIntegration(api), {
    requestValidator: validator,
    requestParameters: { 'method.request.path.orderId': true },
  });

  new events.Rule(stack, 'OrderPlaced', {
    eventPattern: { source: ['com.example.orders'], detailType: ['OrderPlaced'] },
    targets: [new targets.LambdaFunction(worker, { deadLetterQueue: dlq, retryAttempts: 2 })],
  });

  expect(unacknowledgedErrors(app)).toEqual([]);
  expect(openFindings(app, Severity.WARNING).length).toBeLessThanOrEqual(MAX_WARNINGS_PER_SECURE_STACK);
  expect(dependencyCycles(app.synth().getStackByName(stack.stackName).template)).toEqual([]);
});

/**
 * An app that looks suspicious to a naive audit but is secure: publishable and public keys in the environment,
 * secret-sounding names that hold references or settings, service integrations that escape request data, aws-cdk-lib's
 * own handlers (bucket deployment, auto-delete, bucket notifications, log retention), asynchronous invokers with
 * failure handling and synchronous ones without, Outputs of ARNs (#17.3: the false-positive classes, 0 false errors).
 */
test('an adversarially clean app (look-alike secrets, escaped templates, aws-cdk-lib handlers) has no error finding', () => {
  const app = testApp();
  const stack = new Stack(app, 'LooksSuspicious');
  const key = new kms.Key(stack, 'Key', { enableKeyRotation: true });
  const dlq = new sqs.Queue(stack, 'Dlq', { encryptionMasterKey: key, enforceSSL: true });
  const site = new s3.Bucket(stack, 'Site', {
    encryption: s3.BucketEncryption.KMS,
    encryptionKey: key,
    enforceSSL: true,
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    autoDeleteObjects: true,
    removalPolicy: RemovalPolicy.DESTROY,
  });
  new s3deploy.BucketDeployment(stack, 'Deploy', { sources: [s3deploy.Source.data('index.html', '<html></html>')], destinationBucket: site });
  const secret = new secretsmanager.Secret(stack, 'PartnerKey', { encryptionKey: key });
  const table = new dynamodb.Table(stack, 'Items', {
    partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING },
    encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
    encryptionKey: key,
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    deletionProtection: true,
  });
  const worker = new lambda.Function(stack, 'Thumbnailer', {
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code,
    tracing: lambda.Tracing.ACTIVE,
    environmentEncryption: key,
    deadLetterQueue: dlq,
    logRetention: logs.RetentionDays.ONE_MONTH,
    environment: {
      AWS_NODEJS_CONNECTION_REUSE_ENABLED: '1',
      STRIPE_PUBLISHABLE_KEY: 'pk_live_51HxYzAbCdEfGhIjKlMnOpQrStUvWx0123456789',
      VAPID_PUBLIC_KEY: 'BEl62iUYgUivxIkv69yViEuiBIa-Ib9-SkvMeAtA3LFgDzkrxZJjSgSnfckjBJuBkr3qBUYIHBQFLXYp5Nksh8U',
      JWKS_URL: 'https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbCdEf/.well-known/jwks.json',
      PASSWORD_RESET_TABLE: table.tableName,
      PARTNER_API_KEY_SECRET_ARN: secret.secretArn,
      TOKEN_TTL_SECONDS: '900',
    },
  });
  site.addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.LambdaDestination(worker));
  secret.grantRead(worker);

  const users = new cognito.UserPool(stack, 'Users', { passwordPolicy: { minLength: 14 }, mfa: cognito.Mfa.REQUIRED, mfaSecondFactor: { otp: true, sms: false } });
  users.addDomain('Domain', { cognitoDomain: { domainPrefix: 'looks-suspicious' } });
  users.addClient('Web', { oAuth: { flows: { authorizationCodeGrant: true }, callbackUrls: ['https://app.example.com/cb'] }, authFlows: { userSrp: true } });

  const api = new apigateway.RestApi(stack, 'Api', {
    cloudWatchRole: false,
    deployOptions: { throttlingRateLimit: 50, throttlingBurstLimit: 100 },
    defaultMethodOptions: {
      authorizationType: apigateway.AuthorizationType.COGNITO,
      authorizer: new apigateway.CognitoUserPoolsAuthorizer(stack, 'Authorizer', { cognitoUserPools: [users] }),
    },
  });
  const role = new iam.Role(stack, 'ApiRole', { assumedBy: new iam.ServicePrincipal('apigateway.amazonaws.com') });
  table.grantReadData(role);
  api.root.addResource('items').addResource('{id}').addMethod('GET', new apigateway.AwsIntegration({
    service: 'dynamodb',
    action: 'GetItem',
    options: {
      credentialsRole: role,
      passthroughBehavior: apigateway.PassthroughBehavior.NEVER,
      requestTemplates: { 'application/json': `{"TableName":"${table.tableName}","Key":{"id":{"S":"$util.escapeJavaScript($input.params('id'))"}}}` },
      integrationResponses: [{ statusCode: '200' }],
    },
  }), { methodResponses: [{ statusCode: '200' }], requestParameters: { 'method.request.path.id': true }, requestValidatorOptions: { validateRequestParameters: true } });

  new CfnOutput(stack, 'PartnerKeyArn', { value: secret.secretArn });
  new CfnOutput(stack, 'ApiUrl', { value: api.url });

  expect(unacknowledgedErrors(app)).toEqual([]);
  // What is left is true: the stage writes no access logs and has no web ACL. Nothing on aws-cdk-lib's handlers.
  expect(openFindings(app, Severity.WARNING).map((f) => f.split(' ')[0]).sort()).toEqual(['SLS-APIGW-ACCESS-LOG[missing]', 'SLS-APIGW-WAF[no-web-acl]']);
});
