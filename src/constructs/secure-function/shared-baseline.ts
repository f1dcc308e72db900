import { Names, Stack, Validations, aws_iam as iam, aws_kms as kms, aws_sqs as sqs } from 'aws-cdk-lib';
import { Construct, IConstruct } from 'constructs';
import { SECURE_FUNCTION_DEFAULTS as D } from './defaults';
import { RequiredWildcardActions, RequiredWildcardGroup } from '../../shared/iam-wildcards';
import { StackKey } from '../common/stack-key';

const FAILURE_QUEUE_ID = 'SecureFunctionFailures';

/**
 * What every `SecureFunction` of a stack needs identically, created once per stack (per key) and shared:
 *
 * - the **failure queue**: the dead-letter queue and on-failure destination of asynchronous invocations. The
 *   on-failure record names the function (`requestContext.functionArn`), so one queue per stack loses nothing and
 *   gives operators one place to look and one depth to alarm on;
 * - the customer-managed policies holding the permissions that are the same for every function: sending to that
 *   queue, and the `Resource: *` actions AWS requires for X-Ray and VPC network interfaces. They are justified and
 *   acknowledged once, here, instead of once per function.
 *
 * Sharing is what keeps a function at five resources (role, function, log group, invoke config, alarm) and its synth
 * cost near a plain `lambda.Function`'s: each resource and each acknowledgement costs aws-cdk-lib a stack trace.
 */
export class SharedFunctionBaseline {
  /**
   * The stack's failure queue for functions whose environment is encrypted with `key`: created on first use.
   */
  public static failureQueue(scope: IConstruct, key: kms.IKey): SharedFailureQueue {
    const stack = Stack.of(scope);
    const isStackKey = StackKey.exists(stack) && StackKey.of(stack) === key;
    const id = isStackKey ? FAILURE_QUEUE_ID : `${FAILURE_QUEUE_ID}${Names.nodeUniqueId(key.node).slice(-8)}`;
    return (stack.node.tryFindChild(id) as SharedFailureQueue | undefined) ?? new SharedFailureQueue(stack, id, key);
  }

  /** The stack's policy with the X-Ray write actions (`Resource: *`, required by AWS). */
  public static xrayPolicy(scope: IConstruct): iam.ManagedPolicy {
    return wildcardPolicy(scope, 'SecureFunctionXRayWrite', RequiredWildcardActions.xray());
  }

  /** The stack's policy with the VPC network-interface actions (`Resource: *`, required by AWS). */
  public static vpcPolicy(scope: IConstruct): iam.ManagedPolicy {
    return wildcardPolicy(scope, 'SecureFunctionVpcNetworkInterfaces', RequiredWildcardActions.vpcNetworkInterfaces());
  }
}

/**
 * An encrypted, TLS-only queue receiving failed asynchronous invocations, and the one policy that lets a function
 * role send to it (exactly `sqs:SendMessage` on it, and what KMS needs for its key).
 */
export class SharedFailureQueue extends Construct {
  /** The queue. */
  public readonly queue: sqs.Queue;
  /** Send permission, attached to every function role that uses the queue. */
  public readonly sendPolicy: iam.ManagedPolicy;

  constructor(scope: Construct, id: string, key: kms.IKey) {
    super(scope, id);
    this.queue = new sqs.Queue(this, 'Queue', {
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: key,
      enforceSSL: true,
      retentionPeriod: D.deadLetterQueueRetention,
    });
    this.sendPolicy = new iam.ManagedPolicy(this, 'SendPolicy', {
      description: `Lets SecureFunction roles of ${Stack.of(this).stackName} send failed asynchronous invocations to ${this.node.path}/Queue`,
      statements: [
        // Exactly what sending to a KMS-encrypted queue needs (SQS developer guide, "Key management"), no wildcards.
        new iam.PolicyStatement({ sid: 'SendFailedInvocations', actions: ['sqs:SendMessage'], resources: [this.queue.queueArn] }),
        new iam.PolicyStatement({ sid: 'EncryptFailedInvocations', actions: ['kms:GenerateDataKey', 'kms:Decrypt'], resources: [key.keyArn] }),
      ],
    });
    const reason = 'This queue is the dead-letter queue and on-failure destination of the stack\'s Lambda functions. A '
      + 'dead-letter queue of a dead-letter queue would move failed events away from where operators inspect and '
      + 'redrive them.';
    Validations.of(this.queue.node.defaultChild!).acknowledge(
      { id: 'AwsSolutions-SQS3', reason },
      { id: 'Serverless-SQSRedrivePolicy', reason },
    );
  }
}

function wildcardPolicy(scope: IConstruct, id: string, group: RequiredWildcardGroup): iam.ManagedPolicy {
  const stack = Stack.of(scope);
  const existing = stack.node.tryFindChild(id) as iam.ManagedPolicy | undefined;
  if (existing) return existing;
  const policy = new iam.ManagedPolicy(stack, id, {
    description: `SecureFunction roles of ${stack.stackName}: ${group.actions.join(', ')} (AWS requires Resource "*")`,
    statements: [new iam.PolicyStatement({ actions: group.actions, resources: ['*'] })],
  });
  Validations.of(policy.node.defaultChild!).acknowledge({ id: 'AwsSolutions-IAM5[Resource::*]', reason: group.justification });
  return policy;
}
