import { AuditedResource } from '../../core/audited-resource';
import { IRule, RuleCategory, Severity, Verdict } from '../../core/rule';
import { StackView } from '../../core/stack-view';
import { Verdicts } from '../../core/verdicts';

/** Log levels that record failed executions. `FATAL` records only executions that fail as a whole; `OFF` nothing. */
const SUFFICIENT_LEVELS = new Set(['ALL', 'ERROR']);

/**
 * Flags state machines that do not log execution events at level `ALL` or `ERROR` to a CloudWatch Logs log group:
 * failed and abused executions then leave no trace beyond the 90-day execution history.
 */
export class StepFunctionsLoggingRule implements IRule {
  /** This rule's id: what `id` returns, for code that names the rule (acknowledgements, packs) without an instance. */
  public static readonly ID = 'SLS-SFN-LOGGING';

  public readonly id = StepFunctionsLoggingRule.ID;
  public readonly category: RuleCategory = RuleCategory.LOGGING_MONITORING;
  public readonly severity: Severity = Severity.WARNING;
  public readonly severityReason?: string = 'Without execution logs, failed and abused executions leave no trace beyond the 90-day execution history: a secure app would still keep them.';
  public readonly description: string = 'Step Functions state machines log execution events at level ALL or ERROR to a log group.';
  public readonly remediation: string = 'Set logs: { destination: logGroup, level: sfn.LogLevel.ERROR } (or ALL) on the sfn.StateMachine, '
    + 'or LoggingConfiguration on AWS::StepFunctions::StateMachine.';
  public readonly resourceTypes: string[] = ['AWS::StepFunctions::StateMachine'];

  public check(resource: AuditedResource, stack: StackView): Verdict[] {
    const level = stack.resolve(resource.property('LoggingConfiguration.Level'));
    const levelLocation = 'Properties/LoggingConfiguration/Level';
    if (level.unknownReason) {
      return [Verdicts.undecidable('The log level is not known.', level.unknownReason, { location: levelLocation })];
    }
    const levelText = typeof level.value === 'string' ? level.value.toUpperCase() : 'OFF';
    if (!SUFFICIENT_LEVELS.has(levelText)) {
      return [Verdicts.violation(`The state machine logs at level ${levelText}, which does not record failed executions.`, { findingId: 'level', location: levelLocation })];
    }
    const destinations = resource.property('LoggingConfiguration.Destinations');
    const hasLogGroup = Array.isArray(destinations)
      && destinations.some((d: any) => d?.CloudWatchLogsLogGroup?.LogGroupArn !== undefined);
    if (hasLogGroup) return [];
    return [Verdicts.violation(`The state machine sets log level ${levelText} but no CloudWatch Logs log group destination.`, { findingId: 'destination', location: 'Properties/LoggingConfiguration/Destinations' })];
  }
}
