import { Duration } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { findingsOf, newFunction } from './iam-test-helpers';
import { PermissionFindingKind as K } from '../../src/iam/permission-finding';
import { newStack } from '../rules/rule-test-helpers';

/**
 * Every aws-cdk-lib grant method on a named resource is least privilege and must produce no finding (cdk-nag's IAM5
 * raises one per wildcard in them). Each case asserts the complete list of findings for the whole stack.
 */
describe('aws-cdk-lib grants on named resources produce no finding', () => {
  const cases: Array<[string, (stack: ReturnType<typeof newStack>, fn: lambda.Function) => void]> = [
    ['s3 bucket.grantRead', (stack, fn) => new s3.Bucket(stack, 'B').grantRead(fn)],
    ['s3 bucket.grantReadWrite', (stack, fn) => new s3.Bucket(stack, 'B').grantReadWrite(fn)],
    ['s3 bucket.grantPut', (stack, fn) => new s3.Bucket(stack, 'B').grantPut(fn)],
    ['s3 bucket.grantDelete', (stack, fn) => new s3.Bucket(stack, 'B').grantDelete(fn)],
    ['s3 imported bucket.grantReadWrite', (stack, fn) => s3.Bucket.fromBucketName(stack, 'B', 'my-data').grantReadWrite(fn)],
    ['s3 KMS-encrypted bucket.grantReadWrite', (stack, fn) =>
      new s3.Bucket(stack, 'B', { encryption: s3.BucketEncryption.KMS, enforceSSL: true }).grantReadWrite(fn)],
    ['dynamodb table.grantReadData', (stack, fn) => newTable(stack).grantReadData(fn)],
    ['dynamodb table.grantReadWriteData', (stack, fn) => newTable(stack).grantReadWriteData(fn)],
    ['dynamodb table with index and stream grantReadWriteData + grantStreamRead', (stack, fn) => {
      const table = newTable(stack, { stream: dynamodb.StreamViewType.NEW_IMAGE });
      table.addGlobalSecondaryIndex({ indexName: 'byType', partitionKey: { name: 't', type: dynamodb.AttributeType.STRING } });
      table.grantReadWriteData(fn);
      table.grantStreamRead(fn);
    }],
    ['sqs queue.grantSendMessages', (stack, fn) => new sqs.Queue(stack, 'Q').grantSendMessages(fn)],
    ['sqs queue.grantConsumeMessages', (stack, fn) => new sqs.Queue(stack, 'Q').grantConsumeMessages(fn)],
    ['sqs queue.grantPurge', (stack, fn) => new sqs.Queue(stack, 'Q').grantPurge(fn)],
    ['sns topic.grantPublish', (stack, fn) => new sns.Topic(stack, 'T').grantPublish(fn)],
    ['kms key.grantDecrypt', (stack, fn) => new kms.Key(stack, 'K').grantDecrypt(fn)],
    ['kms key.grantEncryptDecrypt', (stack, fn) => new kms.Key(stack, 'K').grantEncryptDecrypt(fn)],
    ['secrets manager secret.grantRead', (stack, fn) => new secretsmanager.Secret(stack, 'S').grantRead(fn)],
    ['secrets manager fromSecretNameV2.grantRead', (stack, fn) =>
      secretsmanager.Secret.fromSecretNameV2(stack, 'S', 'prod/db').grantRead(fn)],
    ['lambda otherFunction.grantInvoke', (stack, fn) => newFunction(stack, 'Other').grantInvoke(fn)],
    ['iam role.grantPassRole', (stack, fn) =>
      new iam.Role(stack, 'R', { assumedBy: new iam.ServicePrincipal('states.amazonaws.com') }).grantPassRole(fn.role!)],
    ['iam role.grantAssumeRole', (stack, fn) =>
      new iam.Role(stack, 'R', { assumedBy: new iam.AccountRootPrincipal() }).grantAssumeRole(fn.role!)],
    ['log group.grantWrite', (stack, fn) => new logs.LogGroup(stack, 'L').grantWrite(fn)],
    ['event bus.grantPutEventsTo', (stack, fn) => new events.EventBus(stack, 'Bus').grantPutEventsTo(fn)],
    ['active tracing (X-Ray on Resource "*")', (stack) => newFunction(stack, 'Traced', { tracing: lambda.Tracing.ACTIVE })],
    ['a function in a VPC-less stack with a dead-letter queue', (stack) =>
      newFunction(stack, 'WithDlq', { deadLetterQueue: new sqs.Queue(stack, 'Dlq'), timeout: Duration.seconds(5) })],
    ['sns topic subscribed by an sqs queue (policy scoped by aws:SourceArn)', (stack) =>
      new sns.Topic(stack, 'T').addSubscription(new subscriptions.SqsSubscription(new sqs.Queue(stack, 'Q')))],
    ['sns topic subscribed by a function (permission scoped by SourceArn)', (stack, fn) =>
      new sns.Topic(stack, 'T').addSubscription(new subscriptions.LambdaSubscription(fn))],
    ['a bucket with enforceSSL (Deny statement to "*")', (stack) => new s3.Bucket(stack, 'B', { enforceSSL: true })],
    ['a function granted to an account principal', (_stack, fn) => fn.grantInvoke(new iam.AccountRootPrincipal())],
  ];

  test.each(cases)('%s', (_name, grant) => {
    const stack = newStack();
    const fn = newFunction(stack);
    grant(stack, fn);
    expect(findingsOf(stack)).toEqual([]);
  });
});

