import { Duration, RemovalPolicy, Stack, aws_iam as iam, aws_kms as kms } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

const KEY_ID = 'SecureServerlessKey';

/**
 * One customer-managed KMS key per stack, shared by every `Secure*` construct in it (function environments, log
 * groups, dead-letter queues), so it counts once toward the 500-resource limit.
 *
 * The key has rotation on, is retained on stack deletion (data encrypted with it outlives the stack), and its
 * policy lets CloudWatch Logs use it only for log groups of this account and region (encryption-context condition).
 */
export class StackKey {
  /**
   * The stack's shared key: created on first use, then returned.
   *
   * @param scope any construct in the stack
   */
  public static of(scope: IConstruct): kms.IKey {
    const stack = Stack.of(scope);
    const existing = stack.node.tryFindChild(KEY_ID);
    if (existing) {
      return existing as kms.Key;
    }
    const key = new kms.Key(stack, KEY_ID, {
      description: `cdk-secure-serverless: encrypts function environments, logs and dead-letter queues of ${stack.stackName}`,
      enableKeyRotation: true,
      rotationPeriod: Duration.days(365),
      removalPolicy: RemovalPolicy.RETAIN,
    });
    key.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'AllowCloudWatchLogsOfThisAccount',
      principals: [new iam.ServicePrincipal(`logs.${stack.region}.amazonaws.com`)],
      actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
      resources: ['*'],
      conditions: {
        ArnLike: {
          'kms:EncryptionContext:aws:logs:arn': `arn:${stack.partition}:logs:${stack.region}:${stack.account}:log-group:*`,
        },
      },
    }));
    return key;
  }

  /** Whether the stack of `scope` already has the shared key. */
  public static exists(scope: IConstruct): boolean {
    return Stack.of(scope).node.tryFindChild(KEY_ID) !== undefined;
  }
}
