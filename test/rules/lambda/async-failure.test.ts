import { Fn } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as destinations from 'aws-cdk-lib/aws-lambda-destinations';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { VerdictKind } from '../../../src/core/rule';
import { LambdaAsyncFailureRule } from '../../../src/rules/lambda/async-failure';
import { checkRule, newStack } from '../rule-test-helpers';
import { cfnOf, newCfnFunction, newFunction, Scenario, summary } from './lambda-test-helpers';

const rule = new LambdaAsyncFailureRule();
const V = VerdictKind.VIOLATION;

describe('SLS-LAMBDA-ASYNC-FAILURE', () => {
  test.each<Scenario>([
    ['L2 with a dead-letter queue', (s) => newFunction(s, 'Fn', { deadLetterQueue: new sqs.Queue(s, 'Dlq') })],
    ['L2 with an on-failure destination', (s) => newFunction(s, 'Fn', { onFailure: new destinations.SqsDestination(new sqs.Queue(s, 'Failed')) })],
    ['L2 with an on-failure destination on an alias', (s) => new lambda.Alias(s, 'Live', {
      aliasName: 'live', version: newFunction(s).currentVersion, onFailure: new destinations.SqsDestination(new sqs.Queue(s, 'Failed')),
    })],
    ['L1 with an event invoke config naming the function literally', (s) => {
      newCfnFunction(s, 'Fn', { functionName: 'orders' });
      new lambda.CfnEventInvokeConfig(s, 'Invoke', {
        functionName: 'orders',
        qualifier: '$LATEST',
        destinationConfig: { onFailure: { destination: 'arn:aws:sqs:eu-west-1:111122223333:failed' } },
      });
    }],
    ['L1 with a dead-letter target imported from another stack (set, whatever it is)', (s) => newCfnFunction(s, 'Fn', {
      deadLetterConfig: { targetArn: Fn.importValue('SharedDlqArn') },
    })],
  ])('compliant: %s', (_name, build) => {
    const stack = newStack();
    build(stack);
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test.each<Scenario>([
    ['L2 without failure handling', (s) => newFunction(s)],
    ['L2 with an on-success destination only', (s) => newFunction(s, 'Fn', {
      onSuccess: new destinations.SqsDestination(new sqs.Queue(s, 'Done')),
    })],
    ['L1 with an invoke config for another function', (s) => {
      newCfnFunction(s, 'Fn');
      new lambda.CfnEventInvokeConfig(s, 'Invoke', {
        functionName: newCfnFunction(s, 'Other').ref,
        qualifier: '$LATEST',
        destinationConfig: { onFailure: { destination: 'arn:aws:sqs:eu-west-1:111122223333:failed' } },
      });
    }],
  ])('non-compliant: %s', (_name, build) => {
    const stack = newStack();
    build(stack);
    const results = checkRule(rule, stack).filter((r) => !r.logicalId.startsWith('Other'));
    expect(summary(results)).toEqual([{ kind: V }]);
    expect(results[0].detail).toMatch(/neither a dead-letter queue nor an on-failure destination/);
  });

  test('not applicable: an invoke config without function in the stack', () => {
    const stack = newStack();
    new lambda.CfnEventInvokeConfig(stack, 'Invoke', { functionName: 'elsewhere', qualifier: '$LATEST' });
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test('token: a destination imported from another stack counts as configured', () => {
    const stack = newStack();
    const fn = newCfnFunction(stack);
    new lambda.CfnEventInvokeConfig(stack, 'Invoke', {
      functionName: fn.ref, qualifier: '$LATEST', destinationConfig: { onFailure: { destination: Fn.importValue('FailedQueueArn') } },
    });
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test('raw override: removing the dead-letter config is reported', () => {
    const stack = newStack();
    cfnOf(newFunction(stack, 'Fn', { deadLetterQueue: new sqs.Queue(stack, 'Dlq') })).addPropertyDeletionOverride('DeadLetterConfig');
    expect(summary(checkRule(rule, stack))).toEqual([{ kind: V }]);
  });

  test('raw override: adding a dead-letter target fixes it', () => {
    const stack = newStack();
    cfnOf(newFunction(stack)).addPropertyOverride('DeadLetterConfig.TargetArn', new sqs.Queue(stack, 'Dlq').queueArn);
    expect(checkRule(rule, stack)).toEqual([]);
  });
});
