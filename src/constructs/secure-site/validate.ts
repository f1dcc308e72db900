import { ArnFormat, Stack, Token, aws_certificatemanager as acm, aws_cloudfront as cloudfront, aws_kms as kms } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { SECURE_SITE_LIMITS as L } from './defaults';
import { ContentSecurityPolicy } from './private/content-security-policy';
import type { SecureSiteProps } from './props';
import { PropErrors } from '../../core/prop-errors';
import { RelaxationLedger } from '../common/relaxation';
import { RuleIds } from '../common/rule-ids';
import { PropChecks } from '../secure-api/private/prop-checks';

/**
 * The error codes of `SecureSite`. Stable: documented in the README and matched by tests.
 */
export const SS = {
  JUSTIFICATION_TOO_SHORT: 'SS001',
  PROPS: 'SS002',
  DEFAULT_CERTIFICATE: 'SS010',
  DOMAIN_WITHOUT_CERTIFICATE: 'SS011',
  CERTIFICATE_WITHOUT_DOMAIN: 'SS012',
  CERTIFICATE_CONFLICT: 'SS013',
  VIEWER_TLS: 'SS014',
  CERTIFICATE_REGION: 'SS015',
  DOMAIN_NAME: 'SS016',
  ENUM_VALUE: 'SS017',
  WAF_REGION: 'SS020',
  WAF_CONFLICT: 'SS021',
  WAF_ARN: 'SS022',
  WAF_RATE_RANGE: 'SS023',
  CONTENT_SECURITY_POLICY: 'SS030',
  PERMISSIONS_POLICY: 'SS031',
  CONTENT_SECURITY_POLICY_WEAK: 'SS032',
  CONTENT_SECURITY_POLICY_UNDECIDABLE: 'SS033',
  LOG_RETENTION: 'SS040',
  DEFAULT_ROOT_OBJECT: 'SS050',
  ERROR_RESPONSES: 'SS051',
  COMMENT: 'SS052',
  GEO_RESTRICTION: 'SS053',
} as const;

/** How the site gets its web ACL, as decided by validation. */
export enum WafPlan {
  /** Create a CLOUDFRONT-scope web ACL (the stack is in us-east-1). */
  CREATE = 'CREATE',
  /** Use the web ACL of `webAclArn`. */
  IMPORTED = 'IMPORTED',
  /** No web ACL (`relaxations.waf` accepted), or the props were refused. */
  NONE = 'NONE',
}

/** What prop validation accepted besides errors. */
export interface SiteValidationOutcome {
  /** Accepted relaxations, as [rule id, justification]. */
  readonly relaxations: Array<[string, string]>;
  /** How the web ACL is provided. */
  readonly waf: WafPlan;
}

/** Control characters (including line breaks) cannot appear in a header value. */
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;

/**
 * Check every prop of a `SecureSite` before anything is created; every problem goes to `errors`.
 *
 * @param scope the site's scope (for the stack's region)
 */
export function validateSecureSiteProps(scope: IConstruct, given: SecureSiteProps | undefined, errors: PropErrors): SiteValidationOutcome {
  if (given !== undefined && given !== null && (typeof given !== 'object' || Array.isArray(given))) {
    errors.add(SS.PROPS, 'props', `must be an object but was ${PropErrors.show(given)}`, 'Pass { domainNames, certificate, ... } (or nothing)');
    return { relaxations: [], waf: WafPlan.NONE };
  }
  const props: SecureSiteProps = given ?? {};
  const ledger = new RelaxationLedger(errors, SS.JUSTIFICATION_TOO_SHORT);

  checkViewerTls(scope, props, errors, ledger);
  const waf = checkWaf(scope, props, errors, ledger);

  // --- response headers (T3)
  checkContentSecurityPolicy(props, errors, ledger);
  checkHeaderValue(errors, SS.PERMISSIONS_POLICY, 'permissionsPolicy', props.permissionsPolicy, L.customHeaderMaxLength);

  // --- logging (T6)
  PropChecks.retention(errors, SS.LOG_RETENTION, 'logRetention', props.logRetention);
  if (props.encryptionKey !== undefined && props.encryptionKey !== null && typeof (props.encryptionKey as kms.IKey).keyArn !== 'string') {
    errors.add(SS.LOG_RETENTION, 'encryptionKey', `must be a kms.IKey but was ${PropErrors.show(props.encryptionKey)}`,
      'Pass a kms.Key (or kms.Key.fromKeyArn), or remove `encryptionKey` for the stack\'s shared key');
  }

  // --- what is served
  PropChecks.text(errors, SS.DEFAULT_ROOT_OBJECT, 'defaultRootObject', props.defaultRootObject, {
    maxLength: 255, pattern: /^[^/]/, patternDescription: 'an object key without a leading \'/\'', fix: "Name the object served for '/', for example 'index.html'",
  });
  PropChecks.text(errors, SS.COMMENT, 'comment', props.comment, { maxLength: 128, fix: 'Write the comment in one line of at most 128 characters' });
  PropChecks.oneOf(errors, SS.ENUM_VALUE, 'priceClass', props.priceClass, Object.values(cloudfront.PriceClass));
  if (props.geoRestriction !== undefined && props.geoRestriction !== null && !(props.geoRestriction instanceof cloudfront.GeoRestriction)) {
    errors.add(SS.GEO_RESTRICTION, 'geoRestriction', `must be a cloudfront.GeoRestriction but was ${PropErrors.show(props.geoRestriction)}`,
      "Use cloudfront.GeoRestriction.allowlist('DE', 'FR') or denylist(...)");
  }
  checkErrorResponses(props.errorResponses, errors);

  PropChecks.justifications(errors, SS.JUSTIFICATION_TOO_SHORT, 'relaxations.', props.relaxations);
  return { relaxations: ledger.accepted, waf };
}

