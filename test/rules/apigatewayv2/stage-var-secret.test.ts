import { CfnParameter, Fn } from 'aws-cdk-lib';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { VerdictKind } from '../../../src/core/rule';
import { HttpApiStageVarSecretRule } from '../../../src/rules/apigatewayv2';
import { checkRule, newStack } from '../rule-test-helpers';

const rule = new HttpApiStageVarSecretRule();

function httpApi(stageVariables?: Record<string, string>) {
  const stack = newStack();
  const api = new apigwv2.HttpApi(stack, 'Api', { createDefaultStage: false });
  const stage = api.addStage('Prod', { stageName: 'prod', stageVariables });
  return { stack, api, stage };
}

describe('SLS-HTTPAPI-STAGE-VAR-SECRET', () => {
  test('compliant: ordinary variables and references to secrets', () => {
    const { stack } = httpApi({ backendHost: 'backend.example.com', DB_PASSWORD_SECRET_ARN: 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:db-AbCdEf' });
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test('non-compliant: a literal under a secret name (L2), named by the variable', () => {
    const { stack } = httpApi({ apiToken: 'hunter2-but-longer', region: 'eu-west-1' });
    const results = checkRule(rule, stack);
    expect(results).toMatchObject([{ kind: VerdictKind.VIOLATION, findingId: 'apiToken', location: 'Properties/StageVariables/apiToken' }]);
    expect(results[0].detail).toMatch(/^Stage variable apiToken of Stage prod of HTTP API .* holds a literal secret/);
    expect(results[0].detail).not.toMatch(/hunter2/);
  });

  test('non-compliant: a credential-shaped value on an L1 WebSocket stage', () => {
    const stack = newStack();
    const api = new apigwv2.CfnApi(stack, 'Ws', { name: 'ws', protocolType: 'WEBSOCKET', routeSelectionExpression: '$request.body.action' });
    new apigwv2.CfnStage(stack, 'Stage', { apiId: api.ref, stageName: 'prod', stageVariables: { upstream: 'AKIAIOSFODNN7EXAMPLE' } });
    expect(checkRule(rule, stack)).toMatchObject([{ findingId: 'upstream', detail: expect.stringMatching(/AWS access key/) }]);
  });

  test('non-compliant: a secret unwrapped into a stage variable (dynamic reference)', () => {
    const { stack } = httpApi();
    const secret = new secretsmanager.Secret(stack, 'S');
    const cfn = stack.node.findAll().find((c) => c instanceof apigwv2.CfnStage) as apigwv2.CfnStage;
    cfn.addPropertyOverride('StageVariables.upstream', secret.secretValue.unsafeUnwrap());
    expect(checkRule(rule, stack)).toMatchObject([{ kind: VerdictKind.VIOLATION, findingId: 'upstream', detail: expect.stringMatching(/dynamic reference/) }]);
  });

  test('not applicable: no stage variables', () => {
    const { stack } = httpApi();
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test('token: a secret-named variable from a parameter or an import is undecidable; an innocent one is not reported', () => {
    const stack = newStack();
    const api = new apigwv2.HttpApi(stack, 'Api', { createDefaultStage: false });
    api.addStage('Prod', {
      stageName: 'prod',
      stageVariables: {
        API_KEY: new CfnParameter(stack, 'ApiKeyValue').valueAsString,
        SIGNING_SECRET: Fn.importValue('SigningSecret'),
        host: new CfnParameter(stack, 'Host').valueAsString,
      },
    });
    expect(checkRule(rule, stack)).toMatchObject([
      { kind: VerdictKind.UNDECIDABLE, findingId: 'API_KEY', detail: expect.stringMatching(/parameter ApiKeyValue/) },
      { kind: VerdictKind.UNDECIDABLE, findingId: 'SIGNING_SECRET', detail: expect.stringMatching(/Fn::ImportValue/) },
    ]);
  });

  test('a NoEcho parameter (a declared secret) in a stage variable is a violation', () => {
    const { stack } = httpApi({ upstream: 'placeholder' });
    const cfn = stack.node.findAll().find((c) => c instanceof apigwv2.CfnStage) as apigwv2.CfnStage;
    cfn.addPropertyOverride('StageVariables.upstream', new CfnParameter(stack, 'Upstream', { noEcho: true }).valueAsString);
    expect(checkRule(rule, stack)).toMatchObject([{ kind: VerdictKind.VIOLATION, findingId: 'upstream', detail: expect.stringMatching(/NoEcho parameter Upstream/) }]);
  });

  test('token: a variable map chosen by a parameter is undecidable', () => {
    const { stack, stage } = httpApi();
    (stage.node.defaultChild as apigwv2.CfnStage).addPropertyOverride('StageVariables', { Ref: 'Vars' });
    new CfnParameter(stack, 'Vars');
    expect(checkRule(rule, stack)).toMatchObject([{ kind: VerdictKind.UNDECIDABLE, location: 'Properties/StageVariables' }]);
  });

  test('raw override: a secret added to an L2 stage through addPropertyOverride is caught', () => {
    const { stack, stage } = httpApi({ host: 'backend.example.com' });
    (stage.node.defaultChild as apigwv2.CfnStage).addPropertyOverride('StageVariables.clientSecret', 'p4ssw0rd-literal');
    expect(checkRule(rule, stack)).toMatchObject([{ findingId: 'clientSecret' }]);
  });
});
