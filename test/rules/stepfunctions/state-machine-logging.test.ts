import { CfnParameter, Fn, Stack } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { VerdictKind } from '../../../src/core';

import { StepFunctionsLoggingRule } from '../../../src/rules/stepfunctions';
import { checkRule, newStack } from '../rule-test-helpers';

const rule = new StepFunctionsLoggingRule();

function machine(stack: Stack, level?: sfn.LogLevel): sfn.StateMachine {
  return new sfn.StateMachine(stack, 'M', {
    definitionBody: sfn.DefinitionBody.fromChainable(new sfn.Pass(stack, 'P')),
    logs: level ? { destination: new logs.LogGroup(stack, 'L'), level } : undefined,
  });
}

describe('SLS-SFN-LOGGING', () => {
  test.each<[string, (stack: Stack) => void]>([
    ['level ALL to a log group (L2)', (stack) => machine(stack, sfn.LogLevel.ALL)],
    ['level ERROR to a log group (L2)', (stack) => machine(stack, sfn.LogLevel.ERROR)],
  ])('compliant: %s', (_name, build) => {
    const stack = newStack();
    build(stack);
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test('not applicable: a stack without state machines', () => {
    expect(checkRule(rule, newStack())).toEqual([]);
  });

  test.each<[string, (stack: Stack) => void, string]>([
    ['no logging (L2 default)', (stack) => machine(stack), 'level'],
    ['level FATAL (L2)', (stack) => machine(stack, sfn.LogLevel.FATAL), 'level'],
    ['level OFF (L2)', (stack) => machine(stack, sfn.LogLevel.OFF), 'level'],
    ['a level without a destination (L1)', (stack) => new sfn.CfnStateMachine(stack, 'M', { roleArn: 'arn:aws:iam::111111111111:role/r', definitionString: '{}', loggingConfiguration: { level: 'ERROR' } }), 'destination'],
  ])('non-compliant: %s', (_name, build, findingId) => {
    const stack = newStack();
    build(stack);
    expect(checkRule(rule, stack).map((r) => [r.kind, r.findingId])).toEqual([[VerdictKind.VIOLATION, findingId]]);
  });

  test.each<[string, (stack: Stack) => string, RegExp]>([
    ['a CfnParameter', (stack) => new CfnParameter(stack, 'Level').valueAsString, /parameter Level/],
    ['Fn::ImportValue', () => Fn.importValue('Level'), /Fn::ImportValue/],
  ])('undecidable: the level from %s', (_name, level, reason) => {
    const stack = newStack();
    new sfn.CfnStateMachine(stack, 'M', { roleArn: 'arn:aws:iam::111111111111:role/r', definitionString: '{}', loggingConfiguration: { level: level(stack) } });
    const results = checkRule(rule, stack);
    expect(results.map((r) => r.kind)).toEqual([VerdictKind.UNDECIDABLE]);
    expect(results[0].detail).toMatch(reason);
  });

  test('raw override: addPropertyOverride lowers the level to FATAL', () => {
    const stack = newStack();
    (machine(stack, sfn.LogLevel.ALL).node.defaultChild as sfn.CfnStateMachine).addPropertyOverride('LoggingConfiguration.Level', 'FATAL');
    expect(checkRule(rule, stack).map((r) => r.findingId)).toEqual(['level']);
  });

  test('raw override: addPropertyOverride adds a logging configuration', () => {
    const stack = newStack();
    const m = machine(stack);
    (m.node.defaultChild as sfn.CfnStateMachine).addPropertyOverride('LoggingConfiguration', {
      Level: 'ERROR', Destinations: [{ CloudWatchLogsLogGroup: { LogGroupArn: new logs.LogGroup(stack, 'L').logGroupArn } }],
    });
    expect(checkRule(rule, stack)).toEqual([]);
  });
});
