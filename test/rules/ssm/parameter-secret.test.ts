import { CfnParameter, SecretValue, Stack } from 'aws-cdk-lib';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as ssm from 'aws-cdk-lib/aws-ssm';
import { VerdictKind } from '../../../src/core';
import { SsmParameterSecretRule } from '../../../src/rules/ssm';
import { checkRule, newStack } from '../rule-test-helpers';

const rule = new SsmParameterSecretRule();

describe('SLS-SSM-PARAMETER-SECRET', () => {
  test.each<[string, (stack: Stack) => void]>([
    ['a table name under a plain name', (stack) => new ssm.StringParameter(stack, 'P', { parameterName: '/app/orders/table-name', stringValue: 'orders' })],
    ['the ARN of a secret, for consumers to find it', (stack) => new ssm.StringParameter(stack, 'P', {
      parameterName: '/app/db/credentials-arn', stringValue: new secretsmanager.Secret(stack, 'S').secretArn,
    })],
    ['a value from a parameter under a plain name', (stack) => new ssm.StringParameter(stack, 'P', {
      parameterName: '/app/region', stringValue: new CfnParameter(stack, 'Region').valueAsString,
    })],
  ])('compliant: %s', (_name, build) => {
    const stack = newStack();
    build(stack);
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test.each<[string, (stack: Stack) => void]>([
    ['a literal password under a secret-looking path', (stack) => new ssm.StringParameter(stack, 'P', { parameterName: '/app/db/password', stringValue: 'correct-horse-battery' })],
    ['a vendor key under a plain name', (stack) => new ssm.StringParameter(stack, 'P', { parameterName: '/app/payments/config', stringValue: 'sk_live_4eC39HqLyjWDarjtT1zdp7dc' })],
    ['a secret copied out of Secrets Manager', (stack) => new ssm.StringParameter(stack, 'P', {
      parameterName: '/app/api/token', stringValue: new secretsmanager.Secret(stack, 'S').secretValue.unsafeUnwrap(),
    })],
    ['an L1 parameter CloudFormation names, judged by its logical id', (stack) => new ssm.CfnParameter(stack, 'GithubToken', {
      type: 'String', value: SecretValue.unsafePlainText('ghp_0123456789abcdefABCDEF0123456789abcd').unsafeUnwrap(),
    })],
  ])('non-compliant: %s', (_name, build) => {
    const stack = newStack();
    build(stack);
    expect(checkRule(rule, stack).map((r) => [r.kind, r.location])).toEqual([[VerdictKind.VIOLATION, 'Properties/Value']]);
  });

  test('undecidable: a parameter\'s value under a secret-looking name', () => {
    const stack = newStack();
    new ssm.StringParameter(stack, 'P', { parameterName: '/app/db/password', stringValue: new CfnParameter(stack, 'Password').valueAsString });
    expect(checkRule(rule, stack).map((r) => r.kind)).toEqual([VerdictKind.UNDECIDABLE]);
  });

  test('raw override: addPropertyOverride writes a secret into a plain parameter', () => {
    const stack = newStack();
    const parameter = new ssm.StringParameter(stack, 'P', { parameterName: '/app/orders/table-name', stringValue: 'orders' });
    (parameter.node.defaultChild as ssm.CfnParameter).addPropertyOverride('Value', 'sk_live_4eC39HqLyjWDarjtT1zdp7dc');
    expect(checkRule(rule, stack).map((r) => r.kind)).toEqual([VerdictKind.VIOLATION]);
  });
});
