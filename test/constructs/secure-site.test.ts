import {
  App,
  CfnParameter,
  Stack,
  Validations,
  aws_certificatemanager as acm,
  aws_cloudfront as cloudfront,
  aws_logs as logs,
} from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { codesOf, errorOf, nagFindings, unacknowledgedAuditErrors } from './construct-test-helpers';
import { SecureSite, SecureSiteProps } from '../../src/constructs';
import { ServerlessSecurityChecks } from '../../src/hosts';
import { dependencyCycles } from '../support/dependency-cycles';

const ACCOUNT = '123456789012';
const CERT_ARN = `arn:aws:acm:us-east-1:${ACCOUNT}:certificate/11111111-2222-3333-4444-555555555555`;
const WEB_ACL_ARN = `arn:aws:wafv2:us-east-1:${ACCOUNT}:global/webacl/site/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee`;
const JUSTIFIED_DEFAULT_CERT = 'Preview environment reached only through its cloudfront.net name; no domain is registered.';

function newStack(region?: string): Stack {
  const app = new App({ builtinCloudFormationValidation: false } as any);
  return new Stack(app, 'TestStack', region ? { env: { region, account: ACCOUNT } } : {});
}
/** A us-east-1 stack with a domain and certificate: every default applies. */
/** Serving every country is the user's decision: the one cdk-nag finding SecureSite leaves to them (a warning). */
const CFR1_ONLY = ['AwsSolutions-CFR1 @ TestStack/Site/Distribution/Resource'];
function domainSite(extra: Partial<SecureSiteProps> = {}): { stack: Stack; site: SecureSite } {
  const stack = newStack('us-east-1');
  const certificate = acm.Certificate.fromCertificateArn(stack, 'Cert', CERT_ARN);
  const site = new SecureSite(stack, 'Site', { domainNames: ['www.example.com'], certificate, ...extra });
  return { stack, site };
}
/** An environment-agnostic stack with an existing web ACL and the justified default certificate. */
function agnosticSite(extra: Partial<SecureSiteProps> = {}): { stack: Stack; site: SecureSite } {
  const stack = newStack();
  const site = new SecureSite(stack, 'Site', {
    webAclArn: WEB_ACL_ARN,
    relaxations: { defaultCertificate: JUSTIFIED_DEFAULT_CERT },
    ...extra,
  });
  return { stack, site };
}
/** Every acknowledgement in the tree, as `path: id` (aws-cdk-lib prefixes ids without a plugin with `Annotation::`). */
function acknowledgements(stack: Stack): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  for (const c of stack.node.findAll()) {
    for (const m of c.node.metadata.filter((e) => e.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)) {
      for (const [id, reason] of Object.entries(m.data as Record<string, string>)) {
        (out[c.node.path] ??= {})[id.replace(/^Annotation::/, '')] = reason;
      }
    }
  }
  return out;
}
function resourceOf(t: Template, type: string, idPrefix: string): any {
  const found = Object.entries(t.findResources(type)).filter(([id]) => id.startsWith(idPrefix));
  expect(found).toHaveLength(1);
  return found[0][1];
}

