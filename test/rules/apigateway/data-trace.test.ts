import { CfnParameter } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import { VerdictKind } from '../../../src/core/rule';
import { RestApiDataTraceRule } from '../../../src/rules/apigateway';
import { checkRule, newStack } from '../rule-test-helpers';

const rule = new RestApiDataTraceRule();

function restApi(deployOptions: apigateway.StageOptions, id = 'Api') {
  const stack = newStack();
  const api = new apigateway.RestApi(stack, id, { deployOptions });
  api.root.addMethod('GET');
  return { stack, api };
}

describe('SLS-APIGW-DATA-TRACE', () => {
  test.each([
    ['default stage', {}],
    ['explicitly off', { dataTraceEnabled: false, loggingLevel: apigateway.MethodLoggingLevel.ERROR }],
  ])('compliant: %s', (_name, options) => {
    expect(checkRule(rule, restApi(options).stack)).toEqual([]);
  });

  describe('non-compliant', () => {
    test('stage-wide data tracing (L2)', () => {
      const results = checkRule(rule, restApi({ dataTraceEnabled: true }).stack);
      expect(results).toMatchObject([{ kind: VerdictKind.VIOLATION, location: 'Properties/MethodSettings/0/DataTraceEnabled' }]);
      expect(results[0].detail).toMatch(/every method/);
    });

    test('data tracing on one method only names it', () => {
      const results = checkRule(rule, restApi({ methodOptions: { '/items/POST': { dataTraceEnabled: true } } }).stack);
      expect(results).toMatchObject([{ kind: VerdictKind.VIOLATION, detail: expect.stringMatching(/POST \/items/) }]);
    });

    test('L1 deployment StageDescription', () => {
      const stack = newStack();
      const api = new apigateway.CfnRestApi(stack, 'Api', { name: 'l1' });
      new apigateway.CfnDeployment(stack, 'Deployment', { restApiId: api.ref, stageName: 'prod', stageDescription: { dataTraceEnabled: true } });
      expect(checkRule(rule, stack)).toMatchObject([{ kind: VerdictKind.VIOLATION, location: 'Properties/StageDescription/DataTraceEnabled' }]);
    });
  });

  test('not applicable: a deployment that creates no stage', () => {
    const stack = newStack();
    const api = new apigateway.CfnRestApi(stack, 'Api', { name: 'l1' });
    new apigateway.CfnDeployment(stack, 'Deployment', { restApiId: api.ref });
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test('token: a flag from a parameter is undecidable', () => {
    const stack = newStack();
    const flag = new CfnParameter(stack, 'Trace', { type: 'String' });
    const api = new apigateway.CfnRestApi(stack, 'Api', { name: 'l1' });
    new apigateway.CfnStage(stack, 'Stage', {
      restApiId: api.ref,
      deploymentId: 'd',
      stageName: 'prod',
      methodSettings: [{ resourcePath: '/*', httpMethod: '*', dataTraceEnabled: flag.value as any }],
    });
    expect(checkRule(rule, stack)).toMatchObject([{ kind: VerdictKind.UNDECIDABLE, detail: expect.stringMatching(/parameter Trace/) }]);
  });

  test('raw override: turning data tracing on through an override is caught', () => {
    const { stack, api } = restApi({ loggingLevel: apigateway.MethodLoggingLevel.ERROR });
    (api.deploymentStage.node.defaultChild as apigateway.CfnStage).addPropertyOverride('MethodSettings.0.DataTraceEnabled', true);
    expect(checkRule(rule, stack)).toMatchObject([{ kind: VerdictKind.VIOLATION }]);
  });
});
