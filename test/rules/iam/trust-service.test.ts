import { CfnParameter, Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Severity, VerdictKind } from '../../../src/core';
import { IamTrustServiceRule } from '../../../src/rules/iam';
import { newFunction } from '../../iam/iam-test-helpers';
import { checkRule, newStack } from '../rule-test-helpers';

const rule = new IamTrustServiceRule();

/** A function whose role trusts the given services. */
function functionTrusting(stack: Stack, ...services: string[]): lambda.Function {
  const role = new iam.Role(stack, 'Role', {
    assumedBy: new iam.CompositePrincipal(...services.map((s) => new iam.ServicePrincipal(s))),
  });
  return newFunction(stack, 'Fn', { role });
}

describe('SLS-IAM-TRUST-SERVICE', () => {
  test.each<[string, (stack: Stack) => void]>([
    ['a plain function (its role trusts lambda only)', (stack) => newFunction(stack)],
    ['a Lambda@Edge role that trusts lambda and edgelambda', (stack) => functionTrusting(stack, 'lambda.amazonaws.com', 'edgelambda.amazonaws.com')],
    ['a role no resource of the stack uses (what it is for is not known)', (stack) => new iam.Role(stack, 'R', {
      assumedBy: new iam.CompositePrincipal(new iam.ServicePrincipal('lambda.amazonaws.com'), new iam.ServicePrincipal('ec2.amazonaws.com')),
    })],
    ['an API integration role (Credentials) trusted by apigateway', (stack) => {
      const role = new iam.Role(stack, 'R', { assumedBy: new iam.ServicePrincipal('apigateway.amazonaws.com') });
      const api = new apigateway.RestApi(stack, 'Api');
      api.root.addMethod('GET', new apigateway.AwsIntegration({ service: 'sqs', path: 'x', options: { credentialsRole: role } }));
    }],
    ['an EventBridge target role bound to this account', (stack) => {
      const role = new iam.Role(stack, 'R', {
        assumedBy: new iam.ServicePrincipal('events.amazonaws.com').withConditions({ StringEquals: { 'aws:SourceAccount': '111111111111' } }),
      });
      new events.CfnRule(stack, 'Rule', { scheduleExpression: 'rate(1 hour)', targets: [{ id: 't', arn: 'arn:aws:sqs:us-east-1:111111111111:q', roleArn: role.roleArn }] });
    }],
  ])('compliant: %s', (_name, build) => {
    const stack = newStack();
    build(stack);
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test.each<[string, string[], string]>([
    ['a Lambda execution role that also trusts ec2', ['lambda.amazonaws.com', 'ec2.amazonaws.com'], 'ec2.amazonaws.com'],
    ['a Lambda execution role that also trusts apigateway', ['lambda.amazonaws.com', 'apigateway.amazonaws.com'], 'apigateway.amazonaws.com'],
  ])('non-compliant: %s', (_name, services, findingId) => {
    const stack = newStack();
    functionTrusting(stack, ...services);
    const results = checkRule(rule, stack);
    expect(results.map((r) => [r.kind, r.findingId, r.severity])).toEqual([[VerdictKind.VIOLATION, findingId, undefined]]);
    expect(results[0].detail).toMatch(new RegExp(`^The role trusts ${findingId.replace(/\./g, '\\.')}, which none of the resources using it needs`));
  });

  test('non-compliant (info): an EventBridge target role with no source condition (confused deputy)', () => {
    const stack = newStack();
    const role = new iam.Role(stack, 'R', { assumedBy: new iam.ServicePrincipal('events.amazonaws.com') });
    new events.CfnRule(stack, 'Rule', { scheduleExpression: 'rate(1 hour)', targets: [{ id: 't', arn: 'arn:aws:sqs:us-east-1:1:q', roleArn: role.roleArn }] });
    expect(checkRule(rule, stack).map((r) => [r.findingId, r.severity])).toEqual([['events.amazonaws.com', Severity.INFO]]);
  });

  // Narrowing by meaning: an account wildcard binds the service to no one.
  test('non-compliant (info): aws:SourceAccount "*" narrows nothing', () => {
    const stack = newStack();
    new iam.Role(stack, 'R', {
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com').withConditions({ StringLike: { 'aws:SourceAccount': '*' } }),
    });
    expect(checkRule(rule, stack).map((r) => r.findingId)).toEqual(['scheduler.amazonaws.com']);
  });

  test('undecidable: the source account comes from a parameter', () => {
    const stack = newStack();
    new iam.Role(stack, 'R', {
      assumedBy: new iam.ServicePrincipal('sns.amazonaws.com').withConditions({
        StringEquals: { 'aws:SourceAccount': new CfnParameter(stack, 'Account').valueAsString },
      }),
    });
    const results = checkRule(rule, stack);
    expect(results.map((r) => r.kind)).toEqual([VerdictKind.UNDECIDABLE]);
    expect(results[0].detail).toMatch(/parameter Account/);
  });

  test('raw override: addPropertyOverride adds ec2 to a function role\'s trust', () => {
    const stack = newStack();
    const fn = newFunction(stack);
    (fn.role!.node.defaultChild as iam.CfnRole).addPropertyOverride('AssumeRolePolicyDocument.Statement.0.Principal.Service',
      ['lambda.amazonaws.com', 'ec2.amazonaws.com']);
    expect(checkRule(rule, stack).map((r) => r.findingId)).toEqual(['ec2.amazonaws.com']);
  });
});