describe('secure defaults (us-east-1, custom domain)', () => {
  const { stack, site } = domainSite();
  const t = Template.fromStack(stack);
  const distribution = () => resourceOf(t, 'AWS::CloudFront::Distribution', 'SiteDistribution').Properties.DistributionConfig;

  test('resources: 2 buckets + policies, distribution, OAC, headers policy, web ACL + logging + log group, stack key', () => {
    t.resourceCountIs('AWS::S3::Bucket', 2);
    t.resourceCountIs('AWS::S3::BucketPolicy', 2);
    t.resourceCountIs('AWS::CloudFront::Distribution', 1);
    t.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
    t.resourceCountIs('AWS::CloudFront::ResponseHeadersPolicy', 1);
    t.resourceCountIs('AWS::WAFv2::WebACL', 1);
    t.resourceCountIs('AWS::WAFv2::LoggingConfiguration', 1);
    t.resourceCountIs('AWS::Logs::LogGroup', 1);
    t.resourceCountIs('AWS::KMS::Key', 1);
    expect(Object.keys(t.toJSON().Resources)).toHaveLength(11);
    expect(Object.keys(t.toJSON().Resources).filter((id) => id.includes('Custom'))).toEqual([]); // no custom resource Lambda
  });

  test('site bucket: private, ACLs disabled, SSE-S3, versioned (90 days of old versions), logged, retained', () => {
    const bucket = resourceOf(t, 'AWS::S3::Bucket', 'SiteBucket');
    expect(bucket.DeletionPolicy).toBe('Retain');
    expect(bucket.Properties).toEqual(expect.objectContaining({
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] },
      VersioningConfiguration: { Status: 'Enabled' },
      LoggingConfiguration: { DestinationBucketName: { Ref: expect.stringMatching(/^SiteLogBucket/) }, LogFilePrefix: 's3-access/' },
      LifecycleConfiguration: { Rules: [expect.objectContaining({ NoncurrentVersionExpiration: { NoncurrentDays: 90 }, AbortIncompleteMultipartUpload: { DaysAfterInitiation: 7 }, Status: 'Enabled' })] },
    }));
    expect(bucket.Properties.WebsiteConfiguration).toBeUndefined();
    expect(bucket.Properties.AccessControl).toBeUndefined();
  });

  test('site bucket policy: TLS 1.2+ only, and CloudFront may only GetObject, for this distribution', () => {
    const statements = resourceOf(t, 'AWS::S3::BucketPolicy', 'SiteBucketPolicy').Properties.PolicyDocument.Statement;
    expect(statements).toEqual(expect.arrayContaining([
      expect.objectContaining({ Effect: 'Deny', Action: 's3:*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
      expect.objectContaining({ Effect: 'Deny', Action: 's3:*', Condition: { NumericLessThan: { 's3:TlsVersion': 1.2 } } }),
      expect.objectContaining({
        Effect: 'Allow',
        Action: 's3:GetObject',
        Principal: { Service: 'cloudfront.amazonaws.com' },
        Condition: { StringEquals: { 'AWS:SourceArn': expect.objectContaining({ 'Fn::Join': expect.anything() }) } },
      }),
    ]));
    expect(statements.filter((s: any) => s.Effect === 'Allow')).toHaveLength(1);
    expect(JSON.stringify(statements[2].Condition)).toContain('SiteDistribution');
  });

  test('log bucket: private, TLS 1.2+ only, SSE-S3, ACLs for CloudFront log delivery (bucket owner preferred), logs expire, retained', () => {
    const bucket = resourceOf(t, 'AWS::S3::Bucket', 'SiteLogBucket');
    expect(bucket.DeletionPolicy).toBe('Retain');
    expect(bucket.Properties).toEqual(expect.objectContaining({
      BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      OwnershipControls: { Rules: [{ ObjectOwnership: 'BucketOwnerPreferred' }] },
      LifecycleConfiguration: { Rules: [expect.objectContaining({ ExpirationInDays: 365, Status: 'Enabled' })] },
    }));
    expect(bucket.Properties.AccessControl).toBeUndefined(); // no LogDeliveryWrite ACL: server access logs use the policy
  });

  test('log bucket policy: S3 server access logs from the site bucket of this account only, under s3-access/', () => {
    const statements = resourceOf(t, 'AWS::S3::BucketPolicy', 'SiteLogBucketPolicy').Properties.PolicyDocument.Statement;
    expect(statements).toEqual(expect.arrayContaining([
      expect.objectContaining({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
      {
        Sid: 'AllowS3ServerAccessLogs',
        Effect: 'Allow',
        Action: 's3:PutObject',
        Principal: { Service: 'logging.s3.amazonaws.com' },
        Resource: { 'Fn::Join': ['', [{ 'Fn::GetAtt': [expect.stringMatching(/^SiteLogBucket/), 'Arn'] }, '/s3-access/*']] },
        Condition: {
          ArnLike: { 'aws:SourceArn': { 'Fn::GetAtt': [expect.stringMatching(/^SiteBucket/), 'Arn'] } },
          StringEquals: { 'aws:SourceAccount': ACCOUNT },
        },
      },
    ]));
  });

  test('distribution: OAC origin, index.html, HTTPS redirect, HTTP/2 and 3, all edges, GET/HEAD only', () => {
    const config = distribution();
    expect(config).toEqual(expect.objectContaining({
      DefaultRootObject: 'index.html',
      HttpVersion: 'http2and3',
      PriceClass: 'PriceClass_All',
      Enabled: true,
      IPV6Enabled: true,
    }));
    expect(config.DefaultCacheBehavior).toEqual(expect.objectContaining({
      ViewerProtocolPolicy: 'redirect-to-https',
      AllowedMethods: ['GET', 'HEAD'],
      Compress: true,
      ResponseHeadersPolicyId: { Ref: expect.stringMatching(/^SiteResponseHeaders/) },
    }));
    expect(config.Origins).toEqual([expect.objectContaining({
      DomainName: { 'Fn::GetAtt': [expect.stringMatching(/^SiteBucket/), 'RegionalDomainName'] },
      OriginAccessControlId: { 'Fn::GetAtt': [expect.stringMatching(/OriginAccessControl/), 'Id'] },
      S3OriginConfig: { OriginAccessIdentity: '' },
    })]);
    t.hasResourceProperties('AWS::CloudFront::OriginAccessControl', {
      OriginAccessControlConfig: Match.objectLike({ OriginAccessControlOriginType: 's3', SigningBehavior: 'always', SigningProtocol: 'sigv4' }),
    });
  });

  test('distribution: custom domain with TLSv1.2_2021 over SNI', () => {
    const config = distribution();
    expect(config.Aliases).toEqual(['www.example.com']);
    expect(config.ViewerCertificate).toEqual({ AcmCertificateArn: CERT_ARN, MinimumProtocolVersion: 'TLSv1.2_2021', SslSupportMethod: 'sni-only' });
    expect(site.url).toBe('https://www.example.com');
  });

  test('distribution: standard access logs to the log bucket under cloudfront/, without cookies; web ACL attached', () => {
    const config = distribution();
    expect(config.Logging).toEqual({
      Bucket: { 'Fn::GetAtt': [expect.stringMatching(/^SiteLogBucket/), 'RegionalDomainName'] },
      Prefix: 'cloudfront/',
      IncludeCookies: false,
    });
    expect(config.WebACLId).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/^SiteWebAcl/), 'Arn'] });
    expect(site.webAclArn).toBeDefined();
  });

  test('response headers: strict CSP, HSTS 2 years + subdomains + preload, nosniff, DENY, strict-origin-when-cross-origin', () => {
    const config = resourceOf(t, 'AWS::CloudFront::ResponseHeadersPolicy', 'SiteResponseHeaders').Properties.ResponseHeadersPolicyConfig;
    expect(config.SecurityHeadersConfig).toEqual({
      ContentSecurityPolicy: { ContentSecurityPolicy: "default-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'", Override: true },
      StrictTransportSecurity: { AccessControlMaxAgeSec: 63072000, IncludeSubdomains: true, Preload: true, Override: true },
      ContentTypeOptions: { Override: true },
      FrameOptions: { FrameOption: 'DENY', Override: true },
      ReferrerPolicy: { ReferrerPolicy: 'strict-origin-when-cross-origin', Override: true },
    });
    expect(config.CustomHeadersConfig).toBeUndefined();
  });

  test('web ACL: CLOUDFRONT scope, IP reputation + common + known bad inputs, rate rule 2000 / 5 min / IP (block)', () => {
    const acl = resourceOf(t, 'AWS::WAFv2::WebACL', 'SiteWebAcl').Properties;
    expect(acl.Scope).toBe('CLOUDFRONT');
    expect(acl.DefaultAction).toEqual({ Allow: {} });
    expect(acl.Rules.map((r: any) => r.Name)).toEqual([
      'AWS-AWSManagedRulesAmazonIpReputationList', 'AWS-AWSManagedRulesCommonRuleSet', 'AWS-AWSManagedRulesKnownBadInputsRuleSet', 'RateLimitPerIp',
    ]);
    expect(acl.Rules[3]).toEqual(expect.objectContaining({
      Action: { Block: {} },
      Statement: { RateBasedStatement: { AggregateKeyType: 'IP', Limit: 2000, EvaluationWindowSec: 300 } },
    }));
  });

  test('WAF logs: aws-waf-logs- group encrypted with the stack key, one year, authorization and cookie redacted', () => {
    t.hasResourceProperties('AWS::Logs::LogGroup', {
      LogGroupName: { 'Fn::Join': ['', Match.arrayWith([Match.stringLikeRegexp('^aws-waf-logs-')])] },
      RetentionInDays: 365,
      KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('SecureServerlessKey'), 'Arn'] },
    });
    t.hasResourceProperties('AWS::WAFv2::LoggingConfiguration', {
      RedactedFields: [{ SingleHeader: { Name: 'authorization' } }, { SingleHeader: { Name: 'cookie' } }],
    });
    expect(site.wafLogGroup).toBeDefined();
  });

  test('no dependency cycle', () => {
    expect(dependencyCycles(t.toJSON())).toEqual([]);
  });
});

