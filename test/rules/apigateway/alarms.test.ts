import { CfnParameter, Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as sns from 'aws-cdk-lib/aws-sns';
import { VerdictKind } from '../../../src/core/rule';
import { RestApiAlarmsRule } from '../../../src/rules/apigateway';
import { checkRule, newStack } from '../rule-test-helpers';

const rule = new RestApiAlarmsRule();

function restApi(stack: Stack) {
  const api = new apigateway.RestApi(stack, 'Api', { restApiName: 'orders' });
  api.root.addMethod('GET');
  return api;
}

function alarm(stack: Stack, id: string, metric: cloudwatch.IMetric, withAction = true) {
  const a = new cloudwatch.Alarm(stack, id, { metric, threshold: 1, evaluationPeriods: 1 });
  if (withAction) a.addAlarmAction(new actions.SnsAction(new sns.Topic(stack, `${id}Topic`)));
  return a;
}

describe('SLS-APIGW-ALARMS', () => {
  test('compliant: 5XX and 4XX alarms with actions (L2 metrics)', () => {
    const stack = newStack();
    const api = restApi(stack);
    alarm(stack, 'Server', api.metricServerError());
    alarm(stack, 'Client', api.metricClientError());
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test('compliant: metric-math alarm counts', () => {
    const stack = newStack();
    const api = restApi(stack);
    alarm(stack, 'Server', new cloudwatch.MathExpression({ expression: 'e', usingMetrics: { e: api.metricServerError() } }));
    alarm(stack, 'Client', api.metricClientError());
    expect(checkRule(rule, stack)).toEqual([]);
  });

  describe('non-compliant', () => {
    test('no alarm at all', () => {
      const stack = newStack();
      restApi(stack);
      expect(checkRule(rule, stack).map((r) => r.findingId)).toEqual(['5xx', '4xx']);
    });

    test('an alarm without action does not count', () => {
      const stack = newStack();
      const api = restApi(stack);
      alarm(stack, 'Server', api.metricServerError(), false);
      alarm(stack, 'Client', api.metricClientError());
      expect(checkRule(rule, stack)).toMatchObject([{ findingId: '5xx', detail: expect.stringMatching(/none with an enabled alarm action/) }]);
    });

    test("an alarm on another API's metric does not count (L1 API)", () => {
      const stack = newStack();
      new apigateway.CfnRestApi(stack, 'Payments', { name: 'payments' });
      const other = restApi(stack);
      alarm(stack, 'Server', other.metricServerError());
      alarm(stack, 'Client', other.metricClientError());
      const results = checkRule(rule, stack);
      expect(results.map((r) => `${r.logicalId}:${r.findingId}`)).toEqual(['Payments:5xx', 'Payments:4xx']);
    });
  });

  test('not applicable: a stack without REST API', () => {
    const stack = newStack();
    new sns.Topic(stack, 'Topic');
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test('token: an API name from a parameter is undecidable', () => {
    const stack = newStack();
    const name = new CfnParameter(stack, 'ApiName', { type: 'String' });
    new apigateway.CfnRestApi(stack, 'Api', { name: name.valueAsString });
    expect(checkRule(rule, stack)).toMatchObject([{ kind: VerdictKind.UNDECIDABLE, detail: expect.stringMatching(/parameter ApiName/) }]);
  });

  test('raw override: disabling the alarm actions through an override is caught', () => {
    const stack = newStack();
    const api = restApi(stack);
    const server = alarm(stack, 'Server', api.metricServerError());
    alarm(stack, 'Client', api.metricClientError());
    (server.node.defaultChild as cloudwatch.CfnAlarm).addPropertyOverride('ActionsEnabled', false);
    expect(checkRule(rule, stack)).toMatchObject([{ findingId: '5xx' }]);
  });
});
