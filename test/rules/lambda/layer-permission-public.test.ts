import { CfnParameter, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Severity, VerdictKind } from '../../../src/core';
import { LambdaLayerPermissionPublicRule } from '../../../src/rules/lambda';
import { checkRule, newStack } from '../rule-test-helpers';

const rule = new LambdaLayerPermissionPublicRule();

function layer(stack: Stack): lambda.LayerVersion {
  const code = lambda.Code.fromBucket(s3.Bucket.fromBucketName(stack, 'Artifacts', 'artifacts'), 'layer.zip');
  return new lambda.LayerVersion(stack, 'L', { code, compatibleRuntimes: [lambda.Runtime.NODEJS_22_X] });
}

describe('SLS-LAMBDA-LAYER-PUBLIC', () => {
  test.each<[string, (stack: Stack) => void]>([
    ['shared with one account', (stack) => layer(stack).addPermission('Tools', { accountId: '222222222222' })],
    ['shared with every account of one organization', (stack) => layer(stack).addPermission('Org', { accountId: '*', organizationId: 'o-abc123def4' })],
    ['not shared', (stack) => layer(stack)],
  ])('compliant: %s', (_name, build) => {
    const stack = newStack();
    build(stack);
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test.each<[string, (stack: Stack) => void]>([
    ['shared with every AWS account', (stack) => layer(stack).addPermission('Everyone', { accountId: '*' })],
    ['an L1 permission for "*"', (stack) => new lambda.CfnLayerVersionPermission(stack, 'P', {
      action: 'lambda:GetLayerVersion', layerVersionArn: 'arn:aws:lambda:us-east-1:111111111111:layer:tools:3', principal: '*',
    })],
  ])('non-compliant: %s', (_name, build) => {
    const stack = newStack();
    build(stack);
    expect(checkRule(rule, stack).map((r) => [r.kind, r.severity ?? rule.severity, r.location])).toEqual([[VerdictKind.VIOLATION, Severity.WARNING, 'Properties/Principal']]);
  });

  test('undecidable: the account is a parameter', () => {
    const stack = newStack();
    layer(stack).addPermission('Shared', { accountId: new CfnParameter(stack, 'Account').valueAsString });
    expect(checkRule(rule, stack).map((r) => r.kind)).toEqual([VerdictKind.UNDECIDABLE]);
  });

  test('raw override: addPropertyOverride drops the organization that narrowed "*"', () => {
    const stack = newStack();
    layer(stack).addPermission('Org', { accountId: '*', organizationId: 'o-abc123def4' });
    const permission = stack.node.findAll().find((c) => c instanceof lambda.CfnLayerVersionPermission) as lambda.CfnLayerVersionPermission;
    permission.addPropertyDeletionOverride('OrganizationId');
    expect(checkRule(rule, stack).map((r) => r.kind)).toEqual([VerdictKind.VIOLATION]);
  });
});
