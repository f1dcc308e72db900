import { CfnParameter, Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { VerdictKind } from '../../../src/core/rule';
import { LambdaAlarmsRule } from '../../../src/rules/lambda/alarms';
import { checkRule, newStack } from '../rule-test-helpers';
import { newCfnFunction, newEdgeFunction, newFunction, Scenario, summary } from './lambda-test-helpers';

const rule = new LambdaAlarmsRule();
const V = VerdictKind.VIOLATION;

function alarmOn(scope: Construct, id: string, metric: cloudwatch.Metric | cloudwatch.MathExpression, notify = true): cloudwatch.Alarm {
  const alarm = metric.createAlarm(scope, id, { threshold: 1, evaluationPeriods: 1 });
  if (notify) alarm.addAlarmAction(new actions.SnsAction(sns.Topic.fromTopicArn(scope, `${id}Topic`, 'arn:aws:sns:eu-west-1:111122223333:ops')));
  return alarm;
}

/** An L1 single-metric alarm on an AWS/Lambda metric of the function named by `functionName`. */
function cfnAlarm(scope: Construct, id: string, metricName: string, functionName: string, alarmActions?: string[]): cloudwatch.CfnAlarm {
  return new cloudwatch.CfnAlarm(scope, id, {
    namespace: 'AWS/Lambda',
    metricName,
    dimensions: [{ name: 'FunctionName', value: functionName }],
    statistic: 'Sum',
    period: 60,
    evaluationPeriods: 1,
    threshold: 1,
    comparisonOperator: 'GreaterThanOrEqualToThreshold',
    alarmActions,
  });
}

describe('SLS-LAMBDA-ALARMS', () => {
  test.each<Scenario>([
    ['L2 with error and throttle alarms that notify', (s) => {
      const fn = newFunction(s);
      alarmOn(s, 'Errors', fn.metricErrors());
      alarmOn(s, 'Throttles', fn.metricThrottles());
    }],
    ['L2 with one metric-math alarm over errors and throttles', (s) => {
      const fn = newFunction(s);
      alarmOn(s, 'Failures', new cloudwatch.MathExpression({
        expression: 'e + t', usingMetrics: { e: fn.metricErrors(), t: fn.metricThrottles() }, period: Duration.minutes(1),
      }));
    }],
    ['L2 with alarms on an alias', (s) => {
      const alias = new lambda.Alias(s, 'Live', { aliasName: 'live', version: newFunction(s).currentVersion });
      alarmOn(s, 'Errors', alias.metricErrors());
      alarmOn(s, 'Throttles', alias.metricThrottles());
    }],
    ['L1 with alarms naming the function literally', (s) => {
      newCfnFunction(s, 'Fn', { functionName: 'orders' });
      cfnAlarm(s, 'Errors', 'Errors', 'orders', ['arn:aws:sns:eu-west-1:111122223333:ops']);
      cfnAlarm(s, 'Throttles', 'Throttles', 'orders', ['arn:aws:sns:eu-west-1:111122223333:ops']);
    }],
  ])('compliant: %s', (_name, build) => {
    const stack = newStack();
    build(stack);
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test.each<[string, Scenario[1], object[]]>([
    ['L2 without alarms', (s) => newFunction(s), [{ kind: V, findingId: 'errors' }, { kind: V, findingId: 'throttles' }]],
    ['L2 with an error alarm only', (s) => alarmOn(s, 'Errors', newFunction(s).metricErrors()), [{ kind: V, findingId: 'throttles' }]],
    ['L2 with alarms without action', (s) => {
      const fn = newFunction(s);
      alarmOn(s, 'Errors', fn.metricErrors(), false);
      alarmOn(s, 'Throttles', fn.metricThrottles());
    }, [{ kind: V, findingId: 'action' }]],
    ['L2 with alarms on another function only', (s) => {
      newFunction(s);
      const other = newFunction(s, 'Other');
      alarmOn(s, 'Errors', other.metricErrors());
      alarmOn(s, 'Throttles', other.metricThrottles());
    }, [{ kind: V, findingId: 'errors' }, { kind: V, findingId: 'throttles' }]],
    ['L1 with alarms on other metrics', (s) => {
      const fn = newCfnFunction(s);
      cfnAlarm(s, 'Duration', 'Duration', fn.ref, ['arn:aws:sns:eu-west-1:111122223333:ops']);
    }, [{ kind: V, findingId: 'errors' }, { kind: V, findingId: 'throttles' }]],
  ])('non-compliant: %s', (_name, build, expected) => {
    const stack = newStack();
    build(stack);
    const results = checkRule(rule, stack).filter((r) => !r.logicalId.startsWith('Other'));
    expect(summary(results)).toEqual(expected);
  });

  test('non-compliant: the action finding names the silent alarm', () => {
    const stack = newStack();
    const fn = newCfnFunction(stack);
    cfnAlarm(stack, 'Errors', 'Errors', fn.ref, ['arn:aws:sns:eu-west-1:111122223333:ops']);
    cfnAlarm(stack, 'Throttles', 'Throttles', fn.ref);
    expect(checkRule(rule, stack).map((r) => r.detail)).toEqual([expect.stringMatching(/Alarm\(s\) Throttles on the function/)]);
  });

  test('not applicable: an alarm without function', () => {
    const stack = newStack();
    cfnAlarm(stack, 'Errors', 'Errors', 'somewhere-else');
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test('token: actions enabled from a parameter is undecidable', () => {
    const stack = newStack();
    const fn = newFunction(stack);
    const enabled = new CfnParameter(stack, 'AlarmsEnabled', { type: 'String' });
    for (const [id, metric] of [['Errors', fn.metricErrors()], ['Throttles', fn.metricThrottles()]] as const) {
      (alarmOn(stack, id, metric).node.defaultChild as cloudwatch.CfnAlarm).actionsEnabled = enabled.valueAsString as any;
    }
    const results = checkRule(rule, stack);
    expect(summary(results)).toEqual([{ kind: VerdictKind.UNDECIDABLE, findingId: 'action' }]);
    expect(results[0].detail).toMatch(/parameter AlarmsEnabled/);
  });

  test('raw override: disabling the actions of an alarm is reported', () => {
    const stack = newStack();
    const fn = newFunction(stack);
    alarmOn(stack, 'Errors', fn.metricErrors());
    const throttles = alarmOn(stack, 'Throttles', fn.metricThrottles());
    (throttles.node.defaultChild as cloudwatch.CfnAlarm).addPropertyOverride('ActionsEnabled', false);
    expect(summary(checkRule(rule, stack))).toEqual([{ kind: V, findingId: 'action' }]);
  });

  test('raw override: pointing an alarm at the function fixes it', () => {
    const stack = newStack();
    const fn = newFunction(stack);
    alarmOn(stack, 'Errors', fn.metricErrors());
    const throttles = cfnAlarm(stack, 'Throttles', 'Throttles', 'somewhere-else', ['arn:aws:sns:eu-west-1:111122223333:ops']);
    throttles.addPropertyOverride('Dimensions.0.Value', fn.functionName);
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test('not applicable: a Lambda@Edge function, whose metrics are in the Region that ran each replica', () => {
    const stack = newStack();
    newEdgeFunction(stack);
    expect(checkRule(rule, stack)).toEqual([]);
  });
});
