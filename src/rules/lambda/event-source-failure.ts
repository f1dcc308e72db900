import { EventSource, EventSourceKind, eventSourceOf } from './private/event-sources';

import { AuditedResource } from '../../core/audited-resource';
import { readValue } from '../../core/private/values';
import { IRule, RuleCategory, Severity, Verdict } from '../../core/rule';
import { StackView } from '../../core/stack-view';
import { Verdicts } from '../../core/verdicts';

/**
 * A batch the function keeps failing on must go somewhere it can be inspected; otherwise it is lost (a stream
 * record expires, an SQS message is retried until its retention ends) and with it the evidence of what failed,
 * possibly a malicious payload (T6).
 * - Kinesis and DynamoDB stream mappings need `DestinationConfig.OnFailure` on the mapping.
 * - SQS mappings cannot have one: the queue needs a redrive policy to a dead-letter queue. The rule follows
 *   `EventSourceArn` to the queue; a queue outside this stack is undecidable.
 * Other sources (Kafka, Amazon MQ, DocumentDB) are not judged.
 */
export class LambdaEventSourceFailureRule implements IRule {
  /** This rule's id: what `id` returns, for code that names the rule (acknowledgements, packs) without an instance. */
  public static readonly ID = 'SLS-LAMBDA-EVENT-SOURCE-FAILURE';

  public readonly id = LambdaEventSourceFailureRule.ID;
  public readonly category = RuleCategory.LOGGING_MONITORING;
  public readonly severity = Severity.WARNING;
  public readonly severityReason?: string = 'A batch the function keeps failing on is lost, and with it the evidence of a malformed or malicious record: defence in depth a secure app would still add.';
  public readonly description = 'The event source mapping keeps failed batches: an on-failure destination for streams, a dead-letter queue for SQS.';
  public readonly remediation = 'For Kinesis and DynamoDB streams set `onFailure: new SqsDlq(queue)` (or an S3/SNS destination) on the '
    + 'event source; for SQS give the queue a `deadLetterQueue` (SecureQueue does by default).';
  public readonly resourceTypes = ['AWS::Lambda::EventSourceMapping'];

  public check(resource: AuditedResource, stack: StackView): Verdict[] {
    const source = eventSourceOf(stack, resource);
    switch (source.kind) {
      case EventSourceKind.KINESIS:
      case EventSourceKind.DYNAMODB:
        return this.checkStream(resource, source);
      case EventSourceKind.SQS:
        return this.checkQueue(source, stack);
      case EventSourceKind.UNKNOWN:
        return [Verdicts.undecidable('The source of the mapping, hence how it keeps failed batches, is not known.', source.unknownReason!, { location: 'Properties/EventSourceArn' })];
      default:
        return [];
    }
  }

  private checkStream(mapping: AuditedResource, source: EventSource): Verdict[] {
    if (mapping.property('DestinationConfig.OnFailure.Destination') !== undefined) return [];
    return [Verdicts.violation(`The ${source.kind} stream mapping has no on-failure destination: a failing batch is lost when its records expire.`, { location: 'Properties/DestinationConfig/OnFailure' })];
  }

  private checkQueue(source: EventSource, stack: StackView): Verdict[] {
    const location = 'Properties/EventSourceArn';
    const queue = source.resource;
    if (!queue) {
      return [Verdicts.undecidable(`Whether queue ${source.arn} has a dead-letter queue is not known.`, 'a queue outside this stack', { location })];
    }
    const redrive = readValue(stack, queue.properties.RedrivePolicy);
    if (!redrive.known) {
      return [Verdicts.undecidable(`Whether queue ${queue.logicalId} has a dead-letter queue is not known.`, redrive.unknownReason!, { location })];
    }
    if (deadLetterTarget(redrive.value) !== undefined) return [];
    return [Verdicts.violation(`Queue ${queue.logicalId} has no redrive policy: a message the function keeps failing on is retried until `
      + 'it expires, then lost.', { location })];
  }
}

/** CloudFormation accepts the redrive policy as an object or as a JSON string. */
function deadLetterTarget(policy: any): any {
  if (typeof policy === 'string') {
    try {
      return deadLetterTarget(JSON.parse(policy));
    } catch {
      return undefined;
    }
  }
  return policy && typeof policy === 'object' ? policy.deadLetterTargetArn : undefined;
}
