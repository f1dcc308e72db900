import { CfnParameter } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import { VerdictKind } from '../../../src/core/rule';
import { RestApiExecutionLogRule } from '../../../src/rules/apigateway';
import { checkRule, newStack } from '../rule-test-helpers';

const rule = new RestApiExecutionLogRule();

function restApi(deployOptions: apigateway.StageOptions) {
  const stack = newStack();
  const api = new apigateway.RestApi(stack, 'Api', { deployOptions });
  api.root.addMethod('GET');
  return { stack, api };
}

describe('SLS-APIGW-EXECUTION-LOG', () => {
  test.each([apigateway.MethodLoggingLevel.ERROR, apigateway.MethodLoggingLevel.INFO])('compliant: %s for every method', (loggingLevel) => {
    expect(checkRule(rule, restApi({ loggingLevel }).stack)).toEqual([]);
  });

  test('compliant: L1 deployment with a stage-wide logging level', () => {
    const stack = newStack();
    const api = new apigateway.CfnRestApi(stack, 'Api', { name: 'l1' });
    new apigateway.CfnDeployment(stack, 'Deployment', { restApiId: api.ref, stageName: 'prod', stageDescription: { loggingLevel: 'ERROR' } });
    expect(checkRule(rule, stack)).toEqual([]);
  });

  describe('non-compliant', () => {
    test('no method settings at all', () => {
      expect(checkRule(rule, restApi({}).stack)).toMatchObject([{ kind: VerdictKind.VIOLATION, detail: expect.stringMatching(/execution logging is off/) }]);
    });

    test('logging OFF', () => {
      expect(checkRule(rule, restApi({ loggingLevel: apigateway.MethodLoggingLevel.OFF }).stack))
        .toMatchObject([{ kind: VerdictKind.VIOLATION, detail: expect.stringMatching(/OFF/) }]);
    });

    test('logging on one method only (L1 stage)', () => {
      const stack = newStack();
      const api = new apigateway.CfnRestApi(stack, 'Api', { name: 'l1' });
      new apigateway.CfnStage(stack, 'Stage', {
        restApiId: api.ref,
        deploymentId: 'd',
        stageName: 'prod',
        methodSettings: [{ resourcePath: '/~1items', httpMethod: 'POST', loggingLevel: 'INFO' }],
      });
      expect(checkRule(rule, stack)).toMatchObject([{ kind: VerdictKind.VIOLATION }]);
    });
  });

  test('not applicable: a deployment without stage', () => {
    const stack = newStack();
    const api = new apigateway.CfnRestApi(stack, 'Api', { name: 'l1' });
    new apigateway.CfnDeployment(stack, 'Deployment', { restApiId: api.ref });
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test('token: a logging level from a parameter is undecidable', () => {
    const stack = newStack();
    const level = new CfnParameter(stack, 'Level', { type: 'String' });
    const api = new apigateway.CfnRestApi(stack, 'Api', { name: 'l1' });
    new apigateway.CfnStage(stack, 'Stage', {
      restApiId: api.ref,
      deploymentId: 'd',
      stageName: 'prod',
      methodSettings: [{ resourcePath: '/*', httpMethod: '*', loggingLevel: level.valueAsString }],
    });
    expect(checkRule(rule, stack)).toMatchObject([{ kind: VerdictKind.UNDECIDABLE, detail: expect.stringMatching(/parameter Level/) }]);
  });

  test('raw override: switching logging off through an override is caught', () => {
    const { stack, api } = restApi({ loggingLevel: apigateway.MethodLoggingLevel.ERROR });
    (api.deploymentStage.node.defaultChild as apigateway.CfnStage).addPropertyOverride('MethodSettings.0.LoggingLevel', 'OFF');
    expect(checkRule(rule, stack)).toMatchObject([{ kind: VerdictKind.VIOLATION }]);
  });
});