describe('configuration', () => {
  test('your CSP, a Permissions-Policy header, price class, TLS 1.3 policy, error responses and log retention', () => {
    const csp = "default-src 'self'; img-src 'self' https://images.example.com; frame-ancestors 'none'";
    const { stack } = domainSite({
      contentSecurityPolicy: csp,
      permissionsPolicy: 'camera=(), microphone=(), geolocation=()',
      priceClass: cloudfront.PriceClass.PRICE_CLASS_100,
      minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_3_2025,
      errorResponses: [{ httpStatus: 403, responseHttpStatus: 200, responsePagePath: '/index.html' }],
      logRetention: logs.RetentionDays.THREE_MONTHS,
      wafRateLimit: 500,
    });
    const t = Template.fromStack(stack);
    t.hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: Match.objectLike({
        SecurityHeadersConfig: Match.objectLike({ ContentSecurityPolicy: { ContentSecurityPolicy: csp, Override: true } }),
        CustomHeadersConfig: { Items: [{ Header: 'Permissions-Policy', Value: 'camera=(), microphone=(), geolocation=()', Override: true }] },
      }),
    });
    t.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({
        PriceClass: 'PriceClass_100',
        ViewerCertificate: Match.objectLike({ MinimumProtocolVersion: 'TLSv1.3_2025' }),
        CustomErrorResponses: [Match.objectLike({ ErrorCode: 403, ResponseCode: 200, ResponsePagePath: '/index.html' })],
      }),
    });
    t.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 90 });
    t.hasResourceProperties('AWS::S3::Bucket', { LifecycleConfiguration: { Rules: [Match.objectLike({ ExpirationInDays: 90 })] } });
    t.hasResourceProperties('AWS::WAFv2::WebACL', {
      Rules: Match.arrayWith([Match.objectLike({ Statement: { RateBasedStatement: Match.objectLike({ Limit: 500 }) } })]),
    });
  });

  test('webAclArn: attached as is, no web ACL, log group or stack key created', () => {
    const { stack, site } = agnosticSite();
    const t = Template.fromStack(stack);
    t.resourceCountIs('AWS::WAFv2::WebACL', 0);
    t.resourceCountIs('AWS::Logs::LogGroup', 0);
    t.resourceCountIs('AWS::KMS::Key', 0);
    t.hasResourceProperties('AWS::CloudFront::Distribution', { DistributionConfig: Match.objectLike({ WebACLId: WEB_ACL_ARN }) });
    expect(site.webAclArn).toBe(WEB_ACL_ARN);
    expect(site.webAcl).toBeUndefined();
  });

  test('default certificate (justified): no viewer certificate, no aliases; the URL is the cloudfront.net name', () => {
    const { stack, site } = agnosticSite();
    const config = (Object.values(Template.fromStack(stack).findResources('AWS::CloudFront::Distribution'))[0] as any).Properties.DistributionConfig;
    expect(config.ViewerCertificate).toBeUndefined();
    expect(config.Aliases).toBeUndefined();
    expect(stack.resolve(site.url)).toEqual({ 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [expect.stringMatching(/^SiteDistribution/), 'DomainName'] }]] });
  });

  test('relaxations.waf: no WebACLId at all', () => {
    const stack = newStack('eu-west-1');
    const site = new SecureSite(stack, 'Site', {
      relaxations: { defaultCertificate: JUSTIFIED_DEFAULT_CERT, waf: 'Shield Advanced and the corporate CDN edge firewall filter this origin.' },
    });
    const config = (Object.values(Template.fromStack(stack).findResources('AWS::CloudFront::Distribution'))[0] as any).Properties.DistributionConfig;
    expect(config.WebACLId).toBeUndefined();
    expect(site.webAclArn).toBeUndefined();
  });

  test('a geo restriction is applied, and AwsSolutions then reports nothing', () => {
    const { stack } = domainSite({ geoRestriction: cloudfront.GeoRestriction.allowlist('DE', 'FR') });
    Template.fromStack(stack).hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({ Restrictions: { GeoRestriction: { RestrictionType: 'whitelist', Locations: ['DE', 'FR'] } } }),
    });
    const distributionAcks = acknowledgements(stack)['TestStack/Site/Distribution/Resource'] ?? {};
    expect(Object.keys(distributionAcks)).not.toContain('AwsSolutions-CFR1');
    expect(nagFindings(new AwsSolutionsChecks(), stack)).toEqual([]);
  });

  test('two sites in one stack share the stack key and nothing else', () => {
    const stack = newStack('us-east-1');
    const certificate = acm.Certificate.fromCertificateArn(stack, 'Cert', CERT_ARN);
    new SecureSite(stack, 'A', { domainNames: ['a.example.com'], certificate });
    new SecureSite(stack, 'B', { domainNames: ['b.example.com'], certificate });
    const t = Template.fromStack(stack);
    t.resourceCountIs('AWS::KMS::Key', 1);
    t.resourceCountIs('AWS::WAFv2::WebACL', 2);
    t.resourceCountIs('AWS::S3::Bucket', 4);
    expect(dependencyCycles(t.toJSON())).toEqual([]);
  });
});

