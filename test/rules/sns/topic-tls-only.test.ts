import { CfnParameter, Fn, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { VerdictKind } from '../../../src/core';

import { SnsTopicTlsOnlyRule } from '../../../src/rules/sns';
import { checkRule, newStack } from '../rule-test-helpers';

const rule = new SnsTopicTlsOnlyRule();

const denyPlainHttp = (resource: any) => ({
  Effect: 'Deny',
  Principal: { AWS: '*' },
  Action: 'sns:Publish',
  Resource: resource,
  Condition: { Bool: { 'aws:SecureTransport': 'false' } },
});

describe('SLS-SNS-TLS-ONLY', () => {
  test.each<[string, (stack: Stack) => void]>([
    ['enforceSSL on the L2 topic', (stack) => new sns.Topic(stack, 'T', { enforceSSL: true })],
    ['an L1 topic inline policy', (stack) => {
      const topic = new sns.CfnTopic(stack, 'T');
      new sns.CfnTopicInlinePolicy(stack, 'P', { topicArn: topic.ref, policyDocument: { Statement: [denyPlainHttp(topic.ref)] } });
    }],
  ])('compliant: %s', (_name, build) => {
    const stack = newStack();
    build(stack);
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test('not applicable: a stack without topics', () => {
    const stack = newStack();
    new sqs.Queue(stack, 'Q');
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test.each<[string, (stack: Stack) => void, RegExp]>([
    ['a default L2 topic', (stack) => new sns.Topic(stack, 'T'), /no topic policy/],
    ['a topic policy that only grants publish to a service', (stack) =>
      new sns.Topic(stack, 'T').grantPublish(new iam.ServicePrincipal('events.amazonaws.com')), /does not deny/],
    ['a Deny without the SecureTransport condition', (stack) => {
      const topic = new sns.CfnTopic(stack, 'T');
      new sns.CfnTopicPolicy(stack, 'P', { topics: [topic.ref], policyDocument: { Statement: [{ ...denyPlainHttp('*'), Condition: undefined }] } });
    }, /does not deny/],
  ])('non-compliant: %s', (_name, build, detail) => {
    const stack = newStack();
    build(stack);
    const results = checkRule(rule, stack);
    expect(results.map((r) => r.kind)).toEqual([VerdictKind.VIOLATION]);
    expect(results[0].detail).toMatch(detail);
  });

  test.each<[string, (stack: Stack) => string, RegExp]>([
    ['a CfnParameter', (stack) => new CfnParameter(stack, 'TopicArn').valueAsString, /parameter TopicArn/],
    ['Fn::ImportValue', () => Fn.importValue('TopicArn'), /Fn::ImportValue/],
  ])('undecidable: a topic policy whose topics come from %s', (_name, arn, reason) => {
    const stack = newStack();
    new sns.CfnTopic(stack, 'T');
    new sns.CfnTopicPolicy(stack, 'P', { topics: [arn(stack)], policyDocument: { Statement: [denyPlainHttp('*')] } });
    const results = checkRule(rule, stack);
    expect(results.map((r) => r.kind)).toEqual([VerdictKind.UNDECIDABLE]);
    expect(results[0].detail).toMatch(reason);
  });

  test('raw override: addPropertyOverride turns the enforceSSL Deny into an Allow', () => {
    const stack = newStack();
    const topic = new sns.Topic(stack, 'T', { enforceSSL: true });
    const policy = topic.node.findChild('Policy').node.defaultChild as sns.CfnTopicPolicy;
    policy.addPropertyOverride('PolicyDocument.Statement.0.Effect', 'Allow');
    expect(checkRule(rule, stack).map((r) => r.kind)).toEqual([VerdictKind.VIOLATION]);
  });

  test('raw override: addPropertyOverride adds the Deny', () => {
    const stack = newStack();
    const topic = new sns.CfnTopic(stack, 'T');
    const policy = new sns.CfnTopicPolicy(stack, 'P', { topics: [topic.ref], policyDocument: { Statement: [] } });
    policy.addPropertyOverride('PolicyDocument.Statement', [denyPlainHttp(topic.ref)]);
    expect(checkRule(rule, stack)).toEqual([]);
  });
});
