import {
  Token,
  aws_iam as iam,
  aws_lambda as lambda,
  aws_sns as sns,
  aws_sns_subscriptions as subscriptions,
  aws_sqs as sqs,
} from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { SECURE_TOPIC_DEFAULTS as D } from './defaults';
import { DeadLetteredSubscription, QueueSubscriber, allowSnsToUse } from './private/subscribers';
import { SecureTopicProps, SecureTopicQueueSubscriptionOptions, SecureTopicSubscriptionOptions } from './props';
import { TP, judgeStatement, validateSecureTopicProps } from './validate';
import { PropErrors } from '../../core/prop-errors';
import { DeadLetterQueue } from '../common/dead-letter-queue';
import { Relaxation } from '../common/relaxation';
import { RuleIds } from '../common/rule-ids';
import { StackKey } from '../common/stack-key';

const DEAD_LETTER_QUEUE_ID = 'DeadLetterQueue';

/**
 * An SNS topic that is encrypted with a customer-managed key, accepts publishing only over TLS, signs deliveries with
 * SHA256, never admits anyone (`*`) by accident, and keeps the messages it cannot deliver.
 *
 * It extends `sns.Topic`, so it is usable anywhere an `ITopic` or a `Topic` is (grants, alarm actions, EventBridge
 * targets, metrics), and adopting it is changing one class name.
 *
 * Every subscription gets a dead-letter queue, whichever way it is added: `addQueueSubscription(queue)`,
 * `addFunctionSubscription(fn)`, or `addSubscription(...)` with any `ITopicSubscription`. With the stack key,
 * CloudWatch alarms and EventBridge rules of this account may publish to the topic. `grantPublish` grants exactly
 * `sns:Publish` on the topic and `kms:GenerateDataKey` / `kms:Decrypt` on its key (no `kms:GenerateDataKey*`).
 *
 * Invalid or insecure props fail the synth with one `SecureConstructValidationError` listing every problem (codes
 * `TP0xx`).
 */
export class SecureTopic extends sns.Topic {
  private readonly usesStackKey: boolean;
  private readonly publicPolicyJustification?: string;

  constructor(scope: Construct, id: string, props: SecureTopicProps = {}) {
    // `null` from JavaScript is no props, as `undefined` is: every prop is optional.
    props = props ?? {};
    const errors = PropErrors.forChild(scope, id);
    const justified = validateSecureTopicProps(scope, props, errors);
    errors.throwIfAny();

    super(scope, id, {
      ...props,
      masterKey: props.masterKey ?? StackKey.of(scope),
      enforceSSL: D.enforceSSL,
      signatureVersion: props.signatureVersion ?? D.signatureVersion,
    });
    errors.warnUndecided(this);
    this.usesStackKey = props.masterKey === undefined;
    this.publicPolicyJustification = justified ? props.publicPolicyJustification : undefined;
    if (this.usesStackKey) {
      // CloudWatch alarm actions and EventBridge targets publish as their service principal, which needs the key.
      StackKey.allowService(this, 'cloudwatch');
      StackKey.allowService(this, 'events');
    }
  }

  /**
   * The dead-letter queue of the subscriptions that have none of their own: encrypted with the topic's key, TLS-only,
   * 14 days retention, FIFO when the topic is.
   *
   * @default - none until the first subscription without its own dead-letter queue
   */
  public get secureDeadLetterQueue(): sqs.IQueue | undefined {
    return this.node.tryFindChild(DEAD_LETTER_QUEUE_ID) as sqs.IQueue | undefined;
  }

  /**
   * Subscribes a queue: a queue-policy statement lets `sns.amazonaws.com` send only for this topic
   * (`aws:SourceArn`), and, when the queue is encrypted, SNS may use its key for this account's topics
   * (`aws:SourceAccount`; the stack key through `StackKey.allowService`). A queue on the AWS-managed SQS key is refused
   * (TP006): SNS cannot use it.
   *
   * @returns the subscription, with a dead-letter queue
   */
  public addQueueSubscription(queue: sqs.IQueue, options: SecureTopicQueueSubscriptionOptions = {}): sns.Subscription {
    this.requireSubscriber('addQueueSubscription', queue, 'queueArn');
    if (queue.encryptionType === sqs.QueueEncryption.KMS_MANAGED) {
      const errors = PropErrors.for(this);
      errors.add(TP.QUEUE_AWS_MANAGED_KEY, 'addQueueSubscription', `cannot deliver to ${queue.node.path}: it is encrypted with the AWS-managed key alias/aws/sqs, whose policy does not let SNS use it`,
        'Encrypt the queue with a customer-managed key (a SecureQueue uses the stack key)');
      errors.throwIfAny();
    }
    return this.addSubscription(new QueueSubscriber(queue, options));
  }

  /**
   * Subscribes a function (`LambdaSubscription`: a permission for `sns.amazonaws.com` scoped to this topic). Messages
   * SNS cannot deliver (the function is throttled or denies the invocation) go to the dead-letter queue; failures
   * inside the function are handled by its own asynchronous-invocation settings (a `SecureFunction` has a
   * dead-letter queue and an on-failure destination).
   *
   * @returns the subscription, with a dead-letter queue
   */
  public addFunctionSubscription(fn: lambda.IFunction, options: SecureTopicSubscriptionOptions = {}): sns.Subscription {
    this.requireSubscriber('addFunctionSubscription', fn, 'functionArn');
    return this.addSubscription(new subscriptions.LambdaSubscription(fn, options));
  }

