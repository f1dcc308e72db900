import { targetsOf } from './private/rule-targets';
import { AuditedResource } from '../../core/audited-resource';
import { FindingIds } from '../../core/finding-ids';
import { IRule, RuleCategory, Severity, Verdict } from '../../core/rule';
import { StackView } from '../../core/stack-view';
import { Verdicts } from '../../core/verdicts';

/** Targets EventBridge invokes asynchronously, where an event that cannot be delivered is otherwise dropped. */
const SERVICES_NEEDING_DLQ = new Set(['lambda', 'sqs', 'sns', 'states']);

/**
 * Flags EventBridge rule targets that invoke a Lambda function, a queue, a topic or a state machine without a
 * dead-letter queue: once retries are exhausted (or the target's permission is missing) the event is dropped with
 * no trace.
 */
export class EventsRuleTargetDlqRule implements IRule {
  /** This rule's id: what `id` returns, for code that names the rule (acknowledgements, packs) without an instance. */
  public static readonly ID = 'SLS-EVENTS-TARGET-DLQ';

  public readonly id = EventsRuleTargetDlqRule.ID;
  public readonly category: RuleCategory = RuleCategory.LOGGING_MONITORING;
  public readonly severity: Severity = Severity.INFO;
  public readonly severityReason?: string = 'The target\'s dead-letter queue keeps the events EventBridge could not deliver, a reliability concern; failures of the target itself are judged by the target\'s own rules.';
  public readonly description: string = 'EventBridge rule targets that invoke Lambda, SQS, SNS or Step Functions have a dead-letter queue.';
  public readonly remediation: string = 'Pass deadLetterQueue (an sqs.Queue) to the target (new targets.LambdaFunction(fn, { '
    + 'deadLetterQueue })), or set DeadLetterConfig.Arn on the AWS::Events::Rule target.';
  public readonly resourceTypes: string[] = ['AWS::Events::Rule'];

  public check(resource: AuditedResource, stack: StackView): Verdict[] {
    const { targets, unknownReason } = targetsOf(resource, stack);
    if (unknownReason) {
      return [Verdicts.undecidable('The rule\'s targets are not known.', unknownReason, { location: 'Properties/Targets' })];
    }
    const verdicts: Verdict[] = [];
    for (const target of targets) {
      if (target.raw.DeadLetterConfig?.Arn !== undefined) continue;
      const location = `Properties/Targets/${target.index}`;
      if (target.unknownReason) {
        verdicts.push(Verdicts.undecidable(`Target ${target.id} has no dead-letter queue, and whether its service needs one is not known.`, target.unknownReason, { findingId: FindingIds.sanitize(target.id), location }));
      } else if (SERVICES_NEEDING_DLQ.has(target.service!)) {
        verdicts.push(Verdicts.violation(`Target ${target.id} (${target.service}) has no dead-letter queue: events that cannot be delivered are dropped.`, { findingId: FindingIds.sanitize(target.id), location }));
      }
    }
    return verdicts;
  }
}
