import { CfnParameter, Fn, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { IRule, Severity, VerdictKind } from '../../../src/core';

import { IamEscalationRule, IamWildcardActionRule, IamWildcardResourceRule } from '../../../src/rules/iam';
import { RequiredWildcardActions } from '../../../src/shared/iam-wildcards';
import { checkRule, newStack, resourcesOf } from '../rule-test-helpers';

const rule = new IamWildcardResourceRule();

function fn(stack: Stack, props: Partial<lambda.FunctionProps> = {}, id = 'Fn'): lambda.Function {
  return new lambda.Function(stack, id, {
    runtime: lambda.Runtime.NODEJS_22_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler=1'),
    ...props,
  });
}

function allow(stack: Stack, actions: string[], resources: string[]): void {
  fn(stack).addToRolePolicy(new iam.PolicyStatement({ actions, resources }));
}

describe('SLS-IAM-WILDCARD-RESOURCE', () => {
  // Real grants on named resources: their wildcards (`s3:GetObject*`, `${Bucket.Arn}/*`) are narrow.
  test.each<[string, (stack: Stack) => void]>([
    ['table.grantReadWriteData on a function', (stack) => new dynamodb.Table(stack, 'T', {
      partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
    }).grantReadWriteData(fn(stack))],
    ['bucket.grantReadWrite on a function', (stack) => new s3.Bucket(stack, 'B').grantReadWrite(fn(stack))],
    ['queue.grantConsumeMessages on a function', (stack) => new sqs.Queue(stack, 'Q').grantConsumeMessages(fn(stack))],
    ['secret.grantRead on a function', (stack) => new secretsmanager.Secret(stack, 'S').grantRead(fn(stack))],
    ['key.grantDecrypt on a function', (stack) => new kms.Key(stack, 'K').grantDecrypt(fn(stack))],
    ['fn.grantInvoke on a named function', (stack) => fn(stack, {}, 'Callee').grantInvoke(fn(stack))],
    ['a List action AWS cannot scope (sqs:ListQueues has no resource type)', (stack) => allow(stack, ['sqs:ListQueues'], ['*'])],
    ['List actions on * (ec2:Describe* expands to List actions: names, not contents)', (stack) => allow(stack, ['ec2:Describe*'], ['*'])],
    ['X-Ray tracing on a function (PutTraceSegments on *)', (stack) => fn(stack, { tracing: lambda.Tracing.ACTIVE })],
    ['a function in a VPC (network-interface actions on *)', (stack) => fn(stack, { vpc: new ec2.Vpc(stack, 'Vpc') })],
    ['a state machine logging to CloudWatch Logs (vended log delivery on *)', (stack) => new sfn.StateMachine(stack, 'M', {
      definitionBody: sfn.DefinitionBody.fromChainable(new sfn.Pass(stack, 'P')),
      logs: { destination: new logs.LogGroup(stack, 'L'), level: sfn.LogLevel.ALL },
    })],
    ['CloudWatch PutMetricData on * limited to one namespace (cloudwatch:namespace condition)', (stack) => fn(stack).addToRolePolicy(
      new iam.PolicyStatement({ actions: ['cloudwatch:PutMetricData'], resources: ['*'], conditions: { StringEquals: { 'cloudwatch:namespace': 'Orders' } } }))],
    ['write on a named ARN', (stack) => allow(stack, ['sqs:SendMessage'], ['arn:aws:sqs:us-east-1:111111111111:q'])],
  ])('compliant: %s', (_name, build) => {
    const stack = newStack();
    build(stack);
    expect(checkRule(rule, stack)).toEqual([]);
  });

  // The queue name is literal, so the unknown account cannot make the ARN "*": specific, not undecidable.
  test('compliant: an imported account in an ARN assembled with Fn::Join cannot make it "*"', () => {
    const stack = newStack();
    allow(stack, ['sqs:SendMessage'], [Fn.join(':', ['arn:aws:sqs:us-east-1', Fn.importValue('Account'), 'q'])]);
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test('undecidable: an imported queue name in an ARN assembled with Fn::Join could be "*"', () => {
    const stack = newStack();
    allow(stack, ['sqs:SendMessage'], [Fn.join(':', ['arn:aws:sqs:us-east-1:111111111111', Fn.importValue('QueueName')])]);
    expect(checkRule(rule, stack).map((r) => [r.kind, r.findingId])).toEqual([[VerdictKind.UNDECIDABLE, 'sqs:SendMessage']]);
  });

  // PutMetricData can name no metric; only the cloudwatch:namespace condition key scopes it. Without it, every
  // namespace: a warning that names the key to add, not an error.
  test('warning: Metric.grantPutMetricData, which aws-cdk-lib grants on * without a namespace condition', () => {
    const stack = newStack();
    cloudwatch.Metric.grantPutMetricData(fn(stack));
    const results = checkRule(rule, stack);
    expect(results.map((r) => [r.kind, r.findingId, r.severity])).toEqual([[VerdictKind.VIOLATION, 'cloudwatch:PutMetricData', Severity.WARNING]]);
    expect(results[0].detail).toMatch(/cloudwatch:namespace condition/);
  });

  test('an IfExists namespace condition does not scope PutMetricData', () => {
    const stack = newStack();
    fn(stack).addToRolePolicy(new iam.PolicyStatement({
      actions: ['cloudwatch:PutMetricData'], resources: ['*'], conditions: { StringEqualsIfExists: { 'cloudwatch:namespace': 'Orders' } },
    }));
    expect(checkRule(rule, stack).map((r) => [r.findingId, r.severity])).toEqual([['cloudwatch:PutMetricData', Severity.WARNING]]);
  });

  test('a pattern with PutMetricData and scopable writes: an error for the writes, a warning for PutMetricData', () => {
    const stack = newStack();
    allow(stack, ['cloudwatch:PutMetric*'], ['*']);
    const results = checkRule(rule, stack);
    expect(results.map((r) => [r.findingId, r.severity ?? rule.severity]).sort()).toEqual([
      ['cloudwatch:PutMetric*', Severity.ERROR], ['cloudwatch:PutMetric*', Severity.WARNING],
    ]);
  });

  test('the shared log-delivery group is exactly what aws-cdk-lib grants a logging state machine on *', () => {
    const stack = newStack();
    new sfn.StateMachine(stack, 'M', {
      definitionBody: sfn.DefinitionBody.fromChainable(new sfn.Pass(stack, 'P')),
      logs: { destination: new logs.LogGroup(stack, 'L'), level: sfn.LogLevel.ALL },
    });
    const statements = resourcesOf(stack, 'AWS::IAM::Policy').flatMap((p) => p.properties.PolicyDocument.Statement);
    const onStar = statements.filter((st: any) => st.Resource === '*').flatMap((st: any) => st.Action);
    expect([...onStar].sort()).toEqual(RequiredWildcardActions.logDelivery().actions.sort());
  });

  test('not applicable: a Deny on "*"', () => {
    const stack = newStack();
    fn(stack).addToRolePolicy(new iam.PolicyStatement({ effect: iam.Effect.DENY, actions: ['s3:DeleteObject'], resources: ['*'] }));
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test.each<[string, string, Severity]>([
    ['dynamodb:PutItem', 'write', Severity.ERROR],
    ['s3:DeleteObject', 'write', Severity.ERROR],
    ['s3:PutBucketAcl', 'permissions management', Severity.ERROR],
    ['logs:PutRetentionPolicy', 'write', Severity.ERROR],
    ['cloudwatch:PutMetricData', 'write', Severity.WARNING],
    ['dynamodb:GetItem', 'read', Severity.WARNING],
    ['s3:GetObject*', 'read', Severity.WARNING],
  ])('non-compliant: %s on * is %s (%s)', (action, level, severity) => {
    const stack = newStack();
    allow(stack, [action], ['*']);
    const results = checkRule(rule, stack);
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ kind: VerdictKind.VIOLATION, findingId: action });
    expect(results[0].severity ?? rule.severity).toBe(severity);
    expect(results[0].detail).toMatch(new RegExp(level, 'i'));
  });

  // Each grant is reported once, by the rule that names it best: escalation actions by SLS-IAM-ESCALATION, `*` and
  // `service:*` by SLS-IAM-WILDCARD-ACTION.
  test.each<[string, string, IRule, string]>([
    ['iam:AttachRolePolicy', 'SLS-IAM-ESCALATION', new IamEscalationRule(), 'iam:AttachRolePolicy'],
    ['iam:PassRole', 'SLS-IAM-ESCALATION', new IamEscalationRule(), 'iam:PassRole'],
    ['s3:PutBucketPolicy', 'SLS-IAM-ESCALATION', new IamEscalationRule(), 's3:PutBucketPolicy'],
    ['s3:*', 'SLS-IAM-WILDCARD-ACTION', new IamWildcardActionRule(), 's3:*'],
  ])('non-compliant elsewhere: %s on * is reported by %s, not here', (action, _ownerId, owner, findingId) => {
    const stack = newStack();
    allow(stack, [action], ['*']);
    expect(checkRule(rule, stack)).toEqual([]);
    expect(checkRule(owner, stack).map((r) => [r.kind, r.findingId])).toEqual([[VerdictKind.VIOLATION, findingId]]);
  });

  test('non-compliant: an L1 role inline policy with Resource as a string, only the non-required actions', () => {
    const stack = newStack();
    new iam.CfnRole(stack, 'R', {
      assumeRolePolicyDocument: {},
      policies: [{ policyName: 'p', policyDocument: { Statement: [{ Effect: 'Allow', Action: ['xray:PutTraceSegments', 'kms:Decrypt'], Resource: '*' }] } }],
    });
    expect(checkRule(rule, stack).map((r) => r.findingId)).toEqual(['kms:Decrypt']);
  });

  test.each<[string, (stack: Stack) => string, RegExp]>([
    ['a resource from a CfnParameter', (stack) => new CfnParameter(stack, 'Target').valueAsString, /parameter Target/],
    ['a resource from Fn::ImportValue', () => Fn.importValue('TargetArn'), /Fn::ImportValue/],
  ])('undecidable: %s', (_name, resource, reason) => {
    const stack = newStack();
    allow(stack, ['sqs:SendMessage'], [resource(stack)]);
    const results = checkRule(rule, stack);
    expect(results).toHaveLength(1);
    expect(results[0]).toMatchObject({ kind: VerdictKind.UNDECIDABLE, findingId: 'sqs:SendMessage' });
    expect(results[0].detail).toMatch(reason);
  });

  test('raw override: addPropertyOverride widens a grant to "*"', () => {
    const stack = newStack();
    const table = new dynamodb.Table(stack, 'T', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING } });
    const f = fn(stack);
    table.grantWriteData(f);
    const policy = f.role!.node.findChild('DefaultPolicy').node.defaultChild as iam.CfnPolicy;
    policy.addPropertyOverride('PolicyDocument.Statement.0.Resource', '*');
    const results = checkRule(rule, stack);
    const putItem = results.find((r) => r.findingId === 'dynamodb:PutItem');
    expect(putItem).toMatchObject({ kind: VerdictKind.VIOLATION });
    expect(putItem!.severity ?? rule.severity).toBe(Severity.ERROR);
    expect(results.find((r) => r.findingId === 'dynamodb:DescribeTable')).toMatchObject({ kind: VerdictKind.VIOLATION, severity: Severity.WARNING });
  });

  test('raw override: addPropertyOverride narrows "*" to a named resource', () => {
    const policyIn = (stack: Stack) => new iam.CfnPolicy(stack, 'P', {
      policyName: 'p',
      roles: ['r'],
      policyDocument: { Statement: [{ Effect: 'Allow', Action: 'sns:Publish', Resource: '*' }] },
    });
    const plain = newStack();
    policyIn(plain);
    expect(checkRule(rule, plain)).toHaveLength(1);
    const stack = newStack();
    const policy = policyIn(stack);
    policy.addPropertyOverride('PolicyDocument.Statement.0.Resource', 'arn:aws:sns:us-east-1:111111111111:t');
    expect(checkRule(rule, stack)).toEqual([]);
  });
});
