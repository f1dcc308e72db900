import { RemovalPolicy, aws_kms as kms, aws_logs as logs } from 'aws-cdk-lib';
import { Construct } from 'constructs';

/** The log group of one function. */
export interface FunctionLogGroupOptions {
  /** Finite retention (validation refuses `INFINITE`). */
  readonly retention: logs.RetentionDays;
  /** The customer-managed key that encrypts the logs. */
  readonly encryptionKey: kms.IKey;
}

/**
 * The function's own log group: encrypted with a customer-managed key, finite retention, retained when the stack is
 * deleted (T6: an audit trail outlives the code that wrote it).
 *
 * It is the `AWS::Logs::LogGroup` that `new logs.LogGroup(...)` renders for these props (same construct path
 * `<id>/Resource`, so the same logical id), plus an imported `ILogGroup` over it for `lambda.Function` and for users
 * (`fn.logGroup.addSubscriptionFilter(...)`). The L2 `LogGroup` does nothing more for these props but costs a third
 * of a plain function's synth time, on every function.
 */
export class FunctionLogGroup extends Construct {
  /** The log group resource. */
  public readonly resource: logs.CfnLogGroup;
  /** The log group, for grants, metric filters and subscriptions. */
  public readonly logGroup: logs.ILogGroup;

  constructor(scope: Construct, id: string, options: FunctionLogGroupOptions) {
    super(scope, id);
    this.resource = new logs.CfnLogGroup(this, 'Resource', {
      kmsKeyId: options.encryptionKey.keyArn,
      retentionInDays: options.retention,
    });
    this.resource.applyRemovalPolicy(RemovalPolicy.RETAIN);
    this.logGroup = logs.LogGroup.fromLogGroupName(this, 'Imported', this.resource.ref);
  }
}
