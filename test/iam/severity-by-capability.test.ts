import { Fn } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { addStatement, findingsOf, newFunction } from './iam-test-helpers';
import { Severity } from '../../src/core';
import { PermissionFindingKind as K } from '../../src/iam/permission-finding';
import { IamEscalationRule, IamWildcardActionRule, IamWildcardResourceRule } from '../../src/rules/iam';
import { checkRule, newStack } from '../rules/rule-test-helpers';

/** Severity follows what a permission can do, judged by the access levels of the actions a pattern expands to. */
describe('severity by capability', () => {
  test('iam:* on the function\'s own role is privilege escalation (an error), not a bounded wildcard', () => {
    const stack = newStack();
    const fn = newFunction(stack);
    addStatement(fn, { actions: ['iam:*'], resources: [fn.role!.roleArn] });
    const escalation = checkRule(new IamEscalationRule(), stack);
    expect(escalation.map((r) => r.findingId)).toEqual(expect.arrayContaining(['iam:PutRolePolicy', 'iam:AttachRolePolicy', 'iam:UpdateAssumeRolePolicy']));
    expect(escalation.every((r) => r.severity === undefined)).toBe(true);
  });

  test('iam:PutRolePolicy on another named role, as a raw JSON policy with a Fn::Join\'ed ARN, is escalation', () => {
    const stack = newStack();
    new iam.CfnPolicy(stack, 'P', {
      policyName: 'p',
      roles: ['some-role'],
      policyDocument: {
        Statement: [{
          Effect: 'Allow',
          Action: 'iam:PutRolePolicy',
          Resource: Fn.join('', ['arn:', Fn.ref('AWS::Partition'), ':iam::', Fn.ref('AWS::AccountId'), ':role/other']),
        }],
      },
    });
    expect(checkRule(new IamEscalationRule(), stack).map((r) => r.findingId)).toEqual(['iam:PutRolePolicy']);
  });

  test('secretsmanager:GetSecretValue on "*" is an error: every secret of the account', () => {
    const stack = newStack();
    addStatement(newFunction(stack), { actions: ['secretsmanager:GetSecretValue'], resources: ['*'] });
    const results = checkRule(new IamWildcardResourceRule(), stack);
    expect(results.map((r) => [r.findingId, r.severity])).toEqual([['secretsmanager:GetSecretValue', undefined]]);
    expect(results[0].detail).toMatch(/lets the principal read every secret/);
  });

  test('ssm:GetParameter* on every parameter is an error too', () => {
    const stack = newStack();
    addStatement(newFunction(stack), { actions: ['ssm:GetParameter*'], resources: ['arn:aws:ssm:us-east-1:111111111111:parameter/*'] });
    expect(findingsOf(stack).map((f) => f.kind)).toEqual([]); // every parameter of one account is BROAD, not all resources
    const stack2 = newStack();
    addStatement(newFunction(stack2), { actions: ['ssm:GetParameter*'], resources: ['*'] });
    expect(findingsOf(stack2).map((f) => f.kind)).toEqual([K.READ_SECRETS_ON_ALL_RESOURCES]);
  });

  test('s3:GetObject on "*" stays a warning (reads, but no secret store)', () => {
    const stack = newStack();
    addStatement(newFunction(stack), { actions: ['s3:GetObject'], resources: ['*'] });
    expect(checkRule(new IamWildcardResourceRule(), stack).map((r) => r.severity)).toEqual([Severity.WARNING]);
  });

  test('dynamodb:* on one table (table.grantFullAccess) is an error: it includes dynamodb:PutResourcePolicy', () => {
    const stack = newStack();
    new dynamodb.Table(stack, 'T', { partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING } }).grantFullAccess(newFunction(stack));
    const results = checkRule(new IamWildcardActionRule(), stack);
    expect(results.map((r) => [r.findingId, r.severity])).toEqual([['dynamodb:*', undefined]]);
  });

  test('s3:Put* on one bucket is an error: it includes s3:PutBucketPolicy, which can open the bucket to anyone', () => {
    const stack = newStack();
    const bucket = new s3.Bucket(stack, 'B');
    addStatement(newFunction(stack), { actions: ['s3:Put*'], resources: [bucket.bucketArn, bucket.arnForObjects('*')] });
    const results = checkRule(new IamWildcardActionRule(), stack);
    expect(results.map((r) => r.findingId)).toEqual(['s3:Put*']);
    expect(results[0].detail).toMatch(/includes permissions management \(.*s3:PutBucketPolicy/);
  });

  test('bucket.grantReadWrite (wildcards that are write but not permissions management) stays quiet', () => {
    const stack = newStack();
    new s3.Bucket(stack, 'B').grantReadWrite(newFunction(stack));
    expect(findingsOf(stack)).toEqual([]);
  });

  test('iam:PassRole on "*" with iam:PassedToService: the advice does not ask for what is there', () => {
    const stack = newStack();
    addStatement(newFunction(stack), { actions: ['iam:PassRole'], resources: ['*'], conditions: { StringEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' } } });
    const detail = checkRule(new IamEscalationRule(), stack)[0].detail;
    expect(detail).toMatch(/Its iam:PassedToService condition limits the services, not the roles/);
    expect(detail).not.toMatch(/add an iam:PassedToService/);
  });
});
