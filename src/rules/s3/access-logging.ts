import { AuditedResource } from '../../core/audited-resource';
import { readValue } from '../../core/private/values';
import { IRule, RuleCategory, Severity, Verdict } from '../../core/rule';
import { StackView } from '../../core/stack-view';
import { Verdicts } from '../../core/verdicts';


/** Where another resource of the stack names a bucket as the destination of its logs. */
interface LogDestinationProperty {
  readonly type: string;
  /** Dotted path of the property holding the destination (a bucket name, domain name or ARN). */
  readonly path: string;
  /** Whether a literal value names a bucket with this literal name. */
  readonly namesBucket: (value: string, bucketName: string) => boolean;
}

const LOG_DESTINATIONS: LogDestinationProperty[] = [
  // Server access logs of another bucket.
  { type: 'AWS::S3::Bucket', path: 'LoggingConfiguration.DestinationBucketName', namesBucket: (v, name) => v === name },
  // CloudFront standard logging (legacy): the bucket's domain name, `<name>.s3.amazonaws.com`.
  { type: 'AWS::CloudFront::Distribution', path: 'DistributionConfig.Logging.Bucket', namesBucket: (v, name) => v.startsWith(`${name}.s3.`) || v.startsWith(`${name}.s3-`) },
  // Log delivery (CloudFront standard logging v2 and other vended logs) to S3: the bucket's ARN.
  { type: 'AWS::Logs::DeliveryDestination', path: 'DestinationResourceArn', namesBucket: (v, name) => new RegExp(`^arn:[^:]+:s3:::${escapeRegExp(name)}(/|$)`).test(v) },
];

/**
 * T6: an S3 bucket writes server access logs (`LoggingConfiguration`), the only record of each object-level request
 * (requester, key, operation, status) short of CloudTrail data events, needed to tell what was read or changed after
 * a leak.
 *
 * A bucket that is itself a log destination is exempt: the target of another bucket's `LoggingConfiguration`, of a
 * CloudFront distribution's `Logging.Bucket` (the bucket `enableLogging` creates included) or of a log
 * `AWS::Logs::DeliveryDestination`, named by reference or by its literal name. Logging a log bucket would only log
 * the log writes (or loop, when a bucket logs into itself). A CloudTrail bucket is not exempt: CIS asks for its
 * access logs.
 *
 * Severity: warning, like every logging rule of the pack: a missing log does not open the bucket.
 */
export class S3BucketAccessLoggingRule implements IRule {
  /** This rule's id: what `id` returns, for code that names the rule (acknowledgements, packs) without an instance. */
  public static readonly ID = 'SLS-S3-ACCESS-LOGGING';

  public readonly id = S3BucketAccessLoggingRule.ID;
  public readonly category = RuleCategory.LOGGING_MONITORING;
  public readonly severity = Severity.INFO;
  public readonly severityReason?: string = 'Server access logs record object-level requests, which CloudTrail data events can record instead; a secure app may reasonably choose either.';
  public readonly description = 'S3 buckets write server access logs, unless they are themselves a log destination.';
  public readonly remediation = 'Set `serverAccessLogsBucket` (a dedicated log bucket) and `serverAccessLogsPrefix` on the s3.Bucket, or set '
    + '`LoggingConfiguration.DestinationBucketName` on the AWS::S3::Bucket.';
  public readonly resourceTypes = ['AWS::S3::Bucket'];

  public check(bucket: AuditedResource, stack: StackView): Verdict[] {
    const location = 'Properties/LoggingConfiguration';
    const logging = bucket.properties.LoggingConfiguration;
    if (logging !== undefined) {
      const value = readValue(stack, logging);
      if (!value.known) return [Verdicts.undecidable(`The access-log configuration of bucket ${bucket.logicalId} is not known at synth time.`, value.unknownReason, { location })];
      return [];
    }
    if (this.isLogDestination(bucket, stack)) return [];
    return [Verdicts.violation(`Bucket ${bucket.logicalId} writes no server access logs: object-level requests leave no record.`, { location })];
  }

  private isLogDestination(bucket: AuditedResource, stack: StackView): boolean {
    const name = bucket.properties.BucketName;
    return LOG_DESTINATIONS.some((destination) => {
      const byReference = stack.referencingResources(bucket.logicalId, destination.type).some((r) =>
        stack.resolve(r.property(destination.path)).referencedLogicalIds.includes(bucket.logicalId));
      if (byReference || typeof name !== 'string') return byReference;
      return stack.resourcesOfType(destination.type).some((r) => {
        const value = r.property(destination.path);
        return r !== bucket && typeof value === 'string' && destination.namesBucket(value, name);
      });
    });
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
