import { CfnParameter, Duration, Fn, Stack } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { VerdictKind } from '../../../src/core';

import { CloudFrontSecurityHeadersRule } from '../../../src/rules/cloudfront';
import { checkRule, newStack, undecidedCondition } from '../rule-test-helpers';

const rule = new CloudFrontSecurityHeadersRule();

const ALL_HEADERS: cloudfront.ResponseSecurityHeadersBehavior = {
  strictTransportSecurity: { accessControlMaxAge: Duration.days(365), includeSubdomains: true, override: true },
  contentTypeOptions: { override: true },
  frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
  contentSecurityPolicy: { contentSecurityPolicy: "default-src 'self'", override: true },
};

/** An L2 distribution whose default behavior (and optional `/api/*` behavior) use the given policies. */
function distribution(stack: Stack, policy?: cloudfront.IResponseHeadersPolicy,
  apiPolicy?: cloudfront.IResponseHeadersPolicy): cloudfront.Distribution {
  const origin = origins.S3BucketOrigin.withOriginAccessControl(new s3.Bucket(stack, 'Site'));
  return new cloudfront.Distribution(stack, 'D', {
    defaultBehavior: { origin, responseHeadersPolicy: policy },
    additionalBehaviors: apiPolicy ? { '/api/*': { origin: new origins.HttpOrigin('api.example.com'), responseHeadersPolicy: apiPolicy } } : undefined,
  });
}

/** An L1 distribution whose default behavior uses the policy id. */
function cfnDistribution(stack: Stack, responseHeadersPolicyId: string): cloudfront.CfnDistribution {
  return new cloudfront.CfnDistribution(stack, 'D', {
    distributionConfig: {
      enabled: true,
      origins: [{ id: 'api', domainName: 'api.example.com', customOriginConfig: { originProtocolPolicy: 'https-only' } }],
      defaultCacheBehavior: { targetOriginId: 'api', viewerProtocolPolicy: 'https-only', responseHeadersPolicyId },
    },
  });
}

