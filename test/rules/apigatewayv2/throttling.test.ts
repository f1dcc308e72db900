import { CfnParameter } from 'aws-cdk-lib';
import * as apigatewayv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { VerdictKind } from '../../../src/core/rule';
import { HttpApiThrottlingRule } from '../../../src/rules/apigatewayv2';
import { checkRule, newStack } from '../rule-test-helpers';

const rule = new HttpApiThrottlingRule();

describe('SLS-HTTPAPI-THROTTLING', () => {
  test('compliant: stage throttle (L2)', () => {
    const stack = newStack();
    const api = new apigatewayv2.HttpApi(stack, 'Http', { createDefaultStage: false });
    new apigatewayv2.HttpStage(stack, 'Stage', { httpApi: api, stageName: 'prod', throttle: { rateLimit: 50, burstLimit: 100 } });
    expect(checkRule(rule, stack)).toEqual([]);
  });

  describe('non-compliant', () => {
    test('the default stage of an HttpApi has no throttling', () => {
      const stack = newStack();
      new apigatewayv2.HttpApi(stack, 'Http');
      expect(checkRule(rule, stack)).toMatchObject([{ kind: VerdictKind.VIOLATION, detail: expect.stringMatching(/ThrottlingRateLimit or ThrottlingBurstLimit/) }]);
    });

    test('rate only (L1)', () => {
      const stack = newStack();
      const api = new apigatewayv2.CfnApi(stack, 'Api', { name: 'l1', protocolType: 'HTTP' });
      new apigatewayv2.CfnStage(stack, 'Stage', { apiId: api.ref, stageName: 'prod', defaultRouteSettings: { throttlingRateLimit: 10 } });
      expect(checkRule(rule, stack)).toMatchObject([{ detail: expect.stringMatching(/sets no default ThrottlingBurstLimit,/) }]);
    });
  });

  test('not applicable: a stack without HTTP API', () => {
    expect(checkRule(rule, newStack())).toEqual([]);
  });

  test('token: limits from a parameter are undecidable', () => {
    const stack = newStack();
    const rate = new CfnParameter(stack, 'Rate', { type: 'Number' });
    const api = new apigatewayv2.CfnApi(stack, 'Api', { name: 'l1', protocolType: 'HTTP' });
    new apigatewayv2.CfnStage(stack, 'Stage', { apiId: api.ref, stageName: 'prod', defaultRouteSettings: { throttlingRateLimit: rate.valueAsNumber, throttlingBurstLimit: 5 } });
    expect(checkRule(rule, stack)).toMatchObject([{ kind: VerdictKind.UNDECIDABLE, detail: expect.stringMatching(/parameter Rate/) }]);
  });

  test('raw override: removing the limits through an override is caught', () => {
    const stack = newStack();
    const api = new apigatewayv2.HttpApi(stack, 'Http', { createDefaultStage: false });
    const stage = new apigatewayv2.HttpStage(stack, 'Stage', { httpApi: api, stageName: 'prod', throttle: { rateLimit: 50, burstLimit: 100 } });
    (stage.node.defaultChild as apigatewayv2.CfnStage).addPropertyDeletionOverride('DefaultRouteSettings');
    expect(checkRule(rule, stack)).toMatchObject([{ kind: VerdictKind.VIOLATION }]);
  });
});
