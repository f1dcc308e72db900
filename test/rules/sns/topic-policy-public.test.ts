import { CfnParameter, Fn, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Severity, VerdictKind } from '../../../src/core';

import { SnsTopicPolicyPublicRule } from '../../../src/rules/sns';
import { checkRule, newStack } from '../rule-test-helpers';

const rule = new SnsTopicPolicyPublicRule();

function publicPublish(topic: sns.Topic, conditions?: { [op: string]: any }): void {
  topic.addToResourcePolicy(new iam.PolicyStatement({
    principals: [new iam.AnyPrincipal()], actions: ['sns:Publish'], resources: [topic.topicArn], conditions,
  }));
}

describe('SLS-SNS-POLICY-PUBLIC', () => {
  test.each<[string, (stack: Stack) => void]>([
    ['"*" narrowed by aws:SourceAccount', (stack) => publicPublish(new sns.Topic(stack, 'T'), { StringEquals: { 'aws:SourceAccount': '111111111111' } })],
    ['a service principal with aws:SourceArn', (stack) => new sns.Topic(stack, 'T').addToResourcePolicy(new iam.PolicyStatement({
      principals: [new iam.ServicePrincipal('s3.amazonaws.com')],
      actions: ['sns:Publish'],
      resources: ['*'],
      conditions: { ArnLike: { 'aws:SourceArn': 'arn:aws:s3:::my-bucket' } },
    }))],
    ['enforceSSL only (a Deny)', (stack) => new sns.Topic(stack, 'T', { enforceSSL: true })],
  ])('compliant: %s', (_name, build) => {
    const stack = newStack();
    build(stack);
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test('not applicable: a topic without a topic policy', () => {
    const stack = newStack();
    new sns.Topic(stack, 'T');
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test.each<[string, (stack: Stack) => void, Severity, string]>([
    ['"*" publishing without a condition (L2)', (stack) => publicPublish(new sns.Topic(stack, 'T')), Severity.ERROR, '0'],
    ['NotPrincipal with Allow on an L1 policy', (stack) => new sns.CfnTopicPolicy(stack, 'P', {
      topics: ['arn:aws:sns:us-east-1:1:t'],
      policyDocument: { Statement: [{ Effect: 'Allow', NotPrincipal: { AWS: 'arn:aws:iam::1:root' }, Action: 'sns:Subscribe', Resource: '*' }] },
    }), Severity.ERROR, 'Statement0'],
    ['a service principal without aws:SourceArn (L2 grantPublish)', (stack) =>
      new sns.Topic(stack, 'T').grantPublish(new iam.ServicePrincipal('events.amazonaws.com')), Severity.WARNING, '0'],
  ])('non-compliant: %s', (_name, build, severity, findingId) => {
    const stack = newStack();
    build(stack);
    const results = checkRule(rule, stack);
    expect(results.map((r) => [r.kind, r.findingId])).toEqual([[VerdictKind.VIOLATION, findingId]]);
    expect(results[0].severity ?? rule.severity).toBe(severity);
  });

  test.each<[string, (stack: Stack) => string, RegExp]>([
    ['a CfnParameter', (stack) => new CfnParameter(stack, 'Publisher').valueAsString, /parameter Publisher/],
    ['Fn::ImportValue', () => Fn.importValue('Publisher'), /Fn::ImportValue/],
  ])('undecidable: a principal from %s', (_name, principal, reason) => {
    const stack = newStack();
    new sns.Topic(stack, 'T').grantPublish(new iam.ArnPrincipal(principal(stack)));
    const results = checkRule(rule, stack);
    expect(results.map((r) => r.kind)).toEqual([VerdictKind.UNDECIDABLE]);
    expect(results[0].detail).toMatch(reason);
  });

  test('raw override: addPropertyOverride opens a named grant to "*"', () => {
    const stack = newStack();
    const topic = new sns.Topic(stack, 'T');
    topic.grantPublish(new iam.AccountPrincipal('222222222222'));
    const policy = topic.node.findChild('Policy').node.defaultChild as sns.CfnTopicPolicy;
    policy.addPropertyOverride('PolicyDocument.Statement.0.Principal', { AWS: '*' });
    expect(checkRule(rule, stack).map((r) => r.kind)).toEqual([VerdictKind.VIOLATION]);
  });

  test('raw override: addPropertyOverride adds aws:PrincipalOrgID', () => {
    const stack = newStack();
    const topic = new sns.Topic(stack, 'T');
    publicPublish(topic);
    const policy = topic.node.findChild('Policy').node.defaultChild as sns.CfnTopicPolicy;
    policy.addPropertyOverride('PolicyDocument.Statement.0.Condition', { StringEquals: { 'aws:PrincipalOrgID': 'o-1' } });
    expect(checkRule(rule, stack)).toEqual([]);
  });
});
