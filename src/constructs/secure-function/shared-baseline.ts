import { Duration, Names, Stack, Validations, aws_cloudwatch as cloudwatch, aws_iam as iam, aws_kms as kms, aws_sqs as sqs } from 'aws-cdk-lib';
import { Construct, IConstruct } from 'constructs';
import { SECURE_FUNCTION_DEFAULTS as D } from './defaults';
import { RequiredWildcardActions, RequiredWildcardGroup } from '../../shared/iam-wildcards';
import { DeadLetterQueue } from '../common/dead-letter-queue';
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
 * An encrypted, TLS-only queue receiving failed asynchronous invocations, the one policy that lets a function role
 * send to it (exactly `sqs:SendMessage` on it, and what KMS needs for its key), and an alarm that fires as soon as a
 * failed event waits in it: an event that exhausted its retries is lost unless someone looks (T6).
 */
export class SharedFailureQueue extends Construct {
  /** The queue. */
  public readonly queue: sqs.Queue;
  /** Send permission, attached to every function role that uses the queue. */
  public readonly sendPolicy: iam.ManagedPolicy;
  /** In alarm while failed events wait in the queue; notifies the `alarmAction` of every function using it. */
  public readonly alarm: cloudwatch.Alarm;
  private readonly actionArns = new Set<string>();

  constructor(scope: Construct, id: string, key: kms.IKey) {
    super(scope, id);
    this.queue = DeadLetterQueue.create(this, 'Queue', {
      encryptionKey: key,
      role: 'the dead-letter queue and on-failure destination of the stack\'s Lambda functions',
      retention: D.deadLetterQueueRetention,
    });
    this.sendPolicy = new iam.ManagedPolicy(this, 'SendPolicy', {
      description: `Lets SecureFunction roles of ${Stack.of(this).stackName} send failed asynchronous invocations to ${this.node.path}/Queue`,
      statements: [
        // Exactly what sending to a KMS-encrypted queue needs (SQS developer guide, "Key management"), no wildcards.
        new iam.PolicyStatement({ sid: 'SendFailedInvocations', actions: ['sqs:SendMessage'], resources: [this.queue.queueArn] }),
        new iam.PolicyStatement({ sid: 'EncryptFailedInvocations', actions: ['kms:GenerateDataKey', 'kms:Decrypt'], resources: [key.keyArn] }),
      ],
    });
    this.alarm = new cloudwatch.Alarm(this, 'Alarm', {
      metric: this.queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: cloudwatch.Stats.MAXIMUM }),
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      alarmDescription: `${this.node.path}/Queue holds asynchronous invocations that failed after their retries. Each `
        + 'message is an on-failure record that names the function (requestContext.functionArn) and carries the event: '
        + 'fix the cause, then replay or delete the messages.',
    });
  }

  /** Adds an action to the alarm, once per action: the functions of a stack often share their alarm topic. */
  public notify(action: cloudwatch.IAlarmAction): void {
    const config = action.bind(this, this.alarm); // bound once: binding may create resources (a Lambda permission)
    if (this.actionArns.has(config.alarmActionArn)) return;
    this.actionArns.add(config.alarmActionArn);
    this.alarm.addAlarmAction({ bind: () => config });
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
