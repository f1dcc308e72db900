import { Duration, aws_events as events } from 'aws-cdk-lib';

/**
 * Written justifications that relax a secure default of `SecureEventRule`. Each is at least 10 characters and is
 * recorded as an acknowledgement of the matching audit rule on the rule's `AWS::Events::Rule`, so the audit report
 * lists it.
 */
export interface SecureEventRuleRelaxations {
  /**
   * Accepts an event pattern that matches every event on the bus or names no `source` (ER001, ER002): a rule that
   * forwards everything to a central bus, or archives it, and whose targets parse nothing. Recorded as
   * `SLS-EVENTS-PATTERN-SPECIFIC` on the rule.
   *
   * @default - the pattern must name the `source` and select specific events
   */
  readonly broadEventPattern?: string;
  /**
   * Targets get no dead-letter queue from the rule (a target's own `deadLetterQueue` is still used): events that
   * cannot be delivered once retries run out are dropped without a trace. Recorded as `SLS-EVENTS-TARGET-DLQ` (and
   * the cdk-nag `Serverless-EventBusDLQ`) on the rule.
   *
   * @default - every target without a dead-letter queue of its own gets the rule's
   */
  readonly targetsWithoutDeadLetterQueue?: string;
}

/**
 * Props of `SecureEventRule`: every `events.RuleProps` prop (so adopting it is changing a class name), with secure
 * defaults, plus the retry policy its targets get and the relaxations.
 */
export interface SecureEventRuleProps extends events.RuleProps {
  /**
   * How many times EventBridge retries a target that fails before the event moves to the dead-letter queue (0 to
   * 185). Applies to every target that does not set `retryAttempts` itself.
   *
   * @default 10
   */
  readonly targetRetryAttempts?: number;
  /**
   * How long EventBridge keeps retrying a target before the event moves to the dead-letter queue (1 minute to 24
   * hours). Applies to every target that does not set `maxEventAge` itself.
   *
   * @default Duration.hours(2)
   */
  readonly targetMaxEventAge?: Duration;
  /**
   * Written justifications that relax secure defaults.
   *
   * @default - no relaxation
   */
  readonly relaxations?: SecureEventRuleRelaxations;
}
