import { CfnParameter } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import { Severity, VerdictKind } from '../../../src/core/rule';
import { RestApiCorsRule } from '../../../src/rules/apigateway';
import { checkRule, newStack } from '../rule-test-helpers';

const rule = new RestApiCorsRule();

function restApi(cors?: apigateway.CorsOptions) {
  const stack = newStack();
  const api = new apigateway.RestApi(stack, 'Api', { defaultCorsPreflightOptions: cors });
  api.root.addMethod('GET');
  return { stack, api };
}

describe('SLS-APIGW-CORS', () => {
  describe('compliant', () => {
    test('explicit origin with credentials (L2 pre-flight)', () => {
      const { stack } = restApi({ allowOrigins: ['https://app.example.com'], allowCredentials: true });
      expect(checkRule(rule, stack)).toEqual([]);
    });

    test('gateway response with an explicit origin', () => {
      const { stack, api } = restApi();
      api.addGatewayResponse('Unauthorized', { type: apigateway.ResponseType.UNAUTHORIZED, responseHeaders: { 'Access-Control-Allow-Origin': "'https://app.example.com'" } });
      expect(checkRule(rule, stack)).toEqual([]);
    });
  });

  describe('non-compliant', () => {
    test('ALL_ORIGINS with credentials on the generated pre-flight is an error per OPTIONS method', () => {
      const { stack, api } = restApi({ allowOrigins: apigateway.Cors.ALL_ORIGINS, allowCredentials: true });
      api.root.addResource('items');
      const results = checkRule(rule, stack);
      expect(results).toHaveLength(2);
      expect(results.every((r) => r.findingId === 'wildcard-with-credentials' && r.severity === undefined)).toBe(true);
    });

    test('ALL_ORIGINS alone is a warning', () => {
      const { stack } = restApi({ allowOrigins: apigateway.Cors.ALL_ORIGINS });
      expect(checkRule(rule, stack)).toMatchObject([{ findingId: 'wildcard-origin', severity: Severity.WARNING }]);
    });

    test('a gateway response reflecting the Origin header with credentials is an error', () => {
      const { stack, api } = restApi();
      api.addGatewayResponse('Default4xx', {
        type: apigateway.ResponseType.DEFAULT_4XX,
        responseHeaders: { 'Access-Control-Allow-Origin': 'method.request.header.Origin', 'Access-Control-Allow-Credentials': "'true'" },
      });
      expect(checkRule(rule, stack)).toMatchObject([{ kind: VerdictKind.VIOLATION, findingId: 'wildcard-with-credentials', detail: expect.stringMatching(/reflected/) }]);
    });

    test('L1 non-proxy integration response with * and credentials', () => {
      const stack = newStack();
      const api = new apigateway.CfnRestApi(stack, 'Api', { name: 'l1' });
      new apigateway.CfnMethod(stack, 'Get', {
        restApiId: api.ref,
        resourceId: api.attrRootResourceId,
        httpMethod: 'GET',
        authorizationType: 'AWS_IAM',
        integration: {
          type: 'HTTP',
          integrationHttpMethod: 'GET',
          uri: 'https://backend.example.com',
          integrationResponses: [{ statusCode: '200', responseParameters: { 'method.response.header.Access-Control-Allow-Origin': "'*'", 'method.response.header.Access-Control-Allow-Credentials': "'true'" } }],
        },
      });
      expect(checkRule(rule, stack)).toMatchObject([{ findingId: 'wildcard-with-credentials' }]);
    });
  });

  test('not applicable: no CORS at all', () => {
    const { stack } = restApi();
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test('token: gateway response headers from a parameter are undecidable', () => {
    const { stack, api } = restApi();
    const origin = new CfnParameter(stack, 'Origin', { type: 'String' });
    new apigateway.CfnGatewayResponse(stack, 'Resp', { restApiId: api.restApiId, responseType: 'DEFAULT_4XX', responseParameters: { 'gatewayresponse.header.Access-Control-Allow-Origin': origin.valueAsString } });
    expect(checkRule(rule, stack)).toMatchObject([{ kind: VerdictKind.UNDECIDABLE, detail: expect.stringMatching(/parameter Origin/) }]);
  });

  test('raw override: widening the pre-flight origin through an override is caught', () => {
    const { stack, api } = restApi({ allowOrigins: ['https://app.example.com'], allowCredentials: true });
    const preflight = api.root.node.findChild('OPTIONS').node.defaultChild as apigateway.CfnMethod;
    preflight.addPropertyOverride('Integration.IntegrationResponses.0.ResponseParameters.method\\.response\\.header\\.Access-Control-Allow-Origin', "'*'");
    expect(checkRule(rule, stack)).toMatchObject([{ findingId: 'wildcard-with-credentials' }]);
  });
});
