import { CfnParameter, Fn, Stack } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Severity, VerdictKind } from '../../../src/core';

import { CloudFrontWafRule } from '../../../src/rules/cloudfront';
import { checkRule, newStack, undecidedCondition } from '../rule-test-helpers';

const rule = new CloudFrontWafRule();
const WEB_ACL_ARN = 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/site/11111111-2222-3333-4444-555555555555';

function distribution(stack: Stack, webAclId?: string): cloudfront.Distribution {
  return new cloudfront.Distribution(stack, 'D', {
    defaultBehavior: { origin: origins.S3BucketOrigin.withOriginAccessControl(new s3.Bucket(stack, 'Site')) },
    webAclId,
  });
}

const webAcl = (stack: Stack) => new wafv2.CfnWebACL(stack, 'Acl', {
  scope: 'CLOUDFRONT',
  defaultAction: { allow: {} },
  visibilityConfig: { cloudWatchMetricsEnabled: true, metricName: 'site', sampledRequestsEnabled: true },
  rules: [],
});

describe('SLS-CLOUDFRONT-WAF', () => {
  test.each<[string, (stack: Stack) => void]>([
    ['webAclId with the ARN of a web ACL of the stack', (stack) => distribution(stack, webAcl(stack).attrArn)],
    ['webAclId with a literal WAFv2 ARN', (stack) => distribution(stack, WEB_ACL_ARN)],
    ['an L1 distribution with WebACLId', (stack) => {
      new cloudfront.CfnDistribution(stack, 'D', {
        distributionConfig: {
          enabled: true,
          webAclId: WEB_ACL_ARN,
          origins: [{ id: 'api', domainName: 'api.example.com', customOriginConfig: { originProtocolPolicy: 'https-only' } }],
          defaultCacheBehavior: { targetOriginId: 'api', viewerProtocolPolicy: 'https-only' },
        },
      });
    }],
  ])('compliant: %s', (_name, build) => {
    const stack = newStack();
    build(stack);
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test('not applicable: a stack without distributions (a web ACL alone is not judged)', () => {
    const stack = newStack();
    webAcl(stack);
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test.each<[string, (stack: Stack) => void, RegExp, string | undefined, Severity | undefined]>([
    ['an L2 distribution without webAclId', (stack) => distribution(stack), /has no WAF web ACL/, undefined, undefined],
    ['an empty WebACLId', (stack) => distribution(stack, ''), /has no WAF web ACL/, undefined, undefined],
    ['a WAF Classic web ACL id: a warning', (stack) => distribution(stack, '473e64fd-f30b-4765-81a0-62ad96dd167a'),
      /AWS WAF Classic/, 'waf-classic', Severity.WARNING],
  ])('non-compliant: %s', (_name, build, detail, findingId, severity) => {
    const stack = newStack();
    build(stack);
    const results = checkRule(rule, stack);
    expect(results).toHaveLength(1);
    expect(results[0].kind).toBe(VerdictKind.VIOLATION);
    expect(results[0].detail).toMatch(detail);
    expect(results[0].findingId).toBe(findingId);
    expect(results[0].severity).toBe(severity);
    expect(results[0].location).toBe('Properties/DistributionConfig/WebACLId');
  });

  test.each<[string, (stack: Stack) => string, RegExp]>([
    ['a CfnParameter (might be empty)', (stack) => new CfnParameter(stack, 'WebAclArn').valueAsString, /parameter WebAclArn/],
    ['Fn::ImportValue', () => Fn.importValue('SharedWebAcl'), /Fn::ImportValue/],
    ['a condition', (stack) => {
      const prod = undecidedCondition(stack, 'IsProd');
      return Fn.conditionIf(prod.logicalId, WEB_ACL_ARN, Fn.ref('AWS::NoValue')).toString();
    }, /condition IsProd/],
  ])('undecidable: a web ACL from %s', (_name, acl, reason) => {
    const stack = newStack();
    distribution(stack, acl(stack));
    const results = checkRule(rule, stack);
    expect(results.map((r) => r.kind)).toEqual([VerdictKind.UNDECIDABLE]);
    expect(results[0].detail).toMatch(reason);
  });

  test('raw override: addPropertyDeletionOverride removes the web ACL of an L2 distribution', () => {
    const stack = newStack();
    const d = distribution(stack, WEB_ACL_ARN);
    (d.node.defaultChild as cloudfront.CfnDistribution).addPropertyDeletionOverride('DistributionConfig.WebACLId');
    expect(checkRule(rule, stack).map((r) => r.kind)).toEqual([VerdictKind.VIOLATION]);
  });

  test('raw override: addPropertyOverride adds a web ACL to an L2 distribution', () => {
    const stack = newStack();
    const d = distribution(stack);
    (d.node.defaultChild as cloudfront.CfnDistribution).addPropertyOverride('DistributionConfig.WebACLId', webAcl(stack).attrArn);
    expect(checkRule(rule, stack)).toEqual([]);
  });
});
