import { CfnParameter, Fn, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { VerdictKind } from '../../../src/core';

import { IamNotActionRule } from '../../../src/rules/iam';
import { checkRule, newStack } from '../rule-test-helpers';

const rule = new IamNotActionRule();

function role(stack: Stack): iam.Role {
  return new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
}

describe('SLS-IAM-NOT-ACTION', () => {
  test.each<[string, (stack: Stack) => void]>([
    ['an Allow with Action and Resource', (stack) => role(stack).addToPolicy(
      new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::b/*'] }))],
    ['a Deny guardrail with NotAction', (stack) => role(stack).addToPolicy(
      new iam.PolicyStatement({ effect: iam.Effect.DENY, notActions: ['s3:GetObject'], resources: ['*'] }))],
  ])('compliant: %s', (_name, build) => {
    const stack = newStack();
    build(stack);
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test('not applicable: a role without policies', () => {
    const stack = newStack();
    role(stack);
    expect(checkRule(rule, stack)).toEqual([]);
  });

  // Finding ids are the element (`NotAction`, `NotResource`), one per policy resource; the detail names the statement.
  test.each<[string, (stack: Stack) => void, string[], RegExp]>([
    ['NotAction through addToPolicy (L2)', (stack) => role(stack).addToPolicy(
      new iam.PolicyStatement({ notActions: ['iam:*'], resources: ['*'] })), ['NotAction'], /^A statement allows every action except iam:\* \(Allow with NotAction\)/],
    ['NotResource with a Sid (L2)', (stack) => role(stack).addToPolicy(
      new iam.PolicyStatement({ sid: 'AllButLogs', actions: ['s3:GetObject'], notResources: ['arn:aws:s3:::logs/*'] })), ['NotResource'],
    /^Statement "AllButLogs" allows s3:GetObject on every resource except arn:aws:s3:::logs\/\*/],
    ['both in an L1 managed policy', (stack) => new iam.CfnManagedPolicy(stack, 'MP', {
      policyDocument: { Statement: [{ Effect: 'Allow', NotAction: 'iam:*', NotResource: 'arn:aws:s3:::x' }] },
    }), ['NotAction', 'NotResource'], /every action except iam:\*/],
  ])('non-compliant: %s', (_name, build, ids, detail) => {
    const stack = newStack();
    build(stack);
    const results = checkRule(rule, stack);
    expect(results.map((r) => r.findingId)).toEqual(ids);
    expect(results.every((r) => r.kind === VerdictKind.VIOLATION)).toBe(true);
    expect(results[0].detail).toMatch(detail);
  });

  test.each<[string, (stack: Stack) => string]>([
    ['a CfnParameter', (stack) => new CfnParameter(stack, 'Excluded').valueAsString],
    ['Fn::ImportValue', () => Fn.importValue('Excluded')],
  ])('an unresolvable NotAction value (%s) is still a NotAction finding, naming the value', (_name, value) => {
    const stack = newStack();
    role(stack).addToPolicy(new iam.PolicyStatement({ notActions: [value(stack)], resources: ['*'] }));
    const results = checkRule(rule, stack);
    expect(results.map((r) => r.kind)).toEqual([VerdictKind.VIOLATION]);
    expect(results[0].detail).toMatch(/Excluded/);
  });

  test('raw override: addPropertyOverride replaces Action with NotAction', () => {
    const stack = newStack();
    const policy = new iam.CfnPolicy(stack, 'P', {
      policyName: 'p',
      roles: ['r'],
      policyDocument: { Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] },
    });
    policy.addPropertyOverride('PolicyDocument.Statement.0.NotAction', 's3:GetObject');
    policy.addPropertyDeletionOverride('PolicyDocument.Statement.0.Action');
    expect(checkRule(rule, stack).map((r) => r.findingId)).toEqual(['NotAction']);
  });

  test('raw override: addPropertyOverride turns the statement into a Deny', () => {
    const stack = newStack();
    const policy = new iam.CfnPolicy(stack, 'P', {
      policyName: 'p',
      roles: ['r'],
      policyDocument: { Statement: [{ Effect: 'Allow', NotAction: 's3:GetObject', Resource: '*' }] },
    });
    policy.addPropertyOverride('PolicyDocument.Statement.0.Effect', 'Deny');
    expect(checkRule(rule, stack)).toEqual([]);
  });
});
