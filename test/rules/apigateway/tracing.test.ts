import { CfnParameter } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import { VerdictKind } from '../../../src/core/rule';
import { RestApiTracingRule } from '../../../src/rules/apigateway';
import { checkRule, newStack } from '../rule-test-helpers';

const rule = new RestApiTracingRule();

function restApi(deployOptions: apigateway.StageOptions) {
  const stack = newStack();
  const api = new apigateway.RestApi(stack, 'Api', { deployOptions });
  api.root.addMethod('GET');
  return { stack, api };
}

describe('SLS-APIGW-TRACING', () => {
  test('compliant: tracing enabled (L2)', () => {
    expect(checkRule(rule, restApi({ tracingEnabled: true }).stack)).toEqual([]);
  });

  test('compliant: L1 deployment stage description', () => {
    const stack = newStack();
    const api = new apigateway.CfnRestApi(stack, 'Api', { name: 'l1' });
    new apigateway.CfnDeployment(stack, 'Deployment', { restApiId: api.ref, stageName: 'prod', stageDescription: { tracingEnabled: true } });
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test.each([['default', {}], ['explicitly off', { tracingEnabled: false }]])('non-compliant: %s', (_name, options) => {
    expect(checkRule(rule, restApi(options).stack)).toMatchObject([{ kind: VerdictKind.VIOLATION, location: 'Properties/TracingEnabled' }]);
  });

  test('not applicable: deployment without stage', () => {
    const stack = newStack();
    const api = new apigateway.CfnRestApi(stack, 'Api', { name: 'l1' });
    new apigateway.CfnDeployment(stack, 'Deployment', { restApiId: api.ref });
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test('token: tracing flag from a parameter is undecidable', () => {
    const stack = newStack();
    const flag = new CfnParameter(stack, 'Tracing', { type: 'String' });
    const api = new apigateway.CfnRestApi(stack, 'Api', { name: 'l1' });
    new apigateway.CfnStage(stack, 'Stage', { restApiId: api.ref, deploymentId: 'd', stageName: 'prod', tracingEnabled: flag.value as any });
    expect(checkRule(rule, stack)).toMatchObject([{ kind: VerdictKind.UNDECIDABLE, detail: expect.stringMatching(/parameter Tracing/) }]);
  });

  test('raw override: enabling tracing through an override fixes it', () => {
    const { stack, api } = restApi({});
    (api.deploymentStage.node.defaultChild as apigateway.CfnStage).addPropertyOverride('TracingEnabled', true);
    expect(checkRule(rule, stack)).toEqual([]);
  });
});
