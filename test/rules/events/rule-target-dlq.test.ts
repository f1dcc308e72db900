import { CfnParameter, Fn, Stack } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { VerdictKind } from '../../../src/core';

import { EventsRuleTargetDlqRule } from '../../../src/rules/events';
import { checkRule, newStack } from '../rule-test-helpers';

const rule = new EventsRuleTargetDlqRule();

function fn(stack: Stack): lambda.Function {
  return new lambda.Function(stack, 'Fn', {
    runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler=1'),
  });
}

function ruleWith(stack: Stack, ...ts: events.IRuleTarget[]): events.Rule {
  return new events.Rule(stack, 'R', { eventPattern: { source: ['my.app'] }, targets: ts });
}

describe('SLS-EVENTS-TARGET-DLQ', () => {
  test.each<[string, (stack: Stack) => void]>([
    ['a Lambda target with deadLetterQueue (L2)', (stack) => ruleWith(stack,
      new targets.LambdaFunction(fn(stack), { deadLetterQueue: new sqs.Queue(stack, 'Dlq') }))],
    ['an SQS target with deadLetterQueue', (stack) => ruleWith(stack,
      new targets.SqsQueue(new sqs.Queue(stack, 'Q'), { deadLetterQueue: new sqs.Queue(stack, 'Dlq') }))],
  ])('compliant: %s', (_name, build) => {
    const stack = newStack();
    build(stack);
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test.each<[string, (stack: Stack) => void]>([
    ['a log group target', (stack) => ruleWith(stack, new targets.CloudWatchLogGroup(new logs.LogGroup(stack, 'L')))],
    ['a rule without targets', (stack) => ruleWith(stack)],
  ])('not applicable: %s', (_name, build) => {
    const stack = newStack();
    build(stack);
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test('non-compliant: Lambda, SQS and SNS targets without DLQ each get a finding named by the target id (L2)', () => {
    const stack = newStack();
    ruleWith(stack, new targets.LambdaFunction(fn(stack)), new targets.SqsQueue(new sqs.Queue(stack, 'Q')),
      new targets.SnsTopic(new sns.Topic(stack, 'T')));
    const results = checkRule(rule, stack);
    expect(results.map((r) => [r.kind, r.findingId])).toEqual([
      [VerdictKind.VIOLATION, 'Target0'], [VerdictKind.VIOLATION, 'Target1'], [VerdictKind.VIOLATION, 'Target2'],
    ]);
    expect(results.map((r) => r.detail)).toEqual([
      expect.stringContaining('(lambda)'), expect.stringContaining('(sqs)'), expect.stringContaining('(sns)'),
    ]);
  });

  test('non-compliant: an L1 rule with a literal state machine ARN', () => {
    const stack = newStack();
    new events.CfnRule(stack, 'R', { eventPattern: { source: ['a'] }, targets: [{ id: 'Sfn', arn: 'arn:aws:states:us-east-1:111111111111:stateMachine:m', roleArn: 'arn:aws:iam::111111111111:role/r' }] });
    expect(checkRule(rule, stack).map((r) => r.findingId)).toEqual(['Sfn']);
  });

  test.each<[string, (stack: Stack) => string, RegExp]>([
    ['a CfnParameter', (stack) => new CfnParameter(stack, 'TargetArn').valueAsString, /parameter TargetArn/],
    ['Fn::ImportValue', () => Fn.importValue('TargetArn'), /Fn::ImportValue/],
  ])('undecidable: a target ARN from %s', (_name, arn, reason) => {
    const stack = newStack();
    new events.CfnRule(stack, 'R', { eventPattern: { source: ['a'] }, targets: [{ id: 'T', arn: arn(stack) }] });
    const results = checkRule(rule, stack);
    expect(results.map((r) => [r.kind, r.findingId])).toEqual([[VerdictKind.UNDECIDABLE, 'T']]);
    expect(results[0].detail).toMatch(reason);
  });

  test('raw override: addPropertyDeletionOverride removes the DLQ', () => {
    const stack = newStack();
    const r = ruleWith(stack, new targets.LambdaFunction(fn(stack), { deadLetterQueue: new sqs.Queue(stack, 'Dlq') }));
    (r.node.defaultChild as events.CfnRule).addPropertyDeletionOverride('Targets.0.DeadLetterConfig');
    expect(checkRule(rule, stack).map((x) => x.findingId)).toEqual(['Target0']);
  });

  test('raw override: addPropertyOverride adds a DLQ', () => {
    const stack = newStack();
    const r = ruleWith(stack, new targets.LambdaFunction(fn(stack)));
    (r.node.defaultChild as events.CfnRule).addPropertyOverride('Targets.0.DeadLetterConfig.Arn', new sqs.Queue(stack, 'Dlq').queueArn);
    expect(checkRule(rule, stack)).toEqual([]);
  });
});
