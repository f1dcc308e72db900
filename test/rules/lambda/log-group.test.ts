import { CfnParameter, Fn } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import { VerdictKind } from '../../../src/core/rule';
import { LambdaLogGroupRule } from '../../../src/rules/lambda/log-group';
import { checkRule, newStack } from '../rule-test-helpers';
import { cfnOf, newCfnFunction, newEdgeFunction, newFunction, Scenario, summary } from './lambda-test-helpers';

const rule = new LambdaLogGroupRule();
const V = VerdictKind.VIOLATION;
const U = VerdictKind.UNDECIDABLE;

describe('SLS-LAMBDA-LOG-GROUP', () => {
  test.each<Scenario>([
    ['L2 with an explicit log group (CDK default retention)', (s) => newFunction(s, 'Fn', { logGroup: new logs.LogGroup(s, 'Logs') })],
    ['L2 with a log group named after the function', (s) => {
      const fn = newFunction(s);
      new logs.LogGroup(s, 'Logs', { logGroupName: `/aws/lambda/${fn.functionName}`, retention: logs.RetentionDays.ONE_YEAR });
    }],
    ['L1 naming a log group of the stack', (s) => {
      new logs.CfnLogGroup(s, 'Logs', { logGroupName: '/orders/api', retentionInDays: 90 });
      newCfnFunction(s, 'Fn', { loggingConfig: { logGroup: '/orders/api' } });
    }],
    ['L1 with an explicit name and its /aws/lambda group', (s) => {
      newCfnFunction(s, 'Fn', { functionName: 'orders' });
      new logs.CfnLogGroup(s, 'Logs', { logGroupName: '/aws/lambda/orders', retentionInDays: 90 });
    }],
  ])('compliant: %s', (_name, build) => {
    const stack = newStack();
    build(stack);
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test('compliant: L2 with the deprecated logRetention prop (its custom resource sets a retention)', () => {
    const stack = newStack();
    jest.spyOn(console, 'warn').mockImplementationOnce(() => undefined); // aws-cdk-lib's deprecation notice for logRetention
    const fn = newFunction(stack, 'Fn', { logRetention: logs.RetentionDays.ONE_MONTH });
    // The log-retention singleton function aws-cdk-lib adds is left to the engine's built-in decisions.
    const fnId = stack.resolve(cfnOf(fn).logicalId);
    expect(fnId).toMatch(/^Fn[0-9A-F]{8}$/);
    expect(checkRule(rule, stack).filter((r) => r.logicalId === fnId)).toEqual([]);
  });

  test.each<[string, Scenario[1], object[], RegExp]>([
    ['L2 with the implicit log group', (s) => newFunction(s), [{ kind: V }], /implicitly \(\/aws\/lambda\/<generated function name>\)/],
    ['L1 with an explicit name and no group', (s) => newCfnFunction(s, 'Fn', { functionName: 'orders' }), [{ kind: V }],
      /\/aws\/lambda\/orders/],
    ['L2 with a log group that never expires', (s) => newFunction(s, 'Fn', {
      logGroup: new logs.LogGroup(s, 'Logs', { retention: logs.RetentionDays.INFINITE }),
    }), [{ kind: V, findingId: 'retention' }], /log group Logs\w+ has no retention/],
    ['L2 with a /aws/lambda group that never expires', (s) => {
      const fn = newFunction(s);
      new logs.CfnLogGroup(s, 'Logs', { logGroupName: Fn.join('', ['/aws/lambda/', fn.functionName]) });
    }, [{ kind: V, findingId: 'retention' }], /has no retention/],
  ])('non-compliant: %s', (_name, build, expected, detail) => {
    const stack = newStack();
    build(stack);
    const results = checkRule(rule, stack);
    expect(summary(results)).toEqual(expected);
    expect(results[0].detail).toMatch(detail);
  });

  test('not applicable: a stack with log groups and no function', () => {
    const stack = newStack();
    new logs.LogGroup(stack, 'Logs', { retention: logs.RetentionDays.INFINITE });
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test.each<[string, Scenario[1], object[], RegExp]>([
    ['a log group imported from another stack', (s) => newCfnFunction(s, 'Fn', {
      loggingConfig: { logGroup: Fn.importValue('SharedLogGroup') },
    }), [{ kind: U }], /Fn::ImportValue/],
    ['a log group this stack does not define', (s) => newFunction(s, 'Fn', {
      logGroup: logs.LogGroup.fromLogGroupName(s, 'Shared', '/shared/functions'),
    }), [{ kind: U }], /\/shared\/functions, which this stack does not define/],
    ['a retention from a parameter', (s) => {
      const group = new logs.CfnLogGroup(s, 'Logs', { retentionInDays: new CfnParameter(s, 'Days', { type: 'Number' }).valueAsNumber });
      newCfnFunction(s, 'Fn', { loggingConfig: { logGroup: group.ref } });
    }, [{ kind: U, findingId: 'retention' }], /parameter Days/],
    ['a function name from a parameter', (s) => newCfnFunction(s, 'Fn', {
      functionName: new CfnParameter(s, 'FnName').valueAsString,
    }), [{ kind: U }], /parameter FnName/],
  ])('token: %s is undecidable', (_name, build, expected, reason) => {
    const stack = newStack();
    build(stack);
    const results = checkRule(rule, stack);
    expect(summary(results)).toEqual(expected);
    expect(results[0].detail).toMatch(reason);
  });

  test('raw override: removing the configured log group is reported', () => {
    const stack = newStack();
    cfnOf(newFunction(stack, 'Fn', { logGroup: new logs.LogGroup(stack, 'Logs') })).addPropertyDeletionOverride('LoggingConfig.LogGroup');
    expect(summary(checkRule(rule, stack))).toEqual([{ kind: V }]);
  });

  test('raw override: pointing the function at a log group of the stack fixes it', () => {
    const stack = newStack();
    const group = new logs.LogGroup(stack, 'Logs', { retention: logs.RetentionDays.THREE_MONTHS });
    cfnOf(newFunction(stack)).addPropertyOverride('LoggingConfig.LogGroup', group.logGroupName);
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test('not applicable: a Lambda@Edge function, which logs in every Region it runs in', () => {
    const stack = newStack();
    newEdgeFunction(stack);
    expect(checkRule(rule, stack)).toEqual([]);
  });
});
