import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { newFunction } from './iam-test-helpers';
import { IamAccessLevel as L } from '../../src/iam/access-level';
import { EffectivePermissions } from '../../src/iam/effective-permissions';
import { AppliedPolicyOrigin as O, PrincipalPolicies } from '../../src/iam/principal-policies';
import { ResourceScope } from '../../src/iam/resource-scope';
import { newStack, viewOf } from '../rules/rule-test-helpers';

/** The logical id of the resource of that type whose logical id starts with the construct ids (`FnServiceRole`). */
function idOf(view: ReturnType<typeof viewOf>, type: string, prefix: string): string {
  const found = view.resourcesOfType(type).find((r) => r.logicalId.startsWith(prefix));
  if (!found) throw new Error(`no ${type} starting with ${prefix}`);
  return found.logicalId;
}

describe('PrincipalPolicies.forRole collects every policy wherever it is written', () => {
  test('inline, attached, customer managed (by ARN and by Roles list), AWS-managed and resource policies', () => {
    const stack = newStack();
    const fn = newFunction(stack);
    new s3.Bucket(stack, 'Bucket').grantRead(fn);
    fn.role!.attachInlinePolicy(new iam.Policy(stack, 'Extra', {
      statements: [new iam.PolicyStatement({ actions: ['sqs:SendMessage'], resources: ['arn:aws:sqs:us-east-1:123456789012:q'] })],
    }));
    fn.role!.addManagedPolicy(new iam.ManagedPolicy(stack, 'ByArn', {
      statements: [new iam.PolicyStatement({ actions: ['sns:Publish'], resources: ['arn:aws:sns:us-east-1:123456789012:t'] })],
    }));
    new iam.ManagedPolicy(stack, 'ByRolesList', {
      roles: [fn.role!],
      statements: [new iam.PolicyStatement({ actions: ['kms:Decrypt'], resources: ['arn:aws:kms:us-east-1:123456789012:key/k'] })],
    });
    fn.role!.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName('CloudWatchLambdaInsightsExecutionRolePolicy'));
    const queue = new sqs.Queue(stack, 'Queue');
    queue.addToResourcePolicy(new iam.PolicyStatement({ actions: ['sqs:ReceiveMessage'], resources: [queue.queueArn], principals: [fn.role!] }));
    queue.addToResourcePolicy(new iam.PolicyStatement({ actions: ['sqs:GetQueueUrl'], resources: [queue.queueArn], principals: [new iam.AccountRootPrincipal()] }));

    const view = viewOf(stack);
    const roleId = idOf(view, 'AWS::IAM::Role', 'FnServiceRole');
    const applied = PrincipalPolicies.forRole(roleId, view);
    expect(applied.map((p) => [p.origin, p.name ?? p.logicalId, p.statements.length, p.unknownReason !== undefined])).toEqual([
      [O.AWS_MANAGED, 'AWSLambdaBasicExecutionRole', 1, false],
      [O.CUSTOMER_MANAGED, idOf(view, 'AWS::IAM::ManagedPolicy', 'ByArn'), 1, false],
      [O.AWS_MANAGED, 'CloudWatchLambdaInsightsExecutionRolePolicy', 2, false],
      [O.ATTACHED, expect.stringMatching(/^FnServiceRoleDefaultPolicy/), 1, false],
      [O.ATTACHED, expect.stringMatching(/^Extra/), 1, false],
      [O.CUSTOMER_MANAGED, idOf(view, 'AWS::IAM::ManagedPolicy', 'ByRolesList'), 1, false],
      [O.RESOURCE_POLICY, idOf(view, 'AWS::SQS::QueuePolicy', 'Queue'), 1, false],
    ]);
  });

  test('resource policies: only those naming the role, or anyone, apply to it', () => {
    const stack = newStack();
    const a = newFunction(stack, 'A');
    const b = newFunction(stack, 'B');
    const toA = new sqs.Queue(stack, 'ToA');
    toA.addToResourcePolicy(new iam.PolicyStatement({ actions: ['sqs:ReceiveMessage'], resources: [toA.queueArn], principals: [a.role!] }));
    const toB = new sqs.Queue(stack, 'ToB');
    toB.addToResourcePolicy(new iam.PolicyStatement({ actions: ['sqs:ReceiveMessage'], resources: [toB.queueArn], principals: [b.role!] }));
    toB.addToResourcePolicy(new iam.PolicyStatement({ effect: iam.Effect.DENY, actions: ['sqs:*'], resources: [toB.queueArn], principals: [a.role!] }));
    const toAnyone = new sqs.Queue(stack, 'ToAnyone');
    toAnyone.addToResourcePolicy(new iam.PolicyStatement({ actions: ['sqs:GetQueueUrl'], resources: [toAnyone.queueArn], principals: [new iam.AnyPrincipal()] }));

    const view = viewOf(stack);
    const granting = (fn: string) => PrincipalPolicies.resourcePoliciesGranting(idOf(view, 'AWS::IAM::Role', `${fn}ServiceRole`), view)
      .map((p) => p.logicalId);
    expect(granting('A')).toEqual([idOf(view, 'AWS::SQS::QueuePolicy', 'ToAPolicy'), idOf(view, 'AWS::SQS::QueuePolicy', 'ToAnyone')]);
    expect(granting('B')).toEqual([idOf(view, 'AWS::SQS::QueuePolicy', 'ToBPolicy'), idOf(view, 'AWS::SQS::QueuePolicy', 'ToAnyone')]);
  });

  test('Lambda permissions: one naming the role applies, one for an AWS service does not; template order is kept', () => {
    const stack = newStack();
    const caller = newFunction(stack, 'Caller');
    const target = newFunction(stack, 'Target');
    const toAnyone = new sqs.Queue(stack, 'AToAnyone'); // before the permission in the template
    toAnyone.addToResourcePolicy(new iam.PolicyStatement({ actions: ['sqs:GetQueueUrl'], resources: [toAnyone.queueArn], principals: [new iam.AnyPrincipal()] }));
    target.addPermission('ByCaller', { principal: caller.role! });
    target.addPermission('ByService', { principal: new iam.ServicePrincipal('events.amazonaws.com'), sourceAccount: '123456789012' });

    const view = viewOf(stack);
    const granting = PrincipalPolicies.resourcePoliciesGranting(idOf(view, 'AWS::IAM::Role', 'CallerServiceRole'), view);
    expect(granting.map((p) => p.logicalId)).toEqual([idOf(view, 'AWS::SQS::QueuePolicy', 'AToAnyone'), idOf(view, 'AWS::Lambda::Permission', 'TargetByCaller')]);
    expect(granting[1].statements[0].actions.map((a) => a.text)).toEqual(['lambda:InvokeFunction']);
  });

  test('an unknown role gives nothing, and a role shared by two functions is reported', () => {
    const stack = newStack();
    const role = new iam.Role(stack, 'Shared', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    newFunction(stack, 'A', { role });
    newFunction(stack, 'B', { role });
    newFunction(stack, 'C');
    const view = viewOf(stack);
    expect(PrincipalPolicies.forRole('Nope', view)).toEqual([]);
    expect(PrincipalPolicies.sharedRoles(view)).toEqual([{
      roleLogicalId: idOf(view, 'AWS::IAM::Role', 'Shared'),
      functionLogicalIds: [idOf(view, 'AWS::Lambda::Function', 'A'), idOf(view, 'AWS::Lambda::Function', 'B')],
    }]);
  });
});

