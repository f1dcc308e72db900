import { AuditedResource } from '../../core/audited-resource';
import { isIntrinsic, readValue } from '../../core/private/values';
import { IRule, RuleCategory, Severity, Verdict } from '../../core/rule';
import { StackView } from '../../core/stack-view';
import { Verdicts } from '../../core/verdicts';


/**
 * Protocols that deliver to code or to another service, where SNS retries a failed delivery and then drops the
 * message. Deliveries to people and devices (`email`, `email-json`, `sms`, `application`) are not judged.
 */
const PROTOCOLS_NEEDING_DLQ = new Set(['lambda', 'sqs', 'firehose', 'http', 'https']);

/**
 * Flags SNS subscriptions that deliver to a Lambda function, a queue, a Firehose stream or an HTTP(S) endpoint
 * without a dead-letter queue (`RedrivePolicy.deadLetterTargetArn`): a message SNS cannot deliver (the subscriber is
 * throttled, deleted, denies SNS or its key, or the endpoint is down) is dropped once the delivery retries are
 * exhausted, with no trace (T6, lost events).
 *
 * Severity warning, like `SLS-LAMBDA-ASYNC-FAILURE` and `SLS-EVENTS-TARGET-DLQ`, the same gap at the other
 * asynchronous hops: the app still works, it loses the events it fails to deliver. A protocol or `RedrivePolicy` that
 * is not known at synth time (a parameter, a condition, an import) is reported as undecidable. A `deadLetterTargetArn`
 * that is set counts whatever it points at (an imported queue included).
 */
export class SnsSubscriptionDlqRule implements IRule {
  /** This rule's id: what `id` returns, for code that names the rule (acknowledgements, packs) without an instance. */
  public static readonly ID = 'SLS-SNS-SUBSCRIPTION-DLQ';

  public readonly id = SnsSubscriptionDlqRule.ID;
  public readonly category: RuleCategory = RuleCategory.LOGGING_MONITORING;
  public readonly severity: Severity = Severity.INFO;
  public readonly severityReason?: string = 'The dead-letter queue keeps the deliveries SNS gives up on (a deleted endpoint, a missing permission), a reliability concern; the function\'s own failures are judged by SLS-LAMBDA-ASYNC-FAILURE.';
  public readonly description: string = 'SNS subscriptions that deliver to Lambda, SQS, Firehose or HTTP(S) have a dead-letter queue.';
  public readonly remediation: string = 'Use SecureTopic (addQueueSubscription / addFunctionSubscription always set a dead-letter queue), '
    + 'or pass deadLetterQueue (an sqs.Queue) to the subscription (new subscriptions.SqsSubscription(queue, { deadLetterQueue }), '
    + 'new subscriptions.LambdaSubscription(fn, { deadLetterQueue })), or set RedrivePolicy.deadLetterTargetArn on the AWS::SNS::Subscription.';
  public readonly resourceTypes: string[] = ['AWS::SNS::Subscription'];

  public check(resource: AuditedResource, stack: StackView): Verdict[] {
    const protocol = readValue(stack, resource.properties.Protocol);
    if (!protocol.known) {
      return [Verdicts.undecidable('Whether the subscription needs a dead-letter queue is unknown: its protocol is not a literal.', protocol.unknownReason!, { location: 'Properties/Protocol' })];
    }
    if (typeof protocol.value !== 'string' || !PROTOCOLS_NEEDING_DLQ.has(protocol.value.toLowerCase())) return [];
    const name = protocol.value.toLowerCase();

    const raw = resource.properties.RedrivePolicy;
    if (isAbsent(raw)) return [missing(name, 'has no RedrivePolicy')];
    const policy = this.redrivePolicy(raw, stack);
    if ('unknownReason' in policy) {
      return [Verdicts.undecidable('Whether the subscription has a dead-letter queue is unknown: its RedrivePolicy is not known at synth time.', policy.unknownReason, { location: 'Properties/RedrivePolicy' })];
    }
    const target = policy.value?.deadLetterTargetArn;
    if (isAbsent(target) || target === '') return [missing(name, 'has a RedrivePolicy without a deadLetterTargetArn')];
    // `Fn::If` may render the ARN away (`AWS::NoValue`); any other reference or literal names a queue.
    if (isIntrinsic(target) && 'Fn::If' in target) {
      return [Verdicts.undecidable('Whether the subscription has a dead-letter queue is unknown.', readValue(stack, target).unknownReason ?? 'a condition', { location: 'Properties/RedrivePolicy/deadLetterTargetArn' })];
    }
    return [];
  }

  /**
   * The redrive policy as an object: CloudFormation takes it as JSON or as a JSON string (possibly built with
   * `Fn::Join` / `Fn::Sub`, rendered here with `${...}` placeholders, which stay valid inside JSON strings).
   */
  private redrivePolicy(raw: any, stack: StackView): { value: any } | { unknownReason: string } {
    if (raw !== null && typeof raw === 'object' && !isIntrinsic(raw)) return { value: raw };
    const read = readValue(stack, raw);
    if (!read.known) return { unknownReason: read.unknownReason! };
    if (typeof read.value !== 'string') return { value: read.value };
    try {
      return { value: JSON.parse(read.value) };
    } catch {
      return { value: undefined };
    }
  }
}

function missing(protocol: string, what: string): Verdict {
  return Verdicts.violation(`The ${protocol} subscription ${what}: a message SNS cannot deliver is dropped after its retries.`, { location: 'Properties/RedrivePolicy' });
}

/** Undefined, null, or `Ref: AWS::NoValue` (the property is removed at deploy time). */
function isAbsent(value: any): boolean {
  return value === undefined || value === null || (isIntrinsic(value) && value.Ref === 'AWS::NoValue');
}
