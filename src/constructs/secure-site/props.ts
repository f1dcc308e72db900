import { aws_certificatemanager as acm, aws_cloudfront as cloudfront, aws_kms as kms, aws_logs as logs } from 'aws-cdk-lib';

/**
 * Written justifications that relax a secure default of `SecureSite`. Each is a written reason (at least 10 visible
 * characters, words rather than whitespace, invisible or repeated characters) and is recorded as an acknowledgement
 * of the matching audit rule and of its cdk-nag equivalent on the distribution, so both reports list it as an
 * acknowledged exception.
 */
export interface SecureSiteRelaxations {
  /**
   * Serve the site on its `*.cloudfront.net` name with CloudFront's default certificate, which accepts TLS 1.0 and
   * 1.1 from viewers (no `domainNames`/`certificate`). Recorded as `SLS-CLOUDFRONT-VIEWER-TLS` and `AwsSolutions-CFR4`
   * on the distribution.
   *
   * @default - a custom domain with an ACM certificate is required
   */
  readonly defaultCertificate?: string;
  /**
   * No web ACL in front of the distribution. Recorded as `SLS-CLOUDFRONT-WAF` and `AwsSolutions-CFR2` on the
   * distribution.
   *
   * @default - a web ACL is created (stack in us-east-1), or `webAclArn` is used
   */
  readonly waf?: string;
  /**
   * Accepts a `contentSecurityPolicy` that lets injected script run: scripts from any host, inline scripts without a
   * nonce or hash (`'unsafe-inline'`), `'unsafe-eval'`, `data:` scripts, `*` or plain-text (`http:`) sources, or no
   * script restriction at all. Recorded as `SLS-CLOUDFRONT-SECURITY-HEADERS[ContentSecurityPolicy]` on the
   * distribution.
   *
   * @default - a weak Content-Security-Policy is refused
   */
  readonly contentSecurityPolicy?: string;
}

/** Props of `SecureSite`. */
export interface SecureSiteProps {
  /**
   * The site's domain names (`www.example.com`), covered by `certificate`. Viewers then negotiate TLS 1.2 or newer.
   *
   * @default - none: `relaxations.defaultCertificate` is then required
   */
  readonly domainNames?: string[];

  /**
   * The ACM certificate (in us-east-1) covering `domainNames`.
   *
   * @default - none: `relaxations.defaultCertificate` is then required
   */
  readonly certificate?: acm.ICertificate;

  /**
   * The viewer TLS security policy with a custom domain. Policies below TLS 1.2 are refused.
   *
   * @default cloudfront.SecurityPolicyProtocol.TLS_V1_2_2021
   */
  readonly minimumProtocolVersion?: cloudfront.SecurityPolicyProtocol;

  /**
   * The edge locations that serve the site (not a security control).
   *
   * @default cloudfront.PriceClass.PRICE_CLASS_ALL
   */
  readonly priceClass?: cloudfront.PriceClass;

  /**
   * The object served for `/`.
   *
   * @default 'index.html'
   */
  readonly defaultRootObject?: string;

  /**
   * How CloudFront answers errors, for example a single-page app serving `/index.html` with status 200 for 403 and
   * 404 (the origin answers 403 for a missing object: CloudFront may not list the bucket).
   *
   * @default - CloudFront passes the origin's error through
   */
  readonly errorResponses?: cloudfront.ErrorResponse[];

  /**
   * The countries allowed or denied.
   *
   * @default - the site is served in every country. cdk-nag reports that as `AwsSolutions-CFR1` (a warning): which
   * countries a business serves is its decision, so SecureSite does not acknowledge it for you. Pass a restriction,
   * or acknowledge `AwsSolutions-CFR1` on `distribution` with your reason.
   */
  readonly geoRestriction?: cloudfront.GeoRestriction;

  /**
   * The `Content-Security-Policy` header of every response (one line, at most 1783 characters). A policy that lets
   * injected script run is refused (SS032) unless `relaxations.contentSecurityPolicy` justifies it: no `script-src`
   * nor `default-src`; scripts from `*` or any `https:` host, `'unsafe-inline'` (without a nonce or hash),
   * `'unsafe-eval'` or `data:`; `*` or `http:`/`ws:` sources in any directive. A policy known only at deploy time is
   * an acknowledgeable warning (SS033).
   *
   * @default "default-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'"
   */
  readonly contentSecurityPolicy?: string;

  /**
   * A `Permissions-Policy` header for every response (`camera=(), microphone=(), geolocation=()`).
   *
   * @default - no Permissions-Policy header
   */
  readonly permissionsPolicy?: string;

  /**
   * An existing WAFv2 web ACL with CLOUDFRONT scope (created in us-east-1) to attach to the distribution, instead of
   * creating one. Required when the stack is not in us-east-1 (or is environment-agnostic), unless
   * `relaxations.waf` is set.
   *
   * @default - a web ACL is created when the stack's region is us-east-1
   */
  readonly webAclArn?: string;

  /**
   * Requests per client IP per 5 minutes before the created web ACL blocks the IP.
   *
   * @default 2000
   */
  readonly wafRateLimit?: number;

  /**
   * The customer-managed key of the WAF log group. A key you pass must allow CloudWatch Logs
   * (`logs.us-east-1.amazonaws.com`) to use it.
   *
   * @default - the stack's shared key (`StackKey.of(this)`)
   */
  readonly encryptionKey?: kms.IKey;

  /**
   * How long access logs (in the log bucket) and WAF logs (in the log group) are kept. `INFINITE` is refused.
   *
   * @default logs.RetentionDays.ONE_YEAR
   */
  readonly logRetention?: logs.RetentionDays;

  /**
   * A comment on the distribution.
   *
   * @default - no comment
   */
  readonly comment?: string;

  /**
   * Written justifications that relax secure defaults.
   *
   * @default - no relaxation
   */
  readonly relaxations?: SecureSiteRelaxations;
}
