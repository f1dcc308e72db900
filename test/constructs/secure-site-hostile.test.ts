import { CfnParameter, Duration, Lazy, Stack, aws_certificatemanager as acm, aws_cloudfront as cloudfront, aws_logs as logs } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { expectCoded, testApp } from './construct-test-helpers';
import { SecureSite, SecureSiteProps } from '../../src/constructs';
import { ContentSecurityPolicy } from '../../src/constructs/secure-site/private/content-security-policy';

const ACCOUNT = '123456789012';
const CERT_ARN = `arn:aws:acm:us-east-1:${ACCOUNT}:certificate/11111111-2222-3333-4444-555555555555`;
const WEB_ACL_ARN = `arn:aws:wafv2:us-east-1:${ACCOUNT}:global/webacl/site/aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee`;

function newStack(): Stack {
  return new Stack(testApp(), 'TestStack', { env: { region: 'us-east-1', account: ACCOUNT } });
}
/** Props of a valid site (custom domain, certificate), to which each case adds its hostile prop. */
const valid = (s: Stack): SecureSiteProps => ({ domainNames: ['www.example.com'], certificate: acm.Certificate.fromCertificateArn(s, 'Cert', CERT_ARN) });

/** Hostile props of SecureSite, by class: each ends in a coded problem naming the prop. */
const HOSTILE: Array<[string, string, (s: Stack) => any, string, string]> = [
  ['missing', 'props null (no domain, no justification)', () => null, 'SS010', 'domainNames'],
  ['missing', 'props a string', () => 'www.example.com', 'SS002', 'props'],
  ['missing', 'certificate an ARN string', () => ({ domainNames: ['www.example.com'], certificate: CERT_ARN }), 'SS015', 'certificate'],
  ['missing', 'domainNames with null', (s) => ({ ...valid(s), domainNames: [null] }), 'SS016', 'domainNames'],
  ['numbers', 'wafRateLimit NaN', (s) => ({ ...valid(s), wafRateLimit: NaN }), 'SS023', 'wafRateLimit'],
  ['numbers', 'wafRateLimit fraction', (s) => ({ ...valid(s), wafRateLimit: 100.5 }), 'SS023', 'wafRateLimit'],
  ['numbers', 'logRetention NaN', (s) => ({ ...valid(s), logRetention: NaN }), 'SS040', 'logRetention'],
  ['numbers', 'error response status NaN', (s) => ({ ...valid(s), errorResponses: [{ httpStatus: NaN, responseHttpStatus: 200, responsePagePath: '/index.html' }] }), 'SS051', 'errorResponses[0].httpStatus'],
  ['numbers', 'error response TTL a fraction of a second', (s) => ({ ...valid(s), errorResponses: [{ httpStatus: 404, ttl: Duration.millis(10) }] }), 'SS051', 'errorResponses[0].ttl'],
  ['numbers', 'error response status 200', (s) => ({ ...valid(s), errorResponses: [{ httpStatus: 200, responseHttpStatus: 200, responsePagePath: '/index.html' }] }), 'SS051', 'errorResponses[0].httpStatus'],
  ['types', 'priceClass not a PriceClass', (s) => ({ ...valid(s), priceClass: 'PriceClass_Cheapest' }), 'SS017', 'priceClass'],
  ['types', 'minimumProtocolVersion unknown', (s) => ({ ...valid(s), minimumProtocolVersion: 'TLSv9' }), 'SS014', 'minimumProtocolVersion'],
  ['types', 'geoRestriction a plain object', (s) => ({ ...valid(s), geoRestriction: { locations: ['DE'] } }), 'SS053', 'geoRestriction'],
  ['types', 'errorResponses an object', (s) => ({ ...valid(s), errorResponses: { httpStatus: 404 } }), 'SS051', 'errorResponses'],
  ['csp', "script-src '*'", (s) => ({ ...valid(s), contentSecurityPolicy: "default-src 'self'; script-src *" }), 'SS032', 'contentSecurityPolicy'],
  ['csp', "'unsafe-inline' scripts", (s) => ({ ...valid(s), contentSecurityPolicy: "default-src 'self'; script-src 'self' 'unsafe-inline'" }), 'SS032', 'contentSecurityPolicy'],
  ['csp', "'unsafe-eval' through default-src", (s) => ({ ...valid(s), contentSecurityPolicy: "default-src 'self' 'unsafe-eval'" }), 'SS032', 'contentSecurityPolicy'],
  ['csp', 'data: scripts', (s) => ({ ...valid(s), contentSecurityPolicy: "default-src 'self'; script-src 'self' data:" }), 'SS032', 'contentSecurityPolicy'],
  ['csp', 'http: sources', (s) => ({ ...valid(s), contentSecurityPolicy: "default-src 'self'; img-src 'self' http://cdn.example.com" }), 'SS032', 'contentSecurityPolicy'],
  ['csp', 'no script restriction at all', (s) => ({ ...valid(s), contentSecurityPolicy: "img-src 'self'; frame-ancestors 'none'" }), 'SS032', 'contentSecurityPolicy'],
  ['csp', 'any host for images', (s) => ({ ...valid(s), contentSecurityPolicy: "default-src 'self'; img-src *" }), 'SS032', 'contentSecurityPolicy'],
  ['tokens', 'a Lazy CSP resolving to unsafe-inline', (s) => ({ ...valid(s), contentSecurityPolicy: Lazy.string({ produce: () => "script-src 'unsafe-inline'" }) }), 'SS032', 'contentSecurityPolicy'],
  ['tokens', 'a Lazy web ACL ARN resolving to a regional ACL', (s) => ({ ...valid(s), webAclArn: Lazy.string({ produce: () => `arn:aws:wafv2:eu-west-1:${ACCOUNT}:regional/webacl/api/x` }) }), 'SS022', 'webAclArn'],
  ['tokens', 'a Lazy rate resolving to 5', (s) => ({ ...valid(s), wafRateLimit: Lazy.number({ produce: () => 5 }) }), 'SS023', 'wafRateLimit'],
  ['justifications', 'default certificate justified with spaces', () => ({ webAclArn: WEB_ACL_ARN, relaxations: { defaultCertificate: ' '.repeat(40) } }), 'SS001', 'relaxations.defaultCertificate'],
  ['justifications', 'WAF justified with zero-width characters', (s) => ({ ...valid(s), relaxations: { waf: '\u200b\u200c\u200d\ufeff'.repeat(8) } }), 'SS001', 'relaxations.waf'],
  ['justifications', 'CSP justified with one letter', (s) => ({ ...valid(s), contentSecurityPolicy: "script-src 'unsafe-eval'", relaxations: { contentSecurityPolicy: 'y'.repeat(30) } }), 'SS001', 'relaxations.contentSecurityPolicy'],
  ['names', 'domain name with a space', (s) => ({ ...valid(s), domainNames: ['www example.com'] }), 'SS016', 'domainNames'],
  ['names', 'domain name without a dot', (s) => ({ ...valid(s), domainNames: ['localhost'] }), 'SS016', 'domainNames'],
  ['names', 'the same domain twice', (s) => ({ ...valid(s), domainNames: ['www.example.com', 'WWW.example.com'] }), 'SS016', 'domainNames'],
  ['names', 'defaultRootObject with a leading /', (s) => ({ ...valid(s), defaultRootObject: '/index.html' }), 'SS050', 'defaultRootObject'],
  ['names', 'error page without a leading /', (s) => ({ ...valid(s), errorResponses: [{ httpStatus: 404, responseHttpStatus: 200, responsePagePath: 'index.html' }] }), 'SS051', 'errorResponses[0].responsePagePath'],
  ['names', 'permissionsPolicy with a line break', (s) => ({ ...valid(s), permissionsPolicy: 'camera=()\r\nX-Injected: 1' }), 'SS031', 'permissionsPolicy'],
  ['limits', 'CSP over 1783 characters', (s) => ({ ...valid(s), contentSecurityPolicy: `default-src 'self' ${'https://a.example.com '.repeat(90)}` }), 'SS030', 'contentSecurityPolicy'],
  ['limits', 'comment over 128 characters', (s) => ({ ...valid(s), comment: 'c'.repeat(200) }), 'SS052', 'comment'],
  ['limits', 'WAF rate over the WAF limit', (s) => ({ ...valid(s), wafRateLimit: 2_000_000_001 }), 'SS023', 'wafRateLimit'],
];

