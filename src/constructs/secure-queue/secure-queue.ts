import { Duration, aws_kms as kms, aws_lambda as lambda, aws_sqs as sqs } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { SECURE_QUEUE_DEFAULTS as D } from './defaults';
import { SecureQueueEventSourceProps, SecureQueueProps } from './props';
import { SecureQueueEventSource } from './secure-queue-event-source';
import { validateSecureQueueProps } from './validate';
import { PropErrors } from '../../core/prop-errors';
import { DeadLetterQueue } from '../common/dead-letter-queue';
import { StackKey } from '../common/stack-key';

/**
 * An SQS queue that is encrypted with a customer-managed key, reachable only over TLS, and keeps the messages its
 * consumers keep failing on.
 *
 * It extends `sqs.Queue`, so it is usable anywhere an `IQueue` or a `Queue` is (grants, destinations, metrics), and
 * adopting it is changing one class name. Because `sqs.Queue` wires its redrive policy in its constructor, the
 * dead-letter queue is created just before it, as a sibling named `<id>DeadLetterQueue`.
 *
 * Consume it with `addConsumer(fn)` (or `fn.addEventSource(new SecureQueueEventSource(queue))`): batch failure
 * reporting is always on, and the visibility timeout is checked against the function's timeout.
 *
 * Invalid or insecure props fail the synth with one `SecureConstructValidationError` listing every problem (codes
 * `SQ0xx`).
 */
export class SecureQueue extends sqs.Queue {
  /** The customer-managed key that encrypts the queue (and the dead-letter queue SecureQueue creates). */
  public readonly encryptionKey: kms.IKey;
  /** The visibility timeout of the queue, as configured (checked against each consumer's timeout). */
  public readonly visibilityTimeout: Duration;
  /**
   * The dead-letter queue created by the construct.
   *
   * @default - none when `deadLetterQueue` is passed
   */
  public readonly secureDeadLetterQueue?: sqs.Queue;

  constructor(scope: Construct, id: string, givenProps: SecureQueueProps = {}) {
    // `null` from JavaScript is no props, as `undefined` is: every prop is optional.
    const props = givenProps ?? {};
    const errors = PropErrors.forChild(scope, id);
    validateSecureQueueProps(props, errors);
    errors.throwIfAny();

    const key = props.encryptionMasterKey ?? StackKey.of(scope);
    let deadLetterQueue = props.deadLetterQueue;
    let created: sqs.Queue | undefined;
    if (!deadLetterQueue) {
      created = DeadLetterQueue.create(scope, `${id}DeadLetterQueue`, {
        encryptionKey: key,
        role: 'the dead-letter queue of a SecureQueue',
        retention: D.deadLetterQueueRetention,
        fifo: props.fifo,
      });
      deadLetterQueue = { queue: created, maxReceiveCount: props.maxReceiveCount ?? D.maxReceiveCount };
    }

    const visibilityTimeout = props.visibilityTimeout ?? D.visibilityTimeout;
    super(scope, id, {
      ...props,
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: key,
      enforceSSL: true,
      retentionPeriod: props.retentionPeriod ?? D.retentionPeriod,
      visibilityTimeout,
      deadLetterQueue,
    });
    this.encryptionKey = key;
    this.visibilityTimeout = visibilityTimeout;
    this.secureDeadLetterQueue = created;
  }

  /**
   * Lets `consumer` process the queue's messages: an event source mapping with batch failure reporting, optional
   * filter criteria, and consume permissions (including decrypt on the key). Refuses (SQ006) a consumer whose timeout
   * does not fit six times in the queue's visibility timeout.
   *
   * @returns the event source, bound to the function
   */
  public addConsumer(consumer: lambda.IFunction, options: SecureQueueEventSourceProps = {}): SecureQueueEventSource {
    const source = new SecureQueueEventSource(this, options);
    if (!consumer || typeof consumer.addEventSource !== 'function') {
      source.bind(consumer); // refuses it with SQ009
    }
    consumer.addEventSource(source);
    return source;
  }
}
