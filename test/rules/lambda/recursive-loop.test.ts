import { CfnParameter } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { VerdictKind } from '../../../src/core/rule';
import { LambdaRecursiveLoopRule } from '../../../src/rules/lambda/recursive-loop';
import { checkRule, newStack } from '../rule-test-helpers';
import { cfnOf, newCfnFunction, newFunction, Scenario, summary } from './lambda-test-helpers';

const rule = new LambdaRecursiveLoopRule();
const V = VerdictKind.VIOLATION;

describe('SLS-LAMBDA-RECURSIVE-LOOP', () => {
  test.each<Scenario>([
    ['L2 with the default (Terminate)', (s) => newFunction(s)],
    ['L2 with RecursiveLoop.TERMINATE', (s) => newFunction(s, 'Fn', { recursiveLoop: lambda.RecursiveLoop.TERMINATE })],
    ['L1 with Terminate', (s) => newCfnFunction(s, 'Fn', { recursiveLoop: 'Terminate' })],
  ])('compliant: %s', (_name, build) => {
    const stack = newStack();
    build(stack);
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test.each<Scenario>([
    ['L2 with RecursiveLoop.ALLOW', (s) => newFunction(s, 'Fn', { recursiveLoop: lambda.RecursiveLoop.ALLOW })],
    ['L1 with Allow', (s) => newCfnFunction(s, 'Fn', { recursiveLoop: 'Allow' })],
  ])('non-compliant: %s', (_name, build) => {
    const stack = newStack();
    build(stack);
    const results = checkRule(rule, stack);
    expect(summary(results)).toEqual([{ kind: V }]);
    expect(results[0].location).toBe('Properties/RecursiveLoop');
  });

  test('not applicable: a stack without functions', () => {
    const stack = newStack();
    new CfnParameter(stack, 'Unused');
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test('token: the setting from a parameter is undecidable', () => {
    const stack = newStack();
    newCfnFunction(stack, 'Fn', { recursiveLoop: new CfnParameter(stack, 'LoopSetting').valueAsString });
    const results = checkRule(rule, stack);
    expect(summary(results)).toEqual([{ kind: VerdictKind.UNDECIDABLE }]);
    expect(results[0].detail).toMatch(/parameter LoopSetting/);
  });

  test('raw override: Allow over the default is reported', () => {
    const stack = newStack();
    cfnOf(newFunction(stack)).addPropertyOverride('RecursiveLoop', 'Allow');
    expect(summary(checkRule(rule, stack))).toEqual([{ kind: V }]);
  });

  test('raw override: Terminate over Allow fixes it', () => {
    const stack = newStack();
    cfnOf(newFunction(stack, 'Fn', { recursiveLoop: lambda.RecursiveLoop.ALLOW })).addPropertyOverride('RecursiveLoop', 'Terminate');
    expect(checkRule(rule, stack)).toEqual([]);
  });
});
