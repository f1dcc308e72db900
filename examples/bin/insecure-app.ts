// An app written with plain aws-cdk-lib the way many serverless apps are written: it works, and it is open.
// Adding the audit takes one line (see the end); `cdk synth` then fails and lists every violation.
import { App, Duration, Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { SecureServerless } from 'cdk-secure-serverless';

const app = new App();
const stack = new Stack(app, 'InsecureOrdersApp');

const orders = new lambda.Function(stack, 'OrdersFunction', {
  runtime: lambda.Runtime.NODEJS_20_X, // deprecated since 2026-04-30
  handler: 'orders.handler',
  code: lambda.Code.fromAsset('handlers'),
  timeout: Duration.seconds(10),
  environment: {
    DB_PASSWORD: 'hunter2-correct-horse-battery', // a secret in plain configuration
    PAYMENT_API_KEY: 'sk_live_51H8fWbJq2nX9vK3mT7pL0aQ',
  },
});
// A wildcard grant "to make it work".
orders.addToRolePolicy(new iam.PolicyStatement({ actions: ['dynamodb:*'], resources: ['*'] }));
// A public function URL.
orders.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE });

const api = new apigateway.RestApi(stack, 'OrdersApi', {
  deployOptions: { dataTraceEnabled: true, loggingLevel: apigateway.MethodLoggingLevel.INFO },
  cloudWatchRole: false,
});
// No authorizer, no request model, no validator: any body reaches the function.
api.root.addResource('orders').addMethod('POST', new apigateway.LambdaIntegration(orders));

new sqs.Queue(stack, 'OrderEvents', { encryption: sqs.QueueEncryption.UNENCRYPTED });

// The one line that turns the audit on (with its JSON, Markdown and SARIF reports in the output folder).
SecureServerless.audit(app);
