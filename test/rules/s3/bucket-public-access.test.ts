import { CfnParameter, Fn, Stack } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Severity, VerdictKind } from '../../../src/core';

import { S3BucketPublicAccessRule } from '../../../src/rules/s3';
import { checkRule, newStack } from '../rule-test-helpers';

const rule = new S3BucketPublicAccessRule();
const BLOCK_ALL = s3.BlockPublicAccess.BLOCK_ALL;

describe('SLS-S3-PUBLIC-ACCESS', () => {
  test.each<[string, (stack: Stack) => void]>([
    ['BLOCK_ALL (L2)', (stack) => new s3.Bucket(stack, 'B', { blockPublicAccess: BLOCK_ALL, enforceSSL: true })],
    ['a CloudFront origin access control policy (service principal with aws:SourceArn)', (stack) => new cloudfront.Distribution(stack, 'D', { defaultBehavior: { origin: origins.S3BucketOrigin.withOriginAccessControl(new s3.Bucket(stack, 'B', { blockPublicAccess: BLOCK_ALL })) } })],
    ['a grant to a named role', (stack) => new s3.Bucket(stack, 'B', { blockPublicAccess: BLOCK_ALL }).grantRead(
      new iam.ArnPrincipal('arn:aws:iam::111111111111:role/reader'))],
  ])('compliant: %s', (_name, build) => {
    const stack = newStack();
    build(stack);
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test('not applicable: a stack without buckets', () => {
    const stack = newStack();
    new sqs.Queue(stack, 'Q');
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test.each<[string, (stack: Stack) => void, [string, Severity][]]>([
    ['the L2 default (no configuration): a warning', (stack) => new s3.Bucket(stack, 'B'),
      [['PublicAccessBlockConfiguration', Severity.WARNING]]],
    ['BLOCK_ACLS_ONLY (L2)', (stack) => new s3.Bucket(stack, 'B', { blockPublicAccess: s3.BlockPublicAccess.BLOCK_ACLS_ONLY }),
      [['BlockPublicPolicy', Severity.ERROR], ['RestrictPublicBuckets', Severity.ERROR]]],
    ['publicReadAccess (L2): open flags and a public policy', (stack) => new s3.Bucket(stack, 'B', {
      publicReadAccess: true,
      blockPublicAccess: new s3.BlockPublicAccess({
        blockPublicPolicy: false,
        restrictPublicBuckets: false,
        blockPublicAcls: true,
        ignorePublicAcls: true,
      }),
    }),
    [['BlockPublicPolicy', Severity.ERROR], ['RestrictPublicBuckets', Severity.ERROR], ['Statement0', Severity.ERROR]]],
    ['an absent flag in an L1 configuration is false', (stack) => new s3.CfnBucket(stack, 'B', { publicAccessBlockConfiguration: { blockPublicAcls: true, blockPublicPolicy: true, ignorePublicAcls: true } }),
      [['RestrictPublicBuckets', Severity.ERROR]]],
  ])('non-compliant: %s', (_name, build, expected) => {
    const stack = newStack();
    build(stack);
    const results = checkRule(rule, stack);
    expect(results.map((r) => [r.findingId, r.severity ?? rule.severity])).toEqual(expected);
    expect(results.every((r) => r.kind === VerdictKind.VIOLATION)).toBe(true);
  });

  test.each<[string, (stack: Stack) => any, RegExp]>([
    ['a CfnParameter', (stack) => new CfnParameter(stack, 'Block').valueAsString, /parameter Block/],
    ['Fn::ImportValue', () => Fn.importValue('Block'), /Fn::ImportValue/],
  ])('undecidable: a flag from %s', (_name, value, reason) => {
    const stack = newStack();
    const bucket = new s3.Bucket(stack, 'B', { blockPublicAccess: BLOCK_ALL });
    (bucket.node.defaultChild as s3.CfnBucket).addPropertyOverride('PublicAccessBlockConfiguration.BlockPublicPolicy', value(stack));
    const results = checkRule(rule, stack);
    expect(results.map((r) => [r.kind, r.findingId])).toEqual([[VerdictKind.UNDECIDABLE, 'BlockPublicPolicy']]);
    expect(results[0].detail).toMatch(reason);
  });

  test('raw override: addPropertyOverride turns off a flag of BLOCK_ALL', () => {
    const stack = newStack();
    const bucket = new s3.Bucket(stack, 'B', { blockPublicAccess: BLOCK_ALL });
    (bucket.node.defaultChild as s3.CfnBucket).addPropertyOverride('PublicAccessBlockConfiguration.RestrictPublicBuckets', false);
    expect(checkRule(rule, stack).map((r) => r.findingId)).toEqual(['RestrictPublicBuckets']);
  });

  test('raw override: addPropertyOverride opens the bucket policy to "*"', () => {
    const stack = newStack();
    const bucket = new s3.Bucket(stack, 'B', { blockPublicAccess: BLOCK_ALL });
    bucket.grantRead(new iam.AccountPrincipal('222222222222'));
    const policy = bucket.policy!.node.defaultChild as s3.CfnBucketPolicy;
    policy.addPropertyOverride('PolicyDocument.Statement.0.Principal', '*');
    expect(checkRule(rule, stack).map((r) => [r.kind, r.findingId])).toEqual([[VerdictKind.VIOLATION, 'Statement0']]);
  });
});
