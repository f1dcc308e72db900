import { CfnParameter, Fn, Stack } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { VerdictKind } from '../../../src/core';

import { SnsTopicEncryptionRule } from '../../../src/rules/sns';
import { checkRule, newStack } from '../rule-test-helpers';

const rule = new SnsTopicEncryptionRule();

describe('SLS-SNS-ENCRYPTION', () => {
  test.each<[string, (stack: Stack) => void]>([
    ['a customer-managed key (L2 masterKey)', (stack) => new sns.Topic(stack, 'T', { masterKey: new kms.Key(stack, 'K', { enableKeyRotation: true }) })],
    ['a literal key ARN on an L1 topic', (stack) => new sns.CfnTopic(stack, 'T', { kmsMasterKeyId: 'arn:aws:kms:us-east-1:111111111111:key/abcd' })],
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

  test.each<[string, (stack: Stack) => void, string]>([
    ['a default L2 topic', (stack) => new sns.Topic(stack, 'T'), 'unencrypted'],
    ['the AWS-managed key alias', (stack) => new sns.Topic(stack, 'T', { masterKey: kms.Alias.fromAliasName(stack, 'A', 'alias/aws/sns') }), 'aws-managed-key'],
    ['an L1 topic without a key', (stack) => new sns.CfnTopic(stack, 'T'), 'unencrypted'],
  ])('non-compliant: %s', (_name, build, findingId) => {
    const stack = newStack();
    build(stack);
    expect(checkRule(rule, stack).map((r) => [r.kind, r.findingId])).toEqual([[VerdictKind.VIOLATION, findingId]]);
  });

  test.each<[string, (stack: Stack) => string, RegExp]>([
    ['a CfnParameter', (stack) => new CfnParameter(stack, 'TopicKey').valueAsString, /parameter TopicKey/],
    ['Fn::ImportValue', () => Fn.importValue('TopicKey'), /Fn::ImportValue/],
  ])('undecidable: a key from %s', (_name, key, reason) => {
    const stack = newStack();
    new sns.CfnTopic(stack, 'T', { kmsMasterKeyId: key(stack) });
    const results = checkRule(rule, stack);
    expect(results.map((r) => r.kind)).toEqual([VerdictKind.UNDECIDABLE]);
    expect(results[0].detail).toMatch(reason);
  });

  test('raw override: addPropertyOverride sets the key', () => {
    const stack = newStack();
    const topic = new sns.Topic(stack, 'T');
    (topic.node.defaultChild as sns.CfnTopic).addPropertyOverride('KmsMasterKeyId', new kms.Key(stack, 'K').keyArn);
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test('raw override: addPropertyOverride switches to the AWS-managed key', () => {
    const stack = newStack();
    const topic = new sns.Topic(stack, 'T', { masterKey: new kms.Key(stack, 'K') });
    (topic.node.defaultChild as sns.CfnTopic).addPropertyOverride('KmsMasterKeyId', 'alias/aws/sns');
    expect(checkRule(rule, stack).map((r) => r.findingId)).toEqual(['aws-managed-key']);
  });

  test('severity: a topic without a key is a warning; the AWS-managed key encrypts, so only info', () => {
    const stack = newStack();
    new sns.Topic(stack, 'Plain');
    new sns.CfnTopic(stack, 'AwsManaged', { kmsMasterKeyId: 'alias/aws/sns' });
    const severities = Object.fromEntries(checkRule(rule, stack).map((r) => [r.findingId, r.severity ?? rule.severity]));
    expect(severities).toEqual({ 'unencrypted': 'warning', 'aws-managed-key': 'info' });
  });
});
