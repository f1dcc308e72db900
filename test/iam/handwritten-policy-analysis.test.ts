import { CfnParameter, Fn } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { addStatement, detailsOf, findingsOf, newFunction } from './iam-test-helpers';
import { PermissionFindingKind as K } from '../../src/iam/permission-finding';
import { PolicyAnalyzer } from '../../src/iam/policy-analyzer';
import { newStack, viewOf } from '../rules/rule-test-helpers';

const POLICY = 'AWS::IAM::Policy';

/** One hand-written statement on a function's role, and the exact findings it must produce. */
const identityCases: Array<[string, iam.PolicyStatementProps, Array<[K, string]>]> = [
  ['Action * on Resource * is full admin', { actions: ['*'], resources: ['*'] }, [[K.FULL_ADMIN, '*']]],
  ['s3:* on Resource * is service admin', { actions: ['s3:*'], resources: ['*'] }, [[K.SERVICE_ADMIN, 's3:*']]],
  ['s3:* on every bucket ARN is service admin', { actions: ['s3:*'], resources: ['arn:aws:s3:::*'] }, [[K.SERVICE_ADMIN, 's3:*']]],
  ['s3:GetObject* on one bucket\'s objects is narrow', { actions: ['s3:GetObject*'], resources: ['arn:aws:s3:::my-bucket/*'] }, []],
  ['s3:Put* on Resource *: writes, and the bucket-policy escalation reported on its own',
    { actions: ['s3:Put*'], resources: ['*'] },
    [[K.PRIVILEGE_ESCALATION, 's3:PutBucketPolicy'], [K.WRITE_ON_ALL_RESOURCES, 's3:Put*']]],
  ['s3:GetObject on Resource * reads every object', { actions: ['s3:GetObject'], resources: ['*'] }, [[K.READ_ON_ALL_RESOURCES, 's3:GetObject']]],
  ['secretsmanager:GetSecretValue on every secret of the account',
    { actions: ['secretsmanager:GetSecretValue'], resources: ['arn:aws:secretsmanager:us-east-1:123456789012:secret:*'] }, []],
  ['dynamodb:DeleteTable on every table is not escalation, and not on Resource "*"',
    { actions: ['dynamodb:DeleteTable'], resources: ['arn:aws:dynamodb:us-east-1:123456789012:table/*'] }, []],
  ['sqs:DeleteQueue on the whole service', { actions: ['sqs:DeleteQueue'], resources: ['arn:aws:sqs:*:*:*'] },
    [[K.WRITE_ON_ALL_RESOURCES, 'sqs:DeleteQueue']]],
  ['s3:List* on Resource * only lists', { actions: ['s3:List*'], resources: ['*'] }, []],
  ['xray:PutTraceSegments on Resource * is required by AWS', { actions: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], resources: ['*'] }, []],
  ['ENI management on Resource * is required by AWS for VPC functions',
    { actions: ['ec2:CreateNetworkInterface', 'ec2:DeleteNetworkInterface', 'ec2:DescribeNetworkInterfaces'], resources: ['*'] }, []],
  ['kms:CreateKey has no resource-level permissions', { actions: ['kms:CreateKey'], resources: ['*'] }, []],
  ['cloudwatch:PutMetricData on Resource * writes to every namespace: scopable only by a condition key',
    { actions: ['cloudwatch:PutMetricData'], resources: ['*'] }, [[K.WRITE_ON_ALL_RESOURCES_CONDITION_SCOPABLE, 'cloudwatch:PutMetricData']]],
  ['cloudwatch:PutMetricData with a negated namespace condition still writes to every other namespace',
    { actions: ['cloudwatch:PutMetricData'], resources: ['*'], conditions: { StringNotEquals: { 'cloudwatch:namespace': 'AWS/EC2' } } },
    [[K.WRITE_ON_ALL_RESOURCES_CONDITION_SCOPABLE, 'cloudwatch:PutMetricData']]],
  ['cloudwatch:PutMetricData limited by the cloudwatch:namespace condition key is scoped',
    { actions: ['cloudwatch:PutMetricData'], resources: ['*'], conditions: { StringEquals: { 'cloudwatch:namespace': 'Orders' } } }, []],
  ['iam:PassRole on Resource * is escalation, reported once', { actions: ['iam:PassRole'], resources: ['*'] },
    [[K.PRIVILEGE_ESCALATION, 'iam:PassRole']]],
  ['iam:PassRole on every role of the account is escalation',
    { actions: ['iam:PassRole'], resources: ['arn:aws:iam::123456789012:role/*'] }, [[K.PRIVILEGE_ESCALATION, 'iam:PassRole']]],
  ['iam:PassRole on one role is narrow', { actions: ['iam:PassRole'], resources: ['arn:aws:iam::123456789012:role/app-role'] }, []],
  ['sts:AssumeRole on Resource *', { actions: ['sts:AssumeRole'], resources: ['*'] }, [[K.PRIVILEGE_ESCALATION, 'sts:AssumeRole']]],
  ['sts:AssumeRole applies to IAM role ARNs: every role of the account is escalation',
    { actions: ['sts:AssumeRole'], resources: ['arn:aws:iam::123456789012:role/*'] }, [[K.PRIVILEGE_ESCALATION, 'sts:AssumeRole']]],
  ['sts:AssumeRole on one named role is narrow', { actions: ['sts:AssumeRole'], resources: ['arn:aws:iam::123456789012:role/app'] }, []],
  ['an sts action ignores a resource of a third service', { actions: ['sts:AssumeRole'], resources: ['arn:aws:s3:::*'] }, []],
  ['lambda:UpdateFunctionCode on every function',
    { actions: ['lambda:UpdateFunctionCode'], resources: ['arn:aws:lambda:us-east-1:123456789012:function:*'] },
    [[K.PRIVILEGE_ESCALATION, 'lambda:UpdateFunctionCode']]],
  ['iam:Attach*Policy on roles under a path expands to the role, user and group variants',
    { actions: ['iam:Attach*Policy'], resources: ['arn:aws:iam::123456789012:role/service-role/*'] },
    [[K.PRIVILEGE_ESCALATION, 'iam:AttachRolePolicy'], [K.PRIVILEGE_ESCALATION, 'iam:AttachUserPolicy'],
      [K.PRIVILEGE_ESCALATION, 'iam:AttachGroupPolicy']]],
  ['Allow NotAction', { notActions: ['iam:*'], resources: ['arn:aws:s3:::my-bucket'] }, [[K.ALLOW_NOT_ACTION, 'NotAction']]],
  ['Allow NotResource: everything else, so reads on every object too',
    { actions: ['s3:GetObject'], notResources: ['arn:aws:s3:::secret-bucket/*'] },
    [[K.ALLOW_NOT_RESOURCE, 'NotResource'], [K.READ_ON_ALL_RESOURCES, 's3:GetObject']]],
  ['Deny with wildcards restricts and is never a finding', { effect: iam.Effect.DENY, actions: ['*'], notResources: ['arn:aws:s3:::x'] }, []],
  ['an action of another service than the resource ARN grants nothing there',
    { actions: ['s3:GetObject', 'dynamodb:GetItem'], resources: ['arn:aws:dynamodb:us-east-1:123456789012:table/T'] }, []],
  ['an action unknown to the catalogue on Resource * cannot be judged', { actions: ['lambda:InvokeFunktion'], resources: ['*'] },
    [[K.UNDECIDABLE, 'lambda:InvokeFunktion']]],
];

