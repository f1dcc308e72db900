import { CfnParameter, Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { VerdictKind } from '../../../src/core/rule';
import { RestApiMethodAuthRule } from '../../../src/rules/apigateway';
import { checkRule, newStack } from '../rule-test-helpers';

const rule = new RestApiMethodAuthRule();

function apiWithAuthorizer(stack: Stack) {
  const pool = new cognito.UserPool(stack, 'Pool');
  const authorizer = new apigateway.CognitoUserPoolsAuthorizer(stack, 'Auth', { cognitoUserPools: [pool], authorizerName: 'users' });
  const api = new apigateway.RestApi(stack, 'Api', {
    defaultCorsPreflightOptions: { allowOrigins: ['https://app.example.com'] },
  });
  return { api, authorizer };
}

describe('SLS-APIGW-METHOD-AUTH', () => {
  describe('compliant', () => {
    test.each([
      ['Cognito authorizer on every method, CORS pre-flight exempt', (stack: Stack) => {
        const { api, authorizer } = apiWithAuthorizer(stack);
        api.root.addResource('items').addMethod('POST', undefined, { authorizer });
        api.root.addMethod('GET', undefined, { authorizer });
      }],
      ['IAM authorization', (stack: Stack) => {
        const api = new apigateway.RestApi(stack, 'Api');
        api.root.addMethod('GET', undefined, { authorizationType: apigateway.AuthorizationType.IAM });
      }],
      ['L1 method with a CUSTOM authorizer', (stack: Stack) => {
        const api = new apigateway.CfnRestApi(stack, 'Api', { name: 'l1' });
        const auth = new apigateway.CfnAuthorizer(stack, 'Auth', { restApiId: api.ref, name: 'lambda', type: 'TOKEN', identitySource: 'method.request.header.Authorization' });
        new apigateway.CfnMethod(stack, 'Get', {
          restApiId: api.ref,
          resourceId: api.attrRootResourceId,
          httpMethod: 'GET',
          authorizationType: 'CUSTOM',
          authorizerId: auth.ref,
          integration: { type: 'MOCK' },
        });
      }],
    ])('%s', (_name, build) => {
      const stack = newStack();
      build(stack);
      expect(checkRule(rule, stack)).toEqual([]);
    });
  });

  describe('non-compliant', () => {
    test('a method without authorizer on an otherwise protected API names the inconsistency', () => {
      const stack = newStack();
      const { api, authorizer } = apiWithAuthorizer(stack);
      const items = api.root.addResource('items');
      items.addMethod('POST', undefined, { authorizer });
      items.addMethod('PUT', undefined, { authorizer });
      items.addMethod('GET');
      const results = checkRule(rule, stack);
      expect(results).toHaveLength(1);
      expect(results[0].kind).toBe(VerdictKind.VIOLATION);
      expect(results[0].detail).toMatch(/GET \/items has AuthorizationType NONE/);
      expect(results[0].detail).toMatch(/2 of 3 methods of this API use authorizer users/);
    });

    test('each open method gets the note of its own API, when several APIs share a stack', () => {
      const stack = newStack();
      const { api, authorizer } = apiWithAuthorizer(stack);
      api.root.addMethod('POST', undefined, { authorizer });
      api.root.addResource('a').addMethod('GET');
      api.root.addResource('b').addMethod('GET');
      const open = new apigateway.RestApi(stack, 'OpenApi');
      open.root.addMethod('GET');
      open.root.addResource('c').addMethod('GET');
      const details = checkRule(rule, stack).map((r) => r.detail);
      expect(details).toHaveLength(4);
      expect(details.filter((d) => d.includes('1 of 3 methods of this API use authorizer users'))).toHaveLength(2);
      expect(details.filter((d) => d.includes('methods of this API use'))).toHaveLength(2); // the open API has no note
    });

    test('a method protected only by an API key is api-key-only', () => {
      const stack = newStack();
      const api = new apigateway.RestApi(stack, 'Api');
      api.root.addMethod('GET', undefined, { apiKeyRequired: true });
      const results = checkRule(rule, stack);
      expect(results).toMatchObject([{ kind: VerdictKind.VIOLATION, findingId: 'api-key-only' }]);
      expect(results[0].detail).toMatch(/API keys are metering, not authentication/);
    });

    test('an OPTIONS method that reaches a backend is not a pre-flight', () => {
      const stack = newStack();
      const api = new apigateway.RestApi(stack, 'Api');
      api.root.addMethod('OPTIONS', new apigateway.HttpIntegration('https://backend.example.com'));
      expect(checkRule(rule, stack)).toMatchObject([{ kind: VerdictKind.VIOLATION }]);
    });

    test('L1 COGNITO_USER_POOLS without AuthorizerId', () => {
      const stack = newStack();
      const api = new apigateway.CfnRestApi(stack, 'Api', { name: 'l1' });
      new apigateway.CfnMethod(stack, 'Get', {
        restApiId: api.ref, resourceId: api.attrRootResourceId, httpMethod: 'GET', authorizationType: 'COGNITO_USER_POOLS',
      });
      expect(checkRule(rule, stack)).toMatchObject([{ kind: VerdictKind.VIOLATION, findingId: 'missing-authorizer' }]);
    });
  });

  describe('not applicable', () => {
    test('CORS pre-flight OPTIONS methods alone produce nothing', () => {
      const stack = newStack();
      const api = new apigateway.RestApi(stack, 'Api', { defaultCorsPreflightOptions: { allowOrigins: ['https://a.example.com'] } });
      api.root.addResource('items');
      api.root.addMethod('GET', undefined, { authorizationType: apigateway.AuthorizationType.IAM });
      expect(checkRule(rule, stack)).toEqual([]);
    });
  });

  describe('token / unresolvable', () => {
    test('methods defined in an OpenAPI document (SpecRestApi) are reported as not checked', () => {
      const stack = newStack();
      new apigateway.SpecRestApi(stack, 'Spec', {
        apiDefinition: apigateway.ApiDefinition.fromInline({ openapi: '3.0.2', info: { title: 't', version: '1' }, paths: { '/': { get: {} } } }),
      });
      expect(checkRule(rule, stack)).toMatchObject([{ kind: VerdictKind.UNDECIDABLE, findingId: 'openapi-definition', location: 'Properties/Body' }]);
    });


    test('an authorization type from a parameter is undecidable and names it', () => {
      const stack = newStack();
      const authType = new CfnParameter(stack, 'AuthType', { type: 'String' });
      const api = new apigateway.CfnRestApi(stack, 'Api', { name: 'l1' });
      new apigateway.CfnMethod(stack, 'Get', {
        restApiId: api.ref, resourceId: api.attrRootResourceId, httpMethod: 'GET', authorizationType: authType.valueAsString,
      });
      const results = checkRule(rule, stack);
      expect(results).toMatchObject([{ kind: VerdictKind.UNDECIDABLE }]);
      expect(results[0].detail).toMatch(/parameter AuthType/);
    });
  });

  describe('raw override', () => {
    test('overriding a protected method to NONE is caught', () => {
      const stack = newStack();
      const { api, authorizer } = apiWithAuthorizer(stack);
      const method = api.root.addMethod('GET', undefined, { authorizer });
      (method.node.defaultChild as apigateway.CfnMethod).addPropertyOverride('AuthorizationType', 'NONE');
      (method.node.defaultChild as apigateway.CfnMethod).addPropertyDeletionOverride('AuthorizerId');
      expect(checkRule(rule, stack)).toMatchObject([{ kind: VerdictKind.VIOLATION }]);
    });

    test('overriding a public method to AWS_IAM fixes it', () => {
      const stack = newStack();
      const api = new apigateway.RestApi(stack, 'Api');
      const method = api.root.addMethod('GET');
      (method.node.defaultChild as apigateway.CfnMethod).addPropertyOverride('AuthorizationType', 'AWS_IAM');
      expect(checkRule(rule, stack)).toEqual([]);
    });
  });
});
