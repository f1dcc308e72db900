import { RemovalPolicy, Token, aws_dynamodb as dynamodb, aws_lambda as lambda } from 'aws-cdk-lib';
import { SECURE_TABLE_STREAM_DEFAULTS as SD, SECURE_TABLE_STREAM_LIMITS as L } from './defaults';
import type { SecureTableProps, SecureTableStreamSourceProps } from './props';
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
  REQUIRED_PROP: 'ST010',
  PROPS_CONFLICT: 'ST011',
  RANGE: 'ST012',
  NAME_INVALID: 'ST013',
} as const;

/**
 * The props of `dynamodb.TableProps` that `SecureTableProps` leaves out (deprecated or refused; its documentation says
 * why). JavaScript callers can still pass them, so they are still read.
 */
export type UndeclaredTableProps = Pick<dynamodb.TableProps, 'pointInTimeRecovery' | 'contributorInsightsEnabled' | 'replicationRegions'
| 'replicationTimeout' | 'replicaRemovalPolicy' | 'waitForReplicationToFinish'>;

/** The props a `SecureTable` may receive: the declared ones, and those left out but passed from JavaScript. */
export type ReceivedTableProps = SecureTableProps & UndeclaredTableProps;

/**
 * Check every prop of a `SecureTable` before anything is created; every problem goes to `errors`.
 */
export function validateSecureTableProps(props: ReceivedTableProps, errors: PropErrors): void {
  if (props === null || typeof props !== 'object') {
    errors.add(ST.REQUIRED_PROP, 'props', `are required but were ${PropErrors.show(props)}`,
      'Pass the props with at least `partitionKey: { name: \'pk\', type: dynamodb.AttributeType.STRING }`');
    return;
  }
  checkKey(errors, 'partitionKey', props.partitionKey, true);
  checkKey(errors, 'sortKey', props.sortKey, false);
  checkCapacity(props, errors);
  checkTableNames(props, errors);
  if (props.replicationRegions !== undefined && props.replicationRegions.length > 0) {
    errors.add(ST.PROPS_CONFLICT, 'replicationRegions', 'cannot be combined with a customer-managed key in `dynamodb.Table` (aws-cdk-lib refuses it)',
      'Use `dynamodb.TableV2` with `replicas` and an `encryption: TableEncryptionV2.customerManagedKey(...)`, or remove `replicationRegions`');
  }
  // They only configure replicas: passed without them, dynamodb.Table would ignore them.
  for (const prop of ['replicationTimeout', 'replicaRemovalPolicy', 'waitForReplicationToFinish'] as const) {
    if (props[prop] !== undefined) {
      errors.add(ST.PROPS_CONFLICT, prop, 'is not supported: it applies only to `replicationRegions`, which SecureTable refuses',
        `Remove \`${prop}\`; for replicas, use \`dynamodb.TableV2\` with \`replicas\``);
    }
  }
  const recovery = props.pointInTimeRecoverySpecification?.recoveryPeriodInDays;
  errors.number(ST.RANGE, 'pointInTimeRecoverySpecification.recoveryPeriodInDays', recovery, { min: 1, max: 35 },
    'Set `recoveryPeriodInDays` between 1 and 35, or remove it (35 days)');
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
  errors.number(ST.RETRY_RANGE, 'retryAttempts', props.retryAttempts, L.retryAttempts,
    `Set \`retryAttempts\` to how many times a failing batch is retried before it is reported (default ${SD.retryAttempts})`);
  errors.seconds(ST.RECORD_AGE_RANGE, 'maxRecordAge', props.maxRecordAge, L.maxRecordAgeSeconds,
    'between 1 minute and 24 hours (the stream keeps records 24 hours: an older record expires unreported)',
    `Set \`maxRecordAge\` within the stream's retention, in whole seconds (default ${SD.maxRecordAge.toHours()} hours)`);
  errors.number(ST.RANGE, 'batchSize', props.batchSize, L.batchSize, 'Set `batchSize` between 1 and 10000');
  errors.seconds(ST.RANGE, 'maxBatchingWindow', props.maxBatchingWindow, L.batchingWindowSeconds, 'between 0 seconds and 5 minutes',
    'Set `maxBatchingWindow` within the Lambda limits, in whole seconds');
  errors.number(ST.RANGE, 'parallelizationFactor', props.parallelizationFactor, L.parallelizationFactor, 'Set `parallelizationFactor` between 1 and 10');
  if (props.filters !== undefined && (!Array.isArray(props.filters) || props.filters.some((f) => f === null || typeof f !== 'object'))) {
    errors.add(ST.RANGE, 'filters', `must be a list of filter patterns but was ${PropErrors.show(props.filters)}`,
      'Use `[lambda.FilterCriteria.filter({ eventName: lambda.FilterRule.isEqual(\'INSERT\') })]`');
  }
  if (props.onFailure !== undefined && (props.onFailure === null || typeof (props.onFailure as any).bind !== 'function')) {
    errors.add(ST.RANGE, 'onFailure', `must be an IEventSourceDlq (\`new SqsDlq(queue)\`) but was ${PropErrors.show(props.onFailure)}`,
      'Remove `onFailure` (the table\'s encrypted failure queue is used), or pass `new SqsDlq(queue)`');
  }
  if (props.startingPosition === lambda.StartingPosition.AT_TIMESTAMP) {
    errors.add(ST.STARTING_POSITION, 'startingPosition', 'must be LATEST or TRIM_HORIZON: DynamoDB streams do not support AT_TIMESTAMP',
      'Remove `startingPosition` (LATEST) or set TRIM_HORIZON');
  }
  return Relaxation.check(errors, ST.JUSTIFICATION_TOO_SHORT, 'unfilteredJustification', props.unfilteredJustification);
}

