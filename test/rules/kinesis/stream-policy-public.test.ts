import { CfnParameter, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kinesis from 'aws-cdk-lib/aws-kinesis';
import { Severity, VerdictKind } from '../../../src/core';
import { KinesisStreamPolicyPublicRule } from '../../../src/rules/kinesis';
import { checkRule, newStack } from '../rule-test-helpers';

const rule = new KinesisStreamPolicyPublicRule();

/** A statement on the stream's own resource policy. */
function allow(stream: kinesis.Stream, principal: iam.IPrincipal, conditions?: { [operator: string]: any }): void {
  stream.addToResourcePolicy(new iam.PolicyStatement({
    principals: [principal], actions: ['kinesis:GetRecords', 'kinesis:PutRecord'], resources: [stream.streamArn], conditions,
  }));
}

describe('SLS-KINESIS-POLICY-PUBLIC', () => {
  test.each<[string, (stack: Stack) => void]>([
    ['grantRead to another account', (stack) => new kinesis.Stream(stack, 'S').grantRead(new iam.AccountPrincipal('222222222222'))],
    ['"*" narrowed to an organization', (stack) => {
      const stream = new kinesis.Stream(stack, 'S');
      allow(stream, new iam.AnyPrincipal(), { StringEquals: { 'aws:PrincipalOrgID': 'o-abc123def4' } });
    }],
    ['a stream without a resource policy', (stack) => new kinesis.Stream(stack, 'S')],
  ])('compliant: %s', (_name, build) => {
    const stack = newStack();
    build(stack);
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test.each<[string, (stack: Stack) => void, Severity | undefined]>([
    ['addToResourcePolicy for anyone', (stack) => allow(new kinesis.Stream(stack, 'S'), new iam.AnyPrincipal()), undefined],
    ['a service with a SourceAccount of any account', (stack) => allow(new kinesis.Stream(stack, 'S'),
      new iam.ServicePrincipal('lambda.amazonaws.com'), { StringLike: { 'aws:SourceAccount': '*' } }), Severity.WARNING],
    ['a raw JSON policy on an L1 resource policy of a consumer', (stack) => {
      const stream = new kinesis.Stream(stack, 'S');
      const consumer = new kinesis.CfnStreamConsumer(stack, 'C', { consumerName: 'c', streamArn: stream.streamArn });
      new kinesis.CfnResourcePolicy(stack, 'P', {
        resourceArn: consumer.attrConsumerArn,
        resourcePolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'kinesis:SubscribeToShard', Resource: '*' }] },
      });
    }, undefined],
  ])('non-compliant: %s', (_name, build, severity) => {
    const stack = newStack();
    build(stack);
    expect(checkRule(rule, stack).map((r) => [r.kind, r.severity])).toEqual([[VerdictKind.VIOLATION, severity]]);
  });

  test('undecidable: the principal is a parameter', () => {
    const stack = newStack();
    allow(new kinesis.Stream(stack, 'S'), new iam.ArnPrincipal(new CfnParameter(stack, 'Reader').valueAsString));
    expect(checkRule(rule, stack).map((r) => r.kind)).toEqual([VerdictKind.UNDECIDABLE]);
  });

  test('raw override: addPropertyOverride opens a stream that was granted to one account', () => {
    const stack = newStack();
    new kinesis.Stream(stack, 'S').grantRead(new iam.AccountPrincipal('222222222222'));
    const policy = stack.node.findAll().find((c) => c instanceof kinesis.CfnResourcePolicy) as kinesis.CfnResourcePolicy;
    policy.addPropertyOverride('ResourcePolicy.Statement.0.Principal', '*');
    expect(checkRule(rule, stack).map((r) => r.kind)).toEqual([VerdictKind.VIOLATION]);
  });
});
