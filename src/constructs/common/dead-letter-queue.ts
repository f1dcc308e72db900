import { Duration, Validations, aws_kms as kms, aws_sqs as sqs } from 'aws-cdk-lib';
import { Construct } from 'constructs';

/** Props of `DeadLetterQueue.create`. */
export interface DeadLetterQueueProps {
  /** The customer-managed key that encrypts the queue. */
  readonly encryptionKey: kms.IKey;
  /** What the queue receives, completing "This queue is ...": `the dead-letter queue of a SecureQueue`. */
  readonly role: string;
  /** How long failed messages wait for an operator (each construct's `defaults.ts` says how long, and why). */
  readonly retention: Duration;
  /**
   * A FIFO queue (the dead-letter queue of a FIFO queue or topic must be FIFO too).
   *
   * @default false
   */
  readonly fifo?: boolean;
}

/**
 * The end of the line for failed messages and events, as every `Secure*` construct creates it: encrypted with a
 * customer-managed key, TLS-only, with an explicit retention. cdk-nag's findings on it (`AwsSolutions-SQS3`,
 * `Serverless-SQSRedrivePolicy`: it has no dead-letter queue of its own) are unavoidable, so they are acknowledged here,
 * on exactly this queue, with the reason.
 */
export class DeadLetterQueue {
  /** Creates the queue as a child `id` of `scope`. */
  public static create(scope: Construct, id: string, props: DeadLetterQueueProps): sqs.Queue {
    const queue = new sqs.Queue(scope, id, {
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: props.encryptionKey,
      enforceSSL: true,
      fifo: props.fifo ? true : undefined,
      retentionPeriod: props.retention,
    });
    const reason = `This queue is ${props.role}. A dead-letter queue of a dead-letter queue would move failed messages `
      + 'away from where operators inspect and redrive them.';
    Validations.of(queue.node.defaultChild!).acknowledge(
      { id: 'AwsSolutions-SQS3', reason },
      { id: 'Serverless-SQSRedrivePolicy', reason },
    );
    return queue;
  }
}
