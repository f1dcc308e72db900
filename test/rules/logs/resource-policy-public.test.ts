import { CfnParameter, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Severity, VerdictKind } from '../../../src/core';
import { LogsResourcePolicyPublicRule } from '../../../src/rules/logs';
import { checkRule, newStack } from '../rule-test-helpers';

const rule = new LogsResourcePolicyPublicRule();

/** A statement on the log group's resource policy (aws-cdk-lib writes it as JSON text naming the group's ARN). */
function allowWrite(group: logs.LogGroup, principal: iam.IPrincipal, conditions?: { [operator: string]: any }): void {
  group.addToResourcePolicy(new iam.PolicyStatement({
    principals: [principal], actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: [group.logGroupArn], conditions,
  }));
}

describe('SLS-LOGS-POLICY-PUBLIC', () => {
  test.each<[string, (stack: Stack) => void]>([
    ['a service bound to this account\'s rules', (stack) => allowWrite(new logs.LogGroup(stack, 'G'),
      new iam.ServicePrincipal('events.amazonaws.com'), { ArnLike: { 'aws:SourceArn': stack.formatArn({ service: 'events', resource: 'rule', resourceName: '*' }) } })],
    ['another account', (stack) => allowWrite(new logs.LogGroup(stack, 'G'), new iam.AccountPrincipal('222222222222'))],
    ['a destination open to one organization', (stack) => new logs.CfnDestination(stack, 'D', {
      destinationName: 'd',
      roleArn: 'arn:aws:iam::111111111111:role/r',
      targetArn: 'arn:aws:kinesis:us-east-1:111111111111:stream/s',
      destinationPolicy: JSON.stringify({
        Statement: [{
          Effect: 'Allow',
          Principal: { AWS: '*' },
          Action: 'logs:PutSubscriptionFilter',
          Resource: '*',
          Condition: { StringEquals: { 'aws:PrincipalOrgID': ['o-abc123def4'] } },
        }],
      }),
    })],
    ['a log group without a resource policy', (stack) => new logs.LogGroup(stack, 'G')],
  ])('compliant: %s', (_name, build) => {
    const stack = newStack();
    build(stack);
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test.each<[string, (stack: Stack) => void, Severity | undefined]>([
    ['anyone may write into the log group', (stack) => allowWrite(new logs.LogGroup(stack, 'G'), new iam.AnyPrincipal()), undefined],
    ['a service with no source condition', (stack) => allowWrite(new logs.LogGroup(stack, 'G'),
      new iam.ServicePrincipal('events.amazonaws.com')), Severity.WARNING],
    ['an L1 account-wide policy written as JSON text', (stack) => new logs.CfnResourcePolicy(stack, 'P', {
      policyName: 'open',
      policyDocument: JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: '*', Action: 'logs:PutLogEvents', Resource: '*' }] }),
    }), undefined],
    ['a destination open to everyone', (stack) => new logs.CfnDestination(stack, 'D', {
      destinationName: 'd',
      roleArn: 'arn:aws:iam::111111111111:role/r',
      targetArn: 'arn:aws:kinesis:us-east-1:111111111111:stream/s',
      destinationPolicy: JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'logs:PutSubscriptionFilter', Resource: '*' }] }),
    }), undefined],
  ])('non-compliant: %s', (_name, build, severity) => {
    const stack = newStack();
    build(stack);
    expect(checkRule(rule, stack).map((r) => [r.kind, r.severity])).toEqual([[VerdictKind.VIOLATION, severity]]);
  });

  test('undecidable: the principal is a parameter inside the assembled JSON text', () => {
    const stack = newStack();
    allowWrite(new logs.LogGroup(stack, 'G'), new iam.ArnPrincipal(new CfnParameter(stack, 'Writer').valueAsString));
    const results = checkRule(rule, stack);
    expect(results.map((r) => r.kind)).toEqual([VerdictKind.UNDECIDABLE]);
    // The statements were read: what is unknown is the principal, not the whole document.
    expect(results[0].detail).toMatch(/Writer/);
  });

  test('undecidable: a whole document from a parameter is never passed', () => {
    const stack = newStack();
    new logs.CfnResourcePolicy(stack, 'P', { policyName: 'p', policyDocument: new CfnParameter(stack, 'Doc').valueAsString });
    expect(checkRule(rule, stack).map((r) => r.kind)).toEqual([VerdictKind.UNDECIDABLE]);
  });

  test('raw override: addPropertyOverride replaces a scoped policy with an open one', () => {
    const stack = newStack();
    const policy = new logs.CfnResourcePolicy(stack, 'P', {
      policyName: 'p',
      policyDocument: JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: { AWS: '222222222222' }, Action: 'logs:PutLogEvents', Resource: '*' }] }),
    });
    policy.addPropertyOverride('PolicyDocument', { Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'logs:PutLogEvents', Resource: '*' }] });
    expect(checkRule(rule, stack).map((r) => r.kind)).toEqual([VerdictKind.VIOLATION]);
  });
});