describe('SecureSite: hostile props never crash and never pass silently', () => {
  test.each(HOSTILE)('[%s] %s', (_class, _name, props, code, prop) => {
    const stack = newStack();
    const error = expectCoded(() => new SecureSite(stack, 'Site', props(stack)), code);
    expect(error.problems.find((p) => p.code === code)!.prop).toBe(prop);
  });

  test('a CSP known only at deploy time is an acknowledgeable warning', () => {
    const stack = newStack();
    new SecureSite(stack, 'Site', { ...valid(stack), contentSecurityPolicy: new CfnParameter(stack, 'Csp').valueAsString });
    Annotations.fromStack(stack).hasWarning('/TestStack/Site', Match.stringLikeRegexp('\\[SS033\\] TestStack/Site: contentSecurityPolicy is known only at deploy time'));
  });

  test('a weak CSP with a written justification is served and recorded on the distribution', () => {
    const stack = newStack();
    const site = new SecureSite(stack, 'Site', {
      ...valid(stack),
      contentSecurityPolicy: "default-src 'self'; script-src 'self' 'unsafe-inline'",
      relaxations: { contentSecurityPolicy: 'Legacy analytics snippet inlined by the CMS until the Q3 rewrite' },
    });
    Template.fromStack(stack).hasResourceProperties('AWS::CloudFront::ResponseHeadersPolicy', {
      ResponseHeadersPolicyConfig: { SecurityHeadersConfig: { ContentSecurityPolicy: { ContentSecurityPolicy: "default-src 'self'; script-src 'self' 'unsafe-inline'" } } },
    });
    const ids = (site.distribution.node.defaultChild!.node.metadata as any[]).flatMap((m) => Object.keys(m.data ?? {}));
    expect(ids).toContain('ServerlessSecurityChecks::SLS-CLOUDFRONT-SECURITY-HEADERS[ContentSecurityPolicy]');
  });

  test.each([
    ["default-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'", []],
    ["script-src 'nonce-abc' 'strict-dynamic' 'unsafe-inline' https:; object-src 'none'", ['allows scripts from any host in script-src']],
    ["default-src 'self'; script-src 'sha256-abc=' 'unsafe-inline'", []],
    ["default-src https: 'unsafe-inline'", ['allows scripts from any host in default-src', "allows inline scripts ('unsafe-inline') in default-src"]],
    ["default-src 'self'; connect-src ws://x.example.com", ['allows plain-text sources (ws://x.example.com) in connect-src']],
  ])('ContentSecurityPolicy.weaknesses(%j)', (policy, expected) => {
    expect(ContentSecurityPolicy.weaknesses(policy)).toEqual(expected);
  });

  test('logRetention of a valid member is accepted', () => {
    const stack = newStack();
    expect(() => new SecureSite(stack, 'Site', { ...valid(stack), logRetention: logs.RetentionDays.ONE_MONTH, priceClass: cloudfront.PriceClass.PRICE_CLASS_100 })).not.toThrow();
  });
});
