import { CfnParameter, Fn, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { VerdictKind } from '../../../src/core';

import { IamRoleSharedRule } from '../../../src/rules/iam';
import { checkRule, newStack } from '../rule-test-helpers';

const rule = new IamRoleSharedRule();

function fn(stack: Stack, id: string, role?: iam.IRole): lambda.Function {
  return new lambda.Function(stack, id, {
    runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler=1'), role,
  });
}

function lambdaRole(stack: Stack): iam.Role {
  return new iam.Role(stack, 'Shared', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
}

describe('SLS-IAM-ROLE-SHARED', () => {
  test('compliant: each function gets its own role by default', () => {
    const stack = newStack();
    fn(stack, 'A');
    fn(stack, 'B');
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test('compliant: a role used by one function and referenced by a policy', () => {
    const stack = newStack();
    const role = lambdaRole(stack);
    fn(stack, 'A', role);
    new iam.Policy(stack, 'P', { roles: [role], statements: [new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::b/*'] })] });
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test('not applicable: a role no function uses', () => {
    const stack = newStack();
    lambdaRole(stack);
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test('non-compliant: one role passed to two L2 functions', () => {
    const stack = newStack();
    const role = lambdaRole(stack);
    fn(stack, 'A', role);
    fn(stack, 'B', role);
    const results = checkRule(rule, stack);
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ kind: VerdictKind.VIOLATION, constructPath: expect.stringContaining('Shared') });
    expect(results[0].detail).toMatch(/2 functions \(A[0-9A-F]+, B[0-9A-F]+\)/);
  });

  test('non-compliant: L1 functions with Role GetAtt to the same L1 role', () => {
    const stack = newStack();
    const role = new iam.CfnRole(stack, 'R', { assumeRolePolicyDocument: {} });
    for (const id of ['F1', 'F2', 'F3']) {
      new lambda.CfnFunction(stack, id, { role: role.attrArn, code: { zipFile: 'x' }, handler: 'i.h', runtime: 'nodejs22.x' });
    }
    expect(checkRule(rule, stack).map((r) => [r.logicalId, r.detail])).toEqual([['R', expect.stringContaining('3 functions (F1, F2, F3)')]]);
  });

  test.each<[string, (stack: Stack) => string]>([
    ['a CfnParameter', (stack) => new CfnParameter(stack, 'RoleArn').valueAsString],
    ['Fn::ImportValue', () => Fn.importValue('RoleArn')],
  ])('not decidable here, and not a finding: functions sharing a role from %s (the role is not in this stack)', (_name, arn) => {
    const stack = newStack();
    const role = iam.Role.fromRoleArn(stack, 'Imported', arn(stack));
    fn(stack, 'A', role);
    fn(stack, 'B', role);
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test('raw override: addPropertyOverride points a second function at the first one\'s role', () => {
    const stack = newStack();
    const a = fn(stack, 'A');
    const b = fn(stack, 'B');
    const roleId = stack.getLogicalId(a.role!.node.defaultChild as iam.CfnRole);
    (b.node.defaultChild as lambda.CfnFunction).addPropertyOverride('Role', { 'Fn::GetAtt': [roleId, 'Arn'] });
    expect(checkRule(rule, stack).map((r) => r.logicalId)).toEqual([roleId]);
  });

  test('raw override: addPropertyOverride gives the second function another role', () => {
    const stack = newStack();
    const role = lambdaRole(stack);
    fn(stack, 'A', role);
    const b = fn(stack, 'B', role);
    const other = new iam.CfnRole(stack, 'Other', { assumeRolePolicyDocument: {} });
    (b.node.defaultChild as lambda.CfnFunction).addPropertyOverride('Role', other.attrArn);
    expect(checkRule(rule, stack)).toEqual([]);
  });
});
