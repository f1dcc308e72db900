import { Duration, aws_dynamodb as dynamodb, aws_lambda as lambda } from 'aws-cdk-lib';

/**
 * Props of `SecureTable`: every `dynamodb.TableProps` prop (so adopting it is changing a class name).
 *
 * The defaults SecureTable applies differ from the `@default` that `dynamodb.TableProps` documents on each inherited
 * prop (jsii cannot re-declare an inherited prop, JSII5015, so they are listed here):
 *
 * - `encryption`: `dynamodb.TableEncryption.CUSTOMER_MANAGED` with `encryptionKey` = the stack's customer-managed key
 *   (not an AWS-owned key); any other encryption is refused (ST001)
 * - `pointInTimeRecoverySpecification`: enabled (not disabled); disabling is refused (ST002)
 * - `deletionProtection`: `true` (not false); `false` is refused (ST003)
 * - `removalPolicy`: `RemovalPolicy.RETAIN`, the only one accepted (ST004)
 */
export interface SecureTableProps extends dynamodb.TableProps {}

/** How a function consumes the stream of a table. */
export interface SecureTableStreamSourceProps {
  /**
   * Filter criteria (`lambda.FilterCriteria.filter({ eventName: lambda.FilterRule.isEqual('INSERT') })`): Lambda drops
   * records of any other shape before the function runs, so the function sees only the changes it expects.
   *
   * @default - no filter: set `unfilteredJustification`, or the mapping carries the acknowledgeable warning
   * `ServerlessSecurityChecks::SLS-LAMBDA-EVENT-SOURCE-FILTER`
   */
  readonly filters?: { [key: string]: any }[];
  /**
   * Why the function must see every change of the table (at least 10 characters). Recorded as an acknowledgement of
   * `SLS-LAMBDA-EVENT-SOURCE-FILTER` on the event source mapping.
   *
   * @default - no justification
   */
  readonly unfilteredJustification?: string;
  /**
   * Where the description of a batch that keeps failing goes (shard, sequence numbers, error), for example
   * `new SqsDlq(queue)` or `new SnsDlq(topic)` from `aws-lambda-event-sources`. Those grant their own permissions
   * (`SqsDlq` grants `kms:GenerateDataKey*` on an encrypted queue, which `AwsSolutions-IAM5` reports).
   *
   * @default - the table's stream failure queue (`streamFailureQueue`), encrypted with the table's key, created on the
   * first consumer, with exactly `sqs:SendMessage` and `kms:GenerateDataKey` granted
   */
  readonly onFailure?: lambda.IEventSourceDlq;
  /**
   * Where in the stream the consumer starts. `AT_TIMESTAMP` is refused (ST009): DynamoDB streams do not support it.
   *
   * @default lambda.StartingPosition.LATEST
   */
  readonly startingPosition?: lambda.StartingPosition;
  /**
   * How many times a failing batch is retried (bisected) before it is reported to `onFailure` (0 to 10,000).
   *
   * @default 2
   */
  readonly retryAttempts?: number;
  /**
   * The age past which a record is reported to `onFailure` instead of retried (1 minute to 24 hours, the stream's
   * retention).
   *
   * @default Duration.hours(6)
   */
  readonly maxRecordAge?: Duration;
  /**
   * Records per batch (1 to 10,000).
   *
   * @default 100
   */
  readonly batchSize?: number;
  /**
   * How long to gather records before invoking (0 to 5 minutes).
   *
   * @default - no batching window
   */
  readonly maxBatchingWindow?: Duration;
  /**
   * Batches processed at once per shard (1 to 10).
   *
   * @default 1
   */
  readonly parallelizationFactor?: number;
  /**
   * Whether the mapping polls.
   *
   * @default true
   */
  readonly enabled?: boolean;
}
