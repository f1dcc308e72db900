import { Duration } from 'aws-cdk-lib';
import { SECURE_EVENT_RULE_DEFAULTS as D, SECURE_EVENT_RULE_LIMITS as L } from './defaults';
import type { SecureEventRuleProps } from './props';
import { isIntrinsic } from '../../core/private/values';
import { PropErrors } from '../../core/prop-errors';
import { EventPatternBreadth, PatternBreadth } from '../../shared/event-pattern-breadth';
import { RelaxationLedger } from '../common/relaxation';
import { RuleIds } from '../common/rule-ids';

/**
 * The error codes of `SecureEventRule`. Stable: documented in the README and matched by tests.
 */
export const ER = {
  PATTERN_MATCHES_EVERYTHING: 'ER001',
  PATTERN_WITHOUT_SOURCE: 'ER002',
  JUSTIFICATION_TOO_SHORT: 'ER003',
  RETRY_ATTEMPTS_RANGE: 'ER004',
  MAX_EVENT_AGE_RANGE: 'ER005',
  CROSS_ENVIRONMENT_TARGET: 'ER006',
  QUEUE_TARGET_ANY_ACCOUNT: 'ER007',
  TOPIC_TARGET_ANY_ACCOUNT: 'ER008',
  PROP_INVALID: 'ER009',
} as const;

/** One problem of an event pattern (reported under the prop `eventPattern`). */
export interface PatternProblem {
  readonly code: string;
  readonly problem: string;
  readonly fix: string;
}

/** What the pattern check found: problems (errors) and, for what cannot be decided or is only advice, warnings. */
export interface PatternCheck {
  readonly problems: PatternProblem[];
  /** Warnings as `[id, message]`. */
  readonly warnings: Array<[string, string]>;
}

const BROAD_PATTERN_FIX = 'or, for a rule that must take every event (a forwarder or an archive whose targets parse nothing), '
  + 'set `relaxations.broadEventPattern` to the reason';

/**
 * Check every prop of a `SecureEventRule` except the event pattern (checked on the rendered pattern by
 * `checkEventPattern`); every problem goes to `errors`.
 *
 * @returns the accepted relaxations, as `[ruleId, justification]`
 */
export function validateSecureEventRuleProps(props: SecureEventRuleProps, errors: PropErrors): Array<[string, string]> {
  const ledger = new RelaxationLedger(errors, ER.JUSTIFICATION_TOO_SHORT);
  const r = props.relaxations ?? {};
  ledger.accept('relaxations.broadEventPattern', r.broadEventPattern, RuleIds.EVENTS_PATTERN_SPECIFIC);
  ledger.accept('relaxations.targetsWithoutDeadLetterQueue', r.targetsWithoutDeadLetterQueue, RuleIds.EVENTS_TARGET_DLQ);

  errors.number(ER.RETRY_ATTEMPTS_RANGE, 'targetRetryAttempts', props.targetRetryAttempts, L.retryAttempts,
    `Set how many times EventBridge retries a failing target before the event moves to the dead-letter queue (default ${D.targetRetryAttempts})`);
  errors.seconds(ER.MAX_EVENT_AGE_RANGE, 'targetMaxEventAge', props.targetMaxEventAge, L.maxEventAgeSeconds, 'between 1 minute and 24 hours',
    `Set how long EventBridge keeps retrying before the event moves to the dead-letter queue, in whole seconds (default ${D.targetMaxEventAge.toHumanString()})`);
  return ledger.accepted;
}

/** The retry policy a target gets when it sets none (or only part) of its own. */
export function retryDefaults(props: SecureEventRuleProps): { attempts: number; ageSeconds: number } {
  const age: Duration = props.targetMaxEventAge ?? D.targetMaxEventAge;
  return { attempts: props.targetRetryAttempts ?? D.targetRetryAttempts, ageSeconds: age.toSeconds({ integral: false }) };
}

/**
 * Check a rendered, resolved event pattern (top-level keys as in CloudFormation: `detail-type`), with the same
 * logic as the audit rule `SLS-EVENTS-PATTERN-SPECIFIC`. Parts that are tokens are skipped, never passed: a pattern
 * whose known part already matches everything is refused, one that depends on a token to be specific is a warning;
 * `source` must be named either way. A part that was a token is an intrinsic (`{ Ref }`, `{ Fn::... }`) once resolved:
 * what `Stack.resolve` leaves of a parameter, an import or an attribute.
 */
export function checkEventPattern(pattern: any): PatternCheck {
  const problems: PatternProblem[] = [];
  const warnings: Array<[string, string]> = [];
  const shown = JSON.stringify(pattern ?? {});
  const breadth = EventPatternBreadth.of(pattern ?? {}, isIntrinsic);
  const source = EventPatternBreadth.ofField(pattern, 'source', isIntrinsic);

  if (breadth === PatternBreadth.EVERYTHING) {
    problems.push({
      code: ER.PATTERN_MATCHES_EVERYTHING,
      problem: `must select specific events but ${shown} matches every event on the bus (its targets would receive any `
        + 'event anyone can put there, in shapes their code was not written for)',
      fix: `Name the \`source\` and \`detailType\` the targets expect, for example { source: ['my.app'], detailType: ['OrderPlaced'] }, ${BROAD_PATTERN_FIX}`,
    });
  } else if (source === undefined || source === PatternBreadth.EVERYTHING) {
    problems.push({
      code: ER.PATTERN_WITHOUT_SOURCE,
      problem: source === undefined
        ? `must name the \`source\` of the events but ${shown} does not (any producer allowed on the bus can then feed the targets)`
        : `must name the \`source\` of the events but the \`source\` of ${shown} admits every source`,
      fix: `Add \`source: ['my.app']\` (the sources the targets expect; a prefix \`aws.\` is every AWS service), ${BROAD_PATTERN_FIX}`,
    });
  }
  if (problems.length > 0) return { problems, warnings };

  if (breadth === PatternBreadth.UNKNOWN || source === PatternBreadth.UNKNOWN) {
    warnings.push([RuleIds.qualified(RuleIds.EVENTS_PATTERN_SPECIFIC),
      `[${ER.PATTERN_MATCHES_EVERYTHING}] eventPattern ${shown} depends on values only known at deploy time, so whether it `
      + 'matches every event (or every source) cannot be decided at synth. Check the deployed values by hand, or use literals.']);
  }
  if (EventPatternBreadth.ofField(pattern, 'detail-type', isIntrinsic) === undefined) {
    warnings.push(['SecureEventRule:NoDetailType',
      `eventPattern ${shown} names no \`detailType\`: every kind of event of its sources reaches the targets. Add \`detailType\` `
      + 'to deliver only the events the targets handle, or acknowledge this warning.']);
  }
  return { problems, warnings };
}
