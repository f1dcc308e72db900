import { CONFIG_LOCATION, distributionConfigOf, isPlainObject, isUnset } from './private/distribution';
import { AuditedResource } from '../../core/audited-resource';
import { isIntrinsic, readValue } from '../../core/private/values';
import { IRule, RuleCategory, Severity, Verdict } from '../../core/rule';
import { StackView } from '../../core/stack-view';
import { Verdicts } from '../../core/verdicts';


const DELIVERY_SOURCE = 'AWS::Logs::DeliverySource';
const DELIVERY = 'AWS::Logs::Delivery';

/**
 * T6: a CloudFront distribution writes access logs, the only record of who requested what at the edge (client IP,
 * URI, status, edge location, TLS version), needed to investigate abuse and to tune the WAF. Either:
 * - legacy standard logging: `DistributionConfig.Logging.Bucket` set (aws-cdk-lib `enableLogging`/`logBucket`); or
 * - standard logging v2: an `AWS::Logs::DeliverySource` whose `ResourceArn` refers to this distribution, paired by an
 *   `AWS::Logs::Delivery` (naming the source by reference or by its literal `Name`) with a destination (S3, CloudWatch
 *   Logs or Firehose). A delivery source without a delivery in this stack sends nothing unless another stack pairs
 *   it, so that case is undecidable.
 *
 * Severity: warning, like every logging rule of the pack (SLS-APIGW-ACCESS-LOG, SLS-SFN-LOGGING): a missing log does
 * not open the app, it leaves an incident without evidence.
 */
export class CloudFrontLoggingRule implements IRule {
  /** This rule's id: what `id` returns, for code that names the rule (acknowledgements, packs) without an instance. */
  public static readonly ID = 'SLS-CLOUDFRONT-LOGGING';

  public readonly id = CloudFrontLoggingRule.ID;
  public readonly category = RuleCategory.LOGGING_MONITORING;
  public readonly severity = Severity.WARNING;
  public readonly severityReason?: string = 'Without access logs nothing records who requested what at the edge, the evidence an investigation of abuse needs: a secure app would still keep them.';
  public readonly description = 'CloudFront distributions write access logs, through standard logging to S3 or a standard logging v2 delivery.';
  public readonly remediation = 'Set `enableLogging: true` (or `logBucket`) on the cloudfront.Distribution, or create a logs.CfnDeliverySource '
    + '(`logType: "ACCESS_LOGS"`, `resourceArn` of the distribution) with a logs.CfnDelivery to a logs.CfnDeliveryDestination; SecureSite logs '
    + 'by default.';
  public readonly resourceTypes = ['AWS::CloudFront::Distribution'];

  public check(distribution: AuditedResource, stack: StackView): Verdict[] {
    const distributionConfig = distributionConfigOf(distribution, stack, 'access logging');
    if ('verdict' in distributionConfig) return [distributionConfig.verdict];
    const name = distribution.logicalId;
    const location = `${CONFIG_LOCATION}/Logging`;

    let legacyUnknown: Verdict | undefined;
    const logging = distributionConfig.config.Logging;
    const bucketRaw = isPlainObject(logging) && !isIntrinsic(logging) ? logging.Bucket : logging;
    if (!isUnset(bucketRaw)) {
      const bucket = readValue(stack, bucketRaw);
      if (bucket.known) return [];
      legacyUnknown = Verdicts.undecidable(`The access-log bucket of distribution ${name} is not known at synth time.`, bucket.unknownReason, { location: `${location}/Bucket` });
    }

    const sources = stack.referencingResources(distribution.logicalId, DELIVERY_SOURCE)
      .filter((s) => stack.resolve(s.properties.ResourceArn).referencedLogicalIds.includes(distribution.logicalId));
    if (sources.some((s) => this.deliveriesOf(s, stack).length > 0)) return [];
    if (legacyUnknown) return [legacyUnknown];
    if (sources.length > 0) {
      return [Verdicts.undecidable(`Distribution ${name} has a log delivery source (${sources.map((s) => s.logicalId).join(', ')}) that no `
        + 'AWS::Logs::Delivery of this stack pairs with a destination, so it sends no logs unless another stack does.', 'an AWS::Logs::Delivery outside this stack', { location })];
    }
    return [Verdicts.violation(`Distribution ${name} writes no access logs: neither standard logging (Logging.Bucket) nor a log delivery source.`, { location })];
  }

  /** The deliveries of this stack that name the source: by reference, or by its literal `Name`. */
  private deliveriesOf(source: AuditedResource, stack: StackView): AuditedResource[] {
    const byReference = stack.referencingResources(source.logicalId, DELIVERY)
      .filter((d) => stack.resolve(d.properties.DeliverySourceName).referencedLogicalIds.includes(source.logicalId));
    const sourceName = source.properties.Name;
    const byName = typeof sourceName === 'string'
      ? stack.resourcesOfType(DELIVERY).filter((d) => d.properties.DeliverySourceName === sourceName)
      : [];
    return [...byReference, ...byName];
  }
}
