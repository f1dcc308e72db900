import { aws_dynamodb as dynamodb } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { SECURE_TABLE_DEFAULTS as D } from './defaults';
import { validateSecureTableProps } from './validate';
import { PropErrors } from '../common/prop-errors';
import { StackKey } from '../common/stack-key';

/**
 * Props of `SecureTable`: every `dynamodb.TableProps` prop (so adopting it is changing a class name), with secure
 * defaults.
 */
export interface SecureTableProps extends dynamodb.TableProps {}

/**
 * A DynamoDB table encrypted with a customer-managed key, with point-in-time recovery, deletion protection, and
 * retained when the stack is deleted.
 *
 * It extends `dynamodb.Table` (`AWS::DynamoDB::Table`, the resource type every cdk-nag pack and our audit read), so
 * it is usable anywhere an `ITable` is, and adopting it is changing one class name. Grants are aws-cdk-lib's: give
 * readers `grantReadData` and writers `grantWriteData` (or `grantReadWriteData`), never `grantFullAccess` (see the README).
 *
 * Invalid or insecure props fail the synth with one `SecureConstructValidationError` listing every problem (codes
 * `ST0xx`).
 */
export class SecureTable extends dynamodb.Table {
  constructor(scope: Construct, id: string, props: SecureTableProps) {
    const errors = new PropErrors(scope.node.path ? `${scope.node.path}/${id}` : id);
    validateSecureTableProps(props, errors);
    errors.throwIfAny();

    const key = props.encryptionKey ?? StackKey.of(scope);
    super(scope, id, {
      ...props,
      encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
      encryptionKey: key,
      pointInTimeRecovery: undefined,
      pointInTimeRecoverySpecification: { ...props.pointInTimeRecoverySpecification, pointInTimeRecoveryEnabled: D.pointInTimeRecovery },
      deletionProtection: D.deletionProtection,
      removalPolicy: D.removalPolicy,
    });
  }
}
