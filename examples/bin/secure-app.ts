// The same orders service as bin/insecure-app.ts, built from cdk-secure-serverless: every default is the secure
// one, the API authenticates and validates every request, secrets come by reference, and the audit (our pack plus
// cdk-nag's) runs on every `cdk synth`.
import { App, Stack, Validations } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as cloudwatch_actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sns from 'aws-cdk-lib/aws-sns';
import {
  ApiAuthorization, FunctionSecret, HttpMethod, SecureApi, SecureFunction, SecureServerless, StackKey,
} from 'cdk-secure-serverless';

const app = new App();
const stack = new Stack(app, 'SecureOrdersApp');
const key = StackKey.of(stack);

const alarms = new sns.Topic(stack, 'OpsAlarms', { masterKey: key, enforceSSL: true });
const paymentApiKey = new secretsmanager.Secret(stack, 'PaymentApiKey', { encryptionKey: key });
// An exception a real team would make, written down where it applies: it shows up in the audit report.
Validations.of(paymentApiKey).acknowledge({
  id: 'AwsSolutions-SMG4',
  reason: 'The payment provider issues this API key; it is rotated in the provider console (runbook PAY-7), not by a rotation Lambda.',
});
const table = new dynamodb.Table(stack, 'Orders', {
  partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
  encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
  encryptionKey: key,
  pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
});
const users = new cognito.UserPool(stack, 'Users', {
  passwordPolicy: { minLength: 14, requireDigits: true, requireLowercase: true, requireUppercase: true, requireSymbols: true },
  mfa: cognito.Mfa.REQUIRED,
  mfaSecondFactor: { otp: true, sms: false },
  advancedSecurityMode: cognito.AdvancedSecurityMode.ENFORCED,
  featurePlan: cognito.FeaturePlan.PLUS,
});

const createOrder = new SecureFunction(stack, 'CreateOrder', {
  runtime: lambda.Runtime.NODEJS_24_X,
  handler: 'orders.handler',
  code: lambda.Code.fromAsset('handlers'),
  environment: { TABLE_NAME: table.tableName },
  secrets: { PAYMENT_API_KEY_ARN: FunctionSecret.fromSecret(paymentApiKey) },
  alarmAction: new cloudwatch_actions.SnsAction(alarms),
});
// Exactly what writing an order needs: aws-cdk-lib's grantWriteData would add kms:ReEncrypt* and GenerateDataKey*.
table.grant(createOrder, 'dynamodb:PutItem');
key.grant(createOrder, 'kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey');

const api = new SecureApi(stack, 'OrdersApi', {
  authorization: ApiAuthorization.cognito({ userPools: [users] }),
  alarmAction: new cloudwatch_actions.SnsAction(alarms),
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

// One line: our pack, cdk-nag's AwsSolutions and Serverless packs, and the JSON, Markdown and SARIF reports in cdk.out.
SecureServerless.audit(app, { cdkNag: true });
