import { CfnParameter, Lazy, Stack, aws_iam as iam, aws_kms as kms } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { expectCoded, testApp } from './construct-test-helpers';
import { SecureTopic } from '../../src/constructs';

const newStack = () => new Stack(testApp(), 'TestStack');

/** Hostile props of SecureTopic: each a coded problem naming the prop, never a crash and never a pass. */
const HOSTILE: Array<[string, (s: Stack) => any, string, string]> = [
  ['signatureVersion 1', () => ({ signatureVersion: '1' }), 'TP003', 'signatureVersion'],
  ['signatureVersion a Lazy resolving to 1', () => ({ signatureVersion: Lazy.string({ produce: () => '1' }) }), 'TP003', 'signatureVersion'],
  ['signatureVersion a number', () => ({ signatureVersion: 2 }), 'TP003', 'signatureVersion'],
  ['signatureVersion 3', () => ({ signatureVersion: '3' }), 'TP003', 'signatureVersion'],
  ['masterKey AWS-managed', (s) => ({ masterKey: kms.Alias.fromAliasName(s, 'A', 'alias/aws/sns') }), 'TP001', 'masterKey'],
  ['enforceSSL false', () => ({ enforceSSL: false }), 'TP002', 'enforceSSL'],
  ['topicName with a space', () => ({ topicName: 'my topic' }), 'TP008', 'topicName'],
  ['topicName empty', () => ({ topicName: '' }), 'TP008', 'topicName'],
  ['topicName over 256 characters', () => ({ topicName: 't'.repeat(257) }), 'TP008', 'topicName'],
  ['displayName over 100 characters', () => ({ displayName: 'd'.repeat(101) }), 'TP008', 'displayName'],
  ['contentBasedDeduplication on a standard topic', () => ({ contentBasedDeduplication: true }), 'TP008', 'contentBasedDeduplication'],
  ['messageRetentionPeriodInDays zero on a FIFO topic', () => ({ fifo: true, messageRetentionPeriodInDays: 0 }), 'TP008', 'messageRetentionPeriodInDays'],
  ['messageRetentionPeriodInDays NaN on a FIFO topic', () => ({ fifo: true, messageRetentionPeriodInDays: NaN }), 'TP008', 'messageRetentionPeriodInDays'],
  ['publicPolicyJustification of spaces', () => ({ publicPolicyJustification: ' '.repeat(20) }), 'TP004', 'publicPolicyJustification'],
  ['publicPolicyJustification of invisible characters', () => ({ publicPolicyJustification: '\ufeff\u200d'.repeat(12) }), 'TP004', 'publicPolicyJustification'],
  ['publicPolicyJustification repeating a pattern', () => ({ publicPolicyJustification: 'ok ok ok ok ok ok ok' }), 'TP004', 'publicPolicyJustification'],
];

describe('SecureTopic hostile props: a coded error naming the prop, never a crash or a pass', () => {
  test.each(HOSTILE)('%s', (_name, props, code, prop) => {
    const stack = newStack();
    const error = expectCoded(() => new SecureTopic(stack, 'T', props(stack)), code);
    expect(error.problems.filter((p) => p.code === code).map((p) => p.prop)).toContain(prop);
    expect(error.message).toContain(`[${code}] TestStack/T: ${prop}`);
  });

  test('a public principal behind a Lazy is public', () => {
    const topic = new SecureTopic(newStack(), 'T');
    expectCoded(() => topic.addToResourcePolicy(new iam.PolicyStatement({
      actions: ['sns:Publish'], resources: [topic.topicArn], principals: [new iam.ArnPrincipal(Lazy.string({ produce: () => '*' }))],
    })), 'TP005');
  });

  test('a signatureVersion only known at deploy time is an acknowledgeable warning, not a pass', () => {
    const stack = newStack();
    new SecureTopic(stack, 'T', { signatureVersion: new CfnParameter(stack, 'Version').valueAsString });
    Annotations.fromStack(stack).hasWarning('/TestStack/T', Match.stringLikeRegexp('\\[TP003\\] TestStack/T: signatureVersion is only known at deploy time'));
  });

  test('a principal only known at deploy time is an acknowledgeable warning, not a pass', () => {
    const stack = newStack();
    const topic = new SecureTopic(stack, 'T');
    topic.addToResourcePolicy(new iam.PolicyStatement({
      actions: ['sns:Publish'], resources: [topic.topicArn], principals: [new iam.ArnPrincipal(new CfnParameter(stack, 'Who').valueAsString)],
    }));
    Annotations.fromStack(stack).hasWarning('/TestStack/T', Match.stringLikeRegexp('\\[TP005\\] TestStack/T: addToResourcePolicy has a principal only known at deploy time'));
  });

  test.each([
    ['addQueueSubscription(null)', (t: SecureTopic) => t.addQueueSubscription(null as any)],
    ['addFunctionSubscription(undefined)', (t: SecureTopic) => t.addFunctionSubscription(undefined as any)],
    ['addSubscription({})', (t: SecureTopic) => t.addSubscription({} as any)],
  ])('%s is TP007', (_name, act) => {
    expectCoded(() => act(new SecureTopic(newStack(), 'T')), 'TP007');
  });

  test('null props from JavaScript are no props', () => {
    expect(() => new SecureTopic(newStack(), 'T', null as any)).not.toThrow();
  });
});
