import { CfnParameter, Stack } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import { VerdictKind } from '../../../src/core';
import { DynamoDbTablePolicyPublicRule } from '../../../src/rules/dynamodb';
import { checkRule, newStack } from '../rule-test-helpers';

const rule = new DynamoDbTablePolicyPublicRule();

const read = (principal: iam.IPrincipal, conditions?: any) => new iam.PolicyStatement({
  principals: [principal], actions: ['dynamodb:GetItem'], resources: ['*'], conditions,
});

function table(stack: Stack, ...statements: iam.PolicyStatement[]): dynamodb.TableV2 {
  return new dynamodb.TableV2(stack, 'T', {
    partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
    resourcePolicy: new iam.PolicyDocument({ statements }),
  });
}

describe('SLS-DYNAMODB-POLICY-PUBLIC', () => {
  test.each<[string, (stack: Stack) => void]>([
    ['a policy naming an account', (stack) => table(stack, read(new iam.AccountPrincipal('222222222222')))],
    ['"*" limited to the organization', (stack) => table(stack, read(new iam.AnyPrincipal(), { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123' } }))],
    ['a table without a resource policy (L1)', (stack) => new dynamodb.CfnTable(stack, 'T', {
      keySchema: [{ attributeName: 'pk', keyType: 'HASH' }], attributeDefinitions: [{ attributeName: 'pk', attributeType: 'S' }],
    })],
  ])('compliant: %s', (_name, build) => {
    const stack = newStack();
    build(stack);
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test.each<[string, (stack: Stack) => void]>([
    ['"*" on a TableV2 (global table replica policy)', (stack) => table(stack, read(new iam.AnyPrincipal()))],
    ['"*" on an L1 table', (stack) => new dynamodb.CfnTable(stack, 'T', {
      keySchema: [{ attributeName: 'pk', keyType: 'HASH' }],
      attributeDefinitions: [{ attributeName: 'pk', attributeType: 'S' }],
      resourcePolicy: { policyDocument: { Statement: [{ Effect: 'Allow', Principal: '*', Action: 'dynamodb:*', Resource: '*' }] } },
    })],
    ['"*" with aws:SourceAccount "*"', (stack) => table(stack, read(new iam.AnyPrincipal(), { StringLike: { 'aws:SourceAccount': '*' } }))],
  ])('non-compliant: %s', (_name, build) => {
    const stack = newStack();
    build(stack);
    const results = checkRule(rule, stack);
    expect(results.map((r) => [r.kind, r.severity])).toEqual([[VerdictKind.VIOLATION, undefined]]);
    expect(results[0].detail).toMatch(/^Anyone can dynamodb:\S+ on the table/);
  });

  test('non-compliant: a public stream policy (StreamSpecification.ResourcePolicy) on an L1 table', () => {
    const stack = newStack();
    new dynamodb.CfnTable(stack, 'T', {
      keySchema: [{ attributeName: 'pk', keyType: 'HASH' }],
      attributeDefinitions: [{ attributeName: 'pk', attributeType: 'S' }],
      streamSpecification: {
        streamViewType: 'NEW_IMAGE',
        resourcePolicy: {
          policyDocument: { Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'dynamodb:GetRecords', Resource: '*' }] },
        },
      },
    });
    expect(checkRule(rule, stack).map((r) => r.location)).toEqual(['Properties/StreamSpecification/ResourcePolicy/PolicyDocument/Statement/0']);
  });

  test('undecidable: the organization is a parameter', () => {
    const stack = newStack();
    table(stack, read(new iam.AnyPrincipal(), { StringEquals: { 'aws:PrincipalOrgID': new CfnParameter(stack, 'Org').valueAsString } }));
    expect(checkRule(rule, stack).map((r) => r.kind)).toEqual([VerdictKind.UNDECIDABLE]);
  });

  test('raw override: addPropertyOverride opens an L2 table', () => {
    const stack = newStack();
    const t = new dynamodb.Table(stack, 'T', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING } });
    (t.node.defaultChild as dynamodb.CfnTable).addPropertyOverride('ResourcePolicy.PolicyDocument',
      { Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'dynamodb:Scan', Resource: '*' }] });
    expect(checkRule(rule, stack)).toHaveLength(1);
  });
});
