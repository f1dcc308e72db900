import { CfnParameter, Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as logs from 'aws-cdk-lib/aws-logs';
import { VerdictKind } from '../../../src/core/rule';
import { RestApiAccessLogRule } from '../../../src/rules/apigateway';
import { checkRule, newStack } from '../rule-test-helpers';

const rule = new RestApiAccessLogRule();

/** A format with every field the rule asks for, with numbers unquoted as API Gateway users write them. */
const COMPLETE_FORMAT = '{"requestId":"$context.requestId","ip":"$context.identity.sourceIp","caller":"$context.identity.caller",'
  + '"user":"$context.authorizer.claims.sub","status":$context.status,"latency":$context.responseLatency,'
  + '"authorizerError":"$context.authorizer.error"}';

function restApi(stack: Stack, format?: apigateway.AccessLogFormat) {
  const destination = new apigateway.LogGroupLogDestination(new logs.LogGroup(stack, 'AccessLogs'));
  const api = new apigateway.RestApi(stack, 'Api', {
    deployOptions: format ? { accessLogDestination: destination, accessLogFormat: format } : {},
  });
  api.root.addMethod('GET');
  return api;
}

describe('SLS-APIGW-ACCESS-LOG', () => {
  test('compliant: JSON format with every field (L2)', () => {
    const stack = newStack();
    restApi(stack, apigateway.AccessLogFormat.custom(COMPLETE_FORMAT));
    expect(checkRule(rule, stack)).toEqual([]);
  });

  describe('non-compliant', () => {
    test('no access log', () => {
      const stack = newStack();
      restApi(stack);
      expect(checkRule(rule, stack)).toMatchObject([{ kind: VerdictKind.VIOLATION, findingId: 'missing' }]);
    });

    test("aws-cdk-lib's jsonWithStandardFields lacks latency and authorizer error", () => {
      const stack = newStack();
      restApi(stack, apigateway.AccessLogFormat.jsonWithStandardFields());
      expect(checkRule(rule, stack).map((r) => r.findingId).sort()).toEqual(['authorizer-error', 'latency']);
    });

    test('the common log format is not JSON and misses fields', () => {
      const stack = newStack();
      restApi(stack, apigateway.AccessLogFormat.clf());
      const ids = checkRule(rule, stack).map((r) => r.findingId);
      expect(ids).toContain('not-json');
      expect(ids).toContain('authorizer-error');
      expect(ids).not.toContain('source-ip');
    });

    test('L1 stage with a JSON format without identity', () => {
      const stack = newStack();
      const api = new apigateway.CfnRestApi(stack, 'Api', { name: 'l1' });
      new apigateway.CfnStage(stack, 'Stage', {
        restApiId: api.ref,
        deploymentId: 'd',
        stageName: 'prod',
        accessLogSetting: { destinationArn: 'arn:aws:logs:eu-west-1:123456789012:log-group:x', format: '{"requestId":"$context.requestId","status":"$context.status","latency":"$context.responseLatency","authorizerError":"$context.authorizer.error"}' },
      });
      expect(checkRule(rule, stack).map((r) => r.findingId).sort()).toEqual(['caller', 'source-ip']);
    });
  });

  test('not applicable: a deployment that creates no stage', () => {
    const stack = newStack();
    const api = new apigateway.CfnRestApi(stack, 'Api', { name: 'l1' });
    new apigateway.CfnDeployment(stack, 'Deployment', { restApiId: api.ref });
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test('token: a format from a parameter is undecidable', () => {
    const stack = newStack();
    const format = new CfnParameter(stack, 'LogFormat', { type: 'String' });
    const api = new apigateway.CfnRestApi(stack, 'Api', { name: 'l1' });
    new apigateway.CfnStage(stack, 'Stage', {
      restApiId: api.ref,
      deploymentId: 'd',
      stageName: 'prod',
      accessLogSetting: { destinationArn: 'arn:aws:logs:eu-west-1:123456789012:log-group:x', format: format.valueAsString },
    });
    expect(checkRule(rule, stack)).toMatchObject([{ kind: VerdictKind.UNDECIDABLE, detail: expect.stringMatching(/parameter LogFormat/) }]);
  });

  test('raw override: removing the access log through an override is caught', () => {
    const stack = newStack();
    const api = restApi(stack, apigateway.AccessLogFormat.custom(COMPLETE_FORMAT));
    (api.deploymentStage.node.defaultChild as apigateway.CfnStage).addPropertyDeletionOverride('AccessLogSetting');
    expect(checkRule(rule, stack)).toMatchObject([{ findingId: 'missing' }]);
  });

  test('severity: no access log is a warning; a log that is not JSON or lacks fields is info', () => {
    const missing = newStack();
    restApi(missing);
    expect(checkRule(rule, missing).map((r) => [r.findingId, r.severity ?? rule.severity])).toEqual([['missing', 'warning']]);
    const partial = newStack();
    restApi(partial, apigateway.AccessLogFormat.jsonWithStandardFields());
    const results = checkRule(rule, partial);
    expect(results.length).toBeGreaterThan(0);
    expect(results.every((r) => r.severity === 'info')).toBe(true);
  });
});
