import { CfnParameter, Fn, Stack } from 'aws-cdk-lib';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { VerdictKind } from '../../../src/core';

import { StepFunctionsTracingRule } from '../../../src/rules/stepfunctions';
import { checkRule, newStack } from '../rule-test-helpers';

const rule = new StepFunctionsTracingRule();

function machine(stack: Stack, tracingEnabled?: boolean): sfn.StateMachine {
  return new sfn.StateMachine(stack, 'M', { definitionBody: sfn.DefinitionBody.fromChainable(new sfn.Pass(stack, 'P')), tracingEnabled });
}

function l1(stack: Stack, tracingConfiguration?: sfn.CfnStateMachine.TracingConfigurationProperty): sfn.CfnStateMachine {
  return new sfn.CfnStateMachine(stack, 'M', { roleArn: 'arn:aws:iam::111111111111:role/r', definitionString: '{}', tracingConfiguration });
}

describe('SLS-SFN-TRACING', () => {
  test.each<[string, (stack: Stack) => void]>([
    ['tracingEnabled on the L2 state machine', (stack) => machine(stack, true)],
    ['TracingConfiguration.Enabled on an L1 state machine', (stack) => l1(stack, { enabled: true })],
  ])('compliant: %s', (_name, build) => {
    const stack = newStack();
    build(stack);
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test('not applicable: a stack without state machines', () => {
    expect(checkRule(rule, newStack())).toEqual([]);
  });

  test.each<[string, (stack: Stack) => void]>([
    ['the L2 default', (stack) => machine(stack)],
    ['tracing explicitly disabled on an L1', (stack) => l1(stack, { enabled: false })],
  ])('non-compliant: %s', (_name, build) => {
    const stack = newStack();
    build(stack);
    expect(checkRule(rule, stack).map((r) => r.kind)).toEqual([VerdictKind.VIOLATION]);
  });

  test.each<[string, (stack: Stack) => any, RegExp]>([
    ['a CfnParameter', (stack) => new CfnParameter(stack, 'Tracing').valueAsString, /parameter Tracing/],
    ['Fn::ImportValue', () => Fn.importValue('Tracing'), /Fn::ImportValue/],
  ])('undecidable: Enabled from %s', (_name, value, reason) => {
    const stack = newStack();
    l1(stack).addPropertyOverride('TracingConfiguration.Enabled', value(stack));
    const results = checkRule(rule, stack);
    expect(results.map((r) => r.kind)).toEqual([VerdictKind.UNDECIDABLE]);
    expect(results[0].detail).toMatch(reason);
  });

  test('raw override: addPropertyOverride disables tracing', () => {
    const stack = newStack();
    (machine(stack, true).node.defaultChild as sfn.CfnStateMachine).addPropertyOverride('TracingConfiguration.Enabled', false);
    expect(checkRule(rule, stack).map((r) => r.kind)).toEqual([VerdictKind.VIOLATION]);
  });

  test('raw override: addPropertyOverride enables tracing', () => {
    const stack = newStack();
    (machine(stack).node.defaultChild as sfn.CfnStateMachine).addPropertyOverride('TracingConfiguration.Enabled', true);
    expect(checkRule(rule, stack)).toEqual([]);
  });
});
