import {
  Names,
  Validations,
  aws_dynamodb as dynamodb,
  aws_iam as iam,
  aws_kms as kms,
  aws_lambda as lambda,
  aws_sqs as sqs,
} from 'aws-cdk-lib';
import { SECURE_TABLE_STREAM_DEFAULTS as SD } from './defaults';
import { SecureTableStreamSourceProps } from './props';
import { ST, validateStreamConsumerProps } from './validate';
import { PropErrors } from '../../core/prop-errors';
import { DeadLetterQueue } from '../common/dead-letter-queue';
import { Relaxation } from '../common/relaxation';
import { RuleIds } from '../common/rule-ids';
import { StackKey } from '../common/stack-key';

const FAILURE_QUEUE_ID = 'StreamFailureQueue';

/**
 * The event source for a `SecureFunction` (or any `lambda.Function`) consuming the stream of a `SecureTable` (or of
 * any `dynamodb.Table` with a `stream`): a failing batch is bisected, retried twice and then reported to an encrypted
 * on-failure queue; batch item failures are reported; the record age is bounded; filter criteria are encouraged; and
 * the function gets exactly `dynamodb:DescribeStream`, `GetRecords` and `GetShardIterator` on this table's stream
 * (plus `kms:Decrypt` on the table's key), never `dynamodb:ListStreams` on `*` as aws-cdk-lib's `DynamoEventSource`
 * grants.
 */
export class SecureTableStreamSource implements lambda.IEventSource {
  /**
   * The on-failure queue of the stream consumers of `table` that use the default `onFailure`.
   *
   * @returns the queue, or undefined before the first such consumer
   */
  public static failureQueueOf(table: dynamodb.ITable): sqs.IQueue | undefined {
    return table.node.tryFindChild(FAILURE_QUEUE_ID) as sqs.IQueue | undefined;
  }

  private mapping?: lambda.EventSourceMapping;

  private readonly props: SecureTableStreamSourceProps;

  constructor(public readonly table: dynamodb.ITable, props: SecureTableStreamSourceProps = {}) {
    this.props = props ?? {};
  }

  /** The event source mapping, once bound. */
  public get eventSourceMapping(): lambda.EventSourceMapping | undefined {
    return this.mapping;
  }

  public bind(target: lambda.IFunction): void {
    const errors = PropErrors.for(this.table);
    if (!target || typeof target.addEventSourceMapping !== 'function') {
      errors.add(ST.RANGE, 'addStreamConsumer', `must be given a function but was given ${PropErrors.show(target)}`, 'Pass a SecureFunction or another lambda.IFunction');
      errors.throwIfAny();
    }
    const justified = validateStreamConsumerProps(this.table, this.props, errors);
    errors.throwIfAny();

    const streamArn = this.table.tableStreamArn!;
    const filters = this.props.filters ?? [];
    const failureQueue = this.props.onFailure ? undefined : failureQueueFor(this.table);
    const mapping = target.addEventSourceMapping(`SecureTableStreamSource:${Names.nodeUniqueId(this.table.node)}`, {
      eventSourceArn: streamArn,
      startingPosition: this.props.startingPosition ?? SD.startingPosition,
      batchSize: this.props.batchSize,
      maxBatchingWindow: this.props.maxBatchingWindow,
      parallelizationFactor: this.props.parallelizationFactor,
      enabled: this.props.enabled,
      bisectBatchOnError: SD.bisectBatchOnError,
      reportBatchItemFailures: SD.reportBatchItemFailures,
      retryAttempts: this.props.retryAttempts ?? SD.retryAttempts,
      maxRecordAge: this.props.maxRecordAge ?? SD.maxRecordAge,
      onFailure: this.props.onFailure ?? new FailureQueueDestination(failureQueue!),
      filters: filters.length > 0 ? filters : undefined,
    });
    this.mapping = mapping;

    if (target.role) {
      this.grantConsume(target, failureQueue);
    } else {
      Validations.of(mapping).addWarning('SecureTable:ConsumerWithoutRole',
        `${target.node.path} was imported without a role, so it was not granted permission to read the stream of ${this.table.node.path}: grant it yourself.`);
    }
    if (filters.length === 0) {
      if (justified) {
        Relaxation.record(mapping, RuleIds.LAMBDA_EVENT_SOURCE_FILTER, this.props.unfilteredJustification!);
      } else {
        Validations.of(mapping).addWarning(RuleIds.qualified(RuleIds.LAMBDA_EVENT_SOURCE_FILTER),
          `${target.node.path} receives every change of ${this.table.node.path}: add \`filters\` matching the records it expects, or set \`unfilteredJustification\`.`);
      }
    }
  }

  /**
   * Exactly what reading this stream needs, on this stream's ARN. `dynamodb:ListStreams` is left out: IAM authorises
   * it only on `*`, and Lambda, which is given the stream ARN, does not list streams (AWS's own example policy for
   * stream consumers names the stream ARN, which cannot grant it).
   */
  private grantConsume(target: lambda.IFunction, failureQueue: sqs.IQueue | undefined): void {
    iam.Grant.addToPrincipal({
      grantee: target,
      actions: ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator'],
      resourceArns: [this.table.tableStreamArn!],
    });
    // Identity-policy grants on the keys (not key.grant, which may write the role into the key policy): the key
    // policies of the stack key and of a kms.Key delegate to the account.
    const keyActions = new Map<kms.IKey, Set<string>>();
    const add = (key: kms.IKey, ...actions: string[]) => {
      const set = keyActions.get(key) ?? new Set<string>();
      actions.forEach((a) => set.add(a));
      keyActions.set(key, set);
    };
    if (this.table.encryptionKey) add(this.table.encryptionKey, 'kms:Decrypt');
    if (failureQueue) {
      iam.Grant.addToPrincipal({ grantee: target, actions: ['sqs:SendMessage'], resourceArns: [failureQueue.queueArn] });
      // What sending to a KMS-encrypted queue needs (SQS developer guide, "Key management").
      add(failureQueue.encryptionMasterKey!, 'kms:GenerateDataKey', 'kms:Decrypt');
    }
    for (const [key, actions] of keyActions) {
      iam.Grant.addToPrincipal({ grantee: target, actions: [...actions].sort(), resourceArns: [key.keyArn] });
    }
  }
}

/** The default on-failure destination: its permissions are granted exactly by the source, so it grants nothing. */
class FailureQueueDestination implements lambda.IEventSourceDlq {
  constructor(private readonly queue: sqs.IQueue) {}

  public bind(): lambda.DlqDestinationConfig {
    return { destination: this.queue.queueArn };
  }
}

/** The table's stream failure queue, created on first use: encrypted with the table's key (else the stack key), TLS-only. */
function failureQueueFor(table: dynamodb.ITable): sqs.IQueue {
  const existing = SecureTableStreamSource.failureQueueOf(table);
  if (existing) return existing;
  return DeadLetterQueue.create(table, FAILURE_QUEUE_ID, {
    encryptionKey: table.encryptionKey ?? StackKey.of(table),
    role: 'the on-failure destination of the stream consumers of a DynamoDB table: it receives the description of '
      + 'batches that kept failing',
    retention: SD.failureQueueRetention,
  });
}