describe('bad input fails with its code', () => {
  const cert = (stack: Stack, arn = CERT_ARN) => acm.Certificate.fromCertificateArn(stack, 'Cert', arn);
  const ok = JUSTIFIED_DEFAULT_CERT;
  const cases: Array<[string, string | undefined, (stack: Stack) => SecureSiteProps, string[]]> = [
    ['no domain and no justification', 'us-east-1', () => ({}), ['SS010']],
    ['domainNames without certificate', 'us-east-1', () => ({ domainNames: ['www.example.com'] }), ['SS011']],
    ['certificate without domainNames', 'us-east-1', (s) => ({ certificate: cert(s) }), ['SS012']],
    ['domain and the default-certificate relaxation', 'us-east-1', (s) => ({ domainNames: ['www.example.com'], certificate: cert(s), relaxations: { defaultCertificate: ok } }), ['SS013']],
    ['TLS 1.0 policy', 'us-east-1', (s) => ({ domainNames: ['www.example.com'], certificate: cert(s), minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1 }), ['SS014']],
    ['TLS 1.1 policy', 'us-east-1', (s) => ({ domainNames: ['www.example.com'], certificate: cert(s), minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_1_2016 }), ['SS014']],
    ['a TLS policy without a domain', 'us-east-1', () => ({ minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021, relaxations: { defaultCertificate: ok } }), ['SS014']],
    ['certificate outside us-east-1', 'us-east-1', (s) => ({ domainNames: ['www.example.com'], certificate: cert(s, CERT_ARN.replace('us-east-1', 'eu-west-1')) }), ['SS015']],
    ['stack in eu-west-1 without webAclArn', 'eu-west-1', () => ({ relaxations: { defaultCertificate: ok } }), ['SS020']],
    ['environment-agnostic stack without webAclArn', undefined, () => ({ relaxations: { defaultCertificate: ok } }), ['SS020']],
    ['webAclArn and relaxations.waf', undefined, () => ({ webAclArn: WEB_ACL_ARN, relaxations: { defaultCertificate: ok, waf: 'A firewall in front of CloudFront filters traffic.' } }), ['SS021']],
    ['wafRateLimit with webAclArn', undefined, () => ({ webAclArn: WEB_ACL_ARN, wafRateLimit: 100, relaxations: { defaultCertificate: ok } }), ['SS021']],
    ['a regional web ACL', undefined, () => ({ webAclArn: WEB_ACL_ARN.replace('global', 'regional'), relaxations: { defaultCertificate: ok } }), ['SS022']],
    ['a web ACL outside us-east-1', undefined, () => ({ webAclArn: WEB_ACL_ARN.replace('us-east-1', 'eu-west-1'), relaxations: { defaultCertificate: ok } }), ['SS022']],
    ['a WAF Classic id', undefined, () => ({ webAclArn: '473e64fd-f30b-4765-81a0-62ad96dd167a', relaxations: { defaultCertificate: ok } }), ['SS022']],
    ['wafRateLimit 5', 'us-east-1', (s) => ({ domainNames: ['www.example.com'], certificate: cert(s), wafRateLimit: 5 }), ['SS023']],
    ['wafRateLimit 2.5', 'us-east-1', (s) => ({ domainNames: ['www.example.com'], certificate: cert(s), wafRateLimit: 2.5 }), ['SS023']],
    ['empty CSP', undefined, () => ({ webAclArn: WEB_ACL_ARN, relaxations: { defaultCertificate: ok }, contentSecurityPolicy: ' ' }), ['SS030']],
    ['CSP on two lines', undefined, () => ({ webAclArn: WEB_ACL_ARN, relaxations: { defaultCertificate: ok }, contentSecurityPolicy: "default-src 'self';\nobject-src 'none'" }), ['SS030']],
    ['CSP over 1783 characters', undefined, () => ({ webAclArn: WEB_ACL_ARN, relaxations: { defaultCertificate: ok }, contentSecurityPolicy: `default-src 'self' ${'https://a.example.com '.repeat(90)}` }), ['SS030']],
    ['Permissions-Policy with a line break', undefined, () => ({ webAclArn: WEB_ACL_ARN, relaxations: { defaultCertificate: ok }, permissionsPolicy: 'camera=()\r\n' }), ['SS031']],
    ['infinite log retention', undefined, () => ({ webAclArn: WEB_ACL_ARN, relaxations: { defaultCertificate: ok }, logRetention: logs.RetentionDays.INFINITE }), ['SS040']],
    ['root object with a leading slash', undefined, () => ({ webAclArn: WEB_ACL_ARN, relaxations: { defaultCertificate: ok }, defaultRootObject: '/index.html' }), ['SS050']],
    ['a short justification', undefined, () => ({ webAclArn: WEB_ACL_ARN, relaxations: { defaultCertificate: 'n/a' } }), ['SS001']],
  ];
  test.each(cases)('%s', (_name, region, props, expected) => {
    const stack = newStack(region);
    expect(codesOf(() => new SecureSite(stack, 'Site', props(stack)))).toEqual(expected);
  });

  test('every problem is reported at once, with path, prop, what was wrong and how to fix it', () => {
    const e = errorOf(() => new SecureSite(newStack('eu-west-1'), 'Site', { logRetention: logs.RetentionDays.INFINITE }));
    expect(e.problems.map((p: any) => p.code)).toEqual(['SS010', 'SS020', 'SS040']);
    expect(e.message).toContain('[SS010] TestStack/Site: domainNames are required: without a custom domain, viewers reach the site on *.cloudfront.net with the default certificate, which accepts TLS 1.0 and 1.1.');
    expect(e.message).toContain('or set `relaxations.defaultCertificate` to a written justification');
    expect(e.message).toContain("[SS020] TestStack/Site: webAclArn is required: a CloudFront web ACL must be created in us-east-1, and this stack's region is eu-west-1.");
    expect(e.message).toContain('deploy this stack in us-east-1');
    expect(e.message).toContain('`relaxations.waf`');
  });

  test('an environment-agnostic stack is told why the web ACL cannot be created', () => {
    const e = errorOf(() => new SecureSite(newStack(), 'Site', { relaxations: { defaultCertificate: JUSTIFIED_DEFAULT_CERT } }));
    expect(e.message).toContain('is not known at synth (environment-agnostic stack)');
  });

  test('token values are not judged at synth (cannot decide): web ACL ARN, CSP, rate limit', () => {
    const stack = newStack();
    const arn = new CfnParameter(stack, 'WebAclArn').valueAsString;
    const csp = new CfnParameter(stack, 'Csp').valueAsString;
    expect(() => new SecureSite(stack, 'Site', { webAclArn: arn, contentSecurityPolicy: csp, relaxations: { defaultCertificate: JUSTIFIED_DEFAULT_CERT } })).not.toThrow();
    const east = newStack('us-east-1');
    const rate = new CfnParameter(east, 'Rate', { type: 'Number' }).valueAsNumber;
    expect(() => new SecureSite(east, 'Site', { domainNames: ['www.example.com'], certificate: cert(east), wafRateLimit: rate })).not.toThrow();
  });
});

