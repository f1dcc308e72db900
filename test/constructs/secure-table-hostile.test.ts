import { Duration, Lazy, RemovalPolicy, Stack, aws_dynamodb as dynamodb, aws_kms as kms, aws_lambda as lambda } from 'aws-cdk-lib';
import { expectCoded, testApp } from './construct-test-helpers';
import { SecureFunction, SecureTable } from '../../src/constructs';

const newStack = () => new Stack(testApp(), 'TestStack', { env: { account: '111111111111', region: 'eu-west-1' } });
const pk = { name: 'pk', type: dynamodb.AttributeType.STRING };

/** Hostile props of SecureTable: each a coded problem naming the prop, never a crash and never a pass. */
const HOSTILE: Array<[string, () => any, string, string]> = [
  ['props null', () => null, 'ST010', 'props'],
  ['props undefined', () => undefined, 'ST010', 'props'],
  ['partitionKey missing', () => ({}), 'ST010', 'partitionKey'],
  ['partitionKey null', () => ({ partitionKey: null }), 'ST010', 'partitionKey'],
  ['partitionKey name empty', () => ({ partitionKey: { name: '', type: dynamodb.AttributeType.STRING } }), 'ST013', 'partitionKey.name'],
  ['partitionKey name over 255 characters', () => ({ partitionKey: { name: 'k'.repeat(256), type: dynamodb.AttributeType.STRING } }), 'ST013', 'partitionKey.name'],
  ['partitionKey type missing', () => ({ partitionKey: { name: 'pk' } }), 'ST010', 'partitionKey.type'],
  ['sortKey type not an AttributeType', () => ({ partitionKey: pk, sortKey: { name: 'sk', type: 'STRING' } }), 'ST010', 'sortKey.type'],
  ['readCapacity on a PAY_PER_REQUEST table', () => ({ partitionKey: pk, billingMode: dynamodb.BillingMode.PAY_PER_REQUEST, readCapacity: 5 }), 'ST011', 'readCapacity'],
  ['readCapacity NaN', () => ({ partitionKey: pk, billingMode: dynamodb.BillingMode.PROVISIONED, readCapacity: NaN }), 'ST012', 'readCapacity'],
  ['writeCapacity zero', () => ({ partitionKey: pk, billingMode: dynamodb.BillingMode.PROVISIONED, writeCapacity: 0 }), 'ST012', 'writeCapacity'],
  ['writeCapacity fraction', () => ({ partitionKey: pk, billingMode: dynamodb.BillingMode.PROVISIONED, writeCapacity: 1.5 }), 'ST012', 'writeCapacity'],
  ['recoveryPeriodInDays zero', () => ({ partitionKey: pk, pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true, recoveryPeriodInDays: 0 } }), 'ST012', 'pointInTimeRecoverySpecification.recoveryPeriodInDays'],
  ['recoveryPeriodInDays 36', () => ({ partitionKey: pk, pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true, recoveryPeriodInDays: 36 } }), 'ST012', 'pointInTimeRecoverySpecification.recoveryPeriodInDays'],
  ['recoveryPeriodInDays a Lazy resolving to 90', () => ({ partitionKey: pk, pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true, recoveryPeriodInDays: Lazy.number({ produce: () => 90 }) } }), 'ST012', 'pointInTimeRecoverySpecification.recoveryPeriodInDays'],
  ['point-in-time recovery off', () => ({ partitionKey: pk, pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: false } }), 'ST002', 'pointInTimeRecoverySpecification'],
  ['tableName with a space', () => ({ partitionKey: pk, tableName: 'my table' }), 'ST013', 'tableName'],
  ['tableName of 2 characters', () => ({ partitionKey: pk, tableName: 'ab' }), 'ST013', 'tableName'],
  ['timeToLiveAttribute empty', () => ({ partitionKey: pk, timeToLiveAttribute: '' }), 'ST013', 'timeToLiveAttribute'],
  ['replicationRegions with the customer-managed key', () => ({ partitionKey: pk, replicationRegions: ['us-east-1'] }), 'ST011', 'replicationRegions'],
  ['encryption AWS-managed', () => ({ partitionKey: pk, encryption: dynamodb.TableEncryption.AWS_MANAGED }), 'ST001', 'encryption'],
  ['deletionProtection false', () => ({ partitionKey: pk, deletionProtection: false }), 'ST003', 'deletionProtection'],
  ['removalPolicy DESTROY', () => ({ partitionKey: pk, removalPolicy: RemovalPolicy.DESTROY }), 'ST004', 'removalPolicy'],
];

describe('SecureTable hostile props: a coded error naming the prop, never a crash or a pass', () => {
  test.each(HOSTILE)('%s', (_name, props, code, prop) => {
    const error = expectCoded(() => new SecureTable(newStack(), 'T', props()), code);
    expect(error.problems.filter((p) => p.code === code).map((p) => p.prop)).toContain(prop);
    expect(error.message).toContain(`[${code}] TestStack/T: ${prop}`);
  });

  const setup = () => {
    const stack = newStack();
    const table = new SecureTable(stack, 'T', { partitionKey: pk, stream: dynamodb.StreamViewType.NEW_IMAGE, encryptionKey: new kms.Key(stack, 'K', { enableKeyRotation: true }) });
    const fn = new SecureFunction(stack, 'Fn', { runtime: lambda.Runtime.NODEJS_24_X, handler: 'index.handler', code: lambda.Code.fromInline('x') });
    return { table, fn };
  };
  test.each([
    ['retryAttempts NaN', { retryAttempts: NaN }, 'ST007'],
    ['retryAttempts -1 (infinite)', { retryAttempts: -1 }, 'ST007'],
    ['retryAttempts a Lazy resolving to -1', { retryAttempts: Lazy.number({ produce: () => -1 }) }, 'ST007'],
    ['maxRecordAge fraction of a second', { maxRecordAge: Duration.millis(90_500) }, 'ST008'],
    ['maxRecordAge over 24 hours', { maxRecordAge: Duration.hours(25) }, 'ST008'],
    ['batchSize zero', { batchSize: 0 }, 'ST012'],
    ['batchSize over 10000', { batchSize: 10_001 }, 'ST012'],
    ['maxBatchingWindow over 5 minutes', { maxBatchingWindow: Duration.minutes(6) }, 'ST012'],
    ['parallelizationFactor 11', { parallelizationFactor: 11 }, 'ST012'],
    ['parallelizationFactor NaN', { parallelizationFactor: NaN }, 'ST012'],
    ['filters not a list', { filters: 'INSERT' }, 'ST012'],
    ['onFailure not a destination', { onFailure: {} }, 'ST012'],
    ['startingPosition AT_TIMESTAMP', { startingPosition: lambda.StartingPosition.AT_TIMESTAMP }, 'ST009'],
    ['unfilteredJustification repeating one character', { unfilteredJustification: 'x'.repeat(40) }, 'ST006'],
  ])('stream consumer: %s', (_name, options, code) => {
    const { table, fn } = setup();
    expectCoded(() => table.addStreamConsumer(fn, options as any), code);
  });

  test('stream consumer: null function', () => {
    expectCoded(() => setup().table.addStreamConsumer(null as any), 'ST012');
  });
});
