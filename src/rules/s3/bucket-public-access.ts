import { AuditedResource } from '../../core/audited-resource';
import { IRule, RuleCategory, Severity, Verdict } from '../../core/rule';
import { StackView } from '../../core/stack-view';
import { Verdicts } from '../../core/verdicts';
import { resourcePolicyVerdicts } from '../iam/private/resource-policy';

const BLOCK_FLAGS = ['BlockPublicAcls', 'BlockPublicPolicy', 'IgnorePublicAcls', 'RestrictPublicBuckets'];

/**
 * Flags buckets that can be made public, and bucket policies that make them public:
 * - a `PublicAccessBlockConfiguration` with any of its four flags false or absent (an absent flag is false): error;
 * - no `PublicAccessBlockConfiguration` at all: warning. S3 blocks public access on every new bucket since April 2023
 *   and aws-cdk-lib documents that leaving it out is equivalent, so the bucket is not open; but the explicit setting
 *   keeps an older bucket, or a later console change, from silently differing;
 * - a bucket policy that allows anyone (`Principal: "*"`) without a condition narrowing the callers: error.
 */
export class S3BucketPublicAccessRule implements IRule {
  /** This rule's id: what `id` returns, for code that names the rule (acknowledgements, packs) without an instance. */
  public static readonly ID = 'SLS-S3-PUBLIC-ACCESS';

  public readonly id = S3BucketPublicAccessRule.ID;
  public readonly category: RuleCategory = RuleCategory.CONFIGURATION;
  public readonly severity: Severity = Severity.ERROR;
  public readonly severityReason?: string = 'A bucket policy that admits anyone, or a bucket whose public access block is off, lets anyone '
    + 'on the internet read (or write) its objects; a bucket relying on the S3 default block is a warning (defence in depth).';
  public readonly description: string = 'S3 buckets block all public access and bucket policies admit no anonymous principal.';
  public readonly remediation: string = 'Set blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL on the s3.Bucket, leave publicReadAccess '
    + 'off, and serve public content through CloudFront with an origin access control.';
  public readonly resourceTypes: string[] = ['AWS::S3::Bucket', 'AWS::S3::BucketPolicy'];

  public check(resource: AuditedResource, stack: StackView): Verdict[] {
    if (resource.resourceType === 'AWS::S3::BucketPolicy') {
      return resourcePolicyVerdicts(resource, stack);
    }
    const config = resource.properties.PublicAccessBlockConfiguration;
    const location = 'Properties/PublicAccessBlockConfiguration';
    if (config === undefined) {
      return [Verdicts.violation('The bucket relies on the S3 default for blocking public access; no PublicAccessBlockConfiguration is set.', { findingId: 'PublicAccessBlockConfiguration', location, severity: Severity.WARNING })];
    }
    const verdicts: Verdict[] = [];
    for (const flag of BLOCK_FLAGS) {
      const value = stack.resolve(config?.[flag]);
      if (value.unknownReason) {
        verdicts.push(Verdicts.undecidable(`PublicAccessBlockConfiguration.${flag} is not known.`, value.unknownReason, { findingId: flag, location: `${location}/${flag}` }));
      } else if (value.value !== true && value.value !== 'true') {
        verdicts.push(Verdicts.violation(`PublicAccessBlockConfiguration.${flag} is ${value.value === undefined ? 'not set (false)' : String(value.value)}.`, { findingId: flag, location: `${location}/${flag}` }));
      }
    }
    return verdicts;
  }
}
