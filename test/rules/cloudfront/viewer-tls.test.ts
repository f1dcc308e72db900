import { CfnParameter, Fn, Stack } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Severity, VerdictKind } from '../../../src/core';

import { CloudFrontViewerTlsRule } from '../../../src/rules/cloudfront';
import { checkRule, newStack, undecidedCondition } from '../rule-test-helpers';

const rule = new CloudFrontViewerTlsRule();
const CERTIFICATE_ARN = 'arn:aws:acm:us-east-1:123456789012:certificate/11111111-2222-3333-4444-555555555555';

/** An L2 distribution on a private bucket, with or without a custom domain. */
function distribution(stack: Stack, props: Partial<cloudfront.DistributionProps> = {}): cloudfront.Distribution {
  return new cloudfront.Distribution(stack, 'D', {
    defaultBehavior: { origin: origins.S3BucketOrigin.withOriginAccessControl(new s3.Bucket(stack, 'Site')) },
    ...props,
  });
}

const withDomain = (stack: Stack, minimumProtocolVersion?: cloudfront.SecurityPolicyProtocol): Partial<cloudfront.DistributionProps> => ({
  domainNames: ['www.example.com'],
  certificate: acm.Certificate.fromCertificateArn(stack, 'Cert', CERTIFICATE_ARN),
  minimumProtocolVersion,
});

/** An L1 distribution with the given viewer certificate. */
function cfnDistribution(stack: Stack, viewerCertificate: any): cloudfront.CfnDistribution {
  return new cloudfront.CfnDistribution(stack, 'D', {
    distributionConfig: {
      enabled: true,
      aliases: ['www.example.com'],
      origins: [{ id: 'api', domainName: 'api.example.com', customOriginConfig: { originProtocolPolicy: 'https-only' } }],
      defaultCacheBehavior: { targetOriginId: 'api', viewerProtocolPolicy: 'https-only' },
      viewerCertificate,
    },
  });
}

