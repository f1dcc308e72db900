import { CfnParameter, Duration, Lazy, Stack, aws_lambda as lambda, aws_sqs as sqs } from 'aws-cdk-lib';
import { expectCoded, testApp } from './construct-test-helpers';
import { SecureFunction, SecureQueue, SecureQueueProps } from '../../src/constructs';

const newStack = () => new Stack(testApp(), 'TestStack');

/** Hostile props of SecureQueue: each a coded problem naming the prop, never a crash and never a pass. */
const HOSTILE: Array<[string, (s: Stack) => any, string, string]> = [
  ['maxReceiveCount NaN', () => ({ maxReceiveCount: NaN }), 'SQ003', 'maxReceiveCount'],
  ['maxReceiveCount zero', () => ({ maxReceiveCount: 0 }), 'SQ003', 'maxReceiveCount'],
  ['maxReceiveCount negative', () => ({ maxReceiveCount: -3 }), 'SQ003', 'maxReceiveCount'],
  ['maxReceiveCount fraction', () => ({ maxReceiveCount: 2.5 }), 'SQ003', 'maxReceiveCount'],
  ['maxReceiveCount Infinity', () => ({ maxReceiveCount: Infinity }), 'SQ003', 'maxReceiveCount'],
  ['maxReceiveCount a Lazy resolving to 0', () => ({ maxReceiveCount: Lazy.number({ produce: () => 0 }) }), 'SQ003', 'maxReceiveCount'],
  ['deadLetterQueue.maxReceiveCount zero', (s) => ({ deadLetterQueue: { queue: new sqs.Queue(s, 'D'), maxReceiveCount: 0 } }), 'SQ003', 'deadLetterQueue.maxReceiveCount'],
  ['deadLetterQueue without a queue', () => ({ deadLetterQueue: { queue: null, maxReceiveCount: 3 } }), 'SQ010', 'deadLetterQueue.queue'],
  ['standard dead-letter queue for a FIFO queue', (s) => ({ fifo: true, deadLetterQueue: { queue: new sqs.Queue(s, 'D'), maxReceiveCount: 3 } }), 'SQ010', 'deadLetterQueue.queue'],
  ['retentionPeriod NaN', () => ({ retentionPeriod: Duration.seconds(NaN) }), 'SQ004', 'retentionPeriod'],
  ['retentionPeriod under a minute', () => ({ retentionPeriod: Duration.seconds(59) }), 'SQ004', 'retentionPeriod'],
  ['retentionPeriod fraction of a second', () => ({ retentionPeriod: Duration.millis(90_500) }), 'SQ004', 'retentionPeriod'],
  ['retentionPeriod over 14 days', () => ({ retentionPeriod: Duration.days(15) }), 'SQ004', 'retentionPeriod'],
  ['retentionPeriod a number', () => ({ retentionPeriod: 3600 }), 'SQ004', 'retentionPeriod'],
  ['visibilityTimeout over 12 hours', () => ({ visibilityTimeout: Duration.hours(13) }), 'SQ005', 'visibilityTimeout'],
  ['visibilityTimeout Infinity', () => ({ visibilityTimeout: Duration.seconds(Infinity) }), 'SQ005', 'visibilityTimeout'],
  ['visibilityTimeout a deploy-time value in minutes', (s) => ({ visibilityTimeout: Duration.minutes(new CfnParameter(s, 'V', { type: 'Number' }).valueAsNumber) }), 'SQ005', 'visibilityTimeout'],
  ['deliveryDelay over 15 minutes', () => ({ deliveryDelay: Duration.minutes(16) }), 'SQ010', 'deliveryDelay'],
  ['receiveMessageWaitTime over 20 seconds', () => ({ receiveMessageWaitTime: Duration.seconds(21) }), 'SQ010', 'receiveMessageWaitTime'],
  ['dataKeyReuse under a minute', () => ({ dataKeyReuse: Duration.seconds(30) }), 'SQ010', 'dataKeyReuse'],
  ['maxMessageSizeBytes too small', () => ({ maxMessageSizeBytes: 100 }), 'SQ010', 'maxMessageSizeBytes'],
  ['maxMessageSizeBytes NaN', () => ({ maxMessageSizeBytes: NaN }), 'SQ010', 'maxMessageSizeBytes'],
  ['queueName with a space', () => ({ queueName: 'my queue' }), 'SQ010', 'queueName'],
  ['queueName empty', () => ({ queueName: '' }), 'SQ010', 'queueName'],
  ['queueName over 80 characters', () => ({ queueName: 'q'.repeat(81) }), 'SQ010', 'queueName'],
  ['FIFO queue name without .fifo', () => ({ fifo: true, queueName: 'orders' }), 'SQ010', 'queueName'],
  ['contentBasedDeduplication on a standard queue', () => ({ contentBasedDeduplication: true }), 'SQ010', 'contentBasedDeduplication'],
  ['encryption SQS-managed', () => ({ encryption: sqs.QueueEncryption.SQS_MANAGED }), 'SQ001', 'encryption'],
  ['encryption unencrypted', () => ({ encryption: sqs.QueueEncryption.UNENCRYPTED }), 'SQ001', 'encryption'],
  ['enforceSSL false', () => ({ enforceSSL: false }), 'SQ002', 'enforceSSL'],
];

describe('SecureQueue hostile props: a coded error naming the prop, never a crash or a pass', () => {
  test.each(HOSTILE)('%s', (_name, props, code, prop) => {
    const stack = newStack();
    const error = expectCoded(() => new SecureQueue(stack, 'Q', props(stack) as SecureQueueProps), code);
    expect(error.problems.filter((p) => p.code === code).map((p) => p.prop)).toContain(prop);
    expect(error.message).toContain(`[${code}] TestStack/Q: ${prop}`);
  });

  test('null props from JavaScript are no props (every prop is optional)', () => {
    expect(() => new SecureQueue(newStack(), 'Q', null as any)).not.toThrow();
  });

  const consumer = (s: Stack) => new SecureFunction(s, 'Fn', {
    runtime: lambda.Runtime.NODEJS_24_X, handler: 'index.handler', code: lambda.Code.fromInline('x'),
  });
  test.each([
    ['batchSize zero', { batchSize: 0 }, 'SQ009'],
    ['batchSize NaN', { batchSize: NaN }, 'SQ009'],
    ['batchSize over 10 without a batching window', { batchSize: 11 }, 'SQ009'],
    ['batchSize fraction', { batchSize: 2.5 }, 'SQ009'],
    ['maxBatchingWindow over 5 minutes', { maxBatchingWindow: Duration.minutes(6) }, 'SQ009'],
    ['maxConcurrency 1', { maxConcurrency: 1 }, 'SQ009'],
    ['maxConcurrency over 1000', { maxConcurrency: 1001 }, 'SQ009'],
    ['filters not a list', { filters: { body: 'x' } }, 'SQ009'],
    ['unfilteredJustification of spaces', { unfilteredJustification: '            ' }, 'SQ007'],
    ['unfilteredJustification of zero-width characters', { unfilteredJustification: '\u200b\u200c'.repeat(10) }, 'SQ007'],
  ])('consumer: %s', (_name, options, code) => {
    const stack = newStack();
    const queue = new SecureQueue(stack, 'Q');
    expectCoded(() => queue.addConsumer(consumer(stack), options as any), code);
  });

  test('consumer: null function', () => {
    const queue = new SecureQueue(newStack(), 'Q');
    expectCoded(() => queue.addConsumer(null as any), 'SQ009');
  });
});
