import { Names, Stack, Validations, aws_iam as iam, aws_kms as kms, aws_sns as sns, aws_sqs as sqs } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { StackKey } from '../../common/stack-key';

/** The `kms.Key`s outside the stack key that already carry the SNS statement. */
const KEYS_ALLOWING_SNS = new WeakSet<kms.IKey>();

/**
 * Lets SNS (`sns.amazonaws.com`) use `key` to deliver into a queue it encrypts, for this account's topics only.
 * - The stack key gets `StackKey.allowService(key, 'sns')` (`aws:SourceAccount` condition, one statement per stack).
 * - Another key created in this app (`kms.Key`) gets the same statement.
 * - An imported key cannot be changed: a warning on `scope` says what to add to its policy.
 *
 * `aws:SourceAccount` rather than `aws:SourceArn` = the topic ARN: a topic encrypted with the same key would then
 * reference the key, and the key policy the topic, a dependency cycle CloudFormation refuses.
 */
export function allowSnsToUse(scope: IConstruct, key: kms.IKey): void {
  if (StackKey.exists(key) && StackKey.of(key) === key) {
    StackKey.allowService(key, 'sns');
    return;
  }
  if (KEYS_ALLOWING_SNS.has(key)) return;
  const added = key.addToResourcePolicy(new iam.PolicyStatement({
    sid: 'AllowSnsOfThisAccount',
    principals: [new iam.ServicePrincipal('sns.amazonaws.com')],
    actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
    resources: ['*'],
    conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(key).account } },
  }), true).statementAdded;
  if (added) {
    KEYS_ALLOWING_SNS.add(key);
  } else {
    Validations.of(scope).addWarning('SecureTopic:ImportedKey',
      `${key.node.path} was imported, so SNS could not be allowed to use it: add to its key policy an Allow of kms:Decrypt and `
      + 'kms:GenerateDataKey for the service principal sns.amazonaws.com (condition aws:SourceAccount), or SNS cannot deliver.');
  }
}

/**
 * Wraps any subscription so that it gets the topic's dead-letter queue when it has none of its own.
 */
export class DeadLetteredSubscription implements sns.ITopicSubscription {
  constructor(private readonly inner: sns.ITopicSubscription, private readonly deadLetterQueue: () => sqs.IQueue) {}

  public bind(topic: sns.ITopic): sns.TopicSubscriptionConfig {
    const config = this.inner.bind(topic);
    return config.deadLetterQueue ? config : { ...config, deadLetterQueue: this.deadLetterQueue() };
  }
}

/** What a queue subscription passes through to the `AWS::SNS::Subscription`. */
export interface QueueSubscriberOptions {
  readonly rawMessageDelivery?: boolean;
  readonly filterPolicy?: { [attribute: string]: sns.SubscriptionFilter };
  readonly filterPolicyWithMessageBody?: { [attribute: string]: sns.FilterOrPolicy };
  readonly deadLetterQueue?: sqs.IQueue;
}

/**
 * A queue subscribed to a topic, like aws-cdk-lib's `SqsSubscription` (queue policy statement for
 * `sns.amazonaws.com` with `aws:SourceArn` = the topic), except for the key: `SqsSubscription` adds a statement to
 * the queue's key naming the topic ARN (which, when the topic is encrypted with the same key, is a dependency cycle)
 * or, without the feature flag `@aws-cdk/aws-sns-subscriptions:restrictSqsDescryption`, no condition at all. This
 * one uses `allowSnsToUse` (this account's topics only).
 */
export class QueueSubscriber implements sns.ITopicSubscription {
  constructor(private readonly queue: sqs.IQueue, private readonly options: QueueSubscriberOptions) {}

  public bind(topic: sns.ITopic): sns.TopicSubscriptionConfig {
    const queuePolicy = this.queue.addToResourcePolicy(new iam.PolicyStatement({
      resources: [this.queue.queueArn],
      actions: ['sqs:SendMessage'],
      principals: [new iam.ServicePrincipal('sns.amazonaws.com')],
      conditions: { ArnEquals: { 'aws:SourceArn': topic.topicArn } },
    }));
    if (this.queue.encryptionMasterKey) {
      allowSnsToUse(this.queue, this.queue.encryptionMasterKey);
    }
    return {
      subscriberScope: this.queue,
      subscriberId: Names.nodeUniqueId(topic.node),
      endpoint: this.queue.queueArn,
      protocol: sns.SubscriptionProtocol.SQS,
      rawMessageDelivery: this.options.rawMessageDelivery,
      filterPolicy: this.options.filterPolicy,
      filterPolicyWithMessageBody: this.options.filterPolicyWithMessageBody,
      deadLetterQueue: this.options.deadLetterQueue,
      subscriptionDependency: queuePolicy.policyDependable,
    };
  }
}