/** CloudFront custom error responses: the status codes it can replace, a page path, a cache time (aws-cdk-lib's own rules first). */
function checkErrorResponses(value: unknown, errors: PropErrors): void {
  if (value === undefined) return;
  const fix = "Write { httpStatus: 404, responseHttpStatus: 200, responsePagePath: '/index.html', ttl: Duration.minutes(5) }";
  if (!Array.isArray(value)) {
    errors.add(SS.ERROR_RESPONSES, 'errorResponses', `must be a list but was ${PropErrors.show(value)}`, fix);
    return;
  }
  value.forEach((response: cloudfront.ErrorResponse, i) => {
    const prop = `errorResponses[${i}]`;
    if (response === null || typeof response !== 'object') {
      errors.add(SS.ERROR_RESPONSES, prop, `must be an error response but was ${PropErrors.show(response)}`, fix);
      return;
    }
    const status = errors.number(SS.ERROR_RESPONSES, `${prop}.httpStatus`, response.httpStatus, { min: 400, max: 599 }, fix);
    if (status !== undefined && !L.errorCodes.includes(status)) {
      errors.add(SS.ERROR_RESPONSES, `${prop}.httpStatus`, `must be a status CloudFront can replace (${L.errorCodes.join(', ')}) but was ${status}`, fix);
    }
    if (response.httpStatus === undefined) errors.add(SS.ERROR_RESPONSES, `${prop}.httpStatus`, 'is required', fix);
    errors.number(SS.ERROR_RESPONSES, `${prop}.responseHttpStatus`, response.responseHttpStatus, { min: 200, max: 599 }, fix);
    PropChecks.text(errors, SS.ERROR_RESPONSES, `${prop}.responsePagePath`, response.responsePagePath,
      { maxLength: 4096, pattern: /^\/\S*$/, patternDescription: 'a path starting with /', fix });
    errors.seconds(SS.ERROR_RESPONSES, `${prop}.ttl`, response.ttl, { min: 0, max: 31_536_000 }, 'a whole number of seconds up to a year', fix);
    if (response.responseHttpStatus === undefined && response.ttl === undefined && response.responsePagePath === undefined) {
      errors.add(SS.ERROR_RESPONSES, prop, 'must set responseHttpStatus, responsePagePath or ttl', fix);
    } else if ((response.responsePagePath === undefined) !== (response.responseHttpStatus === undefined)) {
      errors.add(SS.ERROR_RESPONSES, prop, 'must set responsePagePath and responseHttpStatus together', fix);
    }
  });
}

/**
 * The Content-Security-Policy: a valid header value, and strong (no script from anywhere, inline or eval; no `*`,
 * no plain-text source) unless `relaxations.contentSecurityPolicy` justifies it. A token is resolved when synth can;
 * one known only at deploy time is an acknowledgeable warning.
 */
