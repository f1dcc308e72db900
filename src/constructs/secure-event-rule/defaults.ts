import { Duration } from 'aws-cdk-lib';

/**
 * The secure baseline of `SecureEventRule`, one line per default, each with the threat (THREATS.md) it answers and
 * how to relax it. The construct reads every default from here; the README table is written from this object.
 */
export const SECURE_EVENT_RULE_DEFAULTS = {
  /**
   * T6: a target that keeps failing is retried at most this many times, then the event moves to the dead-letter
   * queue. EventBridge's own default (185 attempts over 24 hours) hides a broken target for a day and keeps hammering
   * it. Relax: `targetRetryAttempts` (0 to 185), or `retryAttempts` on one target.
   */
  targetRetryAttempts: 10,
  /**
   * T6: an event still undelivered after this long moves to the dead-letter queue (instead of after 24 hours), so a
   * failure is visible within hours while throttling and short outages are still ridden out. Relax:
   * `targetMaxEventAge` (1 minute to 24 hours), or `maxEventAge` on one target.
   */
  targetMaxEventAge: Duration.hours(2),
  /** T6: undeliverable events kept 14 days (the SQS maximum) for inspection and redrive. Not relaxable. */
  deadLetterQueueRetention: Duration.days(14),
} as const;

/** Ranges accepted by validation, with the AWS limits they come from. */
export const SECURE_EVENT_RULE_LIMITS = {
  /** EventBridge RetryPolicy.MaximumRetryAttempts: 0 to 185. */
  retryAttempts: { min: 0, max: 185 },
  /** EventBridge RetryPolicy.MaximumEventAgeInSeconds: 60 to 86,400. */
  maxEventAgeSeconds: { min: 60, max: 86_400 },
} as const;
