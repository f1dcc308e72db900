import { AuditedResource } from '../../core/audited-resource';
import { readValue } from '../../core/private/values';

import { IRule, RuleCategory, Severity, Verdict } from '../../core/rule';
import { StackView } from '../../core/stack-view';
import { Verdicts } from '../../core/verdicts';

/**
 * Plain-text logs cannot be queried reliably by request id, caller or level during an incident, and without a log
 * level nothing separates an attack's errors from routine noise (T6). Lambda's JSON format adds the request id,
 * timestamp and level to every line and lets Lambda filter by level. The rule wants `LogFormat: JSON` and an
 * explicit application log level (finding `level`), so the level is a decision and not an accident of defaults.
 */
export class LambdaLogFormatRule implements IRule {
  /** This rule's id: what `id` returns, for code that names the rule (acknowledgements, packs) without an instance. */
  public static readonly ID = 'SLS-LAMBDA-LOG-FORMAT';

  public readonly id = LambdaLogFormatRule.ID;
  public readonly category = RuleCategory.LOGGING_MONITORING;
  public readonly severity = Severity.INFO;
  public readonly severityReason?: string = 'JSON logs and an explicit log level make logs easier to query and filter; the events are logged either way, so this is hygiene.';
  public readonly description = 'The Lambda function writes JSON logs with an explicit application log level.';
  public readonly remediation = 'Use SecureFunction (JSON logs with application and system log levels by default), or set '
    + '`loggingFormat: lambda.LoggingFormat.JSON` and `applicationLogLevelV2` on lambda.Function.';
  public readonly resourceTypes = ['AWS::Lambda::Function'];

  public check(resource: AuditedResource, stack: StackView): Verdict[] {
    const formatLocation = 'Properties/LoggingConfig/LogFormat';
    const format = readValue(stack, resource.property('LoggingConfig.LogFormat'));
    if (!format.known) return [Verdicts.undecidable('The log format of the function is not known.', format.unknownReason!, { location: formatLocation })];
    if (format.value !== 'JSON') {
      return [Verdicts.violation(`The function writes ${format.value ?? 'plain-text (default)'} logs, not JSON.`, { location: formatLocation })];
    }
    const level = resource.property('LoggingConfig.ApplicationLogLevel');
    if (level !== undefined) return [];
    return [Verdicts.violation('The function writes JSON logs without an explicit application log level.', { location: 'Properties/LoggingConfig/ApplicationLogLevel', findingId: 'level' })];
  }
}
