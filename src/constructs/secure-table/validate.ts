import { RemovalPolicy, Token, aws_dynamodb as dynamodb, aws_lambda as lambda } from 'aws-cdk-lib';
import { SECURE_TABLE_STREAM_DEFAULTS as SD, SECURE_TABLE_STREAM_LIMITS as L } from './defaults';
import type { SecureTableProps } from './secure-table';
import type { SecureTableStreamSourceProps } from './secure-table-stream-source';
import { PropErrors } from '../../core/prop-errors';
import { Relaxation } from '../common/relaxation';

/**
 * The error codes of `SecureTable` and `SecureTableStreamSource`. Stable: documented in the README and matched by tests.
 */
export const ST = {
  ENCRYPTION_NOT_CMK: 'ST001',
  PITR_DISABLED: 'ST002',
  DELETION_PROTECTION_DISABLED: 'ST003',
  REMOVAL_NOT_RETAIN: 'ST004',
  STREAM_NOT_ENABLED: 'ST005',
  JUSTIFICATION_TOO_SHORT: 'ST006',
  RETRY_RANGE: 'ST007',
  RECORD_AGE_RANGE: 'ST008',
  STARTING_POSITION: 'ST009',
} as const;

/**
 * Check every prop of a `SecureTable` before anything is created; every problem goes to `errors`.
 */
export function validateSecureTableProps(props: SecureTableProps, errors: PropErrors): void {
  if (props.encryption !== undefined && props.encryption !== dynamodb.TableEncryption.CUSTOMER_MANAGED) {
    errors.add(ST.ENCRYPTION_NOT_CMK, 'encryption', `must be TableEncryption.CUSTOMER_MANAGED but was ${props.encryption}`
      + ' (with an AWS-owned or AWS-managed key no key policy limits who can read the data)',
    'Remove `encryption` (the stack key is used), or pass your own key as `encryptionKey`');
  }
  if (props.pointInTimeRecovery === false || props.pointInTimeRecoverySpecification?.pointInTimeRecoveryEnabled === false) {
    errors.add(ST.PITR_DISABLED, 'pointInTimeRecoverySpecification', 'must keep point-in-time recovery enabled',
      'Remove `pointInTimeRecovery` / `pointInTimeRecoverySpecification.pointInTimeRecoveryEnabled`; set `recoveryPeriodInDays` to shorten the window');
  }
  if (props.deletionProtection === false) {
    errors.add(ST.DELETION_PROTECTION_DISABLED, 'deletionProtection', 'must not be false: the table could be deleted by a stack update or by hand',
      'Remove `deletionProtection`; to delete a table on purpose, turn protection off in a reviewed change first');
  }
  if (props.removalPolicy !== undefined && props.removalPolicy !== RemovalPolicy.RETAIN) {
    errors.add(ST.REMOVAL_NOT_RETAIN, 'removalPolicy', `must be RETAIN but was ${props.removalPolicy}: deleting the stack would delete the data`,
      'Remove `removalPolicy`');
  }
}

/**
 * Check the options of a stream consumer; every problem goes to `errors`.
 *
 * @returns whether `unfilteredJustification` was given and accepted
 */
export function validateStreamConsumerProps(table: dynamodb.ITable, props: SecureTableStreamSourceProps, errors: PropErrors): boolean {
  if (table.tableStreamArn === undefined) {
    errors.add(ST.STREAM_NOT_ENABLED, 'stream', 'must be set to consume the table\'s changes, but the table has no stream',
      'Set `stream: dynamodb.StreamViewType.NEW_IMAGE` (or the view the consumer needs) on the table');
  }
  const retries = props.retryAttempts;
  if (retries !== undefined && !Token.isUnresolved(retries)
    && (!Number.isInteger(retries) || retries < L.retryAttempts.min || retries > L.retryAttempts.max)) {
    errors.add(ST.RETRY_RANGE, 'retryAttempts', `must be an integer between ${L.retryAttempts.min} and ${L.retryAttempts.max} but was ${retries}`,
      `Set \`retryAttempts\` to how many times a failing batch is retried before it is reported (default ${SD.retryAttempts})`);
  }
  const age = props.maxRecordAge;
  if (age !== undefined && !age.isUnresolved()) {
    const seconds = age.toSeconds();
    if (seconds < L.maxRecordAgeSeconds.min || seconds > L.maxRecordAgeSeconds.max) {
      errors.add(ST.RECORD_AGE_RANGE, 'maxRecordAge', `must be between 1 minute and 24 hours but was ${seconds} seconds`
        + ' (the stream keeps records 24 hours: an older record expires unreported)',
      `Set \`maxRecordAge\` within the stream's retention (default ${SD.maxRecordAge.toHours()} hours)`);
    }
  }
  if (props.startingPosition === lambda.StartingPosition.AT_TIMESTAMP) {
    errors.add(ST.STARTING_POSITION, 'startingPosition', 'must be LATEST or TRIM_HORIZON: DynamoDB streams do not support AT_TIMESTAMP',
      'Remove `startingPosition` (LATEST) or set TRIM_HORIZON');
  }
  return Relaxation.check(errors, ST.JUSTIFICATION_TOO_SHORT, 'unfilteredJustification', props.unfilteredJustification);
}
