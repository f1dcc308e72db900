import { CfnParameter, Fn } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import { VerdictKind } from '../../../src/core/rule';
import { LogsRetentionRule } from '../../../src/rules/logs/retention';
import { newFunction, Scenario, summary } from '../lambda/lambda-test-helpers';
import { checkRule, newStack } from '../rule-test-helpers';

const rule = new LogsRetentionRule();
const V = VerdictKind.VIOLATION;

describe('SLS-LOGS-RETENTION', () => {
  test.each<Scenario>([
    ['L2 with the CDK default retention', (s) => new logs.LogGroup(s, 'Logs')],
    ['L2 with one year', (s) => new logs.LogGroup(s, 'Logs', { retention: logs.RetentionDays.ONE_YEAR })],
    ['L1 with 30 days', (s) => new logs.CfnLogGroup(s, 'Logs', { retentionInDays: 30 })],
  ])('compliant: %s', (_name, build) => {
    const stack = newStack();
    build(stack);
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test.each<Scenario>([
    ['L2 with RetentionDays.INFINITE', (s) => new logs.LogGroup(s, 'Logs', { retention: logs.RetentionDays.INFINITE })],
    ['L1 without retention', (s) => new logs.CfnLogGroup(s, 'Logs')],
  ])('non-compliant: %s', (_name, build) => {
    const stack = newStack();
    build(stack);
    const results = checkRule(rule, stack);
    expect(summary(results)).toEqual([{ kind: V }]);
    expect(results[0].detail).toMatch(/kept forever/);
    expect(results[0].location).toBe('Properties/RetentionInDays');
  });

  test.each<Scenario>([
    ['a function with an implicit log group (judged by SLS-LAMBDA-LOG-GROUP)', (s) => newFunction(s)],
    ['an imported log group', (s) => logs.LogGroup.fromLogGroupName(s, 'Logs', '/shared/logs').addStream('Stream')],
  ])('not applicable: %s', (_name, build) => {
    const stack = newStack();
    build(stack);
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test.each<[string, Scenario[1], RegExp]>([
    ['a retention from a parameter', (s) => new logs.CfnLogGroup(s, 'Logs', {
      retentionInDays: new CfnParameter(s, 'RetentionDays', { type: 'Number' }).valueAsNumber,
    }), /parameter RetentionDays/],
    ['a retention imported from another stack', (s) => new logs.CfnLogGroup(s, 'Logs', {
      retentionInDays: Fn.importValue('Retention') as any,
    }), /Fn::ImportValue/],
  ])('token: %s is undecidable', (_name, build, reason) => {
    const stack = newStack();
    build(stack);
    const results = checkRule(rule, stack);
    expect(summary(results)).toEqual([{ kind: VerdictKind.UNDECIDABLE }]);
    expect(results[0].detail).toMatch(reason);
  });

  test('raw override: removing the retention is reported', () => {
    const stack = newStack();
    const group = new logs.LogGroup(stack, 'Logs', { retention: logs.RetentionDays.ONE_YEAR });
    (group.node.defaultChild as logs.CfnLogGroup).addPropertyDeletionOverride('RetentionInDays');
    expect(summary(checkRule(rule, stack))).toEqual([{ kind: V }]);
  });

  test('raw override: adding a retention fixes it', () => {
    const stack = newStack();
    const group = new logs.LogGroup(stack, 'Logs', { retention: logs.RetentionDays.INFINITE });
    (group.node.defaultChild as logs.CfnLogGroup).addPropertyOverride('RetentionInDays', 90);
    expect(checkRule(rule, stack)).toEqual([]);
  });
});
