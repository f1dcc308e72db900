import { targetsOf } from './private/rule-targets';
import { AuditedResource } from '../../core/audited-resource';
import { ValueKind } from '../../core/resolved-value';
import { IRule, RuleCategory, Severity, Verdict } from '../../core/rule';
import { StackView } from '../../core/stack-view';
import { Verdicts } from '../../core/verdicts';
import { EventPatternBreadth } from '../../shared/event-pattern-breadth';
import { parseIfJsonString } from '../iam/private/policy-document';

/** Targets that only forward or archive events (another bus, a log group): a catch-all rule for them is a design. */
const FORWARDING_SERVICES = new Set(['events', 'logs', 'firehose']);

/**
 * Flags EventBridge rules whose event pattern matches every event (`{}`, only `account`, `{"source": [{"prefix":
 * ""}]}`...). The targets then receive any event anyone may put on the bus, in any shape, which the code was not
 * written to validate.
 *
 * Severity error: THREATS.md T2 names a match-everything pattern as a finding, and on the default bus it delivers
 * every AWS service event of the account (with attacker-influenced fields such as object keys) to code. A catch-all
 * rule whose targets only forward or archive (event buses, log groups, Firehose) is a warning: central buses and
 * audit archives legitimately take everything, and no code of the app parses it.
 */
export class EventsRulePatternSpecificRule implements IRule {
  /** This rule's id: what `id` returns, for code that names the rule (acknowledgements, packs) without an instance. */
  public static readonly ID = 'SLS-EVENTS-PATTERN-SPECIFIC';

  public readonly id = EventsRulePatternSpecificRule.ID;
  public readonly category: RuleCategory = RuleCategory.INPUT_VALIDATION;
  public readonly severity: Severity = Severity.ERROR;
  public readonly severityReason?: string = 'A match-everything rule delivers every event on the bus, in any shape and from anyone allowed to put events, to code not written to validate it (unvalidated input); a rule whose targets only forward or archive is a warning.';
  public readonly description: string = 'EventBridge rules use event patterns that select specific events, never every event on the bus.';
  public readonly remediation: string = 'Give the events.Rule an eventPattern that names the source and detail-type (and detail '
    + 'fields) the target expects, for example { source: [\'my.app\'], detailType: [\'OrderPlaced\'] }.';
  public readonly resourceTypes: string[] = ['AWS::Events::Rule'];

  public check(resource: AuditedResource, stack: StackView): Verdict[] {
    const raw = resource.properties.EventPattern;
    if (raw === undefined || resource.properties.State === 'DISABLED') return [];
    const location = 'Properties/EventPattern';
    const resolved = stack.resolve(parseIfJsonString(raw));
    if (resolved.kind === ValueKind.EXTERNAL) {
      return [Verdicts.undecidable('What the event pattern matches is not known.', resolved.unknownReason ?? 'a value unknown at synth time', { location })];
    }
    const pattern = parseIfJsonString(resolved.value);
    if (!EventPatternBreadth.matchesEverything(pattern)) return [];
    const { targets } = targetsOf(resource, stack);
    const onlyForwards = targets.length > 0 && targets.every((t) => t.service !== undefined && FORWARDING_SERVICES.has(t.service));
    return [Verdicts.violation(`The event pattern ${JSON.stringify(pattern)} matches every event on the bus${onlyForwards ? ' (its targets only forward or archive events)' : ''}.`, { location, severity: onlyForwards ? Severity.WARNING : undefined })];
  }
}
