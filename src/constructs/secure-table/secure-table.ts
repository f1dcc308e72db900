import { aws_dynamodb as dynamodb, aws_lambda as lambda, aws_sqs as sqs } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { SECURE_TABLE_DEFAULTS as D } from './defaults';
import { SecureTableProps, SecureTableStreamSourceProps } from './props';
import { SecureTableStreamSource } from './secure-table-stream-source';
import { ReceivedTableProps, validateSecureTableProps } from './validate';
import { PropErrors } from '../../core/prop-errors';
import { StackKey } from '../common/stack-key';


/**
 * A DynamoDB table encrypted with a customer-managed key, with point-in-time recovery, deletion protection, and
 * retained when the stack is deleted.
 *
 * It extends `dynamodb.Table` (`AWS::DynamoDB::Table`, the resource type every cdk-nag pack and our audit read), so
 * it is usable anywhere an `ITable` is, and adopting it is changing one class name. Grants are aws-cdk-lib's: give
 * readers `grantReadData` and writers `grantWriteData` (or `grantReadWriteData`), never `grantFullAccess` (see the README).
 *
 * Consume its `stream` with `addStreamConsumer(fn)` (or `fn.addEventSource(new SecureTableStreamSource(table))`):
 * failing batches are bisected, retried a bounded number of times and reported to an encrypted on-failure queue, and
 * the function may read exactly this table's stream.
 *
 * Invalid or insecure props fail the synth with one `SecureConstructValidationError` listing every problem (codes
 * `ST0xx`).
 */
export class SecureTable extends dynamodb.Table {
  constructor(scope: Construct, id: string, props: SecureTableProps) {
    const errors = PropErrors.forChild(scope, id);
    validateSecureTableProps(props, errors);
    errors.throwIfAny();

    const key = props.encryptionKey ?? StackKey.of(scope);
    // The deprecated `pointInTimeRecovery` is left out, not passed as undefined: jsii warns on the key's presence.
    const { pointInTimeRecovery: _deprecated, ...tableProps } = props as ReceivedTableProps;
    super(scope, id, {
      ...tableProps,
      encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: key,
      pointInTimeRecoverySpecification: { ...props.pointInTimeRecoverySpecification, pointInTimeRecoveryEnabled: D.pointInTimeRecovery },
      deletionProtection: D.deletionProtection,
      removalPolicy: D.removalPolicy,
    });
  }

  /**
   * The on-failure queue of the stream consumers that use the default `onFailure` (encrypted with the table's key,
   * TLS-only, 14 days retention).
   *
   * @default - none until the first such consumer
   */
  public get streamFailureQueue(): sqs.IQueue | undefined {
    return SecureTableStreamSource.failureQueueOf(this);
  }

  /**
   * Lets `consumer` process the table's stream: an event source mapping that bisects and retries a failing batch
   * twice, then reports it to the on-failure queue; batch item failures reported; records older than 6 hours
   * reported rather than retried; optional filter criteria; and read permissions on exactly this stream. Refused
   * (ST005) when the table has no `stream`.
   *
   * @returns the event source, bound to the function
   */
  public addStreamConsumer(consumer: lambda.IFunction, options: SecureTableStreamSourceProps = {}): SecureTableStreamSource {
    const source = new SecureTableStreamSource(this, options);
    if (!consumer || typeof consumer.addEventSource !== 'function') {
      source.bind(consumer); // refuses it with ST012
    }
    consumer.addEventSource(source);
    return source;
  }
}
