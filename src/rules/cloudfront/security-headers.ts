import { CacheBehavior, cacheBehaviorsOf, capitalize, distributionConfigOf, isPlainObject, isUnset } from './private/distribution';
import { AuditedResource } from '../../core/audited-resource';
import { isIntrinsic, readValue } from '../../core/private/values';
import { IRule, RuleCategory, Severity, Verdict } from '../../core/rule';
import { StackView } from '../../core/stack-view';
import { Verdicts } from '../../core/verdicts';


const RESPONSE_HEADERS_POLICY = 'AWS::CloudFront::ResponseHeadersPolicy';

/** The security headers the rule expects: `SecurityHeadersConfig` key -> header name. */
const HEADERS: { readonly [key: string]: string } = {
  StrictTransportSecurity: 'Strict-Transport-Security',
  ContentTypeOptions: 'X-Content-Type-Options',
  FrameOptions: 'X-Frame-Options',
  ContentSecurityPolicy: 'Content-Security-Policy',
};

const AWS_SECURITY_HEADERS = ['StrictTransportSecurity', 'ContentTypeOptions', 'FrameOptions'];

/**
 * AWS managed response headers policies (CloudFront Developer Guide, "Use managed response headers policies"): the
 * security headers each one sets. None sets a Content-Security-Policy: a CSP depends on the site.
 */
const MANAGED_POLICIES: { readonly [id: string]: { readonly name: string; readonly headers: string[] } } = {
  '67f7725c-6f97-4210-82d7-5512b31e9d03': { name: 'SecurityHeadersPolicy', headers: AWS_SECURITY_HEADERS },
  'e61eb60c-9c35-4d20-a928-2b84e02af89c': { name: 'CORS-and-SecurityHeadersPolicy', headers: AWS_SECURITY_HEADERS },
  'eaab4381-ed33-4a86-88ca-d9558dc6cd63': { name: 'CORS-with-preflight-and-SecurityHeadersPolicy', headers: AWS_SECURITY_HEADERS },
  '60669652-455b-4ae9-85a4-c4c02393f86c': { name: 'SimpleCORS', headers: [] },
  '5cc3b908-e619-4b99-88e5-2cf7f45965bd': { name: 'CORS-With-Preflight', headers: [] },
};

/** A behavior's policy and the security headers it sets, or the verdict when that is not known. */
type PolicyHeaders = { readonly policy: string; readonly headers: Set<string> } | { readonly verdict: Verdict };

/**
 * T3: every cache behavior of a CloudFront distribution has a response headers policy that sets
 * Strict-Transport-Security (browsers refuse plain HTTP afterwards), X-Content-Type-Options (no MIME sniffing),
 * X-Frame-Options (no clickjacking) and a Content-Security-Policy (limits what injected script can do).
 *
 * Severity: warning. These headers are defence in depth in the viewer's browser: their absence does not by itself
 * expose data or the origin (which SLS-CLOUDFRONT-VIEWER-HTTPS and SLS-CLOUDFRONT-ORIGIN-ACCESS guard as errors),
 * they matter most for HTML, and a behavior serving only an API or media gains little from a CSP or frame options.
 *
 * Findings: a behavior without a policy is reported under the behavior (`default`, or its path pattern); a missing
 * header once per header (`ContentSecurityPolicy`, ...), naming the behaviors that lack it, so a site that has no CSP
 * yet can acknowledge exactly that. The AWS managed `SecurityHeadersPolicy` (and the CORS variants with security
 * headers) set every header but the CSP. A policy that is neither in the stack nor AWS managed (an import, a
 * parameter, a policy of another stack) is undecidable.
 */
export class CloudFrontSecurityHeadersRule implements IRule {
  /** This rule's id: what `id` returns, for code that names the rule (acknowledgements, packs) without an instance. */
  public static readonly ID = 'SLS-CLOUDFRONT-SECURITY-HEADERS';

  public readonly id = CloudFrontSecurityHeadersRule.ID;
  public readonly category = RuleCategory.CONFIGURATION;
  public readonly severity = Severity.WARNING;
  public readonly severityReason?: string = 'Security headers are defence in depth in the viewer\'s browser (HSTS, no MIME sniffing, no framing); a Content-Security-Policy depends on the site and is info.';
  public readonly description = 'Every cache behavior of a CloudFront distribution has a response headers policy setting HSTS, X-Content-Type-Options, X-Frame-Options and a Content-Security-Policy.';
  public readonly remediation = 'Set `responseHeadersPolicy` on `defaultBehavior` and every entry of `additionalBehaviors` to a '
    + 'cloudfront.ResponseHeadersPolicy whose `securityHeadersBehavior` sets `strictTransportSecurity`, `contentTypeOptions`, `frameOptions` '
    + 'and `contentSecurityPolicy` (ResponseHeadersPolicy.SECURITY_HEADERS lacks the CSP), or use SecureSite with `contentSecurityPolicy`.';
  public readonly resourceTypes = ['AWS::CloudFront::Distribution'];

