import { CfnParameter } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import { VerdictKind } from '../../../src/core/rule';
import { RestApiThrottlingRule } from '../../../src/rules/apigateway';
import { checkRule, newStack } from '../rule-test-helpers';

const rule = new RestApiThrottlingRule();

function restApi(deployOptions: apigateway.StageOptions) {
  const stack = newStack();
  const api = new apigateway.RestApi(stack, 'Api', { deployOptions });
  api.root.addMethod('GET');
  return { stack, api };
}

describe('SLS-APIGW-THROTTLING', () => {
  test('compliant: stage rate and burst limits (L2)', () => {
    expect(checkRule(rule, restApi({ throttlingRateLimit: 100, throttlingBurstLimit: 50 }).stack)).toEqual([]);
  });

  test('compliant: L1 deployment stage description', () => {
    const stack = newStack();
    const api = new apigateway.CfnRestApi(stack, 'Api', { name: 'l1' });
    new apigateway.CfnDeployment(stack, 'Deployment', { restApiId: api.ref, stageName: 'prod', stageDescription: { throttlingRateLimit: 10, throttlingBurstLimit: 5 } });
    expect(checkRule(rule, stack)).toEqual([]);
  });

  describe('non-compliant', () => {
    test('no throttling', () => {
      expect(checkRule(rule, restApi({}).stack)).toMatchObject([{ kind: VerdictKind.VIOLATION, detail: expect.stringMatching(/ThrottlingRateLimit or ThrottlingBurstLimit/) }]);
    });

    test('rate without burst', () => {
      expect(checkRule(rule, restApi({ throttlingRateLimit: 100 }).stack))
        .toMatchObject([{ kind: VerdictKind.VIOLATION, detail: expect.stringMatching(/sets no ThrottlingBurstLimit for every method/) }]);
    });

    test('throttling on one method only', () => {
      expect(checkRule(rule, restApi({ methodOptions: { '/items/GET': { throttlingRateLimit: 1, throttlingBurstLimit: 1 } } }).stack))
        .toMatchObject([{ kind: VerdictKind.VIOLATION }]);
    });
  });

  test('not applicable: deployment without stage', () => {
    const stack = newStack();
    const api = new apigateway.CfnRestApi(stack, 'Api', { name: 'l1' });
    new apigateway.CfnDeployment(stack, 'Deployment', { restApiId: api.ref });
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test('token: a rate limit from a parameter is undecidable', () => {
    const stack = newStack();
    const rate = new CfnParameter(stack, 'Rate', { type: 'Number' });
    const api = new apigateway.CfnRestApi(stack, 'Api', { name: 'l1' });
    new apigateway.CfnStage(stack, 'Stage', {
      restApiId: api.ref,
      deploymentId: 'd',
      stageName: 'prod',
      methodSettings: [{ resourcePath: '/*', httpMethod: '*', throttlingRateLimit: rate.valueAsNumber, throttlingBurstLimit: 10 }],
    });
    expect(checkRule(rule, stack)).toMatchObject([{ kind: VerdictKind.UNDECIDABLE, detail: expect.stringMatching(/parameter Rate/) }]);
  });

  test('raw override: removing the burst limit through an override is caught', () => {
    const { stack, api } = restApi({ throttlingRateLimit: 100, throttlingBurstLimit: 50 });
    (api.deploymentStage.node.defaultChild as apigateway.CfnStage).addPropertyDeletionOverride('MethodSettings.0.ThrottlingBurstLimit');
    expect(checkRule(rule, stack)).toMatchObject([{ kind: VerdictKind.VIOLATION }]);
  });
});
