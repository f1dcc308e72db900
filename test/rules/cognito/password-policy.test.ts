import { CfnParameter } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { VerdictKind } from '../../../src/core/rule';
import { CognitoPasswordPolicyRule } from '../../../src/rules/cognito';
import { checkRule, newStack } from '../rule-test-helpers';

const rule = new CognitoPasswordPolicyRule();

function pool(passwordPolicy?: cognito.PasswordPolicy) {
  const stack = newStack();
  const userPool = new cognito.UserPool(stack, 'Pool', { passwordPolicy });
  return { stack, userPool };
}

describe('SLS-COGNITO-PASSWORD-POLICY', () => {
  describe('compliant', () => {
    test.each([
      ['12 characters with the default classes', { minLength: 12 }],
      ['12 characters with 3 classes', { minLength: 12, requireSymbols: false }],
      ['a 15-character passphrase without classes', { minLength: 15, requireLowercase: false, requireUppercase: false, requireDigits: false, requireSymbols: false }],
    ])('%s (L2)', (_name, policy) => {
      expect(checkRule(rule, pool(policy).stack)).toEqual([]);
    });
  });

  describe('non-compliant', () => {
    test("Cognito's default policy (8 characters)", () => {
      const results = checkRule(rule, pool().stack);
      expect(results).toMatchObject([{ kind: VerdictKind.VIOLATION, findingId: 'min-length', detail: expect.stringMatching(/8 characters/) }]);
    });

    test('12 characters with a single class (L1)', () => {
      const stack = newStack();
      new cognito.CfnUserPool(stack, 'Pool', {
        policies: {
          passwordPolicy: { minimumLength: 12, requireLowercase: true, requireUppercase: false, requireNumbers: false, requireSymbols: false },
        },
      });
      expect(checkRule(rule, stack)).toMatchObject([{ findingId: 'character-classes' }]);
    });
  });

  test('not applicable: a stack without user pool', () => {
    expect(checkRule(rule, newStack())).toEqual([]);
  });

  test('token: a minimum length from a parameter is undecidable', () => {
    const stack = newStack();
    const length = new CfnParameter(stack, 'MinLength', { type: 'Number' });
    new cognito.CfnUserPool(stack, 'Pool', { policies: { passwordPolicy: { minimumLength: length.valueAsNumber } } });
    expect(checkRule(rule, stack)).toMatchObject([{ kind: VerdictKind.UNDECIDABLE, detail: expect.stringMatching(/parameter MinLength/) }]);
  });

  test('raw override: shortening the policy through an override is caught', () => {
    const { stack, userPool } = pool({ minLength: 14 });
    (userPool.node.defaultChild as cognito.CfnUserPool).addPropertyOverride('Policies.PasswordPolicy.MinimumLength', 6);
    expect(checkRule(rule, stack)).toMatchObject([{ findingId: 'min-length' }]);
  });
});
