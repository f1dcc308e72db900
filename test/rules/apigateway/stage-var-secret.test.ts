import { CfnParameter } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import { VerdictKind } from '../../../src/core/rule';
import { RestApiStageVarSecretRule } from '../../../src/rules/apigateway';
import { checkRule, newStack } from '../rule-test-helpers';

const rule = new RestApiStageVarSecretRule();

function restApi(variables?: Record<string, string>) {
  const stack = newStack();
  const api = new apigateway.RestApi(stack, 'Api', { deployOptions: { variables } });
  api.root.addMethod('GET');
  return { stack, api };
}

describe('SLS-APIGW-STAGE-VAR-SECRET', () => {
  test('compliant: ordinary variables and secret references', () => {
    const { stack } = restApi({ backendHost: 'backend.example.com', DB_PASSWORD_SECRET_ARN: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf', lambdaAlias: 'live' });
    expect(checkRule(rule, stack)).toEqual([]);
  });

  describe('non-compliant', () => {
    test('a literal under a secret name, finding id = variable name', () => {
      const { stack } = restApi({ apiToken: 'hunter2-but-longer', region: 'eu-west-1' });
      const results = checkRule(rule, stack);
      expect(results).toMatchObject([{ kind: VerdictKind.VIOLATION, findingId: 'apiToken', location: 'Properties/Variables/apiToken' }]);
    });

    test('a credential-shaped value under an innocent name (L1 deployment)', () => {
      const stack = newStack();
      const api = new apigateway.CfnRestApi(stack, 'Api', { name: 'l1' });
      new apigateway.CfnDeployment(stack, 'Deployment', { restApiId: api.ref, stageName: 'prod', stageDescription: { variables: { upstream: 'AKIAIOSFODNN7EXAMPLE' } } });
      expect(checkRule(rule, stack)).toMatchObject([{ findingId: 'upstream', location: 'Properties/StageDescription/Variables/upstream', detail: expect.stringMatching(/AWS access key/) }]);
    });
  });

  test('not applicable: no stage variables', () => {
    const { stack } = restApi();
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test('token: a secret-named variable from a parameter is undecidable; an innocent one is not reported', () => {
    const stack = newStack();
    const secret = new CfnParameter(stack, 'ApiKeyValue', { type: 'String' });
    const host = new CfnParameter(stack, 'Host', { type: 'String' });
    const api = new apigateway.RestApi(stack, 'Api', { deployOptions: { variables: { API_KEY: secret.valueAsString, host: host.valueAsString } } });
    api.root.addMethod('GET');
    expect(checkRule(rule, stack)).toMatchObject([{ kind: VerdictKind.UNDECIDABLE, findingId: 'API_KEY', detail: expect.stringMatching(/parameter ApiKeyValue/) }]);
  });

  test('a NoEcho parameter (a declared secret) in a stage variable is a violation', () => {
    const stack = newStack();
    const secret = new CfnParameter(stack, 'Upstream', { type: 'String', noEcho: true });
    new apigateway.RestApi(stack, 'Api', { deployOptions: { variables: { upstream: secret.valueAsString } } }).root.addMethod('GET');
    expect(checkRule(rule, stack)).toMatchObject([{ kind: VerdictKind.VIOLATION, findingId: 'upstream', detail: expect.stringMatching(/NoEcho parameter Upstream/) }]);
  });

  test('raw override: a secret added through an override is caught', () => {
    const { stack, api } = restApi({ host: 'backend.example.com' });
    (api.deploymentStage.node.defaultChild as apigateway.CfnStage).addPropertyOverride('Variables.clientSecret', 'p4ssw0rd-literal');
    expect(checkRule(rule, stack)).toMatchObject([{ findingId: 'clientSecret' }]);
  });
});
