import { CfnParameter, Fn, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { VerdictKind } from '../../../src/core';

import { S3BucketTlsOnlyRule } from '../../../src/rules/s3';
import { checkRule, newStack } from '../rule-test-helpers';

const rule = new S3BucketTlsOnlyRule();

const denyPlainHttp = (resources: any) => ({
  Effect: 'Deny',
  Principal: { AWS: '*' },
  Action: 's3:*',
  Resource: resources,
  Condition: { Bool: { 'aws:SecureTransport': 'false' } },
});

describe('SLS-S3-TLS-ONLY', () => {
  test.each<[string, (stack: Stack) => void]>([
    ['enforceSSL on the L2 bucket', (stack) => new s3.Bucket(stack, 'B', { enforceSSL: true })],
    ['an L1 bucket policy', (stack) => {
      const bucket = new s3.CfnBucket(stack, 'B');
      new s3.CfnBucketPolicy(stack, 'P', { bucket: bucket.ref, policyDocument: { Statement: [denyPlainHttp([bucket.attrArn, `${bucket.attrArn}/*`])] } });
    }],
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

  test.each<[string, (stack: Stack) => void, RegExp]>([
    ['the L2 default', (stack) => new s3.Bucket(stack, 'B'), /no bucket policy/],
    ['a bucket policy that only grants', (stack) => new s3.Bucket(stack, 'B').grantRead(new iam.AccountPrincipal('222222222222')), /does not deny/],
    ['a Deny that covers only writes', (stack) => {
      const bucket = new s3.CfnBucket(stack, 'B');
      new s3.CfnBucketPolicy(stack, 'P', { bucket: bucket.ref, policyDocument: { Statement: [{ ...denyPlainHttp(`${bucket.attrArn}/*`), Action: 's3:PutObject' }] } });
    }, /does not deny/],
  ])('non-compliant: %s', (_name, build, detail) => {
    const stack = newStack();
    build(stack);
    const results = checkRule(rule, stack);
    expect(results.map((r) => r.kind)).toEqual([VerdictKind.VIOLATION]);
    expect(results[0].detail).toMatch(detail);
  });

  test.each<[string, (stack: Stack) => string, RegExp]>([
    ['a CfnParameter', (stack) => new CfnParameter(stack, 'BucketName').valueAsString, /parameter BucketName/],
    ['Fn::ImportValue', () => Fn.importValue('BucketName'), /Fn::ImportValue/],
  ])('undecidable: a bucket policy whose bucket comes from %s', (_name, bucket, reason) => {
    const stack = newStack();
    new s3.CfnBucket(stack, 'B');
    new s3.CfnBucketPolicy(stack, 'P', { bucket: bucket(stack), policyDocument: { Statement: [denyPlainHttp('*')] } });
    const results = checkRule(rule, stack);
    expect(results.map((r) => r.kind)).toEqual([VerdictKind.UNDECIDABLE]);
    expect(results[0].detail).toMatch(reason);
  });

  test('raw override: addPropertyOverride removes the condition of enforceSSL', () => {
    const stack = newStack();
    const bucket = new s3.Bucket(stack, 'B', { enforceSSL: true });
    (bucket.policy!.node.defaultChild as s3.CfnBucketPolicy).addPropertyDeletionOverride('PolicyDocument.Statement.0.Condition');
    expect(checkRule(rule, stack).map((r) => r.kind)).toEqual([VerdictKind.VIOLATION]);
  });

  test('raw override: addPropertyOverride adds the Deny', () => {
    const stack = newStack();
    const bucket = new s3.CfnBucket(stack, 'B');
    const policy = new s3.CfnBucketPolicy(stack, 'P', { bucket: bucket.ref, policyDocument: { Statement: [] } });
    policy.addPropertyOverride('PolicyDocument.Statement', [denyPlainHttp('*')]);
    expect(checkRule(rule, stack)).toEqual([]);
  });
});