describe('EffectivePermissions: what each function can do', () => {
  test('grants on a bucket and a table, plus the basic execution role, by service with levels and resources', () => {
    const stack = newStack();
    const fn = newFunction(stack);
    new s3.Bucket(stack, 'Bucket').grantReadWrite(fn);
    new dynamodb.Table(stack, 'Table', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING } }).grantReadData(fn);
    const view = viewOf(stack);
    const [perms] = EffectivePermissions.ofFunctions(view);
    const bucket = idOf(view, 'AWS::S3::Bucket', 'Bucket');
    const table = idOf(view, 'AWS::DynamoDB::Table', 'Table');
    expect(perms.roleLogicalId).toBe(idOf(view, 'AWS::IAM::Role', 'FnServiceRole'));
    expect(perms.awsManagedPolicies).toEqual(['AWSLambdaBasicExecutionRole']);
    expect(perms.sharesRoleWith).toEqual([]);
    expect(perms.unknownReasons).toEqual([]);
    expect(perms.services.map((s) => [s.service, s.accessLevels, s.resources, s.resourceScope])).toEqual([
      ['dynamodb', [L.READ], [`\${${table}.Arn}`], ResourceScope.SPECIFIC],
      ['logs', [L.WRITE], ['*'], ResourceScope.ALL],
      ['s3', [L.LIST, L.READ, L.WRITE, L.TAGGING], [`\${${bucket}.Arn}`, `\${${bucket}.Arn}/*`], ResourceScope.SPECIFIC],
    ]);
    const s3Actions = perms.services.find((s) => s.service === 's3')!.actions;
    expect(s3Actions).toEqual(expect.arrayContaining(['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:ListBucket']));
    expect(s3Actions).not.toContain('s3:PutBucketPolicy');
    expect(perms.services.find((s) => s.service === 'logs')!.grantedBy).toEqual(['AWSLambdaBasicExecutionRole']);
  });

  test('Action * and NotAction are shown as spanning every service, and unconditional denies remove actions', () => {
    const stack = newStack();
    const fn = newFunction(stack);
    fn.addToRolePolicy(new iam.PolicyStatement({ notActions: ['iam:*'], resources: ['*'] }));
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['sqs:*'], resources: ['arn:aws:sqs:us-east-1:123456789012:q'] }));
    fn.addToRolePolicy(new iam.PolicyStatement({ effect: iam.Effect.DENY, actions: ['sqs:Delete*'], resources: ['*'] }));
    const [perms] = EffectivePermissions.ofFunctions(viewOf(stack));
    const all = perms.services.find((s) => s.service === '*')!;
    expect(all.actions).toEqual(['NotAction iam:*']);
    expect(all.resourceScope).toBe(ResourceScope.ALL);
    const sqsActions = perms.services.find((s) => s.service === 'sqs')!.actions;
    expect(sqsActions).toContain('sqs:SendMessage');
    expect(sqsActions.some((a) => a.startsWith('sqs:Delete'))).toBe(false);
  });

  test('a function whose role is imported says so instead of showing nothing silently', () => {
    const stack = newStack();
    newFunction(stack, 'Fn', { role: iam.Role.fromRoleArn(stack, 'Imported', 'arn:aws:iam::123456789012:role/legacy') });
    const [perms] = EffectivePermissions.ofFunctions(viewOf(stack));
    expect(perms.roleLogicalId).toBeUndefined();
    expect(perms.services).toEqual([]);
    expect(perms.unknownReasons).toEqual(['its role is not a role of this stack ("arn:aws:iam::123456789012:role/legacy")']);
  });

  test('functions sharing a role list each other', () => {
    const stack = newStack();
    const role = new iam.Role(stack, 'Shared', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    newFunction(stack, 'A', { role });
    newFunction(stack, 'B', { role, runtime: lambda.Runtime.PYTHON_3_13 });
    const view = viewOf(stack);
    const [a, b] = EffectivePermissions.ofFunctions(view);
    expect(a.sharesRoleWith).toEqual([b.functionLogicalId]);
    expect(b.sharesRoleWith).toEqual([a.functionLogicalId]);
  });
});
