import { Fn } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as kinesis from 'aws-cdk-lib/aws-kinesis';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sources from 'aws-cdk-lib/aws-lambda-event-sources';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { VerdictKind } from '../../../src/core/rule';
import { LambdaEventSourceFailureRule } from '../../../src/rules/lambda/event-source-failure';
import { checkRule, newStack } from '../rule-test-helpers';
import { newCfnFunction, newFunction, Scenario, summary } from './lambda-test-helpers';

const rule = new LambdaEventSourceFailureRule();
const V = VerdictKind.VIOLATION;
const U = VerdictKind.UNDECIDABLE;

function streamSource(scope: any, props: Partial<sources.KinesisEventSourceProps> = {}): sources.KinesisEventSource {
  return new sources.KinesisEventSource(new kinesis.Stream(scope, 'Stream'), { startingPosition: lambda.StartingPosition.LATEST, ...props });
}

describe('SLS-LAMBDA-EVENT-SOURCE-FAILURE', () => {
  test.each<Scenario>([
    ['L2 Kinesis source with an on-failure destination', (s) => newFunction(s).addEventSource(streamSource(s, {
      onFailure: new sources.SqsDlq(new sqs.Queue(s, 'Failed')),
    }))],
    ['L2 DynamoDB stream with an on-failure destination', (s) => newFunction(s).addEventSource(new sources.DynamoEventSource(
      new dynamodb.Table(s, 'Table', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING }, stream: dynamodb.StreamViewType.KEYS_ONLY }),
      { startingPosition: lambda.StartingPosition.LATEST, onFailure: new sources.SqsDlq(new sqs.Queue(s, 'Failed')) },
    ))],
    ['L2 SQS source whose queue has a dead-letter queue', (s) => newFunction(s).addEventSource(new sources.SqsEventSource(
      new sqs.Queue(s, 'Q', { deadLetterQueue: { queue: new sqs.Queue(s, 'Dlq'), maxReceiveCount: 3 } }),
    ))],
    ['L1 SQS mapping whose queue has a redrive policy as a JSON string', (s) => {
      const queue = new sqs.CfnQueue(s, 'Q');
      queue.addPropertyOverride('RedrivePolicy', '{"deadLetterTargetArn":"arn:aws:sqs:eu-west-1:111122223333:dlq","maxReceiveCount":3}');
      new lambda.CfnEventSourceMapping(s, 'Mapping', { functionName: newCfnFunction(s).ref, eventSourceArn: queue.attrArn });
    }],
  ])('compliant: %s', (_name, build) => {
    const stack = newStack();
    build(stack);
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test.each<[string, Scenario[1], RegExp]>([
    ['L2 Kinesis source without on-failure destination', (s) => newFunction(s).addEventSource(streamSource(s)), /Kinesis stream mapping/],
    ['L2 SQS source whose queue has no dead-letter queue', (s) => newFunction(s).addEventSource(new sources.SqsEventSource(new sqs.Queue(s, 'Q'))),
      /Queue Q\w+ has no redrive policy/],
    ['L1 DynamoDB mapping of a literal stream ARN without destination', (s) => new lambda.CfnEventSourceMapping(s, 'Mapping', {
      functionName: newCfnFunction(s).ref,
      startingPosition: 'LATEST',
      eventSourceArn: 'arn:aws:dynamodb:eu-west-1:111122223333:table/orders/stream/2024-01-01T00:00:00.000',
    }), /DynamoDB stream mapping/],
  ])('non-compliant: %s', (_name, build, detail) => {
    const stack = newStack();
    build(stack);
    const results = checkRule(rule, stack);
    expect(summary(results)).toEqual([{ kind: V }]);
    expect(results[0].detail).toMatch(detail);
  });

  test.each<Scenario>([
    ['a function without mapping', (s) => newFunction(s)],
    ['an Amazon MQ mapping', (s) => new lambda.CfnEventSourceMapping(s, 'Mapping', {
      functionName: newCfnFunction(s).ref, eventSourceArn: 'arn:aws:mq:eu-west-1:111122223333:broker:b:b-1', queues: ['orders'],
    })],
  ])('not applicable: %s', (_name, build) => {
    const stack = newStack();
    build(stack);
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test.each<[string, Scenario[1], RegExp]>([
    ['a source imported from another stack', (s) => new lambda.CfnEventSourceMapping(s, 'Mapping', {
      functionName: newCfnFunction(s).ref, eventSourceArn: Fn.importValue('SourceArn'),
    }), /Fn::ImportValue/],
    ['a queue outside this stack', (s) => newFunction(s).addEventSource(new sources.SqsEventSource(
      sqs.Queue.fromQueueArn(s, 'Q', 'arn:aws:sqs:eu-west-1:111122223333:orders'),
    )), /orders has a dead-letter queue is not known.*a queue outside this stack/],
  ])('token: %s is undecidable', (_name, build, reason) => {
    const stack = newStack();
    build(stack);
    const results = checkRule(rule, stack);
    expect(summary(results)).toEqual([{ kind: U }]);
    expect(results[0].detail).toMatch(reason);
  });

  test('raw override: removing the on-failure destination is reported', () => {
    const stack = newStack();
    const fn = newFunction(stack);
    fn.addEventSource(streamSource(stack, { onFailure: new sources.SqsDlq(new sqs.Queue(stack, 'Failed')) }));
    const mapping = fn.node.findAll().find((c) => c instanceof lambda.CfnEventSourceMapping) as lambda.CfnEventSourceMapping;
    mapping.addPropertyDeletionOverride('DestinationConfig');
    expect(summary(checkRule(rule, stack))).toEqual([{ kind: V }]);
  });

  test('raw override: a redrive policy added to the queue fixes it', () => {
    const stack = newStack();
    const queue = new sqs.Queue(stack, 'Q');
    newFunction(stack).addEventSource(new sources.SqsEventSource(queue));
    (queue.node.defaultChild as sqs.CfnQueue).addPropertyOverride('RedrivePolicy', {
      deadLetterTargetArn: new sqs.Queue(stack, 'Dlq').queueArn, maxReceiveCount: 3,
    });
    expect(checkRule(rule, stack)).toEqual([]);
  });
});
