import { CfnParameter, Fn, Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { VerdictKind } from '../../../src/core/rule';
import { ApiIntegrationSecretRule } from '../../../src/rules/apigateway';
import { checkRule, newStack } from '../rule-test-helpers';

const rule = new ApiIntegrationSecretRule();
const V = VerdictKind.VIOLATION;

function restMethod(stack: Stack, options: apigateway.IntegrationOptions, uri = 'https://partner.example.com/orders') {
  const api = new apigateway.RestApi(stack, 'Api');
  return api.root.addResource('orders').addMethod('POST', new apigateway.HttpIntegration(uri, { httpMethod: 'POST', options }));
}

describe('SLS-APIGW-INTEGRATION-SECRET', () => {
  test.each<[string, (stack: Stack) => void]>([
    ['a Lambda proxy integration', (s) => new apigateway.RestApi(s, 'Api').root.addMethod('GET', new apigateway.LambdaIntegration(new lambda.Function(s, 'Fn', {
      runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('x'),
    })))],
    ['static non-secret headers and headers mapped from the request', (s) => restMethod(s, {
      requestParameters: {
        'integration.request.header.Content-Type': "'application/json'",
        'integration.request.header.Authorization': 'method.request.header.Authorization',
        'integration.request.header.X-Request-Source': "'orders-api'",
      },
    })],
    ['an SQS service integration with a role and a form template mapping the body', (s) => {
      const role = new iam.Role(s, 'Role', { assumedBy: new iam.ServicePrincipal('apigateway.amazonaws.com') });
      new apigateway.RestApi(s, 'Api').root.addMethod('POST', new apigateway.AwsIntegration({
        service: 'sqs',
        path: '123456789012/orders',
        options: {
          credentialsRole: role,
          requestParameters: { 'integration.request.header.Content-Type': "'application/x-www-form-urlencoded'" },
          requestTemplates: { 'application/json': 'Action=SendMessage&MessageBody=$util.urlEncode($input.body)' },
        },
      }));
    }],
    ['an HTTP API integration mapping headers from the request', (s) => {
      const api = new apigwv2.CfnApi(s, 'Http', { name: 'h', protocolType: 'HTTP' });
      new apigwv2.CfnIntegration(s, 'Int', {
        apiId: api.ref,
        integrationType: 'HTTP_PROXY',
        integrationMethod: 'ANY',
        integrationUri: 'https://partner.example.com',
        payloadFormatVersion: '1.0',
        requestParameters: { 'append:header.X-Forwarded-User': '$context.authorizer.claims.sub', 'overwrite:header.Accept': 'application/json' },
      });
    }],
  ])('compliant: %s', (_name, build) => {
    const stack = newStack();
    build(stack);
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test.each<[string, (stack: Stack) => void, object[]]>([
    ['a static Authorization header (REST)', (s) => restMethod(s, {
      requestParameters: { 'integration.request.header.Authorization': "'Basic c3ZjOmh1bnRlcjI='" },
    }), [{ kind: V, findingId: 'header.Authorization', location: 'Properties/Integration/RequestParameters/integration.request.header.Authorization' }]],
    ['a static x-api-key header (REST)', (s) => restMethod(s, {
      requestParameters: { 'integration.request.header.x-api-key': "'k3y-4-partner'" },
    }), [{ kind: V, findingId: 'header.x-api-key' }]],
    ['an api_key query parameter (REST)', (s) => restMethod(s, {
      requestParameters: { 'integration.request.querystring.api_key': "'k3y-4-partner'" },
    }), [{ kind: V, findingId: 'querystring.api_key' }]],
    ['a token in a JSON request template', (s) => restMethod(s, {
      requestTemplates: { 'application/json': '{"order": $input.json(\'$\'), "apiToken": "tok-abc-123-def"}' },
    }), [{ kind: V, findingId: 'template.apiToken' }]],
    ['a password in the endpoint URL', (s) => restMethod(s, {}, 'https://svc:Sup3rS3cret@partner.example.com/orders'),
      [{ kind: V, findingId: 'uri' }]],
    ['a static Authorization header on an HTTP API integration', (s) => {
      const api = new apigwv2.CfnApi(s, 'Http', { name: 'h', protocolType: 'HTTP' });
      new apigwv2.CfnIntegration(s, 'Int', {
        apiId: api.ref,
        integrationType: 'HTTP_PROXY',
        integrationMethod: 'ANY',
        integrationUri: 'https://partner.example.com',
        payloadFormatVersion: '1.0',
        requestParameters: { 'overwrite:header.Authorization': 'Bearer abcdefghijklmnopqrstuvwxyz0123' },
      });
    }, [{ kind: V, findingId: 'header.Authorization' }]],
  ])('non-compliant: %s', (_name, build, expected) => {
    const stack = newStack();
    build(stack);
    expect(checkRule(rule, stack)).toMatchObject(expected);
  });

  test('the finding says what is wrong first and never shows the value', () => {
    const stack = newStack();
    restMethod(stack, { requestParameters: { 'integration.request.header.Authorization': "'Basic c3ZjOmh1bnRlcjI='" } });
    const [result] = checkRule(rule, stack);
    expect(result.detail).toMatch(/^The header Authorization that the integration of POST \/orders sends holds a literal/);
    expect(result.detail).not.toMatch(/c3ZjOmh1bnRlcjI/);
  });

  test('token: a secret-named header from a parameter is undecidable; request parameters chosen by a parameter too', () => {
    const stack = newStack();
    const token = new CfnParameter(stack, 'PartnerToken');
    restMethod(stack, { requestParameters: { 'integration.request.header.X-Partner-Token': Fn.join('', ["'", token.valueAsString, "'"]) } });
    expect(checkRule(rule, stack)).toMatchObject([{ kind: VerdictKind.UNDECIDABLE, findingId: 'header.X-Partner-Token' }]);

    const other = newStack();
    new CfnParameter(other, 'Parameters');
    const method = restMethod(other, {});
    (method.node.defaultChild as apigateway.CfnMethod).addPropertyOverride('Integration.RequestParameters', { Ref: 'Parameters' });
    expect(checkRule(rule, other)).toMatchObject([{ kind: VerdictKind.UNDECIDABLE, location: 'Properties/Integration/RequestParameters' }]);
  });

  test('a NoEcho parameter (a declared secret) in a header is a violation, whatever the header is called', () => {
    const stack = newStack();
    const token = new CfnParameter(stack, 'Partner', { noEcho: true });
    restMethod(stack, { requestParameters: { 'integration.request.header.X-Partner': Fn.join('', ["'", token.valueAsString, "'"]) } });
    expect(checkRule(rule, stack)).toMatchObject([{ kind: V, findingId: 'header.X-Partner', detail: expect.stringMatching(/NoEcho parameter Partner/) }]);
  });

  test('raw override: a static credential added to an L2 method through addPropertyOverride is caught', () => {
    const stack = newStack();
    const method = restMethod(stack, {});
    (method.node.defaultChild as apigateway.CfnMethod).addPropertyOverride('Integration.RequestParameters', { 'integration.request.header.Authorization': "'Bearer abcdefghijklmnopqrstuvwxyz0123'" });
    expect(checkRule(rule, stack)).toMatchObject([{ kind: V, findingId: 'header.Authorization' }]);
  });
});
