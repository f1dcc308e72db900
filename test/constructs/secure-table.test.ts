import { App, RemovalPolicy, Stack, aws_dynamodb as dynamodb, aws_kms as kms, aws_lambda as lambda } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { IConstruct } from 'constructs';
import { SecureFunction, SecureTable, SecureTableProps } from '../../src/constructs';
import { ServerlessSecurityChecks } from '../../src/hosts';

const partitionKey = { name: 'pk', type: dynamodb.AttributeType.STRING };
const code = lambda.Code.fromInline('exports.handler = async () => ({});');
const fnProps = { runtime: lambda.Runtime.NODEJS_24_X, handler: 'index.handler', code };

function newStack(): Stack {
  const app = new App({ builtinCloudFormationValidation: false } as any);
  return new Stack(app, 'TestStack');
}
function codesOf(build: () => unknown): string[] {
  try {
    build();
  } catch (e: any) {
    if (e.name !== 'SecureConstructValidationError') throw e;
    return e.problems.map((p: any) => p.code);
  }
  throw new Error('expected a SecureConstructValidationError');
}
type NagReport = { violations: Array<{ ruleName: string; violatingResources: Array<{ constructPath?: string }> }> };
function nagFindings(pack: { validateScope(s: IConstruct): NagReport }, scope: IConstruct): string[] {
  return pack.validateScope(scope).violations.flatMap((v) => v.violatingResources.map((r) => `${v.ruleName} @ ${r.constructPath}`));
}

describe('secure defaults', () => {
  const stack = newStack();
  new SecureTable(stack, 'Orders', { partitionKey });
  const t = Template.fromStack(stack);

  test('one table and the stack key, nothing else', () => {
    expect(Object.values(t.toJSON().Resources).map((r: any) => r.Type).sort()).toEqual(['AWS::DynamoDB::Table', 'AWS::KMS::Key']);
  });

  test('customer-managed encryption with the stack key, PITR, deletion protection', () => {
    t.hasResourceProperties('AWS::DynamoDB::Table', {
      SSESpecification: { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('SecureServerlessKey'), 'Arn'] } },
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      DeletionProtectionEnabled: true,
    });
  });

  test('retained on stack deletion and replacement', () => {
    t.hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
  });
});

describe('configuration', () => {
  test('your own key, a PITR recovery period and a stream are honoured', () => {
    const stack = newStack();
    const key = new kms.Key(stack, 'Own', { enableKeyRotation: true });
    new SecureTable(stack, 'T', {
      partitionKey,
      encryptionKey: key,
      stream: dynamodb.StreamViewType.NEW_IMAGE,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true, recoveryPeriodInDays: 7 },
    });
    const t = Template.fromStack(stack);
    t.resourceCountIs('AWS::KMS::Key', 1);
    t.hasResourceProperties('AWS::DynamoDB::Table', {
      SSESpecification: Match.objectLike({ KMSMasterKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^Own'), 'Arn'] } }),
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true, RecoveryPeriodInDays: 7 },
      StreamSpecification: { StreamViewType: 'NEW_IMAGE' },
    });
  });

  test('grantReadData gives read actions and kms:Decrypt only (no write, no wildcard)', () => {
    const stack = newStack();
    const table = new SecureTable(stack, 'T', { partitionKey });
    const fn = new SecureFunction(stack, 'Fn', fnProps);
    table.grantReadData(fn);
    const policy = Object.entries(Template.fromStack(stack).findResources('AWS::IAM::Policy')).find(([id]) => id.startsWith('FnServiceRoleDefaultPolicy'))![1] as any;
    const actions: string[] = policy.Properties.PolicyDocument.Statement.flatMap((s: any) => [].concat(s.Action));
    expect(actions.filter((a) => /Put|Update|Delete|Write|Encrypt|GenerateDataKey/.test(a))).toEqual([]);
    expect(actions).toEqual(expect.arrayContaining(['dynamodb:GetItem', 'dynamodb:Query', 'kms:Decrypt']));
    expect(policy.Properties.PolicyDocument.Statement.filter((s: any) => s.Resource === '*')).toEqual([]);
  });
});

describe('bad input fails with its code', () => {
  const cases: Array<[string, Partial<SecureTableProps>, string[]]> = [
    ['AWS-owned key', { encryption: dynamodb.TableEncryption.DEFAULT }, ['ST001']],
    ['AWS-managed key', { encryption: dynamodb.TableEncryption.AWS_MANAGED }, ['ST001']],
    ['PITR off (deprecated prop)', { pointInTimeRecovery: false }, ['ST002']],
    ['PITR off', { pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: false } }, ['ST002']],
    ['deletion protection off', { deletionProtection: false }, ['ST003']],
    ['removal DESTROY', { removalPolicy: RemovalPolicy.DESTROY }, ['ST004']],
    ['all at once', { encryption: dynamodb.TableEncryption.DEFAULT, deletionProtection: false, removalPolicy: RemovalPolicy.DESTROY }, ['ST001', 'ST003', 'ST004']],
  ];
  test.each(cases)('%s', (_name, props, expected) => {
    expect(codesOf(() => new SecureTable(newStack(), 'T', { partitionKey, ...props }))).toEqual(expected);
  });

  test('the message names path, prop and fix', () => {
    expect(() => new SecureTable(newStack(), 'T', { partitionKey, deletionProtection: false }))
      .toThrow(/\[ST003\] TestStack\/T: deletionProtection must not be false.*Remove `deletionProtection`/);
  });
});

describe('cdk-nag and our audit', () => {
  function tableStack(): Stack {
    const stack = newStack();
    const table = new SecureTable(stack, 'T', { partitionKey });
    table.grantReadData(new SecureFunction(stack, 'Fn', fnProps));
    return stack;
  }

  test('AwsSolutions and Serverless: zero findings (table + a reader)', () => {
    const stack = tableStack();
    expect(nagFindings(new AwsSolutionsChecks(), stack)).toEqual([]);
    expect(nagFindings(new ServerlessChecks(), stack)).toEqual([]);
  });

  test('our audit: no unacknowledged error, and SLS-DYNAMODB-ENCRYPTION passes', () => {
    const findings = new ServerlessSecurityChecks().audit(tableStack());
    expect(findings.filter((f) => f.severity === 'error' && !f.acknowledged).map((f) => `${f.ruleId} @ ${f.constructPath}`)).toEqual([]);
    expect(findings.filter((f) => f.ruleId === 'SLS-DYNAMODB-ENCRYPTION')).toEqual([]);
  });
});
