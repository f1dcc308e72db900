import { CfnParameter, Fn, Stack } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Severity, VerdictKind } from '../../../src/core';

import { CloudFrontOriginAccessRule } from '../../../src/rules/cloudfront';
import { checkRule, newStack, undecidedCondition } from '../rule-test-helpers';

const rule = new CloudFrontOriginAccessRule();

/** An L2 distribution whose default behavior uses the origin. */
function distributionOf(stack: Stack, origin: cloudfront.IOrigin): cloudfront.Distribution {
  return new cloudfront.Distribution(stack, 'D', { defaultBehavior: { origin } });
}

/** An L1 distribution with the given origin. */
function cfnDistribution(stack: Stack, origin: cloudfront.CfnDistribution.OriginProperty): cloudfront.CfnDistribution {
  return new cloudfront.CfnDistribution(stack, 'D', {
    distributionConfig: {
      enabled: true,
      origins: [origin],
      defaultCacheBehavior: { targetOriginId: origin.id, viewerProtocolPolicy: 'https-only' },
    },
  });
}

describe('SLS-CLOUDFRONT-ORIGIN-ACCESS', () => {
  test.each<[string, (stack: Stack) => void]>([
    ['S3BucketOrigin.withOriginAccessControl', (stack) => distributionOf(stack, origins.S3BucketOrigin.withOriginAccessControl(new s3.Bucket(stack, 'B')))],
    ['an L1 origin with an OriginAccessControl that signs always', (stack) => {
      const bucket = new s3.CfnBucket(stack, 'B');
      const oac = new cloudfront.CfnOriginAccessControl(stack, 'Oac', {
        originAccessControlConfig: { name: 'oac', originAccessControlOriginType: 's3', signingBehavior: 'always', signingProtocol: 'sigv4' },
      });
      cfnDistribution(stack, { id: 's3', domainName: bucket.attrRegionalDomainName, s3OriginConfig: {}, originAccessControlId: oac.attrId });
    }],
    ['an OAC id imported literally (the id is known, the OAC lives elsewhere)', (stack) => {
      cfnDistribution(stack, { id: 's3', domainName: 'site.s3.us-east-1.amazonaws.com', s3OriginConfig: {}, originAccessControlId: 'E2QWRUHAPOMQZL' });
    }],
  ])('compliant: %s', (_name, build) => {
    const stack = newStack();
    build(stack);
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test.each<[string, (stack: Stack) => void]>([
    ['a stack without distributions', (stack) => new s3.Bucket(stack, 'B')],
    ['an HTTP origin (an API)', (stack) => distributionOf(stack, new origins.HttpOrigin('api.example.com'))],
    ['a custom origin whose domain comes from an import (cannot be told from an API)', (stack) => {
      distributionOf(stack, new origins.HttpOrigin(Fn.importValue('ApiDomain')));
    }],
  ])('not applicable: %s', (_name, build) => {
    const stack = newStack();
    build(stack);
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test.each<[string, (stack: Stack) => void, RegExp, Severity | undefined]>([
    ['S3StaticWebsiteOrigin (a website endpoint)', (stack) => {
      distributionOf(stack, new origins.S3StaticWebsiteOrigin(new s3.Bucket(stack, 'B', { websiteIndexDocument: 'index.html' })));
    }, /S3 website endpoint.*must be public/, undefined],
    ['an HttpOrigin on a literal website endpoint', (stack) => {
      distributionOf(stack, new origins.HttpOrigin('site.s3-website-eu-west-1.amazonaws.com'));
    }, /S3 website endpoint/, undefined],
    ['an HttpOrigin on a bucket REST endpoint, without OAC', (stack) => {
      distributionOf(stack, new origins.HttpOrigin(new s3.Bucket(stack, 'B').bucketRegionalDomainName));
    }, /without origin access control or identity/, undefined],
    ['S3BucketOrigin.withBucketDefaults (no OAC, no OAI)', (stack) => {
      distributionOf(stack, origins.S3BucketOrigin.withBucketDefaults(new s3.Bucket(stack, 'B')));
    }, /without origin access control or identity/, undefined],
    ['an OAC that never signs', (stack) => {
      const bucket = new s3.CfnBucket(stack, 'B');
      const oac = new cloudfront.CfnOriginAccessControl(stack, 'Oac', {
        originAccessControlConfig: { name: 'oac', originAccessControlOriginType: 's3', signingBehavior: 'never', signingProtocol: 'sigv4' },
      });
      cfnDistribution(stack, { id: 's3', domainName: bucket.attrRegionalDomainName, s3OriginConfig: {}, originAccessControlId: oac.attrId });
    }, /SigningBehavior never/, undefined],
    ['S3BucketOrigin.withOriginAccessIdentity (legacy OAI): a warning', (stack) => {
      distributionOf(stack, origins.S3BucketOrigin.withOriginAccessIdentity(new s3.Bucket(stack, 'B')));
    }, /legacy origin access identity.*SSE-KMS/, Severity.WARNING],
  ])('non-compliant: %s', (_name, build, detail, severity) => {
    const stack = newStack();
    build(stack);
    const results = checkRule(rule, stack);
    expect(results).toHaveLength(1);
    expect(results[0].kind).toBe(VerdictKind.VIOLATION);
    expect(results[0].severity).toBe(severity);
    expect(results[0].detail).toMatch(detail);
    expect(results[0].findingId).toMatch(/^[A-Za-z0-9\-_.:*]+$/);
    expect(results[0].location).toMatch(/^Properties\/DistributionConfig\/Origins\/0\//);
  });

  test.each<[string, (stack: Stack) => void, RegExp]>([
    ['an OAC id from a CfnParameter (might be empty)', (stack) => {
      cfnDistribution(stack, { id: 's3', domainName: 'site.s3.amazonaws.com', s3OriginConfig: {}, originAccessControlId: new CfnParameter(stack, 'OacId').valueAsString });
    }, /parameter OacId/],
    ['an OAI only under a condition', (stack) => {
      const legacy = undecidedCondition(stack, 'Legacy');
      cfnDistribution(stack, {
        id: 's3',
        domainName: 'site.s3.amazonaws.com',
        s3OriginConfig: { originAccessIdentity: Fn.conditionIf(legacy.logicalId, 'origin-access-identity/cloudfront/E1', '').toString() },
      });
    }, /condition Legacy/],
    ['origins chosen by a condition', (stack) => {
      const prod = undecidedCondition(stack, 'IsProd');
      cfnDistribution(stack, { id: 'api', domainName: 'api.example.com', customOriginConfig: { originProtocolPolicy: 'https-only' } })
        .addPropertyOverride('DistributionConfig.Origins', Fn.conditionIf(prod.logicalId, [], [{ Id: 'legacy', DomainName: 'legacy.example.com' }]));
    }, /condition IsProd/],
  ])('undecidable: %s', (_name, build, reason) => {
    const stack = newStack();
    build(stack);
    const results = checkRule(rule, stack);
    expect(results.map((r) => r.kind)).toEqual([VerdictKind.UNDECIDABLE]);
    expect(results[0].detail).toMatch(reason);
  });

  test('raw override: addPropertyOverride removes the OAC of an L2 S3 origin', () => {
    const stack = newStack();
    const d = distributionOf(stack, origins.S3BucketOrigin.withOriginAccessControl(new s3.Bucket(stack, 'B')));
    (d.node.defaultChild as cloudfront.CfnDistribution).addPropertyDeletionOverride('DistributionConfig.Origins.0.OriginAccessControlId');
    expect(checkRule(rule, stack).map((r) => r.kind)).toEqual([VerdictKind.VIOLATION]);
  });

  test('raw override: addPropertyOverride swaps a legacy OAI for an OAC', () => {
    const stack = newStack();
    const d = distributionOf(stack, origins.S3BucketOrigin.withOriginAccessIdentity(new s3.Bucket(stack, 'B')));
    const cfn = d.node.defaultChild as cloudfront.CfnDistribution;
    cfn.addPropertyOverride('DistributionConfig.Origins.0.S3OriginConfig.OriginAccessIdentity', '');
    cfn.addPropertyOverride('DistributionConfig.Origins.0.OriginAccessControlId', 'E2QWRUHAPOMQZL');
    expect(checkRule(rule, stack)).toEqual([]);
  });
});
