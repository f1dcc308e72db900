import { Duration, aws_cloudfront as cloudfront, aws_logs as logs } from 'aws-cdk-lib';

/**
 * The secure baseline of `SecureSite`, one line per default, each with the threat (THREATS.md) it answers and how to
 * relax it. The construct reads every default from here; the README table follows this object.
 */
export const SECURE_SITE_DEFAULTS = {
  /** What CloudFront serves for `/`. Change: `defaultRootObject`. */
  defaultRootObject: 'index.html',
  /** T3: viewers on plain HTTP are redirected to HTTPS (301) before anything is served. Not relaxable. */
  viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
  /** HTTP/2 and HTTP/3 (QUIC) to viewers; both require TLS 1.2 or newer. Not a prop. */
  httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
  /** Not a security control: every edge location (CloudFront's own default, made explicit). Change: `priceClass`. */
  priceClass: cloudfront.PriceClass.PRICE_CLASS_ALL,
  /**
   * T3: with a custom domain, viewers negotiate TLS 1.2 or newer with the 2021 cipher suites (no CBC, no SHA-1),
   * whatever the app's feature flags say. Change: `minimumProtocolVersion` (anything below TLS 1.2 is refused).
   */
  minimumProtocolVersion: cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021,
  /**
   * T3: Content-Security-Policy: only this origin may supply scripts, styles, images, fonts and frames; no plugins;
   * `<base>` cannot redirect relative URLs; no other site may frame the pages (clickjacking). Change:
   * `contentSecurityPolicy`.
   */
  contentSecurityPolicy: "default-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'",
  /**
   * T3: HSTS for 2 years on the domain and its subdomains, eligible for the browsers' preload list: after one visit,
   * a browser never tries plain HTTP again (no SSL stripping). Not relaxable.
   */
  hstsMaxAge: Duration.days(730),
  /** T3: `Referrer-Policy: strict-origin-when-cross-origin`: other sites see the origin, never paths or query strings. */
  referrerPolicy: cloudfront.HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN,
  /** T3: `X-Frame-Options: DENY` for browsers without `frame-ancestors` support. */
  frameOption: cloudfront.HeadersFrameOption.DENY,
  /**
   * T6: CloudFront standard access logs never include cookies (they carry session tokens of whatever shares the
   * domain). Not relaxable.
   */
  logIncludesCookies: false,
  /** T6: where CloudFront writes its access logs in the log bucket. */
  cloudFrontLogPrefix: 'cloudfront/',
  /** T6: where S3 writes the site bucket's server access logs in the log bucket. */
  s3AccessLogPrefix: 's3-access/',
  /**
   * T6: access logs (log bucket) and WAF logs (log group) kept one year, then deleted. Change: `logRetention`
   * (finite only).
   */
  logRetention: logs.RetentionDays.ONE_YEAR,
  /**
   * Tampering (defacement, a bad deploy): the site bucket keeps replaced and deleted objects for 90 days, so a
   * version can be restored. Not a prop (add a lifecycle rule on `bucket` to keep them longer).
   */
  noncurrentVersionExpiration: Duration.days(90),
  /**
   * T3: WAF rate-based rule, requests per client IP per 5 minutes before the IP is blocked. Higher than SecureApi's
   * because one page view of a static site fetches many assets. Change: `wafRateLimit` (10 to 2,000,000,000).
   */
  wafRateLimit: 2000,
  /** T3: AWS managed rule groups in the web ACL, in evaluation order. Relax: `webAclArn` (your own ACL) or `relaxations.waf`. */
  wafManagedRuleGroups: [
    'AWSManagedRulesAmazonIpReputationList',
    'AWSManagedRulesCommonRuleSet',
    'AWSManagedRulesKnownBadInputsRuleSet',
  ],
  /** T5: request headers WAF must not write to its logs (bearer tokens, session cookies). Not relaxable. */
  wafRedactedHeaders: ['authorization', 'cookie'],
} as const;

/** Limits accepted by validation, with the AWS limits they come from. */
export const SECURE_SITE_LIMITS = {
  /** WAF rate-based rule limit: 10 to 2,000,000,000 requests per evaluation window. */
  wafRateLimit: { min: 10, max: 2_000_000_000 },
  /** CloudFront response headers policy: the Content-Security-Policy value is at most 1783 characters. */
  contentSecurityPolicyMaxLength: 1783,
  /** CloudFront response headers policy: a custom header value is at most 1783 characters. */
  customHeaderMaxLength: 1783,
  /** The viewer security policies below TLS 1.2, refused. */
  insecureProtocols: [
    cloudfront.SecurityPolicyProtocol.SSL_V3,
    cloudfront.SecurityPolicyProtocol.TLS_V1,
    cloudfront.SecurityPolicyProtocol.TLS_V1_2016,
    cloudfront.SecurityPolicyProtocol.TLS_V1_1_2016,
  ] as readonly cloudfront.SecurityPolicyProtocol[],
  /** The HTTP status codes CloudFront can answer with a custom error response. */
  errorCodes: [400, 403, 404, 405, 414, 416, 500, 501, 502, 503, 504] as readonly number[],
  /** A CloudFront web ACL ARN: WAFv2, us-east-1, scope `global`. */
  cloudFrontWebAclArn: /^arn:aws[a-z-]*:wafv2:us-east-1:\d{12}:global\/webacl\/[^/]+\/[^/]+$/,
} as const;
