import { CfnParameter } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { VerdictKind } from '../../../src/core/rule';
import { LambdaTracingRule } from '../../../src/rules/lambda/tracing';
import { checkRule, newStack } from '../rule-test-helpers';
import { cfnOf, newCfnFunction, newFunction, Scenario, summary } from './lambda-test-helpers';

const rule = new LambdaTracingRule();
const V = VerdictKind.VIOLATION;

describe('SLS-LAMBDA-TRACING', () => {
  test.each<Scenario>([
    ['L2 with Tracing.ACTIVE', (s) => newFunction(s, 'Fn', { tracing: lambda.Tracing.ACTIVE })],
    ['L1 with Mode Active', (s) => newCfnFunction(s, 'Fn', { tracingConfig: { mode: 'Active' } })],
  ])('compliant: %s', (_name, build) => {
    const stack = newStack();
    build(stack);
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test.each<[string, Scenario[1], RegExp]>([
    ['L2 without tracing', (s) => newFunction(s), /not set \(PassThrough\)/],
    ['L2 with Tracing.PASS_THROUGH', (s) => newFunction(s, 'Fn', { tracing: lambda.Tracing.PASS_THROUGH }), /PassThrough, not Active/],
    ['L1 without TracingConfig', (s) => newCfnFunction(s), /not set/],
  ])('non-compliant: %s', (_name, build, detail) => {
    const stack = newStack();
    build(stack);
    const results = checkRule(rule, stack);
    expect(summary(results)).toEqual([{ kind: V }]);
    expect(results[0].detail).toMatch(detail);
    expect(results[0].location).toBe('Properties/TracingConfig/Mode');
  });

  test('not applicable: a stack without functions', () => {
    const stack = newStack();
    new lambda.CfnLayerVersion(stack, 'Layer', { content: { s3Bucket: 'artifacts', s3Key: 'layer.zip' } });
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test('token: tracing mode from a parameter is undecidable', () => {
    const stack = newStack();
    newCfnFunction(stack, 'Fn', { tracingConfig: { mode: new CfnParameter(stack, 'TracingMode').valueAsString } });
    const results = checkRule(rule, stack);
    expect(summary(results)).toEqual([{ kind: VerdictKind.UNDECIDABLE }]);
    expect(results[0].detail).toMatch(/parameter TracingMode/);
  });

  test('raw override: PassThrough over Active is reported', () => {
    const stack = newStack();
    cfnOf(newFunction(stack, 'Fn', { tracing: lambda.Tracing.ACTIVE })).addPropertyOverride('TracingConfig.Mode', 'PassThrough');
    expect(summary(checkRule(rule, stack))).toEqual([{ kind: V }]);
  });

  test('raw override: Active on a function without tracing fixes it', () => {
    const stack = newStack();
    cfnOf(newFunction(stack)).addPropertyOverride('TracingConfig.Mode', 'Active');
    expect(checkRule(rule, stack)).toEqual([]);
  });
});
