import { Duration, Names, Validations, aws_kms as kms, aws_lambda as lambda, aws_sqs as sqs } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { SECURE_QUEUE_DEFAULTS as D } from './defaults';
import { SecureQueueEventSourceProps, SecureQueueProps } from './props';
import { SQ, checkConsumerTimeout, validateQueueConsumerProps, validateSecureQueueProps } from './validate';
import { PropErrors } from '../../core/prop-errors';
import { DeadLetterQueue } from '../common/dead-letter-queue';
import { Relaxation } from '../common/relaxation';
import { RuleIds } from '../common/rule-ids';
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

  constructor(scope: Construct, id: string, props: SecureQueueProps = {}) {
    // `null` from JavaScript is no props, as `undefined` is: every prop is optional.
    props = props ?? {};
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

/**
 * The event source for a `SecureFunction` (or any `lambda.Function`) consuming a `SecureQueue`: batch item failures
 * are always reported (one bad message no longer makes the whole batch retry), filter criteria are encouraged, the
 * function gets exactly the consume permissions, and the queue's visibility timeout must be at least six times the
 * function's timeout (plus the batching window), else SQ006.
 */
export class SecureQueueEventSource implements lambda.IEventSource {
  private readonly props: SecureQueueEventSourceProps;
  private mapping?: lambda.EventSourceMapping;

  constructor(public readonly queue: SecureQueue, props: SecureQueueEventSourceProps = {}) {
    this.props = props ?? {};
  }

  /** The event source mapping, once bound. */
  public get eventSourceMapping(): lambda.EventSourceMapping | undefined {
    return this.mapping;
  }

  public bind(target: lambda.IFunction): void {
    const errors = PropErrors.for(this.queue);
    if (!target || typeof target.addEventSourceMapping !== 'function') {
      errors.add(SQ.EVENT_SOURCE_RANGE, 'addConsumer', `must be given a function but was given ${PropErrors.show(target)}`, 'Pass a SecureFunction or another lambda.IFunction');
      errors.throwIfAny();
    }
    validateQueueConsumerProps(this.props, this.queue.fifo, errors);
    const timeoutCheck = checkConsumerTimeout(this.queue.visibilityTimeout, target, this.props.maxBatchingWindow);
    if (timeoutCheck.error) {
      errors.add(SQ.VISIBILITY_BELOW_CONSUMER, 'visibilityTimeout', timeoutCheck.error.problem, timeoutCheck.error.fix);
    }
    const filters = this.props.filters ?? [];
    const justified = Relaxation.check(errors, SQ.JUSTIFICATION_TOO_SHORT, 'unfilteredJustification', this.props.unfilteredJustification);
    errors.throwIfAny();

    const mapping = target.addEventSourceMapping(`SecureQueueEventSource:${Names.nodeUniqueId(this.queue.node)}`, {
      eventSourceArn: this.queue.queueArn,
      batchSize: this.props.batchSize,
      maxBatchingWindow: this.props.maxBatchingWindow,
      maxConcurrency: this.props.maxConcurrency,
      enabled: this.props.enabled,
      reportBatchItemFailures: true,
      filters: filters.length > 0 ? filters : undefined,
    });
    this.mapping = mapping;
    // Lambda supports on-failure destinations for stream and Kafka mappings only; an SQS mapping keeps failed
    // messages through the queue's redrive policy, which a SecureQueue always has.
    Validations.of(mapping.node.defaultChild!).acknowledge({
      id: 'Serverless-LambdaEventSourceMappingDestination',
      reason: `Lambda cannot attach an on-failure destination to an SQS event source mapping; messages that keep failing move to the dead-letter queue of ${this.queue.node.path} (redrive policy).`,
    });
    if (target.role) {
      this.queue.grantConsumeMessages(target);
    } else {
      Validations.of(mapping).addWarning('SecureQueue:ConsumerWithoutRole',
        `${target.node.path} was imported without a role, so it was not granted permission to consume ${this.queue.node.path}: grant it yourself.`);
    }

    if (filters.length === 0) {
      if (justified) {
        Relaxation.record(mapping, RuleIds.LAMBDA_EVENT_SOURCE_FILTER, this.props.unfilteredJustification!);
      } else {
        Validations.of(mapping).addWarning(RuleIds.qualified(RuleIds.LAMBDA_EVENT_SOURCE_FILTER),
          `${target.node.path} receives every message of ${this.queue.node.path}: add \`filters\` matching the shape it expects, or set \`unfilteredJustification\`.`);
      }
    }
    if (timeoutCheck.warning) {
      Validations.of(mapping).addWarning(SQ.VISIBILITY_BELOW_CONSUMER, `${timeoutCheck.warning}. Check it by hand.`);
    }
  }
}
