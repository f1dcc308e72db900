import { CfnParameter, Fn, Stack } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subs from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Severity, VerdictKind } from '../../../src/core';

import { SqsQueuePolicyPublicRule } from '../../../src/rules/sqs';
import { checkRule, newStack } from '../rule-test-helpers';

const rule = new SqsQueuePolicyPublicRule();

function publicSend(queue: sqs.Queue, conditions?: { [op: string]: any }): void {
  queue.addToResourcePolicy(new iam.PolicyStatement({
    principals: [new iam.AnyPrincipal()], actions: ['sqs:SendMessage'], resources: [queue.queueArn], conditions,
  }));
}

describe('SLS-SQS-POLICY-PUBLIC', () => {
  test.each<[string, (stack: Stack) => void]>([
    ['an SNS subscription (service principal with aws:SourceArn)', (stack) =>
      new sns.Topic(stack, 'T').addSubscription(new subs.SqsSubscription(new sqs.Queue(stack, 'Q')))],
    ['an EventBridge target (aws:SourceArn added by aws-cdk-lib)', (stack) => new events.Rule(stack, 'R', { eventPattern: { source: ['app'] }, targets: [new targets.SqsQueue(new sqs.Queue(stack, 'Q'))] })],
    ['"*" narrowed by aws:PrincipalOrgID', (stack) => publicSend(new sqs.Queue(stack, 'Q'), { StringEquals: { 'aws:PrincipalOrgID': 'o-123' } })],
    ['a named account principal', (stack) => new sqs.Queue(stack, 'Q').grantSendMessages(new iam.AccountPrincipal('222222222222'))],
    ['enforceSSL only (a Deny)', (stack) => new sqs.Queue(stack, 'Q', { enforceSSL: true })],
  ])('compliant: %s', (_name, build) => {
    const stack = newStack();
    build(stack);
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test('not applicable: queues without a queue policy', () => {
    const stack = newStack();
    new sqs.Queue(stack, 'Q');
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test.each<[string, (stack: Stack) => void, Severity]>([
    ['Principal AWS "*" without a condition (L2)', (stack) => publicSend(new sqs.Queue(stack, 'Q')), Severity.ERROR],
    ['"*" with only an IfExists condition', (stack) => publicSend(new sqs.Queue(stack, 'Q'),
      { ArnLikeIfExists: { 'aws:SourceArn': 'arn:aws:sns:*:111111111111:t' } }), Severity.ERROR],
    ['"*" with a condition that does not narrow callers (aws:SecureTransport)', (stack) => publicSend(new sqs.Queue(stack, 'Q'),
      { Bool: { 'aws:SecureTransport': 'true' } }), Severity.ERROR],
    ['Principal "*" as a string on an L1 queue policy', (stack) => new sqs.CfnQueuePolicy(stack, 'P', {
      queues: ['https://sqs/q'], policyDocument: { Statement: { Effect: 'Allow', Principal: '*', Action: 'sqs:*', Resource: '*' } },
    }), Severity.ERROR],
    ['a service principal without aws:SourceArn', (stack) => new sqs.Queue(stack, 'Q').grantSendMessages(
      new iam.ServicePrincipal('events.amazonaws.com')), Severity.WARNING],
  ])('non-compliant: %s', (_name, build, severity) => {
    const stack = newStack();
    build(stack);
    const results = checkRule(rule, stack);
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ kind: VerdictKind.VIOLATION, findingId: expect.stringMatching(/^Statement\d$/) });
    expect(results[0].severity ?? rule.severity).toBe(severity);
  });

  test.each<[string, (stack: Stack) => string, RegExp]>([
    ['a CfnParameter', (stack) => new CfnParameter(stack, 'Sender').valueAsString, /parameter Sender/],
    ['Fn::ImportValue', () => Fn.importValue('Sender'), /Fn::ImportValue/],
  ])('undecidable: a principal from %s', (_name, principal, reason) => {
    const stack = newStack();
    new sqs.Queue(stack, 'Q').grantSendMessages(new iam.ArnPrincipal(principal(stack)));
    const results = checkRule(rule, stack);
    expect(results).toHaveLength(1);
    expect(results[0].kind).toBe(VerdictKind.UNDECIDABLE);
    expect(results[0].detail).toMatch(reason);
  });

  test('raw override: addPropertyOverride deletes the aws:SourceArn condition of a subscription', () => {
    const stack = newStack();
    const queue = new sqs.Queue(stack, 'Q');
    new sns.Topic(stack, 'T').addSubscription(new subs.SqsSubscription(queue));
    const policy = queue.node.findChild('Policy').node.defaultChild as sqs.CfnQueuePolicy;
    policy.addPropertyDeletionOverride('PolicyDocument.Statement.0.Condition');
    policy.addPropertyOverride('PolicyDocument.Statement.0.Principal', '*');
    expect(checkRule(rule, stack).map((r) => [r.kind, r.findingId])).toEqual([[VerdictKind.VIOLATION, 'Statement0']]);
  });

  test('raw override: addPropertyOverride adds an aws:SourceAccount condition', () => {
    const stack = newStack();
    const queue = new sqs.Queue(stack, 'Q');
    publicSend(queue);
    const policy = queue.node.findChild('Policy').node.defaultChild as sqs.CfnQueuePolicy;
    policy.addPropertyOverride('PolicyDocument.Statement.0.Condition', { StringEquals: { 'aws:SourceAccount': '111111111111' } });
    expect(checkRule(rule, stack)).toEqual([]);
  });
});
