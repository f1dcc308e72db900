// The reference app: an orders service built only from cdk-secure-serverless's hardened constructs. A web client
// (SecureSite) calls an authenticated API with validated routes (SecureApi); placing an order writes it to a table
// (SecureTable) and publishes an event that an event rule (SecureEventRule) routes to a queue (SecureQueue), whose
// consumer charges the payment provider with a key read by reference (FunctionSecret). Every function and the API
// page an operations topic (SecureTopic). bin/reference-plain-app.ts is the same service in plain aws-cdk-lib;
// scripts/compare.ts compares the two in the root README.
import { App, Stack, Validations } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as cloudwatch_actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import {
  ApiAuthorization, AuditAcknowledgements, FunctionSecret, HttpMethod, SecureApi, SecureEventRule, SecureFunction,
  SecureQueue, SecureServerless, SecureSite, SecureTable, SecureTopic, StackKey,
} from 'cdk-secure-serverless';

// The web client's domain and its ACM certificate (CloudFront reads certificates from us-east-1 only).
export const SITE_DOMAIN = 'shop.example.com';
export const SITE_CERTIFICATE_ARN =
  'arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555';

export function buildReferenceApp(app: App): Stack {
  // us-east-1: the site's CloudFront web ACL is created with the stack (no AWS account needed to synthesize).
  const stack = new Stack(app, 'ReferenceOrdersApp', { env: { region: 'us-east-1' } });
  const key = StackKey.of(stack);
  const alarmAction = new cloudwatch_actions.SnsAction(new SecureTopic(stack, 'OpsAlarms'));

  const site = new SecureSite(stack, 'WebClient', {
    domainNames: [SITE_DOMAIN],
    certificate: acm.Certificate.fromCertificateArn(stack, 'SiteCertificate', SITE_CERTIFICATE_ARN),
    errorResponses: [{ httpStatus: 403, responseHttpStatus: 200, responsePagePath: '/index.html' }],
  });
  // A business decision SecureSite leaves to the team: which countries are served.
  Validations.of(site.distribution.node.defaultChild!).acknowledge({
    id: 'AwsSolutions-CFR1',
    reason: 'The shop sells worldwide; sanctioned regions are blocked at checkout by the payment provider (policy LEGAL-3).',
  });

  const users = new cognito.UserPool(stack, 'Users', {
    passwordPolicy: {
      minLength: 14, requireDigits: true, requireLowercase: true, requireUppercase: true, requireSymbols: true,
    },
    mfa: cognito.Mfa.REQUIRED,
    mfaSecondFactor: { otp: true, sms: false },
    featurePlan: cognito.FeaturePlan.PLUS,
    standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
  });
  const paymentApiKey = new secretsmanager.Secret(stack, 'PaymentApiKey', { encryptionKey: key });
  // A business exception, written down where it applies: the audit report lists it with this reason.
  Validations.of(paymentApiKey).acknowledge({
    id: 'AwsSolutions-SMG4',
    reason: 'The payment provider issues this API key; it is rotated in the provider console (runbook PAY-7), '
      + 'not by a rotation Lambda.',
  });

  const orders = new SecureTable(stack, 'Orders', {
    partitionKey: { name: 'orderId', type: dynamodb.AttributeType.STRING },
    billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
  });
  const code = lambda.Code.fromAsset('handlers');
  // The API's functions get reserved concurrency: a request flood cannot take every other function's concurrency.
  const createOrder = new SecureFunction(stack, 'CreateOrder', {
    runtime: SecureFunction.newestRuntime(lambda.RuntimeFamily.NODEJS), handler: 'orders.createOrder', code, alarmAction,
    environment: { TABLE_NAME: orders.tableName }, reservedConcurrentExecutions: 20,
  });
  const getOrder = new SecureFunction(stack, 'GetOrder', {
    runtime: SecureFunction.newestRuntime(lambda.RuntimeFamily.NODEJS), handler: 'orders.getOrder', code, alarmAction,
    environment: { TABLE_NAME: orders.tableName }, reservedConcurrentExecutions: 20,
  });
  const processOrder = new SecureFunction(stack, 'ProcessOrder', {
    runtime: SecureFunction.newestRuntime(lambda.RuntimeFamily.NODEJS), handler: 'orders.processOrder', code, alarmAction,
    environment: { TABLE_NAME: orders.tableName },
    secrets: { PAYMENT_API_KEY_ARN: FunctionSecret.fromSecret(paymentApiKey) },
  });
  for (const fn of [createOrder, getOrder, processOrder]) {
    AuditAcknowledgements.of(fn).add({
      id: 'SLS-LAMBDA-CODE-SIGNING',
      reason: 'cdk deploy uploads the bundle unsigned and an enforcing code signing config would reject it; '
        + 'signing with AWS Signer in the pipeline is tracked in SEC-42.',
      ticket: 'SEC-42',
    });
  }
  // Exactly what each function does (grantWriteData would add the other write actions and kms:ReEncrypt*).
  orders.grant(createOrder, 'dynamodb:PutItem');
  orders.grant(getOrder, 'dynamodb:GetItem');
  orders.grant(processOrder, 'dynamodb:UpdateItem');
  key.grant(getOrder, 'kms:Decrypt');
  key.grant(createOrder, 'kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey');
  key.grant(processOrder, 'kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey');

  // OrderPlaced events from CreateOrder go through the default bus to the queue that ProcessOrder consumes.
  const bus = events.EventBus.fromEventBusName(stack, 'DefaultBus', 'default');
  bus.grantPutEventsTo(createOrder);
  const placed = new SecureQueue(stack, 'PlacedOrders');
  new SecureEventRule(stack, 'OrderPlaced', {
    eventPattern: { source: ['shop.orders'], detailType: ['OrderPlaced'] },
    targets: [new targets.SqsQueue(placed)],
  });
  placed.addConsumer(processOrder, {
    filters: [lambda.FilterCriteria.filter({ body: { 'detail-type': lambda.FilterRule.isEqual('OrderPlaced') } })],
  });

  const api = new SecureApi(stack, 'OrdersApi', {
    authorization: ApiAuthorization.cognito({ userPools: [users] }),
    corsAllowOrigins: [`https://${SITE_DOMAIN}`],
    alarmAction,
  });
  api.addRoute({
    path: '/orders',
    method: HttpMethod.POST,
    handler: createOrder,
    requestSchema: {
      type: apigateway.JsonSchemaType.OBJECT,
      additionalProperties: false,
      required: ['sku', 'quantity'],
      properties: {
        sku: { type: apigateway.JsonSchemaType.STRING, pattern: '^[A-Z0-9-]{4,32}$', maxLength: 32 },
        quantity: { type: apigateway.JsonSchemaType.INTEGER, minimum: 1, maximum: 100 },
      },
    },
  });
  // {orderId} is declared required and checked by the API's validator before GetOrder runs.
  api.addRoute({ path: '/orders/{orderId}', method: HttpMethod.GET, handler: getOrder });
  return stack;
}

if (require.main === module) {
  const app = new App();
  buildReferenceApp(app);
  // One line: our pack, cdk-nag's AwsSolutions and Serverless packs, and the JSON, Markdown and SARIF reports.
  SecureServerless.audit(app, { cdkNag: true });
}
