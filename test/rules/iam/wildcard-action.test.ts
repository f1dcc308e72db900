import { CfnParameter, Fn, Stack } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Severity, VerdictKind } from '../../../src/core';

import { IamWildcardActionRule } from '../../../src/rules/iam';
import { checkRule, newStack } from '../rule-test-helpers';

const rule = new IamWildcardActionRule();

function fn(stack: Stack, id = 'Fn'): lambda.Function {
  return new lambda.Function(stack, id, {
    runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler=1'),
  });
}

function role(stack: Stack): iam.Role {
  return new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
}

describe('SLS-IAM-WILDCARD-ACTION', () => {
  test.each<[string, (stack: Stack) => void]>([
    ['grant methods on a function role', (stack) => new s3.Bucket(stack, 'B').grantReadWrite(fn(stack))],
    ['an action wildcard inside a service (s3:Get*)', (stack) => role(stack).addToPolicy(
      new iam.PolicyStatement({ actions: ['s3:Get*'], resources: ['*'] }))],
    ['a Deny with "*"', (stack) => role(stack).addToPolicy(
      new iam.PolicyStatement({ effect: iam.Effect.DENY, actions: ['*'], resources: ['*'] }))],
  ])('compliant: %s', (_name, build) => {
    const stack = newStack();
    build(stack);
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test('not applicable: a stack without IAM resources', () => {
    const stack = newStack();
    new s3.Bucket(stack, 'B');
    expect(checkRule(rule, stack)).toEqual([]);
  });

  // Admin (error) on more than named resources; every action on named resources only (warning).
  test.each<[string, (stack: Stack) => void, string[], Severity]>([
    ['service-wide wildcard through addToPolicy (L2)', (stack) => fn(stack).addToRolePolicy(
      new iam.PolicyStatement({ actions: ['dynamodb:*', 's3:GetObject'], resources: ['*'] })), ['dynamodb:*'], Severity.ERROR],
    ['"*" in an L1 AWS::IAM::Policy, Action as a string', (stack) => new iam.CfnPolicy(stack, 'P', {
      policyName: 'p',
      roles: ['r'],
      policyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
    }), ['*'], Severity.ERROR],
    ['an inline policy of an L1 role, single statement object, on one named queue', (stack) => new iam.CfnRole(stack, 'R', {
      assumeRolePolicyDocument: {},
      policies: [{ policyName: 'inline', policyDocument: { Statement: { Effect: 'Allow', Action: ['sqs:*'], Resource: 'arn:aws:sqs:us-east-1:111111111111:q' } } }],
    }), ['sqs:*'], Severity.ERROR],
    ['table.grantFullAccess (dynamodb:* on the table)', (stack) => new dynamodb.Table(stack, 'T', {
      partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
    }).grantFullAccess(fn(stack)), ['dynamodb:*'], Severity.ERROR],
    ['a managed policy (L2)', (stack) => new iam.ManagedPolicy(stack, 'MP', {
      statements: [new iam.PolicyStatement({ actions: ['lambda:*'], resources: ['*'] })],
    }), ['lambda:*'], Severity.ERROR],
  ])('non-compliant: %s', (_name, build, findingIds, severity) => {
    const stack = newStack();
    build(stack);
    const results = checkRule(rule, stack);
    expect(results.map((r) => r.findingId)).toEqual(findingIds);
    expect(results.every((r) => r.kind === VerdictKind.VIOLATION)).toBe(true);
    expect(results.map((r) => r.severity ?? rule.severity)).toEqual(findingIds.map(() => severity));
  });

  test('reports one finding per action even when several statements repeat it', () => {
    const stack = newStack();
    const r = role(stack);
    r.addToPolicy(new iam.PolicyStatement({ actions: ['s3:*'], resources: ['arn:aws:s3:::a'] }));
    r.addToPolicy(new iam.PolicyStatement({ actions: ['s3:*'], resources: ['arn:aws:s3:::b'], conditions: { Bool: { 'aws:SecureTransport': 'true' } } }));
    expect(checkRule(rule, stack).map((x) => x.findingId)).toEqual(['s3:*']);
  });

  test.each<[string, (stack: Stack) => string, RegExp]>([
    ['an action from a CfnParameter', (stack) => new CfnParameter(stack, 'ActionParam').valueAsString, /parameter ActionParam/],
    ['an action from Fn::ImportValue', () => Fn.importValue('SharedAction'), /Fn::ImportValue/],
  ])('undecidable: %s', (_name, action, reason) => {
    const stack = newStack();
    role(stack).addToPolicy(new iam.PolicyStatement({ actions: [action(stack)], resources: ['*'] }));
    const results = checkRule(rule, stack);
    expect(results).toHaveLength(1);
    expect(results[0].kind).toBe(VerdictKind.UNDECIDABLE);
    expect(results[0].detail).toMatch(reason);
  });

  test('raw override: addPropertyOverride turns a narrow action into "*"', () => {
    const stack = newStack();
    const policy = new iam.Policy(stack, 'P', {
      statements: [new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['*'] })],
    });
    policy.attachToRole(role(stack));
    (policy.node.defaultChild as iam.CfnPolicy).addPropertyOverride('PolicyDocument.Statement.0.Action', '*');
    expect(checkRule(rule, stack).map((r) => [r.findingId, r.kind])).toEqual([['*', VerdictKind.VIOLATION]]);
  });

  test('raw override: addPropertyOverride removes the wildcard', () => {
    const stack = newStack();
    const policy = new iam.Policy(stack, 'P', {
      statements: [new iam.PolicyStatement({ actions: ['s3:*'], resources: ['*'] })],
    });
    policy.attachToRole(role(stack));
    (policy.node.defaultChild as iam.CfnPolicy).addPropertyOverride('PolicyDocument.Statement.0.Action', 's3:GetObject');
    expect(checkRule(rule, stack)).toEqual([]);
  });
});
