import { AuditedResource } from '../../core/audited-resource';
import { readValue } from '../../core/private/values';
import { IRule, RuleCategory, Severity, Verdict } from '../../core/rule';
import { StackView } from '../../core/stack-view';
import { Verdicts } from '../../core/verdicts';


/**
 * A log group without `RetentionInDays` keeps every event forever: personal data and secrets that leak into logs
 * stay readable indefinitely, and the bill grows without bound (T6). A finite retention, chosen to match the
 * investigation and compliance needs, is the hygiene the threat model asks for.
 */
export class LogsRetentionRule implements IRule {
  /** This rule's id: what `id` returns, for code that names the rule (acknowledgements, packs) without an instance. */
  public static readonly ID = 'SLS-LOGS-RETENTION';

  public readonly id = LogsRetentionRule.ID;
  public readonly category = RuleCategory.LOGGING_MONITORING;
  public readonly severity = Severity.WARNING;
  public readonly severityReason?: string = 'Events kept forever keep whatever leaked into the logs (tokens, personal data) readable indefinitely: a secure app would still bound the retention.';
  public readonly description = 'The CloudWatch Logs log group has a finite retention.';
  public readonly remediation = 'Set `retention` on logs.LogGroup to a finite `RetentionDays` (not INFINITE); SecureFunction and '
    + 'the other Secure constructs create their log groups with a finite retention by default.';
  public readonly resourceTypes = ['AWS::Logs::LogGroup'];

  public check(resource: AuditedResource, stack: StackView): Verdict[] {
    const location = 'Properties/RetentionInDays';
    const raw = resource.properties.RetentionInDays;
    if (raw === undefined) return [Verdicts.violation('The log group has no retention: its events are kept forever.', { location })];
    const retention = readValue(stack, raw);
    if (!retention.known) return [Verdicts.undecidable('The retention of the log group is not known.', retention.unknownReason!, { location })];
    return [];
  }
}