  public check(distribution: AuditedResource, stack: StackView): Verdict[] {
    const subject = 'response headers policy';
    const distributionConfig = distributionConfigOf(distribution, stack, subject);
    if ('verdict' in distributionConfig) return [distributionConfig.verdict];
    const { behaviors, undecidable: unknown } = cacheBehaviorsOf(distributionConfig.config, stack, subject);
    const verdicts: Verdict[] = [...unknown];
    const lacking = new Map<string, { behaviors: string[]; location: string }>();
    for (const behavior of behaviors) {
      const location = `${behavior.location}/ResponseHeadersPolicyId`;
      if (isUnset(behavior.raw.ResponseHeadersPolicyId)) {
        verdicts.push(Verdicts.violation(`${capitalize(behavior.label)} has no response headers policy, so CloudFront adds no security headers.`, { location, findingId: behavior.findingId }));
        continue;
      }
      const policy = this.policyHeaders(behavior, location, stack);
      if ('verdict' in policy) {
        verdicts.push(policy.verdict);
        continue;
      }
      for (const key of Object.keys(HEADERS).filter((k) => !policy.headers.has(k))) {
        const entry = lacking.get(key) ?? { behaviors: [], location };
        entry.behaviors.push(`${behavior.label} (${policy.policy})`);
        lacking.set(key, entry);
      }
    }
    for (const [key, { behaviors: lackingBehaviors, location }] of lacking) {
      // A Content-Security-Policy depends on what the site loads: worth adding, but a secure site may serve without one.
      const severity = key === 'ContentSecurityPolicy' ? Severity.INFO : undefined;
      verdicts.push(Verdicts.violation(`${HEADERS[key]} is not set on ${lackingBehaviors.join(', ')}.`, { location, findingId: key, severity }));
    }
    return verdicts;
  }

  private policyHeaders(behavior: CacheBehavior, location: string, stack: StackView): PolicyHeaders {
    const raw = behavior.raw.ResponseHeadersPolicyId;
    const referenced = stack.referencedResource(raw);
    if (referenced?.resourceType === RESPONSE_HEADERS_POLICY) return this.templatePolicyHeaders(referenced, behavior, location, stack);
    const id = readValue(stack, raw);
    if (!id.known) {
      return { verdict: Verdicts.undecidable(`The response headers policy of ${behavior.label} is not known at synth time.`, id.unknownReason, { location, findingId: behavior.findingId }) };
    }
    const managed = MANAGED_POLICIES[String(id.value)];
    if (!managed) {
      return {
        verdict: Verdicts.undecidable(`The security headers of ${behavior.label} are not known at synth time.`, `response headers policy ${JSON.stringify(id.value)}, which is neither defined in this stack nor an AWS managed policy`, { location, findingId: behavior.findingId }),
      };
    }
    return { policy: `managed policy ${managed.name}`, headers: new Set(managed.headers) };
  }

  private templatePolicyHeaders(policy: AuditedResource, behavior: CacheBehavior, location: string, stack: StackView): PolicyHeaders {
    const name = `policy ${policy.logicalId}`;
    const config = policy.properties.ResponseHeadersPolicyConfig;
    const security = isPlainObject(config) && !isIntrinsic(config) ? config.SecurityHeadersConfig : config;
    if (isIntrinsic(security)) {
      const value = readValue(stack, security);
      if (!value.known) {
        return { verdict: Verdicts.undecidable(`The security headers of ${name} (${behavior.label}) are not known at synth time.`, value.unknownReason, { location, findingId: behavior.findingId }) };
      }
    }
    const headers = new Set<string>();
    for (const key of Object.keys(HEADERS)) {
      const header = isPlainObject(security) ? security[key] : undefined;
      if (header === undefined) continue;
      const value = readValue(stack, header);
      if (!value.known) {
        return { verdict: Verdicts.undecidable(`Whether ${name} sets ${HEADERS[key]} (${behavior.label}) is not known at synth time.`, value.unknownReason, { location, findingId: behavior.findingId }) };
      }
      if (isPlainObject(value.value)) headers.add(key);
    }
    return { policy: name, headers };
  }
}