describe('relaxations are recorded as acknowledgements', () => {
  test('defaultCertificate: SLS-CLOUDFRONT-VIEWER-TLS and AwsSolutions-CFR4 on the distribution, with the justification', () => {
    const { stack } = agnosticSite();
    const acks = acknowledgements(stack)['TestStack/Site/Distribution/Resource'];
    expect(acks['ServerlessSecurityChecks::SLS-CLOUDFRONT-VIEWER-TLS']).toBe(JUSTIFIED_DEFAULT_CERT);
    expect(acks['AwsSolutions-CFR4']).toBe(JUSTIFIED_DEFAULT_CERT);
    expect(Object.keys(acks)).not.toContain('ServerlessSecurityChecks::SLS-CLOUDFRONT-WAF');
  });

  test('waf: SLS-CLOUDFRONT-WAF and AwsSolutions-CFR2 on the distribution, with the justification', () => {
    const stack = newStack('eu-west-1');
    const why = '  Shield Advanced and the corporate CDN edge firewall filter this origin.  ';
    new SecureSite(stack, 'Site', { relaxations: { defaultCertificate: JUSTIFIED_DEFAULT_CERT, waf: why } });
    const acks = acknowledgements(stack)['TestStack/Site/Distribution/Resource'];
    expect(acks['ServerlessSecurityChecks::SLS-CLOUDFRONT-WAF']).toBe(why.trim());
    expect(acks['AwsSolutions-CFR2']).toBe(why.trim());
    expect(nagFindings(new AwsSolutionsChecks(), stack)).toEqual(CFR1_ONLY);
    expect(unacknowledgedAuditErrors(stack)).toEqual([]);
  });

  test('the audit reports each relaxed rule as acknowledged, never as an open finding', () => {
    const stack = newStack('eu-west-1');
    new SecureSite(stack, 'Site', { relaxations: { defaultCertificate: JUSTIFIED_DEFAULT_CERT, waf: 'Shield Advanced filters this origin upstream.' } });
    const findings = new ServerlessSecurityChecks().audit(stack)
      .filter((f) => f.ruleId === 'SLS-CLOUDFRONT-VIEWER-TLS' || f.ruleId === 'SLS-CLOUDFRONT-WAF');
    expect(findings.map((f) => [f.ruleId, f.constructPath, f.acknowledged]).sort()).toEqual([
      ['SLS-CLOUDFRONT-VIEWER-TLS', 'TestStack/Site/Distribution/Resource', true],
      ['SLS-CLOUDFRONT-WAF', 'TestStack/Site/Distribution/Resource', true],
    ]);
  });

  test('without relaxations, the construct acknowledges nothing (serving every country is left to the user: CFR1)', () => {
    const { stack } = domainSite();
    expect(acknowledgements(stack)).toEqual({});
    expect(nagFindings(new AwsSolutionsChecks(), stack)).toEqual(CFR1_ONLY);
  });
});

