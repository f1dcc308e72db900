import { CfnParameter, Fn, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { VerdictKind } from '../../../src/core';

import { SqsQueueTlsOnlyRule } from '../../../src/rules/sqs';
import { checkRule, newStack } from '../rule-test-helpers';

const rule = new SqsQueueTlsOnlyRule();

const denyPlainHttp = (resource: any) => ({
  Effect: 'Deny',
  Principal: '*',
  Action: 'sqs:*',
  Resource: resource,
  Condition: { Bool: { 'aws:SecureTransport': false } },
});

describe('SLS-SQS-TLS-ONLY', () => {
  test.each<[string, (stack: Stack) => void]>([
    ['enforceSSL on the L2 queue', (stack) => new sqs.Queue(stack, 'Q', { enforceSSL: true })],
    ['an L1 queue policy with a boolean false and Resource "*"', (stack) => {
      const queue = new sqs.CfnQueue(stack, 'Q');
      new sqs.CfnQueuePolicy(stack, 'P', { queues: [queue.ref], policyDocument: { Statement: [denyPlainHttp('*')] } });
    }],
  ])('compliant: %s', (_name, build) => {
    const stack = newStack();
    build(stack);
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test('not applicable: a stack without queues (a policy for an imported queue is not judged)', () => {
    const stack = newStack();
    new sqs.CfnQueuePolicy(stack, 'P', { queues: ['https://sqs/q'], policyDocument: { Statement: [] } });
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test.each<[string, (stack: Stack) => void, RegExp]>([
    ['a default L2 queue', (stack) => new sqs.Queue(stack, 'Q'), /no queue policy/],
    ['a queue policy that only grants (L2 grant through a topic subscription)', (stack) => {
      const queue = new sqs.Queue(stack, 'Q');
      queue.addToResourcePolicy(new iam.PolicyStatement({
        principals: [new iam.ServicePrincipal('sns.amazonaws.com')],
        actions: ['sqs:SendMessage'],
        resources: [queue.queueArn],
        conditions: { ArnEquals: { 'aws:SourceArn': new sns.Topic(stack, 'T').topicArn } },
      }));
    }, /does not deny/],
    ['a Deny that covers only SendMessage', (stack) => {
      const queue = new sqs.CfnQueue(stack, 'Q');
      new sqs.CfnQueuePolicy(stack, 'P', { queues: [queue.ref], policyDocument: { Statement: [{ ...denyPlainHttp(queue.attrArn), Action: 'sqs:SendMessage' }] } });
    }, /does not deny/],
  ])('non-compliant: %s', (_name, build, detail) => {
    const stack = newStack();
    build(stack);
    const results = checkRule(rule, stack);
    expect(results).toHaveLength(1);
    expect(results[0].kind).toBe(VerdictKind.VIOLATION);
    expect(results[0].detail).toMatch(detail);
  });

  test.each<[string, (stack: Stack) => string, RegExp]>([
    ['a CfnParameter', (stack) => new CfnParameter(stack, 'QueueUrl').valueAsString, /parameter QueueUrl/],
    ['Fn::ImportValue', () => Fn.importValue('QueueUrl'), /Fn::ImportValue/],
  ])('undecidable: a queue policy whose queues come from %s might cover the queue', (_name, url, reason) => {
    const stack = newStack();
    new sqs.CfnQueue(stack, 'Q');
    new sqs.CfnQueuePolicy(stack, 'P', { queues: [url(stack)], policyDocument: { Statement: [denyPlainHttp('*')] } });
    const results = checkRule(rule, stack);
    expect(results).toHaveLength(1);
    expect(results[0].kind).toBe(VerdictKind.UNDECIDABLE);
    expect(results[0].detail).toMatch(reason);
  });

  test('raw override: addPropertyOverride weakens the condition of enforceSSL', () => {
    const stack = newStack();
    const queue = new sqs.Queue(stack, 'Q', { enforceSSL: true });
    const policy = queue.node.findChild('Policy').node.defaultChild as sqs.CfnQueuePolicy;
    policy.addPropertyOverride('PolicyDocument.Statement.0.Condition.Bool.aws:SecureTransport', 'true');
    expect(checkRule(rule, stack).map((r) => r.kind)).toEqual([VerdictKind.VIOLATION]);
  });

  test('raw override: addPropertyOverride adds the Deny to an existing queue policy', () => {
    const stack = newStack();
    const queue = new sqs.CfnQueue(stack, 'Q');
    const policy = new sqs.CfnQueuePolicy(stack, 'P', { queues: [queue.ref], policyDocument: { Statement: [] } });
    policy.addPropertyOverride('PolicyDocument.Statement', [denyPlainHttp(queue.attrArn)]);
    expect(checkRule(rule, stack)).toEqual([]);
  });
});
