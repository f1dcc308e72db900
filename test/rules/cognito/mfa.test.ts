import { CfnParameter } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { VerdictKind } from '../../../src/core/rule';
import { CognitoMfaRule } from '../../../src/rules/cognito';
import { checkRule, newStack } from '../rule-test-helpers';

const rule = new CognitoMfaRule();

describe('SLS-COGNITO-MFA', () => {
  test.each([cognito.Mfa.OPTIONAL, cognito.Mfa.REQUIRED])('compliant: %s (L2)', (mfa) => {
    const stack = newStack();
    new cognito.UserPool(stack, 'Pool', { mfa, mfaSecondFactor: { otp: true, sms: false } });
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test('non-compliant: default (no MFA) on the L2', () => {
    const stack = newStack();
    new cognito.UserPool(stack, 'Pool');
    expect(checkRule(rule, stack)).toMatchObject([{ kind: VerdictKind.VIOLATION, location: 'Properties/MfaConfiguration' }]);
  });

  test('non-compliant: explicit OFF (L1)', () => {
    const stack = newStack();
    new cognito.CfnUserPool(stack, 'Pool', { mfaConfiguration: 'OFF' });
    expect(checkRule(rule, stack)).toMatchObject([{ kind: VerdictKind.VIOLATION }]);
  });

  test('not applicable: a stack without user pool', () => {
    expect(checkRule(rule, newStack())).toEqual([]);
  });

  test('token: MFA configuration from a parameter is undecidable', () => {
    const stack = newStack();
    const mfa = new CfnParameter(stack, 'Mfa', { type: 'String' });
    new cognito.CfnUserPool(stack, 'Pool', { mfaConfiguration: mfa.valueAsString });
    expect(checkRule(rule, stack)).toMatchObject([{ kind: VerdictKind.UNDECIDABLE, detail: expect.stringMatching(/parameter Mfa/) }]);
  });

  test('raw override: switching MFA off through an override is caught', () => {
    const stack = newStack();
    const pool = new cognito.UserPool(stack, 'Pool', { mfa: cognito.Mfa.REQUIRED, mfaSecondFactor: { otp: true, sms: false } });
    (pool.node.defaultChild as cognito.CfnUserPool).addPropertyOverride('MfaConfiguration', 'OFF');
    expect(checkRule(rule, stack)).toMatchObject([{ kind: VerdictKind.VIOLATION }]);
  });
});