function checkContentSecurityPolicy(props: SecureSiteProps, errors: PropErrors, ledger: RelaxationLedger): void {
  const value = props.contentSecurityPolicy as unknown;
  if (value === undefined) return;
  if (typeof value !== 'string') {
    errors.add(SS.CONTENT_SECURITY_POLICY, 'contentSecurityPolicy', `must be text but was ${PropErrors.show(value)}`,
      "Write the policy as one line, for example \"default-src 'self'; object-src 'none'\"");
    return;
  }
  const literal = errors.resolveString(value).value;
  if (literal === undefined) {
    errors.undecidable(SS.CONTENT_SECURITY_POLICY_UNDECIDABLE, 'contentSecurityPolicy', 'is known only at deploy time, so it cannot be checked to restrict scripts at synth',
      'Write the policy literally, or acknowledge this warning after reviewing the deployed policy');
    return;
  }
  if (!checkHeaderValue(errors, SS.CONTENT_SECURITY_POLICY, 'contentSecurityPolicy', literal, L.contentSecurityPolicyMaxLength)) return;
  const weaknesses = ContentSecurityPolicy.weaknesses(literal);
  const justification = props.relaxations?.contentSecurityPolicy;
  if (weaknesses.length > 0 && !ledger.accept('relaxations.contentSecurityPolicy', justification, `${RuleIds.CLOUDFRONT_SECURITY_HEADERS}[ContentSecurityPolicy]`) && justification === undefined) {
    for (const weakness of weaknesses) {
      errors.add(SS.CONTENT_SECURITY_POLICY_WEAK, 'contentSecurityPolicy', weakness,
        "Restrict scripts to your own origin and named hosts (script-src 'self' https://cdn.example.com), over https, without 'unsafe-inline' or 'unsafe-eval'; or set `relaxations.contentSecurityPolicy` to a written justification");
    }
  }
}

/** Custom domain, certificate and TLS policy, or the justified default certificate (T3). */
function checkViewerTls(scope: IConstruct, props: SecureSiteProps, errors: PropErrors, ledger: RelaxationLedger): void {
  const domains = PropChecks.strings(errors, SS.DOMAIN_NAME, 'domainNames', props.domainNames, 'List the domain names the certificate covers (www.example.com)',
    (name) => PropChecks.domainNameProblem(name, { wildcard: true, lowerCase: false })) ?? [];
  const hasDomains = Array.isArray(props.domainNames) && props.domainNames.length > 0;
  const certificate = props.certificate as acm.ICertificate | undefined | null;
  if (certificate !== undefined && certificate !== null && typeof certificate.certificateArn !== 'string') {
    errors.add(SS.CERTIFICATE_REGION, 'certificate', `must be an ACM certificate but was ${PropErrors.show(certificate)}`,
      'Pass an acm.ICertificate from us-east-1 (acm.Certificate.fromCertificateArn)');
    return;
  }
  if (new Set(domains.map((d) => d.toLowerCase())).size !== domains.length) {
    errors.add(SS.DOMAIN_NAME, 'domainNames', 'lists a domain name twice', 'List each domain name once');
  }
  const justification = props.relaxations?.defaultCertificate;

  if (hasDomains && !certificate) {
    errors.add(SS.DOMAIN_WITHOUT_CERTIFICATE, 'domainNames', 'need a `certificate` covering them',
      'Pass an ACM certificate from us-east-1 as `certificate` (for example acm.Certificate with DNS validation in a us-east-1 stack)');
  }
  if (certificate && !hasDomains) {
    errors.add(SS.CERTIFICATE_WITHOUT_DOMAIN, 'certificate', 'is only used with `domainNames` but none was given',
      'List the domain names the certificate covers in `domainNames`');
  }
  if (certificate && !Token.isUnresolved(certificate.certificateArn)) {
    const region = Stack.of(scope).splitArn(certificate.certificateArn, ArnFormat.SLASH_RESOURCE_NAME).region;
    if (region && !Token.isUnresolved(region) && region !== 'us-east-1') {
      errors.add(SS.CERTIFICATE_REGION, 'certificate', `must be an ACM certificate in us-east-1 but is in ${region}`,
        'Request the certificate in us-east-1 (CloudFront only uses certificates from that region)');
    }
  }
  const protocol = props.minimumProtocolVersion;
  if (protocol !== undefined && L.insecureProtocols.includes(protocol)) {
    errors.add(SS.VIEWER_TLS, 'minimumProtocolVersion', `must be TLS 1.2 or newer but was ${protocol}`,
      'Remove `minimumProtocolVersion` (TLSv1.2_2021 is the default) or choose TLS_V1_2_2025 or TLS_V1_3_2025');
  } else {
    PropChecks.oneOf(errors, SS.VIEWER_TLS, 'minimumProtocolVersion', protocol, Object.values(cloudfront.SecurityPolicyProtocol));
  }

  if (justification !== undefined && (hasDomains || certificate)) {
    errors.add(SS.CERTIFICATE_CONFLICT, 'relaxations.defaultCertificate', 'relaxes the default certificate but `domainNames`/`certificate` replace it',
      'Keep only one: `domainNames` + `certificate` (TLS 1.2 or newer), or `relaxations.defaultCertificate`');
  } else if (!hasDomains && !certificate) {
    if (protocol !== undefined) {
      errors.add(SS.VIEWER_TLS, 'minimumProtocolVersion', 'only applies with a custom domain: the default *.cloudfront.net certificate accepts TLS 1.0',
        'Pass `domainNames` and `certificate`, or remove `minimumProtocolVersion`');
    }
    ledger.require('relaxations.defaultCertificate', justification, RuleIds.CLOUDFRONT_VIEWER_TLS, {
      code: SS.DEFAULT_CERTIFICATE,
      prop: 'domainNames',
      problem: 'are required: without a custom domain, viewers reach the site on *.cloudfront.net with the default certificate, which accepts TLS 1.0 and 1.1',
      fix: 'Pass `domainNames` and an ACM `certificate` from us-east-1 (TLS 1.2 or newer is then enforced), or set `relaxations.defaultCertificate` to a written justification',
    });
  }
}

