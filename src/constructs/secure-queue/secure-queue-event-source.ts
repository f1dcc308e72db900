import { Names, Validations, aws_lambda as lambda } from 'aws-cdk-lib';
import { SecureQueueEventSourceProps } from './props';
import type { SecureQueue } from './secure-queue';
import { SQ, checkConsumerTimeout, validateQueueConsumerProps } from './validate';
import { PropErrors } from '../../core/prop-errors';
import { Relaxation } from '../common/relaxation';
import { RuleIds } from '../common/rule-ids';

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
