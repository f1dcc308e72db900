import { Duration } from 'aws-cdk-lib';

/**
 * The secure baseline of `SecureTopic`, one line per default, each with the threat (THREATS.md) it answers and how
 * to relax it. The construct reads every default from here; the README table is written from this object.
 */
export const SECURE_TOPIC_DEFAULTS = {
  /**
   * T3 / data exposure: messages are encrypted at rest with a customer-managed key (the stack key), whose policy
   * limits who can read them and whose every use is in CloudTrail. Relax: `masterKey` (your CMK); an AWS-managed key
   * is refused.
   */
  customerManagedKey: true,
  /** T3: the topic policy denies `sns:Publish` without TLS. Not relaxable. */
  enforceSSL: true,
  /**
   * T2 / tampering: messages delivered to HTTP(S) and email-json subscribers are signed with SHA256 (version 2)
   * rather than SHA1 (version 1), so a subscriber that verifies signatures cannot be fed a forged message. Not relaxable.
   */
  signatureVersion: '2',
  /**
   * T6: every subscription has a dead-letter queue (encrypted with the topic's key, TLS-only) that keeps the messages
   * SNS could not deliver, instead of dropping them after the delivery retries. Relax: a `deadLetterQueue` of your own
   * on the subscription.
   */
  subscriptionDeadLetterQueue: true,
  /** T6: undelivered messages kept 14 days (the SQS maximum) in the dead-letter queue for inspection and redrive. Not relaxable. */
  deadLetterQueueRetention: Duration.days(14),
} as const;
