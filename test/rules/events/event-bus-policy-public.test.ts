import { CfnParameter, Fn, Stack } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import { VerdictKind } from '../../../src/core';

import { EventsBusPolicyPublicRule } from '../../../src/rules/events';
import { checkRule, newStack } from '../rule-test-helpers';

const rule = new EventsBusPolicyPublicRule();

function putEvents(bus: events.EventBus, principal: iam.IPrincipal, conditions?: { [op: string]: any }): void {
  bus.addToResourcePolicy(new iam.PolicyStatement({
    sid: 'PutEvents', principals: [principal], actions: ['events:PutEvents'], resources: [bus.eventBusArn], conditions,
  }));
}

describe('SLS-EVENTS-BUS-POLICY-PUBLIC', () => {
  test.each<[string, (stack: Stack) => void]>([
    ['another named account (L2)', (stack) => putEvents(new events.EventBus(stack, 'Bus'), new iam.AccountPrincipal('222222222222'))],
    ['"*" narrowed by aws:PrincipalOrgID (L2)', (stack) => putEvents(new events.EventBus(stack, 'Bus'), new iam.AnyPrincipal(),
      { StringEquals: { 'aws:PrincipalOrgID': 'o-1' } })],
    ['the legacy L1 form with an organization condition', (stack) => new events.CfnEventBusPolicy(stack, 'P', {
      statementId: 'Org',
      action: 'events:PutEvents',
      principal: '*',
      condition: { type: 'StringEquals', key: 'aws:PrincipalOrgID', value: 'o-1' },
    })],
  ])('compliant: %s', (_name, build) => {
    const stack = newStack();
    build(stack);
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test('not applicable: a bus without a policy', () => {
    const stack = newStack();
    new events.EventBus(stack, 'Bus');
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test.each<[string, (stack: Stack) => void, string]>([
    ['"*" without a condition (L2 addToResourcePolicy)', (stack) => putEvents(new events.EventBus(stack, 'Bus'), new iam.AnyPrincipal()), 'cdk-PutEvents'],
    ['the legacy L1 form with Principal "*"', (stack) => new events.CfnEventBusPolicy(stack, 'P', { statementId: 'Everyone', action: 'events:PutEvents', principal: '*' }), 'Everyone'],
    ['the Policy property of an L1 event bus', (stack) => new events.CfnEventBus(stack, 'Bus', { name: 'b', policy: { Statement: [{ Sid: 'Open', Effect: 'Allow', Principal: { AWS: '*' }, Action: 'events:PutEvents', Resource: '*' }] } }), 'Open'],
  ])('non-compliant: %s', (_name, build, findingId) => {
    const stack = newStack();
    build(stack);
    expect(checkRule(rule, stack).map((r) => [r.kind, r.findingId])).toEqual([[VerdictKind.VIOLATION, findingId]]);
  });

  test.each<[string, (stack: Stack) => string, RegExp]>([
    ['a CfnParameter', (stack) => new CfnParameter(stack, 'Sender').valueAsString, /parameter Sender/],
    ['Fn::ImportValue', () => Fn.importValue('Sender'), /Fn::ImportValue/],
  ])('undecidable: a legacy principal from %s', (_name, principal, reason) => {
    const stack = newStack();
    new events.CfnEventBusPolicy(stack, 'P', { statementId: 'S', action: 'events:PutEvents', principal: principal(stack) });
    const results = checkRule(rule, stack);
    expect(results.map((r) => r.kind)).toEqual([VerdictKind.UNDECIDABLE]);
    expect(results[0].detail).toMatch(reason);
  });

  test('raw override: addPropertyOverride removes the organization condition', () => {
    const stack = newStack();
    const policy = new events.CfnEventBusPolicy(stack, 'P', {
      statementId: 'Org',
      action: 'events:PutEvents',
      principal: '*',
      condition: { type: 'StringEquals', key: 'aws:PrincipalOrgID', value: 'o-1' },
    });
    policy.addPropertyDeletionOverride('Condition');
    expect(checkRule(rule, stack).map((r) => r.kind)).toEqual([VerdictKind.VIOLATION]);
  });

  test('raw override: addPropertyOverride names one account instead of "*"', () => {
    const stack = newStack();
    const policy = new events.CfnEventBusPolicy(stack, 'P', { statementId: 'S', action: 'events:PutEvents', principal: '*' });
    policy.addPropertyOverride('Principal', '222222222222');
    expect(checkRule(rule, stack)).toEqual([]);
  });
});