describe('SLS-CLOUDFRONT-SECURITY-HEADERS', () => {
  test.each<[string, (stack: Stack) => void]>([
    ['an L2 ResponseHeadersPolicy with all four headers on every behavior', (stack) => {
      const policy = new cloudfront.ResponseHeadersPolicy(stack, 'Headers', { securityHeadersBehavior: ALL_HEADERS });
      distribution(stack, policy, policy);
    }],
    ['an L1 ResponseHeadersPolicy with all four headers', (stack) => {
      const policy = new cloudfront.CfnResponseHeadersPolicy(stack, 'Headers', {
        responseHeadersPolicyConfig: {
          name: 'headers',
          securityHeadersConfig: {
            strictTransportSecurity: { accessControlMaxAgeSec: 31536000, override: true },
            contentTypeOptions: { override: true },
            frameOptions: { frameOption: 'DENY', override: true },
            contentSecurityPolicy: { contentSecurityPolicy: "default-src 'self'", override: true },
          },
        },
      });
      cfnDistribution(stack, policy.ref);
    }],
  ])('compliant: %s', (_name, build) => {
    const stack = newStack();
    build(stack);
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test('not applicable: a stack without distributions (a policy alone is not judged)', () => {
    const stack = newStack();
    new cloudfront.ResponseHeadersPolicy(stack, 'Headers', { securityHeadersBehavior: { contentTypeOptions: { override: true } } });
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test.each<[string, (stack: Stack) => void, [string, RegExp][]]>([
    ['an L2 distribution without a response headers policy', (stack) => distribution(stack), [['default', /has no response headers policy/]]],
    ['the AWS managed SECURITY_HEADERS policy: no CSP', (stack) => distribution(stack, cloudfront.ResponseHeadersPolicy.SECURITY_HEADERS),
      [['ContentSecurityPolicy', /Content-Security-Policy is not set on the default cache behavior \(managed policy SecurityHeadersPolicy\)/]]],
    ['the AWS managed CORS_ALLOW_ALL_ORIGINS policy: no security header at all', (stack) => {
      distribution(stack, cloudfront.ResponseHeadersPolicy.CORS_ALLOW_ALL_ORIGINS);
    }, [
      ['StrictTransportSecurity', /Strict-Transport-Security/],
      ['ContentTypeOptions', /X-Content-Type-Options/],
      ['FrameOptions', /X-Frame-Options/],
      ['ContentSecurityPolicy', /Content-Security-Policy/],
    ]],
    ['a policy without CSP and frame options, shared by two behaviors: one finding per header', (stack) => {
      const policy = new cloudfront.ResponseHeadersPolicy(stack, 'Headers', {
        securityHeadersBehavior: { strictTransportSecurity: ALL_HEADERS.strictTransportSecurity, contentTypeOptions: { override: true } },
      });
      distribution(stack, policy, policy);
    }, [
      ['FrameOptions', /X-Frame-Options is not set on the default cache behavior \(policy Headers\w+\), cache behavior "\/api\/\*" \(policy Headers\w+\)\./],
      ['ContentSecurityPolicy', /Content-Security-Policy is not set on the default cache behavior/],
    ]],
    ['an additional behavior without a policy', (stack) => {
      const policy = new cloudfront.ResponseHeadersPolicy(stack, 'Headers', { securityHeadersBehavior: ALL_HEADERS });
      const d = distribution(stack, policy);
      d.addBehavior('/api/*', new origins.HttpOrigin('api.example.com'));
    }, [['_api_*', /Cache behavior "\/api\/\*" has no response headers policy/]]],
  ])('non-compliant: %s', (_name, build, expected) => {
    const stack = newStack();
    build(stack);
    const results = checkRule(rule, stack);
    expect(results.map((r) => r.findingId)).toEqual(expected.map(([id]) => id));
    expect(results.every((r) => r.kind === VerdictKind.VIOLATION)).toBe(true);
    results.forEach((r, i) => expect(r.detail).toMatch(expected[i][1]));
  });

  test.each<[string, (stack: Stack) => void, RegExp]>([
    ['a policy id from Fn::ImportValue', (stack) => cfnDistribution(stack, Fn.importValue('SharedHeadersPolicy')), /Fn::ImportValue/],
    ['a policy id from a CfnParameter', (stack) => cfnDistribution(stack, new CfnParameter(stack, 'HeadersPolicy').valueAsString), /parameter HeadersPolicy/],
    ['an id that is neither in the stack nor AWS managed', (stack) => {
      distribution(stack, cloudfront.ResponseHeadersPolicy.fromResponseHeadersPolicyId(stack, 'Shared', '11111111-2222-3333-4444-555555555555'));
    }, /neither defined in this stack nor an AWS managed policy/],
    ['a policy whose security headers depend on a condition', (stack) => {
      const strict = undecidedCondition(stack, 'Strict');
      const policy = new cloudfront.ResponseHeadersPolicy(stack, 'Headers', { securityHeadersBehavior: ALL_HEADERS });
      (policy.node.defaultChild as cloudfront.CfnResponseHeadersPolicy).addPropertyOverride('ResponseHeadersPolicyConfig.SecurityHeadersConfig',
        Fn.conditionIf(strict.logicalId, {}, Fn.ref('AWS::NoValue')));
      distribution(stack, policy);
    }, /condition Strict/],
  ])('undecidable: %s', (_name, build, reason) => {
    const stack = newStack();
    build(stack);
    const results = checkRule(rule, stack);
    expect(results.map((r) => [r.kind, r.findingId])).toEqual([[VerdictKind.UNDECIDABLE, 'default']]);
    expect(results[0].detail).toMatch(reason);
  });

  test('raw override: addPropertyDeletionOverride drops the CSP of an L2 policy', () => {
    const stack = newStack();
    const policy = new cloudfront.ResponseHeadersPolicy(stack, 'Headers', { securityHeadersBehavior: ALL_HEADERS });
    (policy.node.defaultChild as cloudfront.CfnResponseHeadersPolicy)
      .addPropertyDeletionOverride('ResponseHeadersPolicyConfig.SecurityHeadersConfig.ContentSecurityPolicy');
    distribution(stack, policy);
    expect(checkRule(rule, stack).map((r) => r.findingId)).toEqual(['ContentSecurityPolicy']);
  });

  test('raw override: addPropertyOverride attaches a policy to an L2 behavior that had none', () => {
    const stack = newStack();
    const policy = new cloudfront.ResponseHeadersPolicy(stack, 'Headers', { securityHeadersBehavior: ALL_HEADERS });
    const d = distribution(stack);
    (d.node.defaultChild as cloudfront.CfnDistribution).addPropertyOverride('DistributionConfig.DefaultCacheBehavior.ResponseHeadersPolicyId',
      policy.responseHeadersPolicyId);
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test('severity: a missing Content-Security-Policy is info, the other headers warnings', () => {
    const stack = newStack();
    distribution(stack, cloudfront.ResponseHeadersPolicy.CORS_ALLOW_ALL_ORIGINS);
    const severities = Object.fromEntries(checkRule(rule, stack).map((r) => [r.findingId, r.severity ?? rule.severity]));
    expect(severities).toEqual({
      StrictTransportSecurity: 'warning', ContentTypeOptions: 'warning', FrameOptions: 'warning', ContentSecurityPolicy: 'info',
    });
  });
});