/** A key attribute: a name of 1 to 255 characters and a type. */
function checkKey(errors: PropErrors, prop: string, key: dynamodb.Attribute | undefined, required: boolean): void {
  if (key === undefined && !required) return;
  const fix = `Pass \`${prop}: { name: 'pk', type: dynamodb.AttributeType.STRING }\``;
  if (!errors.required(ST.REQUIRED_PROP, prop, key, 'an attribute with a name and a type', fix, (k) => typeof k === 'object')) return;
  const name = key!.name;
  if (typeof name !== 'string' || (!Token.isUnresolved(name) && (name.length === 0 || name.length > 255))) {
    errors.add(ST.NAME_INVALID, `${prop}.name`, `must be 1 to 255 characters but was ${PropErrors.show(name)}`, fix);
  }
  if (!Object.values(dynamodb.AttributeType).includes(key!.type)) {
    errors.add(ST.REQUIRED_PROP, `${prop}.type`, `must be a dynamodb.AttributeType but was ${PropErrors.show(key!.type)}`, fix);
  }
}

function checkCapacity(props: SecureTableProps, errors: PropErrors): void {
  const onDemand = props.billingMode === undefined || props.billingMode === dynamodb.BillingMode.PAY_PER_REQUEST;
  for (const prop of ['readCapacity', 'writeCapacity'] as const) {
    const value = props[prop];
    if (value === undefined) continue;
    if (onDemand && props.billingMode !== undefined) {
      errors.add(ST.PROPS_CONFLICT, prop, 'cannot be set for a PAY_PER_REQUEST table', `Remove \`${prop}\`, or set \`billingMode: dynamodb.BillingMode.PROVISIONED\``);
    } else {
      errors.number(ST.RANGE, prop, value, { min: 1, max: Number.MAX_SAFE_INTEGER }, `Set \`${prop}\` to a whole number of capacity units, at least 1`);
    }
  }
}

function checkTableNames(props: SecureTableProps, errors: PropErrors): void {
  const name = props.tableName;
  if (name !== undefined && (typeof name !== 'string' || (!Token.isUnresolved(name) && !/^[A-Za-z0-9_.-]{3,255}$/.test(name)))) {
    errors.add(ST.NAME_INVALID, 'tableName', `must be 3 to 255 letters, digits, underscores, hyphens or dots but was ${PropErrors.show(name)}`,
      'Remove `tableName` (CloudFormation names the table, which also allows replacements), or fix it');
  }
  const ttl = props.timeToLiveAttribute;
  if (ttl !== undefined && (typeof ttl !== 'string' || (!Token.isUnresolved(ttl) && (ttl.length === 0 || ttl.length > 255)))) {
    errors.add(ST.NAME_INVALID, 'timeToLiveAttribute', `must be an attribute name of 1 to 255 characters but was ${PropErrors.show(ttl)}`,
      'Name the attribute that holds the expiry time, or remove `timeToLiveAttribute`');
  }
}