  /**
   * Adds any subscription; one that has no dead-letter queue of its own gets the topic's (`secureDeadLetterQueue`).
   */
  public addSubscription(topicSubscription: sns.ITopicSubscription): sns.Subscription {
    if (!topicSubscription || typeof topicSubscription.bind !== 'function') {
      const errors = PropErrors.for(this);
      errors.add(TP.SUBSCRIPTION_INVALID, 'addSubscription', `must be given an sns.ITopicSubscription but was given ${PropErrors.show(topicSubscription)}`,
        'Pass a subscription such as `new subscriptions.EmailSubscription(address)`, or use `addQueueSubscription` / `addFunctionSubscription`');
      errors.throwIfAny();
    }
    return super.addSubscription(new DeadLetteredSubscription(topicSubscription, () => this.subscriptionDeadLetterQueue()));
  }

  /**
   * Adds a statement to the topic policy. An `Allow` that admits anyone (`*`, or `NotPrincipal`) without a
   * condition narrowing the callers (`aws:SourceArn`, `aws:SourceAccount`, `aws:PrincipalOrgID`, ...) is refused
   * (TP005) unless `publicPolicyJustification` is set; then it is recorded as an acknowledgement of
   * `SLS-SNS-POLICY-PUBLIC` on the topic policy.
   */
  public addToResourcePolicy(statement: iam.PolicyStatement): iam.AddToResourcePolicyResult {
    const errors = PropErrors.for(this);
    const { isPublic, undecided, principalUndecided } = judgeStatement(this, statement);
    if (undecided !== undefined) {
      errors.undecidable(TP.POLICY_PUBLIC, 'addToResourcePolicy', principalUndecided
        ? 'has a principal only known at deploy time, so whether it admits anyone cannot be decided at synth'
        : `cannot be judged at synth: ${undecided}`,
      'Grant to a named principal, add an aws:SourceArn, aws:SourceAccount or aws:PrincipalOrgID condition, or acknowledge this warning',
      RuleIds.qualified(RuleIds.SNS_POLICY_PUBLIC));
    }
    if (isPublic && this.publicPolicyJustification === undefined) {
      errors.add(TP.POLICY_PUBLIC, 'addToResourcePolicy', `must not admit anyone ("*") without a condition that narrows the callers, but statement ${JSON.stringify(statement.toStatementJson())} does`,
        'Grant to named principals (topic.grantPublish(role)), add an aws:SourceArn, aws:SourceAccount or aws:PrincipalOrgID condition, or set `publicPolicyJustification`');
      errors.throwIfAny();
    }
    const result = super.addToResourcePolicy(statement);
    errors.warnUndecided(this);
    if (isPublic && result.policyDependable) {
      Relaxation.record(result.policyDependable as Construct, RuleIds.SNS_POLICY_PUBLIC, this.publicPolicyJustification!);
    }
    return result;
  }

  /**
   * Grants `actions` on the topic's key, with `kms:GenerateDataKey*` narrowed to `kms:GenerateDataKey` (what SNS
   * calls when a publisher publishes). An AWS service principal (`events.amazonaws.com`) is given the stack key
   * through `StackKey.allowService` (this account's requests only) rather than an unconditioned key-policy statement.
   */
  public grantOnKey(grantee: iam.IGrantable, ...actions: string[]): iam.GrantOnKeyResult {
    const principal = grantee.grantPrincipal;
    if (this.usesStackKey && principal instanceof iam.ServicePrincipal && !Token.isUnresolved(principal.service)) {
      StackKey.allowService(this, principal.service.replace(/\.amazonaws\.com(\.cn)?$/, ''));
      return {};
    }
    const exact = [...new Set(actions.map((action) => (action === 'kms:GenerateDataKey*' ? 'kms:GenerateDataKey' : action)))];
    return super.grantOnKey(grantee, ...exact);
  }

  /** A subscriber that is missing (`null` from JavaScript) is refused with TP007, not a TypeError. */
  private requireSubscriber(method: string, subscriber: unknown, arnProperty: string): void {
    if (!subscriber || typeof (subscriber as any)[arnProperty] !== 'string') {
      const errors = PropErrors.for(this);
      errors.add(TP.SUBSCRIPTION_INVALID, method, `must be given a ${arnProperty === 'queueArn' ? 'queue' : 'function'} but was given ${PropErrors.show(subscriber)}`,
        `Pass the ${arnProperty === 'queueArn' ? 'sqs.IQueue' : 'lambda.IFunction'} to subscribe`);
      errors.throwIfAny();
    }
  }

  private subscriptionDeadLetterQueue(): sqs.IQueue {
    const existing = this.secureDeadLetterQueue;
    if (existing) return existing;
    const key = this.masterKey!;
    const queue = DeadLetterQueue.create(this, DEAD_LETTER_QUEUE_ID, {
      encryptionKey: key,
      role: 'the dead-letter queue of the subscriptions of an SNS topic',
      retention: D.deadLetterQueueRetention,
      fifo: this.fifo,
    });
    allowSnsToUse(queue, key);
    return queue;
  }
}
