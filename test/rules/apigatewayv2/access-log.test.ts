import { CfnParameter, Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as apigatewayv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as logs from 'aws-cdk-lib/aws-logs';
import { VerdictKind } from '../../../src/core/rule';
import { HttpApiAccessLogRule } from '../../../src/rules/apigatewayv2';
import { checkRule, newStack } from '../rule-test-helpers';

const rule = new HttpApiAccessLogRule();
const COMPLETE = JSON.stringify({
  requestId: '$context.requestId',
  ip: '$context.identity.sourceIp',
  sub: '$context.authorizer.claims.sub',
  status: '$context.status',
  latency: '$context.responseLatency',
  authorizerError: '$context.authorizer.error',
});

function httpStage(stack: Stack, format?: string) {
  const api = new apigatewayv2.HttpApi(stack, 'Http', { createDefaultStage: false });
  return new apigatewayv2.HttpStage(stack, 'Stage', {
    httpApi: api,
    stageName: 'prod',
    accessLogSettings: format ? { destination: new apigatewayv2.LogGroupLogDestination(new logs.LogGroup(stack, 'Logs')), format: apigateway.AccessLogFormat.custom(format) } : undefined,
  });
}

describe('SLS-HTTPAPI-ACCESS-LOG', () => {
  test('compliant: JSON access log with every field (L2)', () => {
    const stack = newStack();
    httpStage(stack, COMPLETE);
    expect(checkRule(rule, stack)).toEqual([]);
  });

  describe('non-compliant', () => {
    test('the default stage of an HttpApi writes no access logs', () => {
      const stack = newStack();
      new apigatewayv2.HttpApi(stack, 'Http');
      expect(checkRule(rule, stack)).toMatchObject([{ kind: VerdictKind.VIOLATION, findingId: 'missing', detail: expect.stringMatching(/Stage \$default of HTTP API Http/) }]);
    });

    test('a format without authorizer error and latency (L1)', () => {
      const stack = newStack();
      const api = new apigatewayv2.CfnApi(stack, 'Api', { name: 'l1', protocolType: 'HTTP' });
      new apigatewayv2.CfnStage(stack, 'Stage', {
        apiId: api.ref,
        stageName: 'prod',
        accessLogSettings: { destinationArn: 'arn:aws:logs:eu-west-1:123456789012:log-group:x', format: '{"requestId":"$context.requestId","ip":"$context.identity.sourceIp","caller":"$context.identity.caller","status":"$context.status"}' },
      });
      expect(checkRule(rule, stack).map((r) => r.findingId).sort()).toEqual(['authorizer-error', 'latency']);
    });
  });

  test('not applicable: a stack without HTTP API', () => {
    const stack = newStack();
    new logs.LogGroup(stack, 'Logs');
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test('token: a format from a parameter is undecidable', () => {
    const stack = newStack();
    const format = new CfnParameter(stack, 'Format', { type: 'String' });
    const api = new apigatewayv2.CfnApi(stack, 'Api', { name: 'l1', protocolType: 'HTTP' });
    new apigatewayv2.CfnStage(stack, 'Stage', { apiId: api.ref, stageName: 'prod', accessLogSettings: { destinationArn: 'arn:aws:logs:eu-west-1:123456789012:log-group:x', format: format.valueAsString } });
    expect(checkRule(rule, stack)).toMatchObject([{ kind: VerdictKind.UNDECIDABLE, detail: expect.stringMatching(/parameter Format/) }]);
  });

  test('raw override: adding a complete access log through an override fixes the default stage', () => {
    const stack = newStack();
    const api = new apigatewayv2.HttpApi(stack, 'Http');
    (api.defaultStage!.node.defaultChild as apigatewayv2.CfnStage).addPropertyOverride('AccessLogSettings', { DestinationArn: 'arn:aws:logs:eu-west-1:123456789012:log-group:x', Format: COMPLETE });
    expect(checkRule(rule, stack)).toEqual([]);
  });
});
