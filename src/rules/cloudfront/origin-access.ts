import { capitalize, distributionConfigOf, isPlainObject, isUnset } from './private/distribution';
import { Origin, OriginEndpoint, originEndpoint, originsOf } from './private/origins';
import { AuditedResource } from '../../core/audited-resource';
import { readValue } from '../../core/private/values';
import { IRule, RuleCategory, Severity, Verdict } from '../../core/rule';
import { StackView } from '../../core/stack-view';
import { Verdicts } from '../../core/verdicts';


const ORIGIN_ACCESS_CONTROL = 'AWS::CloudFront::OriginAccessControl';

/**
 * T3: CloudFront reaches S3 origins through an origin access control (OAC), so the bucket stays private and only
 * this distribution (the bucket policy names it in `aws:SourceArn`) can read it. An S3 origin is one with
 * `S3OriginConfig`, or one whose `DomainName` is a bucket endpoint (a reference to a bucket of the stack, or a literal
 * `*.s3*.amazonaws.com` host). One finding per origin (the origin `Id`):
 * - an S3 website endpoint (`bucketWebsiteDomainName`, `S3StaticWebsiteOrigin`): error. Website endpoints are plain
 *   HTTP and do not support OAC, so the bucket must be publicly readable and anyone can bypass CloudFront (and its
 *   WAF, headers and logs).
 * - an S3 REST origin with neither OAC nor a legacy origin access identity, or with an OAC whose `SigningBehavior` is
 *   `never`: error. CloudFront sends unsigned requests, which only a public bucket answers.
 * - a legacy origin access identity (`S3OriginConfig.OriginAccessIdentity` non-empty) without OAC: warning. It still
 *   keeps the bucket private, but it cannot read SSE-KMS objects, does not work with buckets in Regions opened after December 2022, and AWS
 *   recommends migrating to OAC.
 * A custom origin whose domain is unknown at synth time (a parameter, an import) is not judged: the rule cannot tell
 * a website endpoint from any other HTTP server, and flagging every imported API domain would bury real findings.
 */
export class CloudFrontOriginAccessRule implements IRule {
  /** This rule's id: what `id` returns, for code that names the rule (acknowledgements, packs) without an instance. */
  public static readonly ID = 'SLS-CLOUDFRONT-ORIGIN-ACCESS';

  public readonly id = CloudFrontOriginAccessRule.ID;
  public readonly category = RuleCategory.CONFIGURATION;
  public readonly severity = Severity.ERROR;
  public readonly severityReason?: string = 'An S3 origin reached without origin access control needs a public bucket that anyone can read directly, bypassing CloudFront (a legacy origin access identity keeps the bucket private: a warning).';
  public readonly description = 'CloudFront distributions reach S3 origins through an origin access control, never a public bucket or website endpoint.';
  public readonly remediation = 'Use `origins.S3BucketOrigin.withOriginAccessControl(bucket)` (not `S3StaticWebsiteOrigin`, `HttpOrigin` on a bucket '
    + 'endpoint or `withOriginAccessIdentity`) and keep the bucket at `blockPublicAccess: BlockPublicAccess.BLOCK_ALL`; on L1, set '
    + '`OriginAccessControlId` on the origin to an `AWS::CloudFront::OriginAccessControl` that signs requests. SecureSite does this by default.';
  public readonly resourceTypes = ['AWS::CloudFront::Distribution'];

  public check(distribution: AuditedResource, stack: StackView): Verdict[] {
    const subject = 'origin access';
    const distributionConfig = distributionConfigOf(distribution, stack, subject);
    if ('verdict' in distributionConfig) return [distributionConfig.verdict];
    const { origins, undecidable: unknown } = originsOf(distributionConfig.config, stack, subject);
    return [...unknown, ...origins.flatMap((origin) => this.checkOrigin(origin, stack))];
  }

  private checkOrigin(origin: Origin, stack: StackView): Verdict[] {
    const endpoint = originEndpoint(origin.raw.DomainName, stack);
    const label = capitalize(origin.label);
    if (endpoint === OriginEndpoint.S3_WEBSITE) {
      return [Verdicts.violation(`${label} is an S3 website endpoint: website endpoints do not support origin access control, so the bucket must be `
        + 'public and viewers can bypass CloudFront.', { location: `${origin.location}/DomainName`, findingId: origin.findingId })];
    }
    if (origin.raw.S3OriginConfig === undefined && endpoint !== OriginEndpoint.S3_REST) return [];

    const oacLocation = `${origin.location}/OriginAccessControlId`;
    if (!isUnset(origin.raw.OriginAccessControlId)) {
      const oac = readValue(stack, origin.raw.OriginAccessControlId);
      if (!oac.known) {
        return [Verdicts.undecidable(`The origin access control of ${origin.label} is not known at synth time.`, oac.unknownReason, { location: oacLocation, findingId: origin.findingId })];
      }
      return this.checkSigning(origin, stack.referencedResource(origin.raw.OriginAccessControlId), stack);
    }

    const s3Config = origin.raw.S3OriginConfig;
    const oai = isPlainObject(s3Config) ? s3Config.OriginAccessIdentity : undefined;
    if (!isUnset(oai)) {
      const identity = readValue(stack, oai);
      if (!identity.known && isPlainObject(oai) && 'Fn::If' in oai) {
        return [Verdicts.undecidable(`Whether ${origin.label} uses an origin access identity is not known at synth time.`, identity.unknownReason, { location: `${origin.location}/S3OriginConfig/OriginAccessIdentity`, findingId: origin.findingId })];
      }
      return [Verdicts.violation(`${label} uses a legacy origin access identity: it cannot read SSE-KMS encrypted objects and AWS recommends origin `
        + 'access control instead.', { location: `${origin.location}/S3OriginConfig/OriginAccessIdentity`, findingId: origin.findingId, severity: Severity.WARNING })];
    }
    return [Verdicts.violation(`${label} is an S3 bucket reached without origin access control or identity: CloudFront sends unsigned requests, `
      + 'which only a public bucket answers.', { location: oacLocation, findingId: origin.findingId })];
  }

  /** An origin access control of this stack that never signs requests leaves the bucket to answer anonymous requests. */
  private checkSigning(origin: Origin, oac: AuditedResource | undefined, stack: StackView): Verdict[] {
    if (oac?.resourceType !== ORIGIN_ACCESS_CONTROL) return [];
    const location = `${origin.location}/OriginAccessControlId`;
    const signing = readValue(stack, oac.properties.OriginAccessControlConfig?.SigningBehavior);
    if (!signing.known) {
      return [Verdicts.undecidable(`The signing behavior of origin access control ${oac.logicalId} (${origin.label}) is not known at synth time.`, signing.unknownReason, { location, findingId: origin.findingId })];
    }
    if (signing.value === 'never') {
      return [Verdicts.violation(`${capitalize(origin.label)} uses origin access control ${oac.logicalId} with SigningBehavior never: CloudFront sends `
        + 'unsigned requests, which only a public bucket answers.', { location, findingId: origin.findingId })];
    }
    return [];
  }
}
