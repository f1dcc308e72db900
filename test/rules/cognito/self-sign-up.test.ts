import { CfnParameter, Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as authorizers from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import * as integrations from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Severity, VerdictKind } from '../../../src/core/rule';
import { CognitoSelfSignUpRule } from '../../../src/rules/cognito';
import { checkRule, newStack } from '../rule-test-helpers';

const rule = new CognitoSelfSignUpRule();

function fn(stack: Stack) {
  return new lambda.Function(stack, 'Fn', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('x') });
}

function restApiTrusting(stack: Stack, pool: cognito.IUserPool) {
  const api = new apigateway.RestApi(stack, 'Api');
  api.root.addMethod('GET', new apigateway.MockIntegration(), {
    authorizer: new apigateway.CognitoUserPoolsAuthorizer(stack, 'Auth', { cognitoUserPools: [pool] }),
  });
}

describe('SLS-COGNITO-SELF-SIGN-UP', () => {
  test.each<[string, (stack: Stack) => void]>([
    ['sign-up by invitation only (the aws-cdk-lib default) in front of an API', (s) => restApiTrusting(s, new cognito.UserPool(s, 'Pool'))],
    ['open sign-up restricted by a pre-sign-up trigger', (s) => restApiTrusting(s, new cognito.UserPool(s, 'Pool', {
      selfSignUpEnabled: true, lambdaTriggers: { preSignUp: fn(s) },
    }))],
  ])('compliant: %s', (_name, build) => {
    const stack = newStack();
    build(stack);
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test.each<[string, (stack: Stack) => void, RegExp]>([
    ['a REST API Cognito authorizer', (s) => restApiTrusting(s, new cognito.UserPool(s, 'Pool', { selfSignUpEnabled: true })), /REST API authorizer Auth/],
    ['an HTTP API JWT authorizer', (s) => {
      const pool = new cognito.UserPool(s, 'Pool', { selfSignUpEnabled: true });
      const api = new apigwv2.HttpApi(s, 'Http');
      api.addRoutes({
        path: '/orders',
        integration: new integrations.HttpLambdaIntegration('Int', fn(s)),
        authorizer: new authorizers.HttpUserPoolAuthorizer('Auth', pool, { userPoolClients: [pool.addClient('Web')] }),
      });
    }, /HTTP API JWT authorizer/],
    ['an identity pool (L1) naming a client of the pool', (s) => {
      const pool = new cognito.UserPool(s, 'Pool', { selfSignUpEnabled: true });
      const client = pool.addClient('Web');
      new cognito.CfnIdentityPool(s, 'Ids', {
        allowUnauthenticatedIdentities: false,
        cognitoIdentityProviders: [{ clientId: client.userPoolClientId, providerName: pool.userPoolProviderName }],
      });
    }, /identity pool/],
    ['an L1 pool relying on CloudFormation\'s default (no AdminCreateUserConfig)', (s) => {
      const pool = new cognito.CfnUserPool(s, 'Pool', {});
      new apigateway.CfnAuthorizer(s, 'Auth', { restApiId: new apigateway.CfnRestApi(s, 'Api', { name: 'a' }).ref, type: 'COGNITO_USER_POOLS', name: 'a', providerArns: [pool.attrArn], identitySource: 'method.request.header.Authorization' });
    }, /REST API authorizer Auth/],
  ])('non-compliant (error): open sign-up trusted by %s', (_name, build, trusted) => {
    const stack = newStack();
    build(stack);
    const results = checkRule(rule, stack);
    expect(results).toMatchObject([{ kind: VerdictKind.VIOLATION, severity: undefined }]);
    expect(results[0].detail).toMatch(/^User pool Pool\w* lets anyone sign up/);
    expect(results[0].detail).toMatch(trusted);
  });

  test('non-compliant (warning): open sign-up with nothing in the stack trusting the pool', () => {
    const stack = newStack();
    new cognito.UserPool(stack, 'Pool', { selfSignUpEnabled: true });
    expect(checkRule(rule, stack)).toMatchObject([{ kind: VerdictKind.VIOLATION, severity: Severity.WARNING }]);
  });

  test('token: sign-up setting from a parameter is undecidable', () => {
    const stack = newStack();
    new cognito.CfnUserPool(stack, 'Pool', { adminCreateUserConfig: { allowAdminCreateUserOnly: new CfnParameter(stack, 'InviteOnly').valueAsString as any } });
    expect(checkRule(rule, stack)).toMatchObject([{ kind: VerdictKind.UNDECIDABLE, detail: expect.stringMatching(/parameter InviteOnly/) }]);
  });

  test('raw override: an invitation-only L2 pool opened through addPropertyOverride is caught', () => {
    const stack = newStack();
    const pool = new cognito.UserPool(stack, 'Pool');
    restApiTrusting(stack, pool);
    (pool.node.defaultChild as cognito.CfnUserPool).addPropertyOverride('AdminCreateUserConfig.AllowAdminCreateUserOnly', false);
    expect(checkRule(rule, stack)).toMatchObject([{ kind: VerdictKind.VIOLATION, severity: undefined }]);
  });
});
