import { CfnParameter, Fn } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import { VerdictKind } from '../../../src/core/rule';
import { LambdaEnvEncryptionRule } from '../../../src/rules/lambda/env-encryption';
import { checkRule, newStack } from '../rule-test-helpers';
import { cfnOf, newCfnFunction, newFunction, Scenario, summary } from './lambda-test-helpers';

const rule = new LambdaEnvEncryptionRule();
const V = VerdictKind.VIOLATION;

describe('SLS-LAMBDA-ENV-ENCRYPTION', () => {
  test.each<Scenario>([
    ['L2 with variables and a customer-managed key', (s) => newFunction(s, 'Fn', {
      environment: { TABLE: 'orders' }, environmentEncryption: new kms.Key(s, 'Key', { enableKeyRotation: true }),
    })],
    ['L1 with variables and an imported key', (s) => newCfnFunction(s, 'Fn', {
      environment: { variables: { TABLE: 'orders' } }, kmsKeyArn: Fn.importValue('SharedKeyArn'),
    })],
  ])('compliant: %s', (_name, build) => {
    const stack = newStack();
    build(stack);
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test.each<Scenario>([
    ['L2 with variables and no key', (s) => newFunction(s, 'Fn', { environment: { TABLE: 'orders' } })],
    ['L2 with the SDK setting and a variable of the app', (s) => newFunction(s, 'Fn', { environment: { AWS_NODEJS_CONNECTION_REUSE_ENABLED: '1', TABLE: 'orders' } })],
    ['L1 with variables and no key', (s) => newCfnFunction(s, 'Fn', { environment: { variables: { TABLE: 'orders' } } })],
    ['L1 with a variable from a parameter and no key', (s) => newCfnFunction(s, 'Fn', {
      environment: { variables: { TABLE: new CfnParameter(s, 'TableName').valueAsString } },
    })],
  ])('non-compliant: %s', (_name, build) => {
    const stack = newStack();
    build(stack);
    const results = checkRule(rule, stack);
    expect(summary(results)).toEqual([{ kind: V }]);
    expect(results[0].detail).toMatch(/^The function's environment variables \(\w+\) are encrypted with the AWS-managed key/);
  });

  test.each<Scenario>([
    ['L2 without variables', (s) => newFunction(s)],
    ['L1 with an empty variable map', (s) => newCfnFunction(s, 'Fn', { environment: { variables: {} } })],
    ['L2 whose only variable is the SDK setting NodejsFunction adds (AWS_NODEJS_CONNECTION_REUSE_ENABLED)', (s) => newFunction(s, 'Fn', {
      environment: { AWS_NODEJS_CONNECTION_REUSE_ENABLED: '1' },
    })],
  ])('not applicable: %s', (_name, build) => {
    const stack = newStack();
    build(stack);
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test('token: a variable map chosen by a condition is undecidable', () => {
    const stack = newStack();
    const fn = newCfnFunction(stack);
    fn.addPropertyOverride('Environment.Variables', { 'Fn::If': ['IsProd', { A: '1' }, { Ref: 'AWS::NoValue' }] });
    const results = checkRule(rule, stack);
    expect(summary(results)).toEqual([{ kind: VerdictKind.UNDECIDABLE }]);
    expect(results[0].detail).toMatch(/condition IsProd/);
  });

  test('raw override: removing the key is reported', () => {
    const stack = newStack();
    const fn = newFunction(stack, 'Fn', { environment: { A: '1' }, environmentEncryption: new kms.Key(stack, 'Key') });
    cfnOf(fn).addPropertyDeletionOverride('KmsKeyArn');
    expect(summary(checkRule(rule, stack))).toEqual([{ kind: V }]);
  });

  test('raw override: adding a key ARN fixes it', () => {
    const stack = newStack();
    cfnOf(newFunction(stack, 'Fn', { environment: { A: '1' } }))
      .addPropertyOverride('KmsKeyArn', 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab');
    expect(checkRule(rule, stack)).toEqual([]);
  });
});
