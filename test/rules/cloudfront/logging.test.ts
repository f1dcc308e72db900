import { CfnParameter, Fn, Stack } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { VerdictKind } from '../../../src/core';

import { CloudFrontLoggingRule } from '../../../src/rules/cloudfront';
import { checkRule, newStack, undecidedCondition } from '../rule-test-helpers';

const rule = new CloudFrontLoggingRule();

function distribution(stack: Stack, props: Partial<cloudfront.DistributionProps> = {}): cloudfront.Distribution {
  return new cloudfront.Distribution(stack, 'D', {
    defaultBehavior: { origin: origins.S3BucketOrigin.withOriginAccessControl(new s3.Bucket(stack, 'Site')) },
    ...props,
  });
}

/** Standard logging v2: a delivery source on the distribution, and optionally a delivery to an S3 destination. */
function logDelivery(stack: Stack, d: cloudfront.Distribution, options: { delivery?: 'ref' | 'name' | 'none' } = {}): logs.CfnDeliverySource {
  const source = new logs.CfnDeliverySource(stack, 'Source', {
    name: 'site-access-logs',
    logType: 'ACCESS_LOGS',
    resourceArn: Stack.of(d).formatArn({ service: 'cloudfront', region: '', resource: 'distribution', resourceName: d.distributionId }),
  });
  const destination = new logs.CfnDeliveryDestination(stack, 'Destination', {
    name: 'site-access-logs-s3',
    destinationResourceArn: new s3.Bucket(stack, 'Logs').bucketArn,
  });
  const mode = options.delivery ?? 'ref';
  if (mode !== 'none') {
    const delivery = new logs.CfnDelivery(stack, 'Delivery', {
      deliverySourceName: mode === 'ref' ? source.ref : 'site-access-logs',
      deliveryDestinationArn: destination.attrArn,
    });
    delivery.node.addDependency(source);
  }
  return source;
}

describe('SLS-CLOUDFRONT-LOGGING', () => {
  test.each<[string, (stack: Stack) => void]>([
    ['enableLogging on the L2 distribution', (stack) => distribution(stack, { enableLogging: true })],
    ['logBucket on the L2 distribution', (stack) => {
      distribution(stack, { logBucket: new s3.Bucket(stack, 'Logs', { objectOwnership: s3.ObjectOwnership.OBJECT_WRITER }) });
    }],
    ['an L1 Logging.Bucket literal', (stack) => {
      new cloudfront.CfnDistribution(stack, 'D', {
        distributionConfig: {
          enabled: true,
          logging: { bucket: 'logs.s3.amazonaws.com' },
          origins: [{ id: 'api', domainName: 'api.example.com', customOriginConfig: { originProtocolPolicy: 'https-only' } }],
          defaultCacheBehavior: { targetOriginId: 'api', viewerProtocolPolicy: 'https-only' },
        },
      });
    }],
    ['standard logging v2: a delivery source and a delivery naming it by reference', (stack) => logDelivery(stack, distribution(stack))],
    ['standard logging v2: a delivery naming the source by its literal name', (stack) => logDelivery(stack, distribution(stack), { delivery: 'name' })],
  ])('compliant: %s', (_name, build) => {
    const stack = newStack();
    build(stack);
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test('not applicable: a stack without distributions', () => {
    const stack = newStack();
    new s3.Bucket(stack, 'B');
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test.each<[string, (stack: Stack) => void]>([
    ['an L2 distribution without logging', (stack) => distribution(stack)],
    ['a delivery source for another distribution', (stack) => {
      distribution(stack);
      const other = new cloudfront.Distribution(stack, 'Other', { defaultBehavior: { origin: new origins.HttpOrigin('api.example.com') }, enableLogging: true });
      logDelivery(stack, other);
    }],
  ])('non-compliant: %s', (_name, build) => {
    const stack = newStack();
    build(stack);
    const results = checkRule(rule, stack);
    expect(results).toHaveLength(1);
    expect(results[0].kind).toBe(VerdictKind.VIOLATION);
    expect(results[0].detail).toMatch(/writes no access logs/);
    expect(results[0].location).toBe('Properties/DistributionConfig/Logging');
  });

  test.each<[string, (stack: Stack) => void, RegExp]>([
    ['a log bucket from a CfnParameter', (stack) => {
      const d = distribution(stack);
      (d.node.defaultChild as cloudfront.CfnDistribution).addPropertyOverride('DistributionConfig.Logging.Bucket', new CfnParameter(stack, 'LogBucket').valueAsString);
    }, /parameter LogBucket/],
    ['logging only under a condition', (stack) => {
      const prod = undecidedCondition(stack, 'IsProd');
      const d = distribution(stack);
      (d.node.defaultChild as cloudfront.CfnDistribution).addPropertyOverride('DistributionConfig.Logging',
        Fn.conditionIf(prod.logicalId, { Bucket: 'logs.s3.amazonaws.com' }, Fn.ref('AWS::NoValue')));
    }, /condition IsProd/],
    ['a delivery source that no delivery of this stack pairs', (stack) => logDelivery(stack, distribution(stack), { delivery: 'none' }),
      /delivery source \(Source\).*AWS::Logs::Delivery outside this stack/],
  ])('undecidable: %s', (_name, build, reason) => {
    const stack = newStack();
    build(stack);
    const results = checkRule(rule, stack);
    expect(results.map((r) => r.kind)).toEqual([VerdictKind.UNDECIDABLE]);
    expect(results[0].detail).toMatch(reason);
  });

  test('raw override: addPropertyDeletionOverride removes the logging of an L2 distribution', () => {
    const stack = newStack();
    const d = distribution(stack, { enableLogging: true });
    (d.node.defaultChild as cloudfront.CfnDistribution).addPropertyDeletionOverride('DistributionConfig.Logging');
    expect(checkRule(rule, stack).map((r) => r.kind)).toEqual([VerdictKind.VIOLATION]);
  });

  test('raw override: addPropertyOverride adds a log bucket to an L2 distribution', () => {
    const stack = newStack();
    const d = distribution(stack);
    (d.node.defaultChild as cloudfront.CfnDistribution).addPropertyOverride('DistributionConfig.Logging.Bucket', 'logs.s3.amazonaws.com');
    expect(checkRule(rule, stack)).toEqual([]);
  });
});
