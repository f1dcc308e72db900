import { RemovalPolicy, aws_dynamodb as dynamodb } from 'aws-cdk-lib';
import type { SecureTableProps } from './secure-table';
import { PropErrors } from '../common/prop-errors';

/**
 * The error codes of `SecureTable`. Stable: documented in the README and matched by tests.
 */
export const ST = {
  ENCRYPTION_NOT_CMK: 'ST001',
  PITR_DISABLED: 'ST002',
  DELETION_PROTECTION_DISABLED: 'ST003',
  REMOVAL_NOT_RETAIN: 'ST004',
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
