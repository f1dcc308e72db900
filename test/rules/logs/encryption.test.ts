import { CfnParameter, Fn } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { VerdictKind } from '../../../src/core/rule';
import { LogsEncryptionRule } from '../../../src/rules/logs/encryption';
import { newFunction, Scenario, summary } from '../lambda/lambda-test-helpers';
import { checkRule, newStack } from '../rule-test-helpers';

const rule = new LogsEncryptionRule();
const V = VerdictKind.VIOLATION;

describe('SLS-LOGS-ENCRYPTION', () => {
  test.each<Scenario>([
    ['L2 with a customer-managed key', (s) => new logs.LogGroup(s, 'Logs', { encryptionKey: new kms.Key(s, 'Key', { enableKeyRotation: true }) })],
    ['L1 with a key ARN', (s) => new logs.CfnLogGroup(s, 'Logs', { kmsKeyId: 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab' })],
    // A key from a parameter or an import is still a customer-managed key: the token is not a reason to doubt.
    ['token: L1 with a key ARN from a parameter', (s) => new logs.CfnLogGroup(s, 'Logs', { kmsKeyId: new CfnParameter(s, 'LogKey').valueAsString })],
    ['token: L1 with a key ARN imported from another stack', (s) => new logs.CfnLogGroup(s, 'Logs', { kmsKeyId: Fn.importValue('LogKeyArn') })],
  ])('compliant: %s', (_name, build) => {
    const stack = newStack();
    build(stack);
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test.each<Scenario>([
    ['L2 without key', (s) => new logs.LogGroup(s, 'Logs')],
    ['L1 without key', (s) => new logs.CfnLogGroup(s, 'Logs', { retentionInDays: 30 })],
  ])('non-compliant: %s', (_name, build) => {
    const stack = newStack();
    build(stack);
    const results = checkRule(rule, stack);
    expect(summary(results)).toEqual([{ kind: V }]);
    expect(results[0].location).toBe('Properties/KmsKeyId');
  });

  test('not applicable: a function with an implicit log group', () => {
    const stack = newStack();
    newFunction(stack);
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test('raw override: removing the key is reported', () => {
    const stack = newStack();
    const group = new logs.LogGroup(stack, 'Logs', { encryptionKey: new kms.Key(stack, 'Key') });
    (group.node.defaultChild as logs.CfnLogGroup).addPropertyDeletionOverride('KmsKeyId');
    expect(summary(checkRule(rule, stack))).toEqual([{ kind: V }]);
  });

  test('raw override: adding a key fixes it', () => {
    const stack = newStack();
    const group = new logs.LogGroup(stack, 'Logs');
    (group.node.defaultChild as logs.CfnLogGroup).addPropertyOverride('KmsKeyId', new kms.Key(stack, 'Key').keyArn);
    expect(checkRule(rule, stack)).toEqual([]);
  });
});
