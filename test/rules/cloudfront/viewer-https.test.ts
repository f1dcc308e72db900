import { CfnParameter, Fn, Stack } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { VerdictKind } from '../../../src/core';

import { CloudFrontViewerHttpsRule } from '../../../src/rules/cloudfront';
import { checkRule, newStack, undecidedCondition } from '../rule-test-helpers';

const rule = new CloudFrontViewerHttpsRule();

const siteOrigin = (stack: Stack) => origins.S3BucketOrigin.withOriginAccessControl(new s3.Bucket(stack, 'Site'));

/** An L1 distribution with one custom origin and the given behaviors. */
function cfnDistribution(stack: Stack, defaultPolicy: any, cacheBehaviors?: any[]): cloudfront.CfnDistribution {
  return new cloudfront.CfnDistribution(stack, 'D', {
    distributionConfig: {
      enabled: true,
      origins: [{ id: 'api', domainName: 'api.example.com', customOriginConfig: { originProtocolPolicy: 'https-only' } }],
      defaultCacheBehavior: { targetOriginId: 'api', viewerProtocolPolicy: defaultPolicy, cachePolicyId: '658327ea-f89d-4fab-a63d-7e88639e58f6' },
      cacheBehaviors,
    },
  });
}

describe('SLS-CLOUDFRONT-VIEWER-HTTPS', () => {
  test.each<[string, (stack: Stack) => void]>([
    ['an L2 distribution redirecting every behavior to HTTPS', (stack) => {
      const origin = siteOrigin(stack);
      new cloudfront.Distribution(stack, 'D', {
        defaultBehavior: { origin, viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS },
        additionalBehaviors: { '/api/*': { origin: new origins.HttpOrigin('api.example.com'), viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY } },
      });
    }],
    ['an L1 distribution with https-only behaviors', (stack) => {
      cfnDistribution(stack, 'https-only', [{ pathPattern: '/img/*', targetOriginId: 'api', viewerProtocolPolicy: 'redirect-to-https' }]);
    }],
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

  test.each<[string, (stack: Stack) => void, string[], RegExp]>([
    ['an L2 distribution with the default viewer protocol policy (allow-all)', (stack) => {
      new cloudfront.Distribution(stack, 'D', { defaultBehavior: { origin: siteOrigin(stack) } });
    }, ['default'], /default cache behavior has viewer protocol policy allow-all/],
    ['an additional behavior left at allow-all', (stack) => {
      new cloudfront.Distribution(stack, 'D', {
        defaultBehavior: { origin: siteOrigin(stack), viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS },
        additionalBehaviors: { '/api/*': { origin: new origins.HttpOrigin('api.example.com') } },
      });
    }, ['_api_*'], /Cache behavior "\/api\/\*" has viewer protocol policy allow-all/],
    ['an L1 behavior whose viewer protocol policy an override deletes', (stack) => {
      cfnDistribution(stack, 'https-only', [{ pathPattern: 'img/*', targetOriginId: 'api', viewerProtocolPolicy: 'https-only' }])
        .addPropertyDeletionOverride('DistributionConfig.CacheBehaviors.0.ViewerProtocolPolicy');
    }, ['img_*'], /sets no viewer protocol policy/],
  ])('non-compliant: %s', (_name, build, findingIds, detail) => {
    const stack = newStack();
    build(stack);
    const results = checkRule(rule, stack);
    expect(results.map((r) => r.findingId)).toEqual(findingIds);
    expect(results.every((r) => r.kind === VerdictKind.VIOLATION)).toBe(true);
    expect(results[0].detail).toMatch(detail);
    expect(results[0].location).toMatch(/^Properties\/DistributionConfig\/(DefaultCacheBehavior|CacheBehaviors\/0)\/ViewerProtocolPolicy$/);
  });

  test.each<[string, (stack: Stack) => void, RegExp]>([
    ['a policy from a CfnParameter', (stack) => {
      cfnDistribution(stack, new CfnParameter(stack, 'ViewerPolicy').valueAsString);
    }, /parameter ViewerPolicy/],
    ['a behavior list chosen by a condition', (stack) => {
      const prod = undecidedCondition(stack, 'IsProd');
      const d = cfnDistribution(stack, 'https-only');
      d.addPropertyOverride('DistributionConfig.CacheBehaviors', Fn.conditionIf(prod.logicalId,
        [{ PathPattern: '/a', TargetOriginId: 'api', ViewerProtocolPolicy: 'allow-all' }], Fn.ref('AWS::NoValue')));
    }, /condition IsProd/],
    ['a whole DistributionConfig chosen by a condition', (stack) => {
      const prod = undecidedCondition(stack, 'IsProd');
      const d = cfnDistribution(stack, 'https-only');
      d.addPropertyOverride('DistributionConfig', Fn.conditionIf(prod.logicalId, { Enabled: true }, { Enabled: false }));
    }, /condition IsProd/],
  ])('undecidable: %s', (_name, build, reason) => {
    const stack = newStack();
    build(stack);
    const results = checkRule(rule, stack);
    expect(results.map((r) => r.kind)).toEqual([VerdictKind.UNDECIDABLE]);
    expect(results[0].detail).toMatch(reason);
  });

  test('raw override: addPropertyOverride sets allow-all on an L2 behavior that redirected', () => {
    const stack = newStack();
    const d = new cloudfront.Distribution(stack, 'D', {
      defaultBehavior: { origin: siteOrigin(stack), viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS },
    });
    (d.node.defaultChild as cloudfront.CfnDistribution).addPropertyOverride('DistributionConfig.DefaultCacheBehavior.ViewerProtocolPolicy', 'allow-all');
    expect(checkRule(rule, stack).map((r) => [r.kind, r.findingId])).toEqual([[VerdictKind.VIOLATION, 'default']]);
  });

  test('raw override: addPropertyOverride fixes the default policy of an L2 distribution', () => {
    const stack = newStack();
    const d = new cloudfront.Distribution(stack, 'D', { defaultBehavior: { origin: siteOrigin(stack) } });
    (d.node.defaultChild as cloudfront.CfnDistribution).addPropertyOverride('DistributionConfig.DefaultCacheBehavior.ViewerProtocolPolicy', 'https-only');
    expect(checkRule(rule, stack)).toEqual([]);
  });
});
