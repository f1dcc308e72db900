import { CfnParameter, Fn, Stack } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { VerdictKind } from '../../../src/core';

import { IamEscalationRule, IamWildcardActionRule } from '../../../src/rules/iam';
import { checkRule, newStack } from '../rule-test-helpers';

const rule = new IamEscalationRule();

function fn(stack: Stack, id: string): lambda.Function {
  return new lambda.Function(stack, id, {
    runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler=1'),
  });
}

function role(stack: Stack, id = 'Role'): iam.Role {
  return new iam.Role(stack, id, { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
}

function allow(stack: Stack, actions: string[], resources: string[]): void {
  role(stack).addToPolicy(new iam.PolicyStatement({ actions, resources }));
}

describe('SLS-IAM-ESCALATION', () => {
  test.each<[string, (stack: Stack) => void]>([
    ['fn.grantInvoke (function ARN and its versions ${Arn}:*)', (stack) => fn(stack, 'Fn').grantInvoke(role(stack))],
    ['role.grantPassRole on one role', (stack) => role(stack, 'Passed').grantPassRole(role(stack))],
    ['a non-escalation action on *', (stack) => allow(stack, ['s3:GetObject'], ['*'])],
    // Real grants on named resources (kms:CreateGrant and the like only appear scoped to the resource).
    ['bucket.grantReadWrite', (stack) => new s3.Bucket(stack, 'B').grantReadWrite(fn(stack, 'Fn'))],
    ['table.grantReadWriteData', (stack) => new dynamodb.Table(stack, 'T', {
      partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
    }).grantReadWriteData(fn(stack, 'Fn'))],
    ['queue.grantConsumeMessages', (stack) => new sqs.Queue(stack, 'Q').grantConsumeMessages(fn(stack, 'Fn'))],
    ['secret.grantRead', (stack) => new secretsmanager.Secret(stack, 'S').grantRead(fn(stack, 'Fn'))],
    ['key.grantDecrypt', (stack) => new kms.Key(stack, 'K').grantDecrypt(fn(stack, 'Fn'))],
    ['fn.grantInvoke on a named function, granted to another function', (stack) => fn(stack, 'Callee').grantInvoke(fn(stack, 'Caller'))],
  ])('compliant: %s', (_name, build) => {
    const stack = newStack();
    build(stack);
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test('not applicable: a Deny of escalation actions on *', () => {
    const stack = newStack();
    role(stack).addToPolicy(new iam.PolicyStatement({ effect: iam.Effect.DENY, actions: ['iam:*'], resources: ['*'] }));
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test.each<[string, string[], string[], string[]]>([
    ['iam:PassRole on *', ['iam:PassRole'], ['*'], ['iam:PassRole']],
    // A wildcard in an IAM path spans every role so named, including roles created later.
    ['iam:PassRole on roles with a name prefix', ['iam:PassRole'], ['arn:aws:iam::111111111111:role/app-*'], ['iam:PassRole']],
    // Wildcard patterns are expanded: one finding per escalation action they grant.
    ['iam:Attach*Policy on every role', ['iam:Attach*Policy'], ['arn:aws:iam::111111111111:role/*'],
      ['iam:AttachRolePolicy', 'iam:AttachUserPolicy', 'iam:AttachGroupPolicy']],
    ['lambda:InvokeFunction on every function', ['lambda:InvokeFunction'], ['arn:aws:lambda:us-east-1:111111111111:function:*'], ['lambda:InvokeFunction']],
  ])('non-compliant: %s', (_name, actions, resources, ids) => {
    const stack = newStack();
    allow(stack, actions, resources);
    const results = checkRule(rule, stack);
    expect(results.map((r) => r.findingId)).toEqual(ids);
    expect(results.every((r) => r.kind === VerdictKind.VIOLATION)).toBe(true);
  });

  test('non-compliant: iam:* with lambda:UpdateFunctionCode on *: the escalation here, iam:* as service admin by SLS-IAM-WILDCARD-ACTION', () => {
    const stack = newStack();
    allow(stack, ['iam:*', 'lambda:UpdateFunctionCode'], ['*']);
    expect(checkRule(rule, stack).map((r) => [r.kind, r.findingId])).toEqual([[VerdictKind.VIOLATION, 'lambda:UpdateFunctionCode']]);
    expect(checkRule(new IamWildcardActionRule(), stack).map((r) => [r.kind, r.findingId])).toEqual([[VerdictKind.VIOLATION, 'iam:*']]);
  });

  // An sts:AssumeRole resource is an IAM role ARN: the analysis must not skip it as belonging to another service.
  test('non-compliant: sts:AssumeRole on roles of any account', () => {
    const stack = newStack();
    allow(stack, ['sts:AssumeRole'], ['arn:aws:iam::*:role/x']);
    expect(checkRule(rule, stack).map((r) => r.findingId)).toEqual(['sts:AssumeRole']);
  });

  test('non-compliant: the detail explains how the action escalates', () => {
    const stack = newStack();
    new iam.CfnPolicy(stack, 'P', {
      policyName: 'p',
      roles: ['r'],
      policyDocument: { Statement: { Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' } },
    });
    expect(checkRule(rule, stack)[0].detail).toMatch(/iam:PassRole .*hands any role/);
  });

  test.each<[string, (stack: Stack) => string, RegExp]>([
    ['a CfnParameter', (stack) => new CfnParameter(stack, 'RoleArn').valueAsString, /parameter RoleArn/],
    ['Fn::ImportValue', () => Fn.importValue('RoleArn'), /Fn::ImportValue/],
  ])('undecidable: PassRole on a resource from %s', (_name, resource, reason) => {
    const stack = newStack();
    allow(stack, ['iam:PassRole'], [resource(stack)]);
    const results = checkRule(rule, stack);
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ kind: VerdictKind.UNDECIDABLE, findingId: 'iam:PassRole' });
    expect(results[0].detail).toMatch(reason);
  });

  test('raw override: addPropertyOverride widens fn.grantInvoke to *', () => {
    const stack = newStack();
    const r = role(stack);
    fn(stack, 'Fn').grantInvoke(r);
    const policy = r.node.findChild('DefaultPolicy').node.defaultChild as iam.CfnPolicy;
    policy.addPropertyOverride('PolicyDocument.Statement.0.Resource', '*');
    expect(checkRule(rule, stack).map((x) => x.findingId)).toEqual(['lambda:InvokeFunction']);
  });

  test('raw override: addPropertyOverride scopes PassRole to one role', () => {
    const stack = newStack();
    const policy = new iam.CfnPolicy(stack, 'P', {
      policyName: 'p',
      roles: ['r'],
      policyDocument: { Statement: [{ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' }] },
    });
    policy.addPropertyOverride('PolicyDocument.Statement.0.Resource', 'arn:aws:iam::111111111111:role/worker');
    expect(checkRule(rule, stack)).toEqual([]);
  });
});
