import { CfnParameter, Fn, Stack } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { VerdictKind } from '../../../src/core';

import { SqsQueueEncryptionRule } from '../../../src/rules/sqs';
import { checkRule, newStack } from '../rule-test-helpers';

const rule = new SqsQueueEncryptionRule();

describe('SLS-SQS-ENCRYPTION', () => {
  test.each<[string, (stack: Stack) => void]>([
    ['a customer-managed key of the stack (L2)', (stack) => new sqs.Queue(stack, 'Q', {
      encryption: sqs.QueueEncryption.KMS, encryptionMasterKey: new kms.Key(stack, 'K', { enableKeyRotation: true }),
    })],
    ['a key the queue creates (QueueEncryption.KMS)', (stack) => new sqs.Queue(stack, 'Q', { encryption: sqs.QueueEncryption.KMS })],
    ['a literal key ARN on an L1 queue', (stack) => new sqs.CfnQueue(stack, 'Q', { kmsMasterKeyId: 'arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab' })],
  ])('compliant: %s', (_name, build) => {
    const stack = newStack();
    build(stack);
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test('not applicable: a stack without queues', () => {
    const stack = newStack();
    new sns.Topic(stack, 'T');
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test.each<[string, (stack: Stack) => void, string]>([
    ['the default queue (SSE-SQS)', (stack) => new sqs.Queue(stack, 'Q'), 'sqs-managed-sse'],
    ['QueueEncryption.SQS_MANAGED', (stack) => new sqs.Queue(stack, 'Q', { encryption: sqs.QueueEncryption.SQS_MANAGED }), 'sqs-managed-sse'],
    ['QueueEncryption.UNENCRYPTED', (stack) => new sqs.Queue(stack, 'Q', { encryption: sqs.QueueEncryption.UNENCRYPTED }), 'unencrypted'],
    ['the AWS-managed key (KMS_MANAGED)', (stack) => new sqs.Queue(stack, 'Q', { encryption: sqs.QueueEncryption.KMS_MANAGED }), 'aws-managed-key'],
    ['an L1 queue with SqsManagedSseEnabled false', (stack) => new sqs.CfnQueue(stack, 'Q', { sqsManagedSseEnabled: false }), 'unencrypted'],
  ])('non-compliant: %s', (_name, build, findingId) => {
    const stack = newStack();
    build(stack);
    expect(checkRule(rule, stack).map((r) => [r.kind, r.findingId])).toEqual([[VerdictKind.VIOLATION, findingId]]);
  });

  test.each<[string, (stack: Stack) => string, RegExp]>([
    ['a CfnParameter', (stack) => new CfnParameter(stack, 'QueueKey').valueAsString, /parameter QueueKey/],
    ['Fn::ImportValue', () => Fn.importValue('QueueKey'), /Fn::ImportValue/],
  ])('undecidable: a key from %s', (_name, key, reason) => {
    const stack = newStack();
    new sqs.CfnQueue(stack, 'Q', { kmsMasterKeyId: key(stack) });
    const results = checkRule(rule, stack);
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ kind: VerdictKind.UNDECIDABLE, findingId: 'key' });
    expect(results[0].detail).toMatch(reason);
  });

  test('raw override: addPropertyOverride removes the key', () => {
    const stack = newStack();
    const queue = new sqs.Queue(stack, 'Q', { encryption: sqs.QueueEncryption.KMS });
    (queue.node.defaultChild as sqs.CfnQueue).addPropertyDeletionOverride('KmsMasterKeyId');
    expect(checkRule(rule, stack).map((r) => r.findingId)).toEqual(['sqs-managed-sse']);
  });

  test('raw override: addPropertyOverride sets a customer-managed key', () => {
    const stack = newStack();
    const queue = new sqs.Queue(stack, 'Q');
    const key = new kms.Key(stack, 'K');
    (queue.node.defaultChild as sqs.CfnQueue).addPropertyOverride('KmsMasterKeyId', key.keyArn);
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test('severity: an unencrypted queue is a warning; SQS-owned and AWS-managed keys encrypt, so only info', () => {
    const stack = newStack();
    new sqs.Queue(stack, 'Plain', { encryption: sqs.QueueEncryption.UNENCRYPTED });
    new sqs.Queue(stack, 'SqsManaged');
    new sqs.CfnQueue(stack, 'AwsManaged', { kmsMasterKeyId: 'alias/aws/sqs' });
    const severities = Object.fromEntries(checkRule(rule, stack).map((r) => [r.findingId, r.severity ?? rule.severity]));
    expect(severities).toEqual({ 'unencrypted': 'warning', 'sqs-managed-sse': 'info', 'aws-managed-key': 'info' });
  });
});
