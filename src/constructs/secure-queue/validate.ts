import { Duration, Token, aws_lambda as lambda, aws_sqs as sqs } from 'aws-cdk-lib';
import { SECURE_QUEUE_DEFAULTS as D, SECURE_QUEUE_LIMITS as L } from './defaults';
import type { SecureQueueProps, SecureQueueEventSourceProps } from './props';
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
  EVENT_SOURCE_RANGE: 'SQ009',
  PROP_INVALID: 'SQ010',
} as const;

/**
 * Check every prop of a `SecureQueue` before anything is created; every problem goes to `errors`. Never throws: what
 * aws-cdk-lib would refuse with its own error (ranges, FIFO names) is refused here first, with a code.
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
  const dlq = props.deadLetterQueue;
  if (dlq !== undefined && (dlq === null || typeof dlq !== 'object' || !dlq.queue || typeof dlq.queue.queueArn !== 'string')) {
    errors.add(SQ.PROP_INVALID, 'deadLetterQueue.queue', `must be a queue but was ${PropErrors.show(dlq?.queue ?? dlq)}`,
      'Pass `deadLetterQueue: { queue, maxReceiveCount }`, or remove it and let SecureQueue create an encrypted one');
  } else if (dlq !== undefined && props.fifo !== undefined && dlq.queue.fifo !== undefined && Boolean(dlq.queue.fifo) !== Boolean(props.fifo)) {
    errors.add(SQ.PROP_INVALID, 'deadLetterQueue.queue', `must be a ${props.fifo ? 'FIFO' : 'standard'} queue like the queue itself`,
      'SQS moves messages only to a dead-letter queue of the same type: remove `deadLetterQueue` and let SecureQueue create one');
  }
  const receiveProp = dlq ? 'deadLetterQueue.maxReceiveCount' : 'maxReceiveCount';
  errors.number(SQ.RECEIVE_COUNT_RANGE, receiveProp, dlq?.maxReceiveCount ?? props.maxReceiveCount, L.maxReceiveCount,
    `Set \`${receiveProp}\` to how many times a message may fail before it moves to the dead-letter queue (default ${D.maxReceiveCount})`);

  errors.seconds(SQ.RETENTION_RANGE, 'retentionPeriod', props.retentionPeriod, L.retentionPeriodSeconds, 'between 1 minute and 14 days',
    'Set `retentionPeriod` within the SQS limits, in whole seconds');
  errors.seconds(SQ.VISIBILITY_RANGE, 'visibilityTimeout', props.visibilityTimeout, L.visibilityTimeoutSeconds, 'between 0 seconds and 12 hours',
    'Set `visibilityTimeout` within the SQS limits, in whole seconds');
  errors.seconds(SQ.PROP_INVALID, 'deliveryDelay', props.deliveryDelay, L.deliveryDelaySeconds, 'between 0 seconds and 15 minutes',
    'Set `deliveryDelay` within the SQS limits, in whole seconds');
  errors.seconds(SQ.PROP_INVALID, 'receiveMessageWaitTime', props.receiveMessageWaitTime, L.receiveWaitSeconds, 'between 0 and 20 seconds',
    'Set `receiveMessageWaitTime` within the SQS limits, in whole seconds');
  errors.seconds(SQ.PROP_INVALID, 'dataKeyReuse', props.dataKeyReuse, L.dataKeyReuseSeconds, 'between 1 minute and 24 hours',
    'Set `dataKeyReuse` within the SQS limits, in whole seconds');
  errors.number(SQ.PROP_INVALID, 'maxMessageSizeBytes', props.maxMessageSizeBytes, L.maxMessageSizeBytes,
    'Set `maxMessageSizeBytes` between 1024 and 1048576 bytes');
  checkQueueName(props, errors);
}

/** Queue names: 1 to 80 letters, digits, hyphens and underscores, ending in `.fifo` exactly when the queue is FIFO. */
function checkQueueName(props: SecureQueueProps, errors: PropErrors): void {
  const name = props.queueName;
  const fix = 'Remove `queueName` (CloudFormation names the queue), or use 1 to 80 letters, digits, hyphens or underscores (plus `.fifo` for a FIFO queue)';
  if (name !== undefined && (typeof name !== 'string' || (!Token.isUnresolved(name) && !/^[A-Za-z0-9_-]{1,75}(\.fifo)?$/.test(name)) || name.length > 80)) {
    errors.add(SQ.PROP_INVALID, 'queueName', `must be a valid queue name but was ${PropErrors.show(name)}`, fix);
  } else if (typeof name === 'string' && !Token.isUnresolved(name) && props.fifo === false && name.endsWith('.fifo')) {
    errors.add(SQ.PROP_INVALID, 'queueName', 'ends with .fifo but `fifo` is false', 'Remove `fifo: false`, or the `.fifo` suffix');
  } else if (typeof name === 'string' && !Token.isUnresolved(name) && props.fifo === true && !name.endsWith('.fifo')) {
    errors.add(SQ.PROP_INVALID, 'queueName', 'must end with .fifo for a FIFO queue', 'Add `.fifo` to `queueName`');
  }
  const fifo = props.fifo === true || (typeof name === 'string' && name.endsWith('.fifo'));
  if (!fifo && (props.contentBasedDeduplication !== undefined || props.deduplicationScope !== undefined || props.fifoThroughputLimit !== undefined)) {
    errors.add(SQ.PROP_INVALID, props.contentBasedDeduplication !== undefined ? 'contentBasedDeduplication'
      : props.deduplicationScope !== undefined ? 'deduplicationScope' : 'fifoThroughputLimit', 'applies to FIFO queues only',
    'Set `fifo: true`, or remove the FIFO-only prop');
  }
}

/**
 * Check the options of a queue consumer (`SecureQueueEventSourceProps`); every problem goes to `errors`, before
 * aws-cdk-lib's event source mapping would refuse them with its own error.
 */
export function validateQueueConsumerProps(props: SecureQueueEventSourceProps, fifo: boolean, errors: PropErrors): void {
  const window = errors.seconds(SQ.EVENT_SOURCE_RANGE, 'maxBatchingWindow', props.maxBatchingWindow, L.batchingWindowSeconds,
    'between 0 seconds and 5 minutes', 'Set `maxBatchingWindow` within the Lambda limits, in whole seconds');
  const maxBatch = fifo ? 10 : (window ?? 0) > 0 || props.maxBatchingWindow !== undefined ? 10_000 : 10;
  errors.number(SQ.EVENT_SOURCE_RANGE, 'batchSize', props.batchSize, { min: 1, max: maxBatch },
    `Set \`batchSize\` between 1 and ${maxBatch}${maxBatch === 10 && !fifo ? ' (up to 10000 with a `maxBatchingWindow`)' : ''}`);
  errors.number(SQ.EVENT_SOURCE_RANGE, 'maxConcurrency', props.maxConcurrency, L.maxConcurrency,
    'Set `maxConcurrency` between 2 and 1000, or remove it');
  if (props.filters !== undefined && (!Array.isArray(props.filters) || props.filters.some((f) => f === null || typeof f !== 'object'))) {
    errors.add(SQ.EVENT_SOURCE_RANGE, 'filters', `must be a list of filter patterns but was ${PropErrors.show(props.filters)}`,
      'Use `[lambda.FilterCriteria.filter({ body: { type: lambda.FilterRule.isEqual(\'order\') } })]`');
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