describe('hand-written identity statements', () => {
  test.each(identityCases)('%s', (_name, statement, expected) => {
    const stack = newStack();
    addStatement(newFunction(stack), statement);
    expect(findingsOf(stack)).toEqual(expected.map(([kind, findingId]) => ({ type: POLICY, kind, findingId })));
  });

  test('a finding says what the wildcard expands to and how to fix it', () => {
    const stack = newStack();
    addStatement(newFunction(stack), { sid: 'Uploads', actions: ['s3:Put*'], resources: ['*'] });
    const details = detailsOf(stack);
    expect(details[0]).toMatch(/^Statement "Uploads" lets the principal escalate its privileges: it grants s3:PutBucketPolicy \(through s3:Put\*\) on every resource \(Resource "\*"\), which rewrites a bucket policy/);
    expect(details[1]).toMatch(/^Statement "Uploads" grants s3:Put\*, which expands to \d+ Write\/Permissions management\/Tagging actions \(s3:Put.*Name the resources instead\.$/);
  });

  test('policy management on the function\'s own role is escalation even on that one named role', () => {
    const stack = newStack();
    const fn = newFunction(stack);
    addStatement(fn, { actions: ['iam:PutRolePolicy'], resources: [fn.role!.roleArn] });
    expect(findingsOf(stack)).toEqual([{ type: POLICY, kind: K.PRIVILEGE_ESCALATION, findingId: 'iam:PutRolePolicy' }]);
    expect(detailsOf(stack)[0]).toMatch(/grants iam:PutRolePolicy on \$\{FnServiceRole\w+\.Arn\}, which writes an inline policy/);
  });

  test('a resource from a parameter cannot be judged for write actions, and reads stay silent', () => {
    const stack = newStack();
    const arn = new CfnParameter(stack, 'TargetArn').valueAsString;
    const fn = newFunction(stack);
    addStatement(fn, { actions: ['s3:DeleteObject'], resources: [arn] });
    addStatement(fn, { actions: ['iam:PassRole'], resources: [arn] });
    addStatement(fn, { actions: ['s3:GetObject'], resources: [arn] });
    expect(findingsOf(stack)).toEqual([
      { type: POLICY, kind: K.UNDECIDABLE, findingId: 's3:DeleteObject' },
      { type: POLICY, kind: K.UNDECIDABLE, findingId: 'iam:PassRole' },
    ]);
  });

  test('findingsFor gives each rule its own kinds and only the undecidable findings that could be one of them', () => {
    const stack = newStack();
    const arn = new CfnParameter(stack, 'TargetArn').valueAsString;
    const fn = newFunction(stack);
    addStatement(fn, { actions: ['s3:DeleteObject', 'iam:PassRole'], resources: [arn] });
    addStatement(fn, { actions: ['*'], resources: ['*'] });
    const view = viewOf(stack);
    const policy = view.resourcesOfType(POLICY)[0];
    const ids = (kinds: K[]) => PolicyAnalyzer.findingsFor(policy, view, kinds).map((f) => [f.kind, f.findingId]);
    expect(ids([K.PRIVILEGE_ESCALATION])).toEqual([[K.UNDECIDABLE, 'iam:PassRole']]);
    expect(ids([K.WRITE_ON_ALL_RESOURCES, K.READ_ON_ALL_RESOURCES])).toEqual([[K.UNDECIDABLE, 's3:DeleteObject']]);
    expect(ids([K.FULL_ADMIN, K.SERVICE_ADMIN])).toEqual([[K.FULL_ADMIN, '*']]);
    expect(ids([K.ALLOW_NOT_ACTION])).toEqual([]);
  });

  test('an imported ARN (Fn::ImportValue) is judged undecidable with the import named', () => {
    const stack = newStack();
    addStatement(newFunction(stack), { actions: ['lambda:InvokeFunction'], resources: [Fn.importValue('SharedFunctionArn')] });
    const view = viewOf(stack);
    const policy = view.resourcesOfType(POLICY)[0];
    const [finding] = PolicyAnalyzer.analyzeResource(policy, view);
    expect(finding).toMatchObject({ kind: K.UNDECIDABLE, findingId: 'lambda:InvokeFunction' });
    expect(finding.detail).toMatch(/SharedFunctionArn/);
  });
});

describe('statements added through raw overrides', () => {
  test('lambda:InvokeFunction on * added with addPropertyOverride is escalation', () => {
    const stack = newStack();
    const fn = newFunction(stack);
    new s3.Bucket(stack, 'B').grantRead(fn);
    const policy = fn.role!.node.findChild('DefaultPolicy').node.defaultChild as iam.CfnPolicy;
    policy.addPropertyOverride('PolicyDocument.Statement.1', { Effect: 'Allow', Action: 'lambda:InvokeFunction', Resource: '*' });
    expect(findingsOf(stack)).toEqual([{ type: POLICY, kind: K.PRIVILEGE_ESCALATION, findingId: 'lambda:InvokeFunction' }]);
  });

  test('an override that widens a grant\'s resource to * is seen', () => {
    const stack = newStack();
    const fn = newFunction(stack);
    new s3.Bucket(stack, 'B').grantDelete(fn);
    const policy = fn.role!.node.findChild('DefaultPolicy').node.defaultChild as iam.CfnPolicy;
    policy.addPropertyOverride('PolicyDocument.Statement.0.Resource', '*');
    expect(findingsOf(stack)).toEqual([{ type: POLICY, kind: K.WRITE_ON_ALL_RESOURCES, findingId: 's3:DeleteObject*' }]);
  });

  test('an inline policy on an L1 role, with Statement as a single object and Action as a string', () => {
    const stack = newStack();
    new iam.CfnRole(stack, 'Role', {
      assumeRolePolicyDocument: { Statement: { Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' } },
      policies: [{ policyName: 'inline', policyDocument: { Statement: { Effect: 'Allow', Action: 'IAM:passrole', Resource: '*' } } }],
    });
    expect(findingsOf(stack)).toEqual([{ type: 'AWS::IAM::Role', kind: K.PRIVILEGE_ESCALATION, findingId: 'iam:PassRole' }]);
  });

  test('a customer managed policy attached to the role is judged on the managed policy resource', () => {
    const stack = newStack();
    const fn = newFunction(stack);
    fn.role!.addManagedPolicy(new iam.ManagedPolicy(stack, 'Admin', {
      statements: [new iam.PolicyStatement({ actions: ['*'], resources: ['*'] })],
    }));
    expect(findingsOf(stack)).toEqual([{ type: 'AWS::IAM::ManagedPolicy', kind: K.FULL_ADMIN, findingId: '*' }]);
  });
});

describe('AWS-managed policies', () => {
  test.each([
    ['AdministratorAccess', [[K.BROAD_MANAGED_POLICY, 'AdministratorAccess']]],
    ['PowerUserAccess', [[K.BROAD_MANAGED_POLICY, 'PowerUserAccess']]],
    ['AmazonS3FullAccess', [[K.BROAD_MANAGED_POLICY, 'AmazonS3FullAccess']]],
    ['AWSLambda_FullAccess', [[K.BROAD_MANAGED_POLICY, 'AWSLambda_FullAccess']]],
    ['job-function/SystemAdministrator', [[K.BROAD_MANAGED_POLICY, 'SystemAdministrator']]],
    ['AmazonS3ReadOnlyAccess: reads every bucket', [[K.READ_MANAGED_POLICY, 'AmazonS3ReadOnlyAccess']]],
    ['AWSLambdaRole: lambda:InvokeFunction on every function', [[K.BROAD_MANAGED_POLICY, 'AWSLambdaRole']]],
    ['service-role/AWSLambdaRole', [[K.BROAD_MANAGED_POLICY, 'AWSLambdaRole']]],
    ['SecretsManagerReadWrite', [[K.BROAD_MANAGED_POLICY, 'SecretsManagerReadWrite']]],
    ['CloudWatchLambdaInsightsExecutionRolePolicy: logs:CreateLogGroup on every resource', [[K.BROAD_MANAGED_POLICY, 'CloudWatchLambdaInsightsExecutionRolePolicy']]],
    ['service-role/AWSLambdaBasicExecutionRole', []],
    ['service-role/AWSLambdaVPCAccessExecutionRole', []],
  ] as Array<[string, Array<[K, string]>]>)('%s', (name, expected) => {
    const stack = newStack();
    newFunction(stack).role!.addManagedPolicy(iam.ManagedPolicy.fromAwsManagedPolicyName(name.split(':')[0]));
    expect(findingsOf(stack)).toEqual(expected.map(([kind, findingId]) => ({ type: 'AWS::IAM::Role', kind, findingId })));
  });
});

describe('trust policies', () => {
  const trust = (principal: iam.IPrincipal) => {
    const stack = newStack();
    new iam.Role(stack, 'R', { assumedBy: principal });
    return findingsOf(stack);
  };
  const role = (kind: K, findingId: string) => [{ type: 'AWS::IAM::Role', kind, findingId }];

  test('a service principal or this account is not a finding', () => {
    expect(trust(new iam.ServicePrincipal('lambda.amazonaws.com'))).toEqual([]);
    expect(trust(new iam.AccountRootPrincipal())).toEqual([]);
  });
  test('anyone', () => expect(trust(new iam.AnyPrincipal())).toEqual(role(K.TRUST_ANYONE, '*')));
  test('anyone, restricted to the organization, is not a finding', () =>
    expect(trust(new iam.AnyPrincipal().withConditions({ StringEquals: { 'aws:PrincipalOrgID': 'o-abc123def45' } }))).toEqual([]));
  test('another account', () => expect(trust(new iam.AccountPrincipal('111122223333'))).toEqual(role(K.TRUST_OTHER_ACCOUNT, '111122223333')));
  test('another account\'s role', () =>
    expect(trust(new iam.ArnPrincipal('arn:aws:iam::111122223333:role/deployer'))).toEqual(role(K.TRUST_OTHER_ACCOUNT, '111122223333')));
  test('a web identity without audience', () =>
    expect(trust(new iam.WebIdentityPrincipal('cognito-identity.amazonaws.com'))).toEqual(role(K.TRUST_FEDERATED_UNSCOPED, 'cognito-identity.amazonaws.com')));
  test('a web identity pinned to its audience is not a finding', () =>
    expect(trust(new iam.WebIdentityPrincipal('cognito-identity.amazonaws.com', {
      'StringEquals': { 'cognito-identity.amazonaws.com:aud': 'us-east-1:1234' },
      'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' },
    }))).toEqual([]));
  test('Allow with NotPrincipal lets everyone else in', () => {
    const stack = newStack();
    new iam.CfnRole(stack, 'R', {
      assumeRolePolicyDocument: {
        Statement: [{ Effect: 'Allow', NotPrincipal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'sts:AssumeRole' }],
      },
    });
    expect(findingsOf(stack)).toEqual([{ type: 'AWS::IAM::Role', kind: K.TRUST_ANYONE, findingId: 'NotPrincipal' }]);
  });

  test('a trust statement whose effect depends on a condition cannot be judged', () => {
    const stack = newStack();
    new iam.CfnRole(stack, 'R', {
      assumeRolePolicyDocument: {
        Statement: [{ Effect: Fn.conditionIf('Prod', 'Deny', 'Allow'), Principal: { AWS: '*' }, Action: 'sts:AssumeRole' }],
      },
    });
    expect(findingsOf(stack)).toEqual([{ type: 'AWS::IAM::Role', kind: K.UNDECIDABLE, findingId: 'Statement0' }]);
  });

  test('a literal account named as the stack\'s own account is not a finding', () => {
    const stack = newStack();
    new iam.Role(stack, 'R', { assumedBy: new iam.AccountPrincipal('111122223333') });
    const view = viewOf(stack);
    expect(PolicyAnalyzer.analyzeResource(view.resourcesOfType('AWS::IAM::Role')[0], view, { ownAccountIds: ['111122223333'] })).toEqual([]);
  });
});

describe('resource policies', () => {
  test('a bucket readable by anyone', () => {
    const stack = newStack();
    new s3.Bucket(stack, 'B').grantRead(new iam.AnyPrincipal());
    expect(findingsOf(stack)).toEqual([{ type: 'AWS::S3::BucketPolicy', kind: K.RESOURCE_POLICY_PUBLIC, findingId: 'Statement0' }]);
  });

  test('a key usable by a service without a scope, and the same service scoped by encryption context', () => {
    const stack = newStack();
    const key = new kms.Key(stack, 'K');
    key.grantEncryptDecrypt(new iam.ServicePrincipal('logs.amazonaws.com'));
    const scoped = new kms.Key(stack, 'Scoped');
    scoped.addToResourcePolicy(new iam.PolicyStatement({
      actions: ['kms:Encrypt*'],
      resources: ['*'],
      principals: [new iam.ServicePrincipal('logs.amazonaws.com')],
      conditions: { ArnLike: { 'kms:EncryptionContext:aws:logs:arn': 'arn:aws:logs:us-east-1:123456789012:*' } },
    }));
    expect(findingsOf(stack)).toEqual([{ type: 'AWS::KMS::Key', kind: K.RESOURCE_POLICY_SERVICE_UNSCOPED, findingId: 'Statement1' }]);
  });

  const bucketPermission = (removeSourceArn: boolean) => {
    const stack = newStack();
    const fn = newFunction(stack);
    fn.addPermission('FromBucket', { principal: new iam.ServicePrincipal('s3.amazonaws.com'), sourceArn: 'arn:aws:s3:::my-bucket' });
    if (removeSourceArn) (fn.node.findChild('FromBucket') as lambda.CfnPermission).addPropertyDeletionOverride('SourceArn');
    return findingsOf(stack);
  };

  test('a Lambda permission for a service scoped by SourceArn is not a finding', () => expect(bucketPermission(false)).toEqual([]));

  test('a Lambda permission whose SourceArn an override removed', () => {
    expect(bucketPermission(true)).toEqual([
      { type: 'AWS::Lambda::Permission', kind: K.RESOURCE_POLICY_SERVICE_UNSCOPED, findingId: 'Permission' },
    ]);
  });

  test('a public function URL permission', () => {
    const stack = newStack();
    newFunction(stack).addFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE });
    expect(findingsOf(stack).filter((f) => f.type === 'AWS::Lambda::Permission')).toEqual([
      { type: 'AWS::Lambda::Permission', kind: K.RESOURCE_POLICY_PUBLIC, findingId: 'Permission' },
    ]);
  });

  test('event bus policies: legacy properties open to anyone, a statement granting a service without a source', () => {
    const stack = newStack();
    const bus = new events.EventBus(stack, 'Bus');
    new events.CfnEventBusPolicy(stack, 'Open', { eventBusName: bus.eventBusName, statementId: 'open', action: 'events:PutEvents', principal: '*' });
    new events.CfnEventBusPolicy(stack, 'Org', {
      eventBusName: bus.eventBusName,
      statementId: 'org',
      action: 'events:PutEvents',
      principal: '*',
      condition: { type: 'StringEquals', key: 'aws:PrincipalOrgID', value: 'o-abc123def45' },
    });
    new events.CfnEventBusPolicy(stack, 'Modern', {
      eventBusName: bus.eventBusName,
      statementId: 'modern',
      statement: { Effect: 'Allow', Principal: { Service: 'sns.amazonaws.com' }, Action: 'events:PutEvents', Resource: bus.eventBusArn },
    });
    expect(findingsOf(stack)).toEqual([
      { type: 'AWS::Events::EventBusPolicy', kind: K.RESOURCE_POLICY_PUBLIC, findingId: 'open' },
      { type: 'AWS::Events::EventBusPolicy', kind: K.RESOURCE_POLICY_SERVICE_UNSCOPED, findingId: 'modern' },
    ]);
  });

  test('a REST API policy open to anyone, and one limited to a VPC endpoint', () => {
    const stack = newStack();
    const statement = (conditions?: any) => new iam.PolicyStatement({
      actions: ['execute-api:Invoke'], resources: ['execute-api:/*'], principals: [new iam.AnyPrincipal()], conditions,
    });
    const open = new apigateway.RestApi(stack, 'Open', { policy: new iam.PolicyDocument({ statements: [statement()] }) });
    open.root.addMethod('GET');
    const privateApi = new apigateway.RestApi(stack, 'Private', {
      policy: new iam.PolicyDocument({ statements: [statement({ StringEquals: { 'aws:SourceVpce': 'vpce-1234' } })] }),
    });
    privateApi.root.addMethod('GET');
    expect(findingsOf(stack).filter((f) => f.type === 'AWS::ApiGateway::RestApi')).toEqual([
      { type: 'AWS::ApiGateway::RestApi', kind: K.RESOURCE_POLICY_PUBLIC, findingId: 'Statement0' },
    ]);
  });
});
