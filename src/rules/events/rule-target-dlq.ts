import { AuditedResource } from '../../engine/audited-resource';
import { StackView } from '../../engine/stack-view';
import { IRule, RuleCategory, Severity, Verdict, VerdictKind } from '../rule';
import { targetsOf } from './private/rule-targets';

/** Targets EventBridge invokes asynchronously, where an event that cannot be delivered is otherwise dropped. */
const SERVICES_NEEDING_DLQ = new Set(['lambda', 'sqs', 'sns', 'states']);

/**
 * Flags EventBridge rule targets that invoke a Lambda function, a queue, a topic or a state machine without a
 * dead-letter queue: once retries are exhausted (or the target's permission is missing) the event is dropped with
 * no trace.
 */
export class EventsRuleTargetDlqRule implements IRule {
  public readonly id: string = 'SLS-EVENTS-TARGET-DLQ';
  public readonly category: RuleCategory = RuleCategory.LOGGING_MONITORING;
  public readonly severity: Severity = Severity.WARNING;
  public readonly description: string = 'EventBridge rule targets that invoke Lambda, SQS, SNS or Step Functions have a dead-letter queue.';
  public readonly remediation: string = 'Pass deadLetterQueue (an sqs.Queue) to the target (new targets.LambdaFunction(fn, { '
    + 'deadLetterQueue })), or set DeadLetterConfig.Arn on the AWS::Events::Rule target.';
  public readonly resourceTypes: string[] = ['AWS::Events::Rule'];

  public check(resource: AuditedResource, stack: StackView): Verdict[] {
    const { targets, unknownReason } = targetsOf(resource, stack);
    if (unknownReason) {
      return [{
        kind: VerdictKind.UNDECIDABLE,
        location: 'Properties/Targets',
        detail: `The rule's targets depend on ${unknownReason}.`,
      }];
    }
    const verdicts: Verdict[] = [];
    for (const target of targets) {
      if (target.raw.DeadLetterConfig?.Arn !== undefined) continue;
      const location = `Properties/Targets/${target.index}`;
      if (target.unknownReason) {
        verdicts.push({
          kind: VerdictKind.UNDECIDABLE,
          findingId: target.id,
          location,
          detail: `Target ${target.id} has no dead-letter queue and its ARN depends on ${target.unknownReason}, so whether it needs one is unknown.`,
        });
      } else if (SERVICES_NEEDING_DLQ.has(target.service!)) {
        verdicts.push({
          kind: VerdictKind.VIOLATION,
          findingId: target.id,
          location,
          detail: `Target ${target.id} (${target.service}) has no dead-letter queue: events that cannot be delivered are dropped.`,
        });
      }
    }
    return verdicts;
  }
}
