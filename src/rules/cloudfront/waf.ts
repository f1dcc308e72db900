import { CONFIG_LOCATION, distributionConfigOf, isUnset } from './private/distribution';
import { AuditedResource } from '../../core/audited-resource';
import { readValue } from '../../core/private/values';
import { IRule, RuleCategory, Severity, Verdict } from '../../core/rule';
import { StackView } from '../../core/stack-view';
import { Verdicts } from '../../core/verdicts';


/**
 * T3: a CloudFront distribution is associated with an AWS WAF web ACL (`WebACLId`), so common exploits, known bad
 * inputs and request floods are filtered at the edge, before they reach the origin or the bill. A distribution is
 * public by construction, so there is no private case to exempt. A literal `WebACLId` that is not an ARN names an
 * AWS WAF Classic web ACL, which AWS no longer supports (`waf-classic`).
 *
 * Severity warning, like `SLS-APIGW-WAF`: a web ACL is defence in depth that costs money per request, and the
 * controls it backs up (authorization, input validation, throttling) are errors of their own.
 */
export class CloudFrontWafRule implements IRule {
  /** This rule's id: what `id` returns, for code that names the rule (acknowledgements, packs) without an instance. */
  public static readonly ID = 'SLS-CLOUDFRONT-WAF';

  public readonly id = CloudFrontWafRule.ID;
  public readonly category = RuleCategory.CONFIGURATION;
  public readonly severity = Severity.WARNING;
  public readonly severityReason?: string = 'A web ACL filters common exploits and request floods at the edge; the controls it backs up are judged by their own rules, so it is defence in depth.';
  public readonly description = 'CloudFront distributions are associated with an AWS WAF web ACL.';
  public readonly remediation = 'Create a `wafv2.CfnWebACL` with `scope: "CLOUDFRONT"` in us-east-1 (AWS managed rule groups and a rate-based rule) and '
    + 'pass its `attrArn` as `webAclId` of the cloudfront.Distribution, or use SecureSite with `webAclArn`.';
  public readonly resourceTypes = ['AWS::CloudFront::Distribution'];

  public check(distribution: AuditedResource, stack: StackView): Verdict[] {
    const distributionConfig = distributionConfigOf(distribution, stack, 'web ACL');
    if ('verdict' in distributionConfig) return [distributionConfig.verdict];
    const location = `${CONFIG_LOCATION}/WebACLId`;
    const raw = distributionConfig.config.WebACLId;
    if (isUnset(raw)) {
      return [Verdicts.violation(`Distribution ${distribution.logicalId} has no WAF web ACL: every request reaches the origin unfiltered.`, { location })];
    }
    const acl = readValue(stack, raw);
    if (!acl.known) return [Verdicts.undecidable(`The web ACL of distribution ${distribution.logicalId} is not known at synth time.`, acl.unknownReason, { location })];
    if (typeof raw === 'string' && !raw.startsWith('arn:')) {
      return [Verdicts.violation(`Distribution ${distribution.logicalId} uses AWS WAF Classic web ACL ${raw}; AWS WAF Classic support ended on 30 September 2025; `
        + 'use an AWS WAF (v2) web ACL ARN.', { location, findingId: 'waf-classic', severity: Severity.WARNING })];
    }
    return [];
  }
}
