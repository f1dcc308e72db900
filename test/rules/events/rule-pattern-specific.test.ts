import { CfnParameter, Duration, Fn, Stack } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Severity, VerdictKind } from '../../../src/core';

import { EventsRulePatternSpecificRule } from '../../../src/rules/events';
import { checkRule, newStack } from '../rule-test-helpers';

const rule = new EventsRulePatternSpecificRule();

function fn(stack: Stack): lambda.Function {
  return new lambda.Function(stack, 'Fn', {
    runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler=1'),
  });
}

function ruleTo(stack: Stack, eventPattern: events.EventPattern): events.Rule {
  return new events.Rule(stack, 'R', { eventPattern, targets: [new targets.LambdaFunction(fn(stack))] });
}

describe('SLS-EVENTS-PATTERN-SPECIFIC', () => {
  test.each<[string, (stack: Stack) => void]>([
    ['source and detail-type (L2)', (stack) => ruleTo(stack, { source: ['my.app'], detailType: ['OrderPlaced'] })],
    ['a specific prefix', (stack) => ruleTo(stack, { source: events.Match.prefix('my.app.') })],
    ['a detail field only', (stack) => ruleTo(stack, { detail: { status: ['FAILED'] } })],
    ['$or where every branch is specific (L1, JSON string through an override)', (stack) => new events.CfnRule(stack, 'R', { eventPattern: { source: ['x'] } }).addPropertyOverride('EventPattern', JSON.stringify({ $or: [{ source: ['a'] }, { 'detail-type': ['b'] }] }))],
  ])('compliant: %s', (_name, build) => {
    const stack = newStack();
    build(stack);
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test.each<[string, (stack: Stack) => void]>([
    ['a scheduled rule', (stack) => new events.Rule(stack, 'R', { schedule: events.Schedule.rate(Duration.hours(1)), targets: [new targets.LambdaFunction(fn(stack))] })],
    ['a disabled catch-all rule', (stack) => new events.CfnRule(stack, 'R', { state: 'DISABLED', eventPattern: { account: ['111111111111'] } })],
  ])('not applicable: %s', (_name, build) => {
    const stack = newStack();
    build(stack);
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test.each<[string, (stack: Stack) => void, Severity]>([
    ['only the account (L2, Lambda target)', (stack) => ruleTo(stack, { account: [Stack.of(stack).account] }), Severity.ERROR],
    ['source prefix "" (L2)', (stack) => ruleTo(stack, { source: events.Match.prefix('') }), Severity.ERROR],
    ['every AWS service event (prefix aws.)', (stack) => ruleTo(stack, { source: events.Match.prefix('aws.') }), Severity.ERROR],
    ['anything-but and exists (L1)', (stack) => new events.CfnRule(stack, 'R', { eventPattern: { 'source': [{ 'anything-but': 'x' }], 'detail-type': [{ exists: true }] } }), Severity.ERROR],
    ['an empty pattern as a JSON string (L1 through an override)', (stack) => new events.CfnRule(stack, 'R', { eventPattern: { source: ['x'] } }).addPropertyOverride('EventPattern', '{}'), Severity.ERROR],
    ['$or with one catch-all branch', (stack) => new events.CfnRule(stack, 'R', { eventPattern: { $or: [{ source: ['a'] }, { region: ['us-east-1'] }] } }), Severity.ERROR],
    ['a catch-all that only forwards to another bus', (stack) => new events.Rule(stack, 'R', {
      eventPattern: { source: events.Match.prefix('') },
      targets: [new targets.EventBus(events.EventBus.fromEventBusArn(stack, 'Central', 'arn:aws:events:us-east-1:222222222222:event-bus/central'))],
    }), Severity.WARNING],
  ])('non-compliant: %s', (_name, build, severity) => {
    const stack = newStack();
    build(stack);
    const results = checkRule(rule, stack);
    expect(results.map((r) => r.kind)).toEqual([VerdictKind.VIOLATION]);
    expect(results[0].severity ?? rule.severity).toBe(severity);
  });

  test.each<[string, (stack: Stack) => string, RegExp]>([
    ['a CfnParameter', (stack) => new CfnParameter(stack, 'Source').valueAsString, /parameter Source/],
    ['Fn::ImportValue', () => Fn.importValue('Source'), /Fn::ImportValue/],
  ])('undecidable: a pattern value from %s', (_name, source, reason) => {
    const stack = newStack();
    ruleTo(stack, { source: [source(stack)] });
    const results = checkRule(rule, stack);
    expect(results.map((r) => r.kind)).toEqual([VerdictKind.UNDECIDABLE]);
    expect(results[0].detail).toMatch(reason);
  });

  test('raw override: addPropertyOverride replaces a specific pattern with a catch-all', () => {
    const stack = newStack();
    const r = ruleTo(stack, { source: ['my.app'] });
    (r.node.defaultChild as events.CfnRule).addPropertyOverride('EventPattern', { source: [{ prefix: '' }] });
    expect(checkRule(rule, stack).map((x) => x.kind)).toEqual([VerdictKind.VIOLATION]);
  });

  test('raw override: addPropertyOverride narrows a catch-all', () => {
    const stack = newStack();
    const r = ruleTo(stack, { source: events.Match.prefix('') });
    (r.node.defaultChild as events.CfnRule).addPropertyOverride('EventPattern.source', ['my.app']);
    expect(checkRule(rule, stack)).toEqual([]);
  });
});
