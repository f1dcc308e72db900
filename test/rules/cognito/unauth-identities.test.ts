import { CfnParameter } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as identitypool from 'aws-cdk-lib/aws-cognito-identitypool';
import { VerdictKind } from '../../../src/core/rule';
import { CognitoUnauthIdentitiesRule } from '../../../src/rules/cognito';
import { checkRule, newStack } from '../rule-test-helpers';

const rule = new CognitoUnauthIdentitiesRule();

describe('SLS-COGNITO-UNAUTH-IDENTITIES', () => {
  test('compliant: default identity pool (L2)', () => {
    const stack = newStack();
    new identitypool.IdentityPool(stack, 'Identities');
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test('non-compliant: guest access on the L2', () => {
    const stack = newStack();
    new identitypool.IdentityPool(stack, 'Identities', { allowUnauthenticatedIdentities: true });
    expect(checkRule(rule, stack)).toMatchObject([{ kind: VerdictKind.VIOLATION, location: 'Properties/AllowUnauthenticatedIdentities' }]);
  });

  test('non-compliant: guest access on the L1', () => {
    const stack = newStack();
    new cognito.CfnIdentityPool(stack, 'Identities', { allowUnauthenticatedIdentities: true });
    expect(checkRule(rule, stack)).toMatchObject([{ kind: VerdictKind.VIOLATION }]);
  });

  test('not applicable: user pool only', () => {
    const stack = newStack();
    new cognito.UserPool(stack, 'Pool');
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test('token: the flag from a parameter is undecidable', () => {
    const stack = newStack();
    const allow = new CfnParameter(stack, 'AllowGuests', { type: 'String' });
    new cognito.CfnIdentityPool(stack, 'Identities', { allowUnauthenticatedIdentities: allow.value as any });
    expect(checkRule(rule, stack)).toMatchObject([{ kind: VerdictKind.UNDECIDABLE, detail: expect.stringMatching(/parameter AllowGuests/) }]);
  });

  test('raw override: allowing guests through an override is caught', () => {
    const stack = newStack();
    const pool = new identitypool.IdentityPool(stack, 'Identities');
    (pool.node.findChild('Resource') as cognito.CfnIdentityPool).addPropertyOverride('AllowUnauthenticatedIdentities', true);
    expect(checkRule(rule, stack)).toMatchObject([{ kind: VerdictKind.VIOLATION }]);
  });
});
