import { Fn, Stack } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { VerdictKind } from '../../../src/core';

import { S3BucketAccessLoggingRule } from '../../../src/rules/s3';
import { checkRule, newStack, resourcesOf, undecidedCondition } from '../rule-test-helpers';

const rule = new S3BucketAccessLoggingRule();

describe('SLS-S3-ACCESS-LOGGING', () => {
  test.each<[string, (stack: Stack) => void]>([
    ['serverAccessLogsBucket on the L2 bucket (the log bucket is exempt as a log destination)', (stack) => {
      new s3.Bucket(stack, 'Data', { serverAccessLogsBucket: new s3.Bucket(stack, 'AccessLogs'), serverAccessLogsPrefix: 'data/' });
    }],
    ['serverAccessLogsPrefix alone (logs into the bucket itself)', (stack) => new s3.Bucket(stack, 'Data', { serverAccessLogsPrefix: 'logs/' })],
    ['L1 buckets: the destination named by its literal BucketName', (stack) => {
      new s3.CfnBucket(stack, 'AccessLogs', { bucketName: 'acme-access-logs' });
      new s3.CfnBucket(stack, 'Data', { loggingConfiguration: { destinationBucketName: 'acme-access-logs' } });
    }],
    ['a CloudFront enableLogging bucket (created by aws-cdk-lib, exempt as a log destination)', (stack) => {
      new cloudfront.Distribution(stack, 'D', {
        defaultBehavior: { origin: new origins.HttpOrigin('api.example.com') },
        enableLogging: true,
      });
    }],
    ['an L1 bucket named literally in a distribution Logging.Bucket', (stack) => {
      new s3.CfnBucket(stack, 'CdnLogs', { bucketName: 'acme-cdn-logs' });
      new cloudfront.CfnDistribution(stack, 'D', {
        distributionConfig: {
          enabled: true,
          logging: { bucket: 'acme-cdn-logs.s3.amazonaws.com' },
          origins: [{ id: 'api', domainName: 'api.example.com', customOriginConfig: { originProtocolPolicy: 'https-only' } }],
          defaultCacheBehavior: { targetOriginId: 'api', viewerProtocolPolicy: 'https-only' },
        },
      });
    }],
    ['the S3 destination of a log delivery (CloudFront standard logging v2)', (stack) => {
      new logs.CfnDeliveryDestination(stack, 'Destination', { name: 'cdn-logs', destinationResourceArn: new s3.Bucket(stack, 'CdnLogs').bucketArn });
    }],
  ])('compliant: %s', (_name, build) => {
    const stack = newStack();
    build(stack);
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test('not applicable: a stack without buckets', () => {
    const stack = newStack();
    new logs.LogGroup(stack, 'L');
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test.each<[string, (stack: Stack) => void, string[]]>([
    ['a default L2 bucket', (stack) => new s3.Bucket(stack, 'Data'), ['Data']],
    ['the origin bucket of a distribution (only the CloudFront log bucket is exempt)', (stack) => {
      new cloudfront.Distribution(stack, 'D', {
        defaultBehavior: { origin: origins.S3BucketOrigin.withOriginAccessControl(new s3.Bucket(stack, 'Site')) },
        enableLogging: true,
      });
    }, ['Site']],
    ['a bucket referenced by another bucket as a replication destination, not a log destination', (stack) => {
      const target = new s3.Bucket(stack, 'Replica', { versioned: true });
      new s3.Bucket(stack, 'Data', { versioned: true, replicationRules: [{ destination: target, priority: 1 }] });
    }, ['Replica', 'Data']],
  ])('non-compliant: %s', (_name, build, buckets) => {
    const stack = newStack();
    build(stack);
    const results = checkRule(rule, stack);
    const ids = resourcesOf(stack, 'AWS::S3::Bucket').filter((b) => buckets.some((p) => b.logicalId.startsWith(p))).map((b) => b.logicalId);
    expect(results.map((r) => r.logicalId)).toEqual(ids);
    expect(results.every((r) => r.kind === VerdictKind.VIOLATION && r.location === 'Properties/LoggingConfiguration')).toBe(true);
    expect(results[0].detail).toMatch(/writes no server access logs/);
  });

  test('undecidable: a logging configuration chosen by a condition', () => {
    const stack = newStack();
    const prod = undecidedCondition(stack, 'IsProd');
    const bucket = new s3.CfnBucket(stack, 'Data');
    bucket.addPropertyOverride('LoggingConfiguration', Fn.conditionIf(prod.logicalId, { DestinationBucketName: 'logs' }, Fn.ref('AWS::NoValue')));
    const results = checkRule(rule, stack);
    expect(results.map((r) => r.kind)).toEqual([VerdictKind.UNDECIDABLE]);
    expect(results[0].detail).toMatch(/condition IsProd/);
  });

  test('raw override: addPropertyDeletionOverride removes the logging of an L2 bucket', () => {
    const stack = newStack();
    const bucket = new s3.Bucket(stack, 'Data', { serverAccessLogsPrefix: 'logs/' });
    (bucket.node.defaultChild as s3.CfnBucket).addPropertyDeletionOverride('LoggingConfiguration');
    expect(checkRule(rule, stack).map((r) => r.kind)).toEqual([VerdictKind.VIOLATION]);
  });

  test('raw override: addPropertyOverride turns logging on for an L2 bucket', () => {
    const stack = newStack();
    const bucket = new s3.Bucket(stack, 'Data');
    (bucket.node.defaultChild as s3.CfnBucket).addPropertyOverride('LoggingConfiguration.DestinationBucketName', 'acme-access-logs');
    expect(checkRule(rule, stack)).toEqual([]);
  });
});
