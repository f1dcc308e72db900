import { CfnParameter } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { VerdictKind } from '../../../src/core/rule';
import { LambdaLogFormatRule } from '../../../src/rules/lambda/log-format';
import { checkRule, newStack } from '../rule-test-helpers';
import { cfnOf, newCfnFunction, newFunction, Scenario, summary } from './lambda-test-helpers';

const rule = new LambdaLogFormatRule();
const V = VerdictKind.VIOLATION;

describe('SLS-LAMBDA-LOG-FORMAT', () => {
  test.each<Scenario>([
    ['L2 with JSON and an application log level', (s) => newFunction(s, 'Fn', {
      loggingFormat: lambda.LoggingFormat.JSON, applicationLogLevelV2: lambda.ApplicationLogLevel.INFO,
    })],
    ['L1 with JSON and an application log level', (s) => newCfnFunction(s, 'Fn', {
      loggingConfig: { logFormat: 'JSON', applicationLogLevel: 'WARN', systemLogLevel: 'INFO' },
    })],
  ])('compliant: %s', (_name, build) => {
    const stack = newStack();
    build(stack);
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test.each<[string, Scenario[1], object[]]>([
    ['L2 with the default (text) format', (s) => newFunction(s), [{ kind: V }]],
    ['L2 with LoggingFormat.TEXT', (s) => newFunction(s, 'Fn', { loggingFormat: lambda.LoggingFormat.TEXT }), [{ kind: V }]],
    ['L2 with JSON and no log level', (s) => newFunction(s, 'Fn', { loggingFormat: lambda.LoggingFormat.JSON }),
      [{ kind: V, findingId: 'level' }]],
    ['L1 without logging configuration', (s) => newCfnFunction(s), [{ kind: V }]],
  ])('non-compliant: %s', (_name, build, expected) => {
    const stack = newStack();
    build(stack);
    expect(summary(checkRule(rule, stack))).toEqual(expected);
  });

  test('not applicable: a stack without functions', () => {
    const stack = newStack();
    new lambda.CfnLayerVersion(stack, 'Layer', { content: { s3Bucket: 'artifacts', s3Key: 'layer.zip' } });
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test('token: a log format from a parameter is undecidable', () => {
    const stack = newStack();
    newCfnFunction(stack, 'Fn', { loggingConfig: { logFormat: new CfnParameter(stack, 'LogFormat').valueAsString } });
    const results = checkRule(rule, stack);
    expect(summary(results)).toEqual([{ kind: VerdictKind.UNDECIDABLE }]);
    expect(results[0].detail).toMatch(/parameter LogFormat/);
  });

  test('raw override: Text over JSON is reported', () => {
    const stack = newStack();
    const fn = newFunction(stack, 'Fn', { loggingFormat: lambda.LoggingFormat.JSON, applicationLogLevelV2: lambda.ApplicationLogLevel.INFO });
    cfnOf(fn).addPropertyOverride('LoggingConfig.LogFormat', 'Text');
    expect(summary(checkRule(rule, stack))).toEqual([{ kind: V }]);
  });

  test('raw override: JSON with a level over the default fixes it', () => {
    const stack = newStack();
    cfnOf(newFunction(stack)).addPropertyOverride('LoggingConfig', { LogFormat: 'JSON', ApplicationLogLevel: 'INFO' });
    expect(checkRule(rule, stack)).toEqual([]);
  });
});
