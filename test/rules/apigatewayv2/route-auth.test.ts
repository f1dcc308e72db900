import { CfnParameter, Stack } from 'aws-cdk-lib';
import * as apigatewayv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as authorizers from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import * as integrations from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { VerdictKind } from '../../../src/core/rule';
import { HttpApiRouteAuthRule } from '../../../src/rules/apigatewayv2';
import { checkRule, newStack } from '../rule-test-helpers';

const rule = new HttpApiRouteAuthRule();

function integration(id: string) {
  return new integrations.HttpUrlIntegration(id, 'https://backend.example.com');
}

function jwt() {
  return new authorizers.HttpJwtAuthorizer('Jwt', 'https://issuer.example.com', { jwtAudience: ['api'] });
}

function httpApi(stack: Stack, props: apigatewayv2.HttpApiProps = {}) {
  return new apigatewayv2.HttpApi(stack, 'Http', props);
}

describe('SLS-HTTPAPI-ROUTE-AUTH', () => {
  describe('compliant', () => {
    test('default JWT authorizer on every route, OPTIONS route exempt', () => {
      const stack = newStack();
      const api = httpApi(stack, { defaultAuthorizer: jwt() });
      api.addRoutes({ path: '/items', methods: [apigatewayv2.HttpMethod.GET, apigatewayv2.HttpMethod.POST], integration: integration('I') });
      api.addRoutes({ path: '/items', methods: [apigatewayv2.HttpMethod.OPTIONS], integration: integration('O'), authorizer: new apigatewayv2.HttpNoneAuthorizer() });
      expect(checkRule(rule, stack)).toEqual([]);
    });

    test('IAM route (L1)', () => {
      const stack = newStack();
      const api = new apigatewayv2.CfnApi(stack, 'Api', { name: 'l1', protocolType: 'HTTP' });
      new apigatewayv2.CfnRoute(stack, 'Route', { apiId: api.ref, routeKey: 'GET /items', authorizationType: 'AWS_IAM' });
      expect(checkRule(rule, stack)).toEqual([]);
    });
  });

  describe('non-compliant', () => {
    test('one public route among protected ones names the inconsistency', () => {
      const stack = newStack();
      const api = httpApi(stack);
      const auth = jwt();
      api.addRoutes({ path: '/a', methods: [apigatewayv2.HttpMethod.GET], integration: integration('A'), authorizer: auth });
      api.addRoutes({ path: '/b', methods: [apigatewayv2.HttpMethod.POST], integration: integration('B') });
      const results = checkRule(rule, stack);
      expect(results).toMatchObject([{ kind: VerdictKind.VIOLATION, detail: expect.stringMatching(/Route POST \/b has AuthorizationType NONE.*1 of 2 routes of this API use authorizer Jwt/) }]);
    });

    test('JWT without authorizer id (L1)', () => {
      const stack = newStack();
      const api = new apigatewayv2.CfnApi(stack, 'Api', { name: 'l1', protocolType: 'HTTP' });
      new apigatewayv2.CfnRoute(stack, 'Route', { apiId: api.ref, routeKey: '$default', authorizationType: 'JWT' });
      expect(checkRule(rule, stack)).toMatchObject([{ findingId: 'missing-authorizer' }]);
    });

    test('quick-create API with Target', () => {
      const stack = newStack();
      new apigatewayv2.CfnApi(stack, 'Api', { name: 'quick', protocolType: 'HTTP', target: 'arn:aws:lambda:eu-west-1:123456789012:function:f' });
      expect(checkRule(rule, stack)).toMatchObject([{ findingId: 'quick-create', location: 'Properties/Target' }]);
    });

    test('WebSocket $connect without authorizer', () => {
      const stack = newStack();
      const api = new apigatewayv2.CfnApi(stack, 'Api', { name: 'ws', protocolType: 'WEBSOCKET', routeSelectionExpression: '$request.body.action' });
      new apigatewayv2.CfnRoute(stack, 'Connect', { apiId: api.ref, routeKey: '$connect' });
      new apigatewayv2.CfnRoute(stack, 'Send', { apiId: api.ref, routeKey: 'send' });
      expect(checkRule(rule, stack)).toMatchObject([{ logicalId: 'Connect', kind: VerdictKind.VIOLATION }]);
    });
  });

  test('not applicable: OPTIONS route without authorizer', () => {
    const stack = newStack();
    const api = new apigatewayv2.CfnApi(stack, 'Api', { name: 'l1', protocolType: 'HTTP' });
    new apigatewayv2.CfnRoute(stack, 'Preflight', { apiId: api.ref, routeKey: 'OPTIONS /{proxy+}' });
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test('token: an authorization type from a parameter is undecidable', () => {
    const stack = newStack();
    const type = new CfnParameter(stack, 'AuthType', { type: 'String' });
    const api = new apigatewayv2.CfnApi(stack, 'Api', { name: 'l1', protocolType: 'HTTP' });
    new apigatewayv2.CfnRoute(stack, 'Route', { apiId: api.ref, routeKey: 'GET /a', authorizationType: type.valueAsString });
    expect(checkRule(rule, stack)).toMatchObject([{ kind: VerdictKind.UNDECIDABLE, detail: expect.stringMatching(/parameter AuthType/) }]);
  });

  test('raw override: making a protected route public through an override is caught', () => {
    const stack = newStack();
    const api = httpApi(stack, { defaultAuthorizer: jwt() });
    const [route] = api.addRoutes({ path: '/a', methods: [apigatewayv2.HttpMethod.GET], integration: integration('A') });
    const cfn = route.node.defaultChild as apigatewayv2.CfnRoute;
    cfn.addPropertyOverride('AuthorizationType', 'NONE');
    cfn.addPropertyDeletionOverride('AuthorizerId');
    expect(checkRule(rule, stack)).toMatchObject([{ kind: VerdictKind.VIOLATION }]);
  });

  test.each([
    ['Body', { body: { openapi: '3.0.1', paths: { '/a': { get: {} } } } }],
    ['BodyS3Location', { bodyS3Location: { bucket: 'specs', key: 'api.yaml' } }],
  ])('an HTTP API imported from an OpenAPI document (%s) is undecidable, not a silent pass (#16.3)', (source, props) => {
    const stack = newStack();
    new apigatewayv2.CfnApi(stack, 'Api', props as apigatewayv2.CfnApiProps);
    expect(checkRule(rule, stack)).toMatchObject([{ kind: VerdictKind.UNDECIDABLE, findingId: 'openapi-definition', location: `Properties/${source}` }]);
  });
});
