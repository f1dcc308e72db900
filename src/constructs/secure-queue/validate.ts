import { Duration, Token, aws_lambda as lambda, aws_sqs as sqs } from 'aws-cdk-lib';
import { SECURE_QUEUE_DEFAULTS as D, SECURE_QUEUE_LIMITS as L } from './defaults';
import type { SecureQueueProps } from './secure-queue';
import { PropErrors } from '../../core/prop-errors';

/**
 * The error codes of `SecureQueue` and `SecureQueueEventSource`. Stable: documented in the README and matched by tests.
 */
export const SQ = {
  ENCRYPTION_NOT_CMK: 'SQ001',
  TLS_NOT_ENFORCED: 'SQ002',
  RECEIVE_COUNT_RANGE: 'SQ003',
  RETENTION_RANGE: 'SQ004',
  VISIBILITY_RANGE: 'SQ005',
  VISIBILITY_BELOW_CONSUMER: 'SQ006',
  JUSTIFICATION_TOO_SHORT: 'SQ007',
  DEAD_LETTER_CONFLICT: 'SQ008',
} as const;

/**
 * Check every prop of a `SecureQueue` before anything is created; every problem goes to `errors`.
 */
export function validateSecureQueueProps(props: SecureQueueProps, errors: PropErrors): void {
  const encryption = props.encryption;
  if (encryption !== undefined && encryption !== sqs.QueueEncryption.KMS) {
    errors.add(SQ.ENCRYPTION_NOT_CMK, 'encryption', `must be QueueEncryption.KMS with a customer-managed key but was ${encryption}`
      + ' (SQS-owned or AWS-managed keys have no key policy limiting who can read the messages)',
    'Remove `encryption` (the stack key is used), or pass your own key as `encryptionMasterKey`');
  }
  if (props.enforceSSL === false) {
    errors.add(SQ.TLS_NOT_ENFORCED, 'enforceSSL', 'must not be false: the queue policy denies requests made without TLS',
      'Remove `enforceSSL`');
  }

  if (props.deadLetterQueue !== undefined && props.maxReceiveCount !== undefined) {
    errors.add(SQ.DEAD_LETTER_CONFLICT, 'maxReceiveCount', 'is ignored when `deadLetterQueue` is passed',
      'Set `deadLetterQueue.maxReceiveCount` instead, or remove `deadLetterQueue` and let SecureQueue create an encrypted one');
  }
  const receiveCount = props.deadLetterQueue?.maxReceiveCount ?? props.maxReceiveCount;
  const receiveProp = props.deadLetterQueue ? 'deadLetterQueue.maxReceiveCount' : 'maxReceiveCount';
  if (receiveCount !== undefined && !Token.isUnresolved(receiveCount)
    && (!Number.isInteger(receiveCount) || receiveCount < L.maxReceiveCount.min || receiveCount > L.maxReceiveCount.max)) {
    errors.add(SQ.RECEIVE_COUNT_RANGE, receiveProp, `must be an integer between 1 and 1000 but was ${receiveCount}`,
      `Set \`${receiveProp}\` to how many times a message may fail before it moves to the dead-letter queue (default ${D.maxReceiveCount})`);
  }

  checkSecondsRange(errors, SQ.RETENTION_RANGE, 'retentionPeriod', props.retentionPeriod, L.retentionPeriodSeconds,
    'between 1 minute and 14 days');
  checkSecondsRange(errors, SQ.VISIBILITY_RANGE, 'visibilityTimeout', props.visibilityTimeout, L.visibilityTimeoutSeconds,
    'between 0 seconds and 12 hours');
}

function checkSecondsRange(errors: PropErrors, code: string, prop: string, value: Duration | undefined,
  range: { min: number; max: number }, described: string): void {
  if (value === undefined || value.isUnresolved()) {
    return;
  }
  const seconds = value.toSeconds();
  if (seconds < range.min || seconds > range.max) {
    errors.add(code, prop, `must be ${described} but was ${seconds} seconds`, `Set \`${prop}\` within the SQS limits`);
  }
}

/** What the visibility-timeout check found: an error, a warning (cannot decide), or nothing. */
export interface ConsumerTimeoutCheck {
  readonly error?: { readonly problem: string; readonly fix: string };
  readonly warning?: string;
}

/**
 * Lambda's guidance for SQS consumers: the queue's visibility timeout must be at least six times the function's
 * timeout (plus the batching window), or a message still being processed becomes visible again and is processed
 * twice. A timeout only known at deploy time, or a function that is not a `lambda.Function`, cannot be checked: the
 * result is then a warning, never a pass.
 */
export function checkConsumerTimeout(visibilityTimeout: Duration, consumer: lambda.IFunction,
  maxBatchingWindow: Duration | undefined): ConsumerTimeoutCheck {
  const timeout = consumer instanceof lambda.Function ? consumer.timeout ?? Duration.seconds(3) : undefined;
  if (timeout === undefined) {
    return { warning: `the timeout of ${consumer.node.path} is not known (imported function), so the visibility timeout of the queue cannot be checked against it` };
  }
  if (timeout.isUnresolved() || visibilityTimeout.isUnresolved() || maxBatchingWindow?.isUnresolved()) {
    return { warning: `the visibility timeout of the queue, the timeout of ${consumer.node.path} or the batching window is only known at deploy time, so the visibility timeout cannot be checked to be at least ${D.visibilityTimeoutFactor} times the function timeout` };
  }
  const windowSeconds = maxBatchingWindow?.toSeconds() ?? 0;
  const required = D.visibilityTimeoutFactor * timeout.toSeconds() + windowSeconds;
  const actual = visibilityTimeout.toSeconds();
  if (actual >= required) {
    return {};
  }
  const window = windowSeconds > 0 ? ` + the ${windowSeconds} s batching window` : '';
  return {
    error: {
      problem: `must be at least ${required} seconds (${D.visibilityTimeoutFactor} x the ${timeout.toSeconds()} s timeout of ${consumer.node.path}${window}) but was ${actual} seconds: a message still being processed would become visible again and be processed twice`,
      fix: `Set \`visibilityTimeout: Duration.seconds(${required})\` (or more) on the queue, or lower the function's timeout`,
    },
  };
}
