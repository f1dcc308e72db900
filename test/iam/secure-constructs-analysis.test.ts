import { Stack } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sns from 'aws-cdk-lib/aws-sns';
import { findingsOf } from './iam-test-helpers';
import { StackKey } from '../../src/constructs/common/stack-key';
import { FunctionSecret } from '../../src/constructs/secure-function/function-secret';
import { SecureFunction } from '../../src/constructs/secure-function/secure-function';
import { EffectivePermissions } from '../../src/iam/effective-permissions';
import { testApp } from '../constructs/construct-test-helpers';
import { viewOf } from '../rules/rule-test-helpers';

/** Dogfood: an orders stack like the reference example app's (examples/bin/reference-app.ts), built from the library's own constructs. */
describe('the Secure constructs raise no least-privilege finding', () => {
  test('the secure orders app: SecureFunction with a secret, a table grant and the stack key', () => {
    // TableV2 with a customer-managed key needs a region-bound stack, as the example app deploys to one.
    const stack = new Stack(testApp(), 'Stack', {
      env: { account: '123456789012', region: 'eu-west-1' },
    });
    const key = StackKey.of(stack);
    new sns.Topic(stack, 'OpsAlarms', { masterKey: key, enforceSSL: true });
    const paymentApiKey = new secretsmanager.Secret(stack, 'PaymentApiKey', { encryptionKey: key });
    const table = new dynamodb.TableV2(stack, 'Orders', {
      partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
      encryption: dynamodb.TableEncryptionV2.customerManagedKey(key),
    });
    const orders = new SecureFunction(stack, 'OrdersFunction', {
      runtime: lambda.Runtime.NODEJS_24_X,
      handler: 'orders.handler',
      code: lambda.Code.fromInline('exports.handler = async () => ({})'),
      environment: { TABLE_NAME: table.tableName },
      secrets: { PAYMENT_API_KEY_ARN: FunctionSecret.fromSecret(paymentApiKey) },
    });
    table.grantReadWriteData(orders);

    const view = viewOf(stack);
    expect(findingsOf(view)).toEqual([]);
    const [perms] = EffectivePermissions.ofFunctions(view);
    // Everything on named resources, except the X-Ray trace upload AWS only authorises on "*".
    expect(perms.services.map((s) => [s.service, s.resourceScope])).toEqual([
      ['dynamodb', 'specific'], ['kms', 'specific'], ['logs', 'specific'], ['secretsmanager', 'specific'], ['sqs', 'specific'],
      ['xray', 'all'],
    ]);
    expect(perms.services.find((s) => s.service === 'xray')!.actions).toEqual(['xray:PutTelemetryRecords', 'xray:PutTraceSegments']);
    expect(perms.awsManagedPolicies).toEqual([]);
    expect(perms.unknownReasons).toEqual([]);
  });
});
