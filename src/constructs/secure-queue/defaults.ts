import { Duration } from 'aws-cdk-lib';

/**
 * The secure baseline of `SecureQueue`, one line per default, each with the threat (THREATS.md) it answers and how
 * to relax it. The construct reads every default from here; the README table is written from this object.
 */
export const SECURE_QUEUE_DEFAULTS = {
  /**
   * T6: a message that fails this many receives moves to the dead-letter queue instead of being retried until it
   * expires (a poison message is kept as evidence, and stops burning invocations). Relax: `maxReceiveCount` (1 to 1000).
   */
  maxReceiveCount: 3,
  /** T6: messages kept 4 days (the SQS default, made explicit so it is reviewed). Relax: `retentionPeriod` (1 min to 14 days). */
  retentionPeriod: Duration.days(4),
  /** T6: failed messages kept 14 days (the SQS maximum) in the dead-letter queue for inspection and redrive. Not relaxable. */
  deadLetterQueueRetention: Duration.days(14),
  /**
   * T3: six times the 10-second default timeout of `SecureFunction`, so a message is not delivered twice while a
   * consumer still works on it (AWS guidance for Lambda consumers). Relax: `visibilityTimeout` (0 to 12 hours).
   */
  visibilityTimeout: Duration.seconds(60),
  /** The factor of the Lambda guidance: visibility timeout >= 6 x function timeout (+ batching window). */
  visibilityTimeoutFactor: 6,
} as const;

/** Ranges accepted by validation, with the AWS limits they come from. */
export const SECURE_QUEUE_LIMITS = {
  /** SQS redrive policy: 1 to 1000 receives. */
  maxReceiveCount: { min: 1, max: 1000 },
  /** SQS: 60 s to 1,209,600 s (14 days). */
  retentionPeriodSeconds: { min: 60, max: 1_209_600 },
  /** SQS: 0 s to 43,200 s (12 hours). */
  visibilityTimeoutSeconds: { min: 0, max: 43_200 },
  /** SQS: 0 s to 900 s. */
  deliveryDelaySeconds: { min: 0, max: 900 },
  /** SQS long polling: 0 s to 20 s. */
  receiveWaitSeconds: { min: 0, max: 20 },
  /** SQS: 60 s to 86,400 s. */
  dataKeyReuseSeconds: { min: 60, max: 86_400 },
  /** SQS: 1 KiB to 1 MiB. */
  maxMessageSizeBytes: { min: 1024, max: 1_048_576 },
  /** Lambda SQS event source: 0 s to 300 s of batching window. */
  batchingWindowSeconds: { min: 0, max: 300 },
  /** Lambda SQS event source: 2 to 1000 concurrent invocations. */
  maxConcurrency: { min: 2, max: 1000 },
} as const;
