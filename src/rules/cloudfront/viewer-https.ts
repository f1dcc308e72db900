import { cacheBehaviorsOf, capitalize, distributionConfigOf } from './private/distribution';
import { AuditedResource } from '../../core/audited-resource';
import { readValue } from '../../core/private/values';
import { IRule, RuleCategory, Severity, Verdict } from '../../core/rule';
import { StackView } from '../../core/stack-view';
import { Verdicts } from '../../core/verdicts';


const HTTPS_POLICIES = new Set(['redirect-to-https', 'https-only']);

/**
 * T3: every cache behavior of a CloudFront distribution serves viewers over HTTPS only (`redirect-to-https` or
 * `https-only`). With `allow-all`, a viewer on an untrusted network can be served, and can send cookies and tokens,
 * over plain HTTP, where anyone on the path reads and rewrites them. One finding per behavior (`default`, or the
 * path pattern), so a deliberate exception is acknowledged on its own.
 */
export class CloudFrontViewerHttpsRule implements IRule {
  /** This rule's id: what `id` returns, for code that names the rule (acknowledgements, packs) without an instance. */
  public static readonly ID = 'SLS-CLOUDFRONT-VIEWER-HTTPS';

  public readonly id = CloudFrontViewerHttpsRule.ID;
  public readonly category = RuleCategory.CONFIGURATION;
  public readonly severity = Severity.ERROR;
  public readonly severityReason?: string = 'With allow-all, viewers send cookies and tokens over plain HTTP, where anyone on the network path reads and rewrites them: a leak.';
  public readonly description = 'Every cache behavior of a CloudFront distribution requires HTTPS from viewers (redirect-to-https or https-only).';
  public readonly remediation = 'Set `viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS` (or `HTTPS_ONLY`) on `defaultBehavior` and '
    + 'every entry of `additionalBehaviors` of the cloudfront.Distribution, or use SecureSite, which redirects every behavior to HTTPS.';
  public readonly resourceTypes = ['AWS::CloudFront::Distribution'];

  public check(distribution: AuditedResource, stack: StackView): Verdict[] {
    const subject = 'viewer protocol policy';
    const distributionConfig = distributionConfigOf(distribution, stack, subject);
    if ('verdict' in distributionConfig) return [distributionConfig.verdict];
    const { behaviors, undecidable: unknown } = cacheBehaviorsOf(distributionConfig.config, stack, subject);
    const verdicts: Verdict[] = [...unknown];
    for (const behavior of behaviors) {
      const location = `${behavior.location}/ViewerProtocolPolicy`;
      const raw = behavior.raw.ViewerProtocolPolicy;
      if (raw === undefined) {
        verdicts.push(Verdicts.violation(`${capitalize(behavior.label)} sets no viewer protocol policy, so it does not require HTTPS.`, { location, findingId: behavior.findingId }));
        continue;
      }
      const policy = readValue(stack, raw);
      if (!policy.known) {
        verdicts.push(Verdicts.undecidable(`The viewer protocol policy of ${behavior.label} is not known at synth time.`, policy.unknownReason, { location, findingId: behavior.findingId }));
      } else if (!HTTPS_POLICIES.has(String(policy.value))) {
        verdicts.push(Verdicts.violation(`${capitalize(behavior.label)} has viewer protocol policy ${policy.value}: viewers can use plain HTTP.`, { location, findingId: behavior.findingId }));
      }
    }
    return verdicts;
  }
}