describe('cdk-nag and our audit', () => {
  test('us-east-1 with a custom domain: AwsSolutions and Serverless report zero findings but the geo decision', () => {
    const { stack } = domainSite();
    expect(nagFindings(new AwsSolutionsChecks(), stack)).toEqual(CFR1_ONLY);
    expect(nagFindings(new ServerlessChecks(), stack)).toEqual([]);
  });

  test('environment-agnostic with webAclArn, the justified default certificate and a geo restriction: zero findings', () => {
    const { stack } = agnosticSite({ geoRestriction: cloudfront.GeoRestriction.denylist('KP') });
    expect(nagFindings(new AwsSolutionsChecks(), stack)).toEqual([]);
    expect(nagFindings(new ServerlessChecks(), stack)).toEqual([]);
    expect(dependencyCycles(Template.fromStack(stack).toJSON())).toEqual([]);
  });

  test('our audit: no unacknowledged error in either stack', () => {
    expect(unacknowledgedAuditErrors(domainSite().stack)).toEqual([]);
    expect(unacknowledgedAuditErrors(agnosticSite().stack)).toEqual([]);
  });

  test('our audit: the us-east-1 site with a domain has no finding at all (CloudFront, S3, logs, IAM rules included)', () => {
    const findings = new ServerlessSecurityChecks().audit(domainSite().stack);
    expect(findings.map((f) => `${f.severity} ${f.ruleId} @ ${f.constructPath}`)).toEqual([]);
  });

  test('the log bucket needs no acknowledgement: cdk-nag S1 and SLS-S3-ACCESS-LOGGING exempt a log destination', () => {
    const { stack } = domainSite();
    expect(new ServerlessSecurityChecks().audit(stack).filter((f) => f.ruleId === 'SLS-S3-ACCESS-LOGGING')).toEqual([]);
    expect(nagFindings(new AwsSolutionsChecks(), stack).filter((f) => f.startsWith('AwsSolutions-S1'))).toEqual([]);
  });
});
