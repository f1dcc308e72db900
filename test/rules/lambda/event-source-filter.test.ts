import { Fn } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as kinesis from 'aws-cdk-lib/aws-kinesis';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sources from 'aws-cdk-lib/aws-lambda-event-sources';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { VerdictKind } from '../../../src/core/rule';
import { LambdaEventSourceFilterRule } from '../../../src/rules/lambda/event-source-filter';
import { checkRule, newStack } from '../rule-test-helpers';
import { newCfnFunction, newFunction, Scenario, summary } from './lambda-test-helpers';

const rule = new LambdaEventSourceFilterRule();
const V = VerdictKind.VIOLATION;
const ORDER_CREATED = lambda.FilterCriteria.filter({ body: { type: lambda.FilterRule.isEqual('OrderCreated') } });

function table(scope: any): dynamodb.Table {
  return new dynamodb.Table(scope, 'Table', {
    partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING }, stream: dynamodb.StreamViewType.NEW_IMAGE,
  });
}

describe('SLS-LAMBDA-EVENT-SOURCE-FILTER', () => {
  test.each<Scenario>([
    ['L2 SQS source with a filter', (s) => newFunction(s).addEventSource(new sources.SqsEventSource(new sqs.Queue(s, 'Q'), { filters: [ORDER_CREATED] }))],
    ['L2 DynamoDB stream with a filter', (s) => newFunction(s).addEventSource(new sources.DynamoEventSource(table(s), {
      startingPosition: lambda.StartingPosition.LATEST, filters: [lambda.FilterCriteria.filter({ eventName: lambda.FilterRule.isEqual('INSERT') })],
    }))],
    ['L1 mapping of an imported queue ARN with a filter', (s) => new lambda.CfnEventSourceMapping(s, 'Mapping', {
      functionName: newCfnFunction(s).ref,
      eventSourceArn: Fn.importValue('QueueArn'),
      filterCriteria: { filters: [{ pattern: '{"body":{"type":["OrderCreated"]}}' }] },
    })],
  ])('compliant: %s', (_name, build) => {
    const stack = newStack();
    build(stack);
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test.each<[string, Scenario[1], RegExp]>([
    ['L2 SQS source without filter', (s) => newFunction(s).addEventSource(new sources.SqsEventSource(new sqs.Queue(s, 'Q'))), /SQS/],
    ['L2 Kinesis source without filter', (s) => newFunction(s).addEventSource(new sources.KinesisEventSource(new kinesis.Stream(s, 'S'), {
      startingPosition: lambda.StartingPosition.LATEST,
    })), /Kinesis/],
    ['L2 DynamoDB stream without filter', (s) => newFunction(s).addEventSource(new sources.DynamoEventSource(table(s), {
      startingPosition: lambda.StartingPosition.LATEST,
    })), /DynamoDB/],
    ['L1 mapping of a literal queue ARN without filter', (s) => new lambda.CfnEventSourceMapping(s, 'Mapping', {
      functionName: newCfnFunction(s).ref, eventSourceArn: 'arn:aws:sqs:eu-west-1:111122223333:orders',
    }), /SQS/],
  ])('non-compliant: %s', (_name, build, detail) => {
    const stack = newStack();
    build(stack);
    const results = checkRule(rule, stack);
    expect(summary(results)).toEqual([{ kind: V }]);
    expect(results[0].detail).toMatch(detail);
  });

  test.each<Scenario>([
    ['a function without mapping', (s) => newFunction(s)],
    ['a Kafka mapping', (s) => new lambda.CfnEventSourceMapping(s, 'Mapping', {
      functionName: newCfnFunction(s).ref, eventSourceArn: 'arn:aws:kafka:eu-west-1:111122223333:cluster/c/1', topics: ['orders'],
    })],
  ])('not applicable: %s', (_name, build) => {
    const stack = newStack();
    build(stack);
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test('token: an unfiltered mapping of an imported source is undecidable', () => {
    const stack = newStack();
    new lambda.CfnEventSourceMapping(stack, 'Mapping', { functionName: newCfnFunction(stack).ref, eventSourceArn: Fn.importValue('SourceArn') });
    const results = checkRule(rule, stack);
    expect(summary(results)).toEqual([{ kind: VerdictKind.UNDECIDABLE }]);
    expect(results[0].detail).toMatch(/Fn::ImportValue/);
  });

  test('raw override: removing the filter is reported', () => {
    const stack = newStack();
    const fn = newFunction(stack);
    const source = new sources.SqsEventSource(new sqs.Queue(stack, 'Q'), { filters: [ORDER_CREATED] });
    fn.addEventSource(source);
    const mapping = fn.node.findAll().find((c) => c instanceof lambda.CfnEventSourceMapping) as lambda.CfnEventSourceMapping;
    mapping.addPropertyDeletionOverride('FilterCriteria');
    expect(summary(checkRule(rule, stack))).toEqual([{ kind: V }]);
  });

  test('raw override: adding a filter fixes it', () => {
    const stack = newStack();
    const mapping = new lambda.CfnEventSourceMapping(stack, 'Mapping', {
      functionName: newCfnFunction(stack).ref, eventSourceArn: new sqs.Queue(stack, 'Q').queueArn,
    });
    mapping.addPropertyOverride('FilterCriteria.Filters', [{ Pattern: '{"body":{"type":["OrderCreated"]}}' }]);
    expect(checkRule(rule, stack)).toEqual([]);
  });
});
