import { CfnParameter, Stack } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Severity, VerdictKind } from '../../../src/core/rule';
import { CognitoClientFlowsRule } from '../../../src/rules/cognito';
import { checkRule, newStack } from '../rule-test-helpers';

const rule = new CognitoClientFlowsRule();
const V = VerdictKind.VIOLATION;

describe('SLS-COGNITO-CLIENT-FLOWS', () => {
  test.each<[string, (stack: Stack) => void]>([
    ['the authorization code grant and SRP, with a domain', (s) => {
      const pool = new cognito.UserPool(s, 'Pool');
      pool.addDomain('Domain', { cognitoDomain: { domainPrefix: 'shop-auth' } });
      pool.addClient('Web', { oAuth: { flows: { authorizationCodeGrant: true } }, authFlows: { userSrp: true } });
    }],
    ['OAuth disabled on a client with default flows', (s) => new cognito.UserPool(s, 'Pool').addClient('Api', { disableOAuth: true, authFlows: { userSrp: true } })],
    ['server-side admin password auth (with IAM credentials)', (s) => new cognito.UserPool(s, 'Pool').addClient('Admin', { disableOAuth: true, authFlows: { adminUserPassword: true } })],
  ])('compliant: %s', (_name, build) => {
    const stack = newStack();
    build(stack);
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test.each<[string, (stack: Stack) => void, object[]]>([
    ['aws-cdk-lib\'s default flows (implicit included) on a pool with a domain', (s) => {
      const pool = new cognito.UserPool(s, 'Pool');
      pool.addDomain('Domain', { cognitoDomain: { domainPrefix: 'shop-auth' } });
      pool.addClient('Web');
    }, [{ kind: V, findingId: 'implicit-grant', severity: undefined, detail: expect.stringMatching(/through domain Pool\w*Domain/) }]],
    ['the implicit grant while no domain serves it (info)', (s) => new cognito.UserPool(s, 'Pool').addClient('Web'),
      [{ kind: V, findingId: 'implicit-grant', severity: Severity.INFO }]],
    ['USER_PASSWORD_AUTH', (s) => new cognito.UserPool(s, 'Pool').addClient('Web', { disableOAuth: true, authFlows: { userPassword: true } }),
      [{ kind: V, findingId: 'user-password-auth', detail: expect.stringMatching(/^App client Pool\w*Web\w* allows ALLOW_USER_PASSWORD_AUTH/) }]],
    ['the legacy USER_PASSWORD_AUTH name on an L1 client', (s) => new cognito.CfnUserPoolClient(s, 'Client', {
      userPoolId: new cognito.CfnUserPool(s, 'Pool', {}).ref, explicitAuthFlows: ['USER_PASSWORD_AUTH'],
    }), [{ kind: V, findingId: 'user-password-auth' }]],
  ])('non-compliant: %s', (_name, build, expected) => {
    const stack = newStack();
    build(stack);
    expect(checkRule(rule, stack)).toMatchObject(expected);
  });

  test('token: flows from a parameter are undecidable', () => {
    const stack = newStack();
    new cognito.CfnUserPoolClient(stack, 'Client', {
      userPoolId: new cognito.CfnUserPool(stack, 'Pool', {}).ref,
      explicitAuthFlows: new CfnParameter(stack, 'Flows', { type: 'CommaDelimitedList' }).valueAsList,
    });
    expect(checkRule(rule, stack)).toMatchObject([{ kind: VerdictKind.UNDECIDABLE, findingId: 'user-password-auth' }]);
  });

  test('raw override: the implicit grant added to a code-grant client is caught', () => {
    const stack = newStack();
    const pool = new cognito.UserPool(stack, 'Pool');
    pool.addDomain('Domain', { cognitoDomain: { domainPrefix: 'shop-auth' } });
    const client = pool.addClient('Web', { oAuth: { flows: { authorizationCodeGrant: true } } });
    (client.node.defaultChild as cognito.CfnUserPoolClient).addPropertyOverride('AllowedOAuthFlows', ['code', 'implicit']);
    expect(checkRule(rule, stack)).toMatchObject([{ kind: V, findingId: 'implicit-grant', severity: undefined }]);
  });
});
