// The reference app's orders service (bin/reference-app.ts) written with plain aws-cdk-lib, the way a competent team
// writes it without cdk-secure-serverless: L2 constructs with their defaults, an authorizer and a validated body on
// the API, a dead-letter queue, alarms, grants instead of wildcards. Not sabotaged (unlike bin/insecure-app.ts):
// nothing here is wrong on purpose. scripts/compare.ts compares the two in the root README.
import { App, Duration, Stack } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cloudwatch_actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';

// The web client's domain and its ACM certificate (CloudFront reads certificates from us-east-1 only).
export const SITE_DOMAIN = 'shop.example.com';
export const SITE_CERTIFICATE_ARN =
  'arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555';

export function buildPlainReferenceApp(app: App): Stack {
  const stack = new Stack(app, 'PlainOrdersApp', { env: { region: 'us-east-1' } });
  const alarmAction = new cloudwatch_actions.SnsAction(new sns.Topic(stack, 'OpsAlarms'));

  const siteBucket = new s3.Bucket(stack, 'WebClientBucket', {
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    enforceSSL: true,
  });
  new cloudfront.Distribution(stack, 'WebClient', {
    defaultBehavior: {
      origin: origins.S3BucketOrigin.withOriginAccessControl(siteBucket),
      viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
    },
    defaultRootObject: 'index.html',
    domainNames: [SITE_DOMAIN],
    certificate: acm.Certificate.fromCertificateArn(stack, 'SiteCertificate', SITE_CERTIFICATE_ARN),
    errorResponses: [{ httpStatus: 403, responseHttpStatus: 200, responsePagePath: '/index.html' }],
  });

  // The same user pool as the reference app: Cognito has no Secure* construct, so both configure it by hand.
  const users = new cognito.UserPool(stack, 'Users', {
    passwordPolicy: {
      minLength: 14, requireDigits: true, requireLowercase: true, requireUppercase: true, requireSymbols: true,
    },
    mfa: cognito.Mfa.REQUIRED,
    mfaSecondFactor: { otp: true, sms: false },
    featurePlan: cognito.FeaturePlan.PLUS,
    standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
  });
  const paymentApiKey = new secretsmanager.Secret(stack, 'PaymentApiKey');

  const orders = new dynamodb.Table(stack, 'Orders', {
    partitionKey: { name: 'orderId', type: dynamodb.AttributeType.STRING },
    billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
  });
  const code = lambda.Code.fromAsset('handlers');
  const createOrder = new lambda.Function(stack, 'CreateOrder', {
    runtime: lambda.Runtime.NODEJS_24_X, handler: 'orders.createOrder', code,
    environment: { TABLE_NAME: orders.tableName },
  });
  const getOrder = new lambda.Function(stack, 'GetOrder', {
    runtime: lambda.Runtime.NODEJS_24_X, handler: 'orders.getOrder', code,
    environment: { TABLE_NAME: orders.tableName },
  });
  const processOrder = new lambda.Function(stack, 'ProcessOrder', {
    runtime: lambda.Runtime.NODEJS_24_X, handler: 'orders.processOrder', code,
    environment: { TABLE_NAME: orders.tableName, PAYMENT_API_KEY_ARN: paymentApiKey.secretArn },
  });
  paymentApiKey.grantRead(processOrder);
  orders.grantWriteData(createOrder);
  orders.grantReadData(getOrder);
  orders.grantWriteData(processOrder);
  for (const fn of [createOrder, getOrder, processOrder]) {
    fn.metricErrors({ period: Duration.minutes(5) })
      .createAlarm(fn, 'Errors', { threshold: 1, evaluationPeriods: 1 })
      .addAlarmAction(alarmAction);
  }

  // OrderPlaced events from CreateOrder go through the default bus to the queue that ProcessOrder consumes.
  const bus = events.EventBus.fromEventBusName(stack, 'DefaultBus', 'default');
  bus.grantPutEventsTo(createOrder);
  const deadLetters = new sqs.Queue(stack, 'PlacedOrdersDeadLetters', { retentionPeriod: Duration.days(14) });
  const placed = new sqs.Queue(stack, 'PlacedOrders', {
    deadLetterQueue: { queue: deadLetters, maxReceiveCount: 3 },
  });
  new events.Rule(stack, 'OrderPlaced', {
    eventPattern: { source: ['shop.orders'], detailType: ['OrderPlaced'] },
    targets: [new targets.SqsQueue(placed)],
  });
  processOrder.addEventSource(new SqsEventSource(placed, { reportBatchItemFailures: true }));

  const api = new apigateway.RestApi(stack, 'OrdersApi', {
    defaultCorsPreflightOptions: { allowOrigins: [`https://${SITE_DOMAIN}`] },
    defaultMethodOptions: {
      authorizer: new apigateway.CognitoUserPoolsAuthorizer(stack, 'OrdersAuthorizer', { cognitoUserPools: [users] }),
      authorizationType: apigateway.AuthorizationType.COGNITO,
    },
  });
  api.metricServerError({ period: Duration.minutes(5) })
    .createAlarm(api, 'ServerErrors', { threshold: 1, evaluationPeriods: 1 })
    .addAlarmAction(alarmAction);
  const orderModel = api.addModel('OrderModel', {
    contentType: 'application/json',
    schema: {
      type: apigateway.JsonSchemaType.OBJECT,
      additionalProperties: false,
      required: ['sku', 'quantity'],
      properties: {
        sku: { type: apigateway.JsonSchemaType.STRING, pattern: '^[A-Z0-9-]{4,32}$', maxLength: 32 },
        quantity: { type: apigateway.JsonSchemaType.INTEGER, minimum: 1, maximum: 100 },
      },
    },
  });
  const validator = api.addRequestValidator('Validate', { validateRequestBody: true, validateRequestParameters: true });
  const ordersResource = api.root.addResource('orders');
  // API Gateway validates a body only against the model of its Content-Type and skips validation when none matches,
  // so the model is also the `$default`: a body sent as text/plain or anything else is validated (and refused) too.
  ordersResource.addMethod('POST', new apigateway.LambdaIntegration(createOrder), {
    requestModels: { 'application/json': orderModel, '$default': orderModel },
    requestValidator: validator,
  });
  ordersResource.addResource('{orderId}').addMethod('GET', new apigateway.LambdaIntegration(getOrder), {
    requestParameters: { 'method.request.path.orderId': true },
    requestValidator: validator,
  });
  return stack;
}

if (require.main === module) {
  buildPlainReferenceApp(new App());
}
