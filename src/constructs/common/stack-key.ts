import { Duration, RemovalPolicy, Stack, aws_iam as iam, aws_kms as kms } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

const KEY_ID = 'SecureServerlessKey';

/** The service statements already added to each stack key (statement ids), so `allowService` adds each once. */
const ALLOWED_SERVICES = new WeakMap<kms.IKey, Set<string>>();

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

  /**
   * Let an AWS service use the stack's shared key on behalf of this account only: SNS delivering to an encrypted
   * queue, EventBridge sending to an encrypted dead-letter queue, CloudWatch alarms publishing to an encrypted topic.
   * Those services call KMS as their service principal, so without a key-policy statement the delivery fails at
   * run time, silently.
   *
   * The statement allows only what delivery needs (`kms:Decrypt`, `kms:GenerateDataKey*`), and only for requests
   * made for this account (`aws:SourceAccount`), which stops another account's topic or rule from using the key as
   * a confused deputy. Idempotent: one statement per service, however many constructs ask.
   *
   * @param scope any construct in the stack
   * @param service the service's short name as in its principal, for example `sns`, `events` or `cloudwatch`
   * @returns the stack's shared key
   */
  public static allowService(scope: IConstruct, service: string): kms.IKey {
    const key = StackKey.of(scope) as kms.Key;
    const sid = `Allow${service.replace(/[^A-Za-z0-9]/g, '')}OfThisAccount`;
    const allowed = ALLOWED_SERVICES.get(key) ?? new Set<string>();
    if (allowed.has(sid)) {
      return key;
    }
    ALLOWED_SERVICES.set(key, allowed.add(sid));
    const stack = Stack.of(scope);
    key.addToResourcePolicy(new iam.PolicyStatement({
      sid,
      principals: [new iam.ServicePrincipal(`${service}.amazonaws.com`)],
      actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
      resources: ['*'],
      conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
    }));
    return key;
  }

  /** Whether the stack of `scope` already has the shared key. */
  public static exists(scope: IConstruct): boolean {
    return Stack.of(scope).node.tryFindChild(KEY_ID) !== undefined;
  }
}