describe('aws-cdk-lib grants that are broader than a single action', () => {
  test('table.grantFullAccess: every DynamoDB action on the one table, reported once as a service wildcard', () => {
    const stack = newStack();
    newTable(stack).grantFullAccess(newFunction(stack));
    expect(findingsOf(stack)).toEqual([{ type: 'AWS::IAM::Policy', kind: K.SERVICE_WILDCARD, findingId: 'dynamodb:*' }]);
  });

  test('fn.grantInvoke to an AWS service without a source is a confused-deputy finding on the permission', () => {
    const stack = newStack();
    newFunction(stack).grantInvoke(new iam.ServicePrincipal('events.amazonaws.com'));
    expect(findingsOf(stack)).toEqual([
      { type: 'AWS::Lambda::Permission', kind: K.RESOURCE_POLICY_SERVICE_UNSCOPED, findingId: 'Permission' },
    ]);
  });

  test('queue.grantSendMessages to an AWS service without a source condition is a finding on the queue policy', () => {
    const stack = newStack();
    new sqs.Queue(stack, 'Q').grantSendMessages(new iam.ServicePrincipal('sns.amazonaws.com'));
    expect(findingsOf(stack)).toEqual([
      { type: 'AWS::SQS::QueuePolicy', kind: K.RESOURCE_POLICY_SERVICE_UNSCOPED, findingId: 'Statement0' },
    ]);
  });

  test('topic.grantPublish to anyone is a public resource policy', () => {
    const stack = newStack();
    new sns.Topic(stack, 'T').grantPublish(new iam.AnyPrincipal());
    expect(findingsOf(stack)).toEqual([{ type: 'AWS::SNS::TopicPolicy', kind: K.RESOURCE_POLICY_PUBLIC, findingId: '0' }]);
  });

  test('the same grant to anyone in the organization is scoped and not a finding', () => {
    const stack = newStack();
    new sns.Topic(stack, 'T').grantPublish(new iam.OrganizationPrincipal('o-abc123def45'));
    expect(findingsOf(stack)).toEqual([]);
  });
});

function newTable(stack: ReturnType<typeof newStack>, props: Partial<dynamodb.TableProps> = {}): dynamodb.Table {
  return new dynamodb.Table(stack, 'Table', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING }, ...props });
}
