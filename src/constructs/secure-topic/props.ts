import { aws_sns as sns, aws_sqs as sqs } from 'aws-cdk-lib';

/**
 * Props of `SecureTopic`: every `sns.TopicProps` prop (so adopting it is changing a class name), plus
 * `publicPolicyJustification`.
 *
 * The defaults SecureTopic applies differ from the `@default` that `sns.TopicProps` documents on each inherited prop
 * (jsii cannot re-declare an inherited prop, JSII5015, so they are listed here):
 *
 * - `masterKey`: the stack's customer-managed key (not unencrypted); an AWS-managed key is refused (TP001)
 * - `enforceSSL`: `true` (not false); `false` is refused (TP002)
 * - `signatureVersion`: `'2'` (SHA256, not SHA1 `'1'`), the only one accepted (TP003)
 */
export interface SecureTopicProps extends sns.TopicProps {
  /**
   * Why the topic policy may admit anyone (`*`) without a condition that narrows the callers (at least 10
   * characters). Without it, `addToResourcePolicy` (and `grantPublish` / `grantSubscribe` to `AnyPrincipal`) refuses
   * such a statement (TP005). Recorded as an acknowledgement of `SLS-SNS-POLICY-PUBLIC` on the topic policy.
   *
   * @default - no public statement is accepted
   */
  readonly publicPolicyJustification?: string;
}

/** How a subscription of a `SecureTopic` is configured. */
export interface SecureTopicSubscriptionOptions {
  /**
   * Filter on message attributes: SNS delivers only the messages whose attributes match, so the subscriber sees only
   * the shape it expects (THREATS.md T2).
   *
   * @default - no filter: every message is delivered
   */
  readonly filterPolicy?: { [attribute: string]: sns.SubscriptionFilter };
  /**
   * Filter on the message body (a JSON message): SNS delivers only the messages whose body matches. Use instead of
   * `filterPolicy`, not with it.
   *
   * @default - no filter: every message is delivered
   */
  readonly filterPolicyWithMessageBody?: { [attribute: string]: sns.FilterOrPolicy };
  /**
   * The queue that keeps the messages SNS could not deliver to this subscriber. It must be encrypted with a key that
   * lets SNS use it, and of the same type (standard or FIFO) as the topic.
   *
   * @default - the topic's dead-letter queue (`secureDeadLetterQueue`), created on the first subscription
   */
  readonly deadLetterQueue?: sqs.IQueue;
}

/** How a queue subscription of a `SecureTopic` is configured. */
export interface SecureTopicQueueSubscriptionOptions extends SecureTopicSubscriptionOptions {
  /**
   * Deliver the message as published, without the SNS JSON envelope.
   *
   * @default false
   */
  readonly rawMessageDelivery?: boolean;
}
