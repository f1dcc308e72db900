import { ArnFormat, Stack, Token, aws_logs as logs } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { SECURE_SITE_LIMITS as L } from './defaults';
import type { SecureSiteProps } from './secure-site';
import { PropErrors } from '../../core/prop-errors';
import { RelaxationLedger } from '../common/relaxation';
import { RuleIds } from '../common/rule-ids';

/**
 * The error codes of `SecureSite`. Stable: documented in the README and matched by tests.
 */
export const SS = {
  JUSTIFICATION_TOO_SHORT: 'SS001',
  DEFAULT_CERTIFICATE: 'SS010',
  DOMAIN_WITHOUT_CERTIFICATE: 'SS011',
  CERTIFICATE_WITHOUT_DOMAIN: 'SS012',
  CERTIFICATE_CONFLICT: 'SS013',
  VIEWER_TLS: 'SS014',
  CERTIFICATE_REGION: 'SS015',
  WAF_REGION: 'SS020',
  WAF_CONFLICT: 'SS021',
  WAF_ARN: 'SS022',
  WAF_RATE_RANGE: 'SS023',
  CONTENT_SECURITY_POLICY: 'SS030',
  PERMISSIONS_POLICY: 'SS031',
  LOG_RETENTION: 'SS040',
  DEFAULT_ROOT_OBJECT: 'SS050',
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
export function validateSecureSiteProps(scope: IConstruct, props: SecureSiteProps, errors: PropErrors): SiteValidationOutcome {
  const ledger = new RelaxationLedger(errors, SS.JUSTIFICATION_TOO_SHORT);

  checkViewerTls(scope, props, errors, ledger);
  const waf = checkWaf(scope, props, errors, ledger);

  // --- response headers (T3)
  checkHeaderValue(errors, SS.CONTENT_SECURITY_POLICY, 'contentSecurityPolicy', props.contentSecurityPolicy,
    L.contentSecurityPolicyMaxLength);
  checkHeaderValue(errors, SS.PERMISSIONS_POLICY, 'permissionsPolicy', props.permissionsPolicy, L.customHeaderMaxLength);

  // --- logging (T6)
  if (props.logRetention === logs.RetentionDays.INFINITE) {
    errors.add(SS.LOG_RETENTION, 'logRetention', 'must be a finite retention but was INFINITE',
      'Choose a finite `logRetention` (default ONE_YEAR); copy the logs elsewhere if they must be kept longer');
  }

  const root = props.defaultRootObject;
  if (root !== undefined && !Token.isUnresolved(root) && (root.length === 0 || root.startsWith('/') || CONTROL_CHARACTERS.test(root))) {
    errors.add(SS.DEFAULT_ROOT_OBJECT, 'defaultRootObject', `must be an object key without a leading '/' but was '${root}'`,
      "Name the object served for '/', for example 'index.html'");
  }
  return { relaxations: ledger.accepted, waf };
}

/** Custom domain, certificate and TLS policy, or the justified default certificate (T3). */
function checkViewerTls(scope: IConstruct, props: SecureSiteProps, errors: PropErrors, ledger: RelaxationLedger): void {
  const domains = props.domainNames ?? [];
  const hasDomains = domains.length > 0;
  const certificate = props.certificate;
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

  const rate = props.wafRateLimit;
  if (rate !== undefined && !Token.isUnresolved(rate) && (!Number.isInteger(rate) || rate < L.wafRateLimit.min || rate > L.wafRateLimit.max)) {
    errors.add(SS.WAF_RATE_RANGE, 'wafRateLimit', `must be an integer between ${L.wafRateLimit.min} and ${L.wafRateLimit.max} but was ${rate}`,
      'Set the number of requests one IP may send in 5 minutes');
  }

  if (arn !== undefined) {
    if (justification !== undefined) {
      errors.add(SS.WAF_CONFLICT, 'relaxations.waf', 'removes the web ACL but `webAclArn` asks for one',
        'Keep only one: `webAclArn` to use your web ACL, or `relaxations.waf` for no web ACL');
    }
    if (!Token.isUnresolved(arn) && !L.cloudFrontWebAclArn.test(arn)) {
      errors.add(SS.WAF_ARN, 'webAclArn', `must be the ARN of a WAFv2 web ACL with CLOUDFRONT scope (arn:aws:wafv2:us-east-1:<account>:global/webacl/<name>/<id>) but was '${arn}'`,
        'Pass the ARN of a web ACL created in us-east-1 with scope CLOUDFRONT (regional web ACLs and WAF Classic ids cannot protect a distribution)');
    }
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

function checkHeaderValue(errors: PropErrors, code: string, prop: string, value: string | undefined, maxLength: number): void {
  if (value === undefined || Token.isUnresolved(value)) return;
  if (value.trim().length === 0) {
    errors.add(code, prop, 'must not be empty', `Remove \`${prop}\` for the default, or give the header's value`);
  } else if (CONTROL_CHARACTERS.test(value)) {
    errors.add(code, prop, 'must be one line without control characters', 'Separate directives with \'; \' on one line');
  } else if (value.length > maxLength) {
    errors.add(code, prop, `must be at most ${maxLength} characters (CloudFront limit) but has ${value.length}`,
      'Shorten the policy (for example, group sources under a common host)');
  }
}
