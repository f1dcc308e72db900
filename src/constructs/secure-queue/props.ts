import { Duration, aws_sqs as sqs } from 'aws-cdk-lib';

/**
 * Props of `SecureQueue`: every `sqs.QueueProps` prop (so adopting it is changing a class name), plus
 * `maxReceiveCount`.
 *
 * The defaults SecureQueue applies differ from the `@default` that `sqs.QueueProps` documents on each inherited prop
 * (jsii cannot re-declare an inherited prop, JSII5015, so they are listed here):
 *
 * - `encryption`: `sqs.QueueEncryption.KMS` with `encryptionMasterKey` = the stack's customer-managed key (not
 *   SQS-managed); any other encryption is refused (SQ001)
 * - `enforceSSL`: `true` (not false); `false` is refused (SQ002)
 * - `deadLetterQueue`: an encrypted, TLS-only dead-letter queue `<id>DeadLetterQueue` after `maxReceiveCount` (3)
 *   receives (not none)
 * - `retentionPeriod`: `Duration.days(4)`, written explicitly; 1 minute to 14 days (SQ004)
 * - `visibilityTimeout`: `Duration.seconds(60)` (not 30 s), six times SecureFunction's default timeout; 0 to 12 hours
 *   (SQ005)
 */
export interface SecureQueueProps extends sqs.QueueProps {
  /**
   * How many times a message may be received (and fail) before it moves to the dead-letter queue that SecureQueue
   * creates. Ignored (and refused, SQ008) when you pass `deadLetterQueue`.
   *
   * @default 3
   */
  readonly maxReceiveCount?: number;
}

/** How a function consumes a `SecureQueue`. */
export interface SecureQueueEventSourceProps {
  /**
   * Filter criteria (`lambda.FilterCriteria.filter({ body: { type: ['order'] } })`): Lambda drops messages of any
   * other shape before the function runs, so the function sees only what it expects. A dropped message is deleted
   * from the queue.
   *
   * @default - no filter: set `unfilteredJustification`, or the mapping carries the acknowledgeable warning
   * `ServerlessSecurityChecks::SLS-LAMBDA-EVENT-SOURCE-FILTER`
   */
  readonly filters?: { [key: string]: any }[];
  /**
   * Why the function must see every message (at least 10 characters). Recorded as an acknowledgement of
   * `SLS-LAMBDA-EVENT-SOURCE-FILTER` on the event source mapping.
   *
   * @default - no justification
   */
  readonly unfilteredJustification?: string;
  /**
   * Messages per batch (1 to 10, or up to 10,000 with `maxBatchingWindow`).
   *
   * @default 10
   */
  readonly batchSize?: number;
  /**
   * How long to gather messages before invoking (0 to 5 minutes). It adds to the visibility timeout required.
   *
   * @default - no batching window
   */
  readonly maxBatchingWindow?: Duration;
  /**
   * The most concurrent invocations this source may cause (2 to 1000): caps what a flood of messages costs.
   *
   * @default - no cap other than the function's concurrency
   */
  readonly maxConcurrency?: number;
  /**
   * Whether the mapping polls.
   *
   * @default true
   */
  readonly enabled?: boolean;
}