/** Web ACL: an existing one, one created here (us-east-1 only), or a justified absence (T3). */
function checkWaf(scope: IConstruct, props: SecureSiteProps, errors: PropErrors, ledger: RelaxationLedger): WafPlan {
  const justification = props.relaxations?.waf;
  const arn = props.webAclArn;

  errors.number(SS.WAF_RATE_RANGE, 'wafRateLimit', props.wafRateLimit, L.wafRateLimit, 'Set the number of requests one IP may send in 5 minutes');

  if (arn !== undefined) {
    if (justification !== undefined) {
      errors.add(SS.WAF_CONFLICT, 'relaxations.waf', 'removes the web ACL but `webAclArn` asks for one',
        'Keep only one: `webAclArn` to use your web ACL, or `relaxations.waf` for no web ACL');
    }
    PropChecks.text(errors, SS.WAF_ARN, 'webAclArn', arn, {
      maxLength: 2048,
      pattern: L.cloudFrontWebAclArn,
      patternDescription: 'the ARN of a WAFv2 web ACL with CLOUDFRONT scope (arn:aws:wafv2:us-east-1:<account>:global/webacl/<name>/<id>)',
      fix: 'Pass the ARN of a web ACL created in us-east-1 with scope CLOUDFRONT (regional web ACLs and WAF Classic ids cannot protect a distribution)',
    });
    if (props.wafRateLimit !== undefined) {
      errors.add(SS.WAF_CONFLICT, 'wafRateLimit', 'only applies to the web ACL SecureSite creates, but `webAclArn` was given',
        'Remove `wafRateLimit`, or configure the rate-based rule in your web ACL');
    }
    return WafPlan.IMPORTED;
  }
  if (justification !== undefined) {
    if (props.wafRateLimit !== undefined) {
      errors.add(SS.WAF_CONFLICT, 'wafRateLimit', 'only applies to the web ACL SecureSite creates, but `relaxations.waf` removes it',
        'Remove `wafRateLimit` or `relaxations.waf`');
    }
    ledger.accept('relaxations.waf', justification, RuleIds.CLOUDFRONT_WAF);
    return WafPlan.NONE;
  }
  const region = Stack.of(scope).region;
  if (Token.isUnresolved(region) || region !== 'us-east-1') {
    const where = Token.isUnresolved(region) ? 'is not known at synth (environment-agnostic stack)' : `is ${region}`;
    errors.add(SS.WAF_REGION, 'webAclArn', `is required: a CloudFront web ACL must be created in us-east-1, and this stack's region ${where}`,
      'Pass the ARN of a CLOUDFRONT-scope web ACL as `webAclArn` (for example from a us-east-1 stack), or deploy this stack in us-east-1 (`env: { region: \'us-east-1\' }`), or set `relaxations.waf` to a written justification');
    return WafPlan.NONE;
  }
  return WafPlan.CREATE;
}

function checkHeaderValue(errors: PropErrors, code: string, prop: string, value: unknown, maxLength: number): boolean {
  if (value === undefined) return true;
  const literal = typeof value === 'string' ? errors.resolveString(value).value : undefined;
  if (typeof value === 'string' && literal === undefined) return true; // known at deploy time only
  if (literal === undefined) {
    errors.add(code, prop, `must be text but was ${PropErrors.show(value)}`, `Give the header's value as one line, or remove \`${prop}\``);
  } else if (literal.trim().length === 0) {
    errors.add(code, prop, 'must not be empty', `Remove \`${prop}\` for the default, or give the header's value`);
  } else if (CONTROL_CHARACTERS.test(literal)) {
    errors.add(code, prop, 'must be one line without control characters', 'Separate directives with \'; \' on one line');
  } else if (literal.length > maxLength) {
    errors.add(code, prop, `must be at most ${maxLength} characters (CloudFront limit) but has ${literal.length}`,
      'Shorten the policy (for example, group sources under a common host)');
  } else {
    return true;
  }
  return false;
}
