import { Duration, RemovalPolicy, aws_lambda as lambda } from 'aws-cdk-lib';

/**
 * The secure baseline of `SecureTable`, one line per default, each with the threat (THREATS.md) it answers. The
 * construct reads every default from here; the README table is written from this object.
 */
export const SECURE_TABLE_DEFAULTS = {
  /** Data exposure: a key policy limits who can decrypt, and every decryption is in CloudTrail. Not relaxable (your own CMK via `encryptionKey`). */
  customerManagedKey: true,
  /** T6 / tampering: restore to any second of the last 35 days after a bad write or a ransomware-style delete. Not relaxable. */
  pointInTimeRecovery: true,
  /** Tampering / accident: the table cannot be deleted (by a stack update or by hand) until protection is turned off. Not relaxable. */
  deletionProtection: true,
  /** The data outlives the stack. Not relaxable. */
  removalPolicy: RemovalPolicy.RETAIN,
} as const;

/**
 * The secure baseline of a stream consumer (`SecureTable.addStreamConsumer`, `SecureTableStreamSource`).
 */
export const SECURE_TABLE_STREAM_DEFAULTS = {
  /** Only changes made after the consumer is deployed (not the last 24 hours replayed). Relax: `startingPosition: TRIM_HORIZON`. */
  startingPosition: lambda.StartingPosition.LATEST,
  /**
   * T6: a failing batch is retried twice (three attempts, like SecureQueue's three receives), then its description
   * goes to the on-failure destination instead of blocking the shard until the records expire (the Lambda default is
   * to retry forever). Relax: `retryAttempts` (0 to 10,000).
   */
  retryAttempts: 2,
  /**
   * T6: a record older than 6 hours is not retried any more but reported to the on-failure destination, which leaves
   * 18 of the stream's 24 hours to read it again from the shard and sequence numbers in the report. Relax:
   * `maxRecordAge` (1 minute to 24 hours).
   */
  maxRecordAge: Duration.hours(6),
  /** T6: a failing batch is split in two and retried, so one poison record does not fail its neighbours. Not relaxable. */
  bisectBatchOnError: true,
  /** T6: the function reports the records it failed (`batchItemFailures`), so only those are retried. Not relaxable. */
  reportBatchItemFailures: true,
  /** T6: failure reports kept 14 days (the SQS maximum) in the on-failure queue. Not relaxable. */
  failureQueueRetention: Duration.days(14),
} as const;

/** Ranges accepted by validation, with the AWS limits they come from. */
export const SECURE_TABLE_STREAM_LIMITS = {
  /** Lambda: 0 to 10,000 retries (-1, infinite, is what the defaults avoid). */
  retryAttempts: { min: 0, max: 10_000 },
  /**
   * Lambda accepts 60 s to 7 days, but a DynamoDB stream keeps records 24 hours: past that a record expires before
   * it is reported, and the on-failure destination never hears of it.
   */
  maxRecordAgeSeconds: { min: 60, max: 86_400 },
  /** Lambda DynamoDB event source: 1 to 10,000 records per batch. */
  batchSize: { min: 1, max: 10_000 },
  /** Lambda: 0 s to 300 s of batching window. */
  batchingWindowSeconds: { min: 0, max: 300 },
  /** Lambda: 1 to 10 batches per shard at once. */
  parallelizationFactor: { min: 1, max: 10 },
} as const;