describe('SLS-CLOUDFRONT-VIEWER-TLS', () => {
  test.each<[string, (stack: Stack) => void]>([
    ['an L2 distribution with a domain and certificate (aws-cdk-lib defaults to a TLS 1.2 policy)', (stack) => distribution(stack, withDomain(stack))],
    ['TLSv1.2_2021 set explicitly', (stack) => distribution(stack, withDomain(stack, cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021))],
    ['TLSv1.2_2019', (stack) => distribution(stack, withDomain(stack, cloudfront.SecurityPolicyProtocol.TLS_V1_2_2019))],
    ['TLSv1.3_2025', (stack) => distribution(stack, withDomain(stack, cloudfront.SecurityPolicyProtocol.TLS_V1_3_2025))],
    ['an L1 IAM server certificate with TLSv1.2_2021', (stack) => {
      cfnDistribution(stack, { iamCertificateId: 'ASCACKCEVSQ6C2EXAMPLE', sslSupportMethod: 'sni-only', minimumProtocolVersion: 'TLSv1.2_2021' });
    }],
    ['a certificate ARN from a parameter (a certificate all the same)', (stack) => {
      cfnDistribution(stack, { acmCertificateArn: new CfnParameter(stack, 'CertArn').valueAsString, sslSupportMethod: 'sni-only', minimumProtocolVersion: 'TLSv1.2_2021' });
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

  test.each<[string, (stack: Stack) => void, string, RegExp, Severity | undefined]>([
    ['an L2 distribution without a domain (default *.cloudfront.net certificate)', (stack) => distribution(stack),
      'default-certificate', /no viewer certificate.*TLS 1\.0.*add domainNames and an ACM certificate/, undefined],
    ['an L1 CloudFrontDefaultCertificate: true', (stack) => cfnDistribution(stack, { cloudFrontDefaultCertificate: true }),
      'default-certificate', /default CloudFront certificate \(CloudFrontDefaultCertificate: true\).*add domainNames/, undefined],
    ['a default certificate with a TLS 1.2 minimum, which CloudFront ignores', (stack) => {
      cfnDistribution(stack, { cloudFrontDefaultCertificate: true, minimumProtocolVersion: 'TLSv1.2_2021' });
    }, 'default-certificate', /accepts TLS 1\.0/, undefined],
    ['TLSv1 (SecurityPolicyProtocol.TLS_V1)', (stack) => distribution(stack, withDomain(stack, cloudfront.SecurityPolicyProtocol.TLS_V1)),
      'legacy-protocol', /TLSv1, which accepts TLS versions below 1\.2/, undefined],
    ['TLSv1.1_2016', (stack) => distribution(stack, withDomain(stack, cloudfront.SecurityPolicyProtocol.TLS_V1_1_2016)),
      'legacy-protocol', /TLSv1\.1_2016/, undefined],
    ['an L1 custom certificate without a minimum protocol version', (stack) => {
      cfnDistribution(stack, { acmCertificateArn: CERTIFICATE_ARN, sslSupportMethod: 'sni-only' });
    }, 'legacy-protocol', /sets no minimum protocol version/, undefined],
    ['TLSv1.2_2018 (TLS 1.2, older ciphers): a warning', (stack) => distribution(stack, withDomain(stack, cloudfront.SecurityPolicyProtocol.TLS_V1_2_2018)),
      'weak-ciphers', /TLSv1\.2_2018.*use TLSv1\.2_2021/, Severity.WARNING],
    ['a policy name the rule does not know: a warning', (stack) => {
      cfnDistribution(stack, { acmCertificateArn: CERTIFICATE_ARN, sslSupportMethod: 'sni-only', minimumProtocolVersion: 'TLSv1.2_custom' });
    }, 'unknown-policy', /does not know/, Severity.WARNING],
  ])('non-compliant: %s', (_name, build, findingId, detail, severity) => {
    const stack = newStack();
    build(stack);
    const results = checkRule(rule, stack);
    expect(results).toHaveLength(1);
    expect(results[0].kind).toBe(VerdictKind.VIOLATION);
    expect(results[0].findingId).toBe(findingId);
    expect(results[0].severity).toBe(severity);
    expect(results[0].detail).toMatch(detail);
  });

  test.each<[string, (stack: Stack) => void, RegExp]>([
    ['a minimum protocol version from a CfnParameter', (stack) => {
      cfnDistribution(stack, { acmCertificateArn: CERTIFICATE_ARN, sslSupportMethod: 'sni-only', minimumProtocolVersion: new CfnParameter(stack, 'Tls').valueAsString });
    }, /parameter Tls/],
    ['a certificate only under a condition', (stack) => {
      const custom = undecidedCondition(stack, 'HasDomain');
      cfnDistribution(stack, {
        acmCertificateArn: Fn.conditionIf(custom.logicalId, CERTIFICATE_ARN, Fn.ref('AWS::NoValue')).toString(),
        minimumProtocolVersion: 'TLSv1.2_2021',
      });
    }, /condition HasDomain/],
    ['a whole viewer certificate chosen by a condition', (stack) => {
      const custom = undecidedCondition(stack, 'HasDomain');
      cfnDistribution(stack, { cloudFrontDefaultCertificate: true })
        .addPropertyOverride('DistributionConfig.ViewerCertificate', Fn.conditionIf(custom.logicalId,
          { AcmCertificateArn: CERTIFICATE_ARN, MinimumProtocolVersion: 'TLSv1.2_2021' }, { CloudFrontDefaultCertificate: true }));
    }, /condition HasDomain/],
  ])('undecidable: %s', (_name, build, reason) => {
    const stack = newStack();
    build(stack);
    const results = checkRule(rule, stack);
    expect(results.map((r) => r.kind)).toEqual([VerdictKind.UNDECIDABLE]);
    expect(results[0].detail).toMatch(reason);
  });

  test('raw override: addPropertyOverride lowers the minimum protocol version of an L2 distribution', () => {
    const stack = newStack();
    const d = distribution(stack, withDomain(stack));
    (d.node.defaultChild as cloudfront.CfnDistribution).addPropertyOverride('DistributionConfig.ViewerCertificate.MinimumProtocolVersion', 'TLSv1');
    expect(checkRule(rule, stack).map((r) => [r.kind, r.findingId])).toEqual([[VerdictKind.VIOLATION, 'legacy-protocol']]);
  });

  test('raw override: addPropertyOverride gives an L2 distribution a certificate', () => {
    const stack = newStack();
    const d = distribution(stack);
    (d.node.defaultChild as cloudfront.CfnDistribution).addPropertyOverride('DistributionConfig.ViewerCertificate',
      { AcmCertificateArn: CERTIFICATE_ARN, SslSupportMethod: 'sni-only', MinimumProtocolVersion: 'TLSv1.2_2021' });
    expect(checkRule(rule, stack)).toEqual([]);
  });
});
