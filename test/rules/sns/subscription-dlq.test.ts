import { CfnParameter, Fn, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { SecureTopic } from '../../../src/constructs';
import { VerdictKind } from '../../../src/core';

import { SnsSubscriptionDlqRule } from '../../../src/rules/sns';
import { checkRule, newStack, undecidedCondition } from '../rule-test-helpers';

const rule = new SnsSubscriptionDlqRule();
const code = lambda.Code.fromInline('exports.handler = async () => ({});');
const fn = (stack: Stack) => new lambda.Function(stack, 'Fn', { runtime: lambda.Runtime.NODEJS_24_X, handler: 'index.handler', code });
const firehoseArn = 'arn:aws:firehose:us-east-1:111111111111:deliverystream/s';
const l1 = (stack: Stack, protocol: string, redrivePolicy?: any) => new sns.CfnSubscription(stack, 'S', {
  topicArn: new sns.Topic(stack, 'T').topicArn,
  protocol,
  endpoint: protocol === 'firehose' ? firehoseArn : 'https://example.com/hook',
  subscriptionRoleArn: protocol === 'firehose' ? 'arn:aws:iam::111111111111:role/sns-firehose' : undefined,
  redrivePolicy,
});

describe('SLS-SNS-SUBSCRIPTION-DLQ', () => {
  test.each<[string, (stack: Stack) => void]>([
    ['SqsSubscription with deadLetterQueue', (stack) => new sns.Topic(stack, 'T').addSubscription(
      new subscriptions.SqsSubscription(new sqs.Queue(stack, 'Q'), { deadLetterQueue: new sqs.Queue(stack, 'Dlq') }))],
    ['LambdaSubscription with deadLetterQueue', (stack) => new sns.Topic(stack, 'T').addSubscription(
      new subscriptions.LambdaSubscription(fn(stack), { deadLetterQueue: new sqs.Queue(stack, 'Dlq') }))],
    ['UrlSubscription (https) with deadLetterQueue', (stack) => new sns.Topic(stack, 'T').addSubscription(
      new subscriptions.UrlSubscription('https://example.com/hook', { deadLetterQueue: new sqs.Queue(stack, 'Dlq') }))],
    ['SecureTopic addQueueSubscription and addFunctionSubscription (the topic\'s dead-letter queue)', (stack) => {
      const topic = new SecureTopic(stack, 'T');
      topic.addQueueSubscription(new sqs.Queue(stack, 'Q'));
      topic.addFunctionSubscription(fn(stack));
    }],
    ['an L1 firehose subscription with RedrivePolicy as a JSON string built with Fn::Join', (stack) => {
      const dlq = new sqs.Queue(stack, 'Dlq');
      l1(stack, 'firehose', Fn.join('', ['{"deadLetterTargetArn":"', dlq.queueArn, '"}']));
    }],
    ['a deadLetterTargetArn from a parameter (a queue the rule cannot see, but set)', (stack) => {
      l1(stack, 'http', { deadLetterTargetArn: new CfnParameter(stack, 'DlqArn').valueAsString });
    }],
  ])('compliant: %s', (_name, build) => {
    const stack = newStack();
    build(stack);
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test.each<[string, (stack: Stack) => void]>([
    ['a stack without subscriptions', (stack) => new sns.Topic(stack, 'T')],
    ['an email subscription', (stack) => new sns.Topic(stack, 'T').addSubscription(new subscriptions.EmailSubscription('ops@example.com'))],
    ['an sms subscription', (stack) => new sns.Topic(stack, 'T').addSubscription(new subscriptions.SmsSubscription('+15555550100'))],
  ])('not applicable: %s', (_name, build) => {
    const stack = newStack();
    build(stack);
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test.each<[string, (stack: Stack) => void, RegExp]>([
    ['SqsSubscription without deadLetterQueue', (stack) => new sns.Topic(stack, 'T').addSubscription(
      new subscriptions.SqsSubscription(new sqs.Queue(stack, 'Q'))), /sqs subscription has no RedrivePolicy/],
    ['LambdaSubscription without deadLetterQueue', (stack) => new sns.Topic(stack, 'T').addSubscription(
      new subscriptions.LambdaSubscription(fn(stack))), /lambda subscription has no RedrivePolicy/],
    ['UrlSubscription (https) without deadLetterQueue', (stack) => new sns.Topic(stack, 'T').addSubscription(
      new subscriptions.UrlSubscription('https://example.com/hook')), /https subscription/],
    ['an L1 firehose subscription without RedrivePolicy', (stack) => l1(stack, 'firehose'), /firehose subscription/],
    ['an L1 RedrivePolicy without deadLetterTargetArn', (stack) => l1(stack, 'https', {}), /without a deadLetterTargetArn/],
    ['a RedrivePolicy string that is not JSON (raw override)', (stack) => l1(stack, 'https').addPropertyOverride('RedrivePolicy', 'dlq'),
      /without a deadLetterTargetArn/],
  ])('non-compliant: %s', (_name, build, detail) => {
    const stack = newStack();
    build(stack);
    const results = checkRule(rule, stack);
    expect(results.map((r) => r.kind)).toEqual([VerdictKind.VIOLATION]);
    expect(results[0].detail).toMatch(detail);
    expect(results[0].location).toBe('Properties/RedrivePolicy');
  });

  test.each<[string, (stack: Stack) => void, RegExp]>([
    ['the protocol is a parameter', (stack) => l1(stack, new CfnParameter(stack, 'Protocol').valueAsString), /protocol .* parameter Protocol/],
    ['the RedrivePolicy is a parameter', (stack) => l1(stack, 'lambda', new CfnParameter(stack, 'Redrive').valueAsString), /RedrivePolicy .* parameter Redrive/],
    ['the deadLetterTargetArn is under a condition', (stack) => {
      const condition = undecidedCondition(stack, 'WithDlq');
      l1(stack, 'sqs', { deadLetterTargetArn: Fn.conditionIf(condition.logicalId, new sqs.Queue(stack, 'Dlq').queueArn, Fn.ref('AWS::NoValue')) });
    }, /condition WithDlq/],
  ])('undecidable: %s', (_name, build, detail) => {
    const stack = newStack();
    build(stack);
    const results = checkRule(rule, stack);
    expect(results.map((r) => r.kind)).toEqual([VerdictKind.UNDECIDABLE]);
    expect(results[0].detail).toMatch(detail);
  });

  test('raw override: addPropertyDeletionOverride removes the dead-letter queue', () => {
    const stack = newStack();
    const subscription = new sns.Subscription(stack, 'S', {
      topic: new sns.Topic(stack, 'T'),
      protocol: sns.SubscriptionProtocol.SQS,
      endpoint: new sqs.Queue(stack, 'Q').queueArn,
      deadLetterQueue: new sqs.Queue(stack, 'Dlq'),
    });
    (subscription.node.defaultChild as sns.CfnSubscription).addPropertyDeletionOverride('RedrivePolicy');
    expect(checkRule(rule, stack).map((r) => r.kind)).toEqual([VerdictKind.VIOLATION]);
  });

  test('raw override: addPropertyOverride adds the dead-letter queue', () => {
    const stack = newStack();
    const subscription = l1(stack, 'lambda');
    subscription.addPropertyOverride('RedrivePolicy.deadLetterTargetArn', new sqs.Queue(stack, 'Dlq').queueArn);
    expect(checkRule(rule, stack)).toEqual([]);
  });
});
