import { Token, aws_iam as iam, aws_kms as kms } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { SECURE_TOPIC_DEFAULTS as D } from './defaults';
import type { SecureTopicProps } from './props';
import { PropErrors } from '../../core/prop-errors';
import { Severity, VerdictKind } from '../../core/rule';
import { SnsTopicEncryptionRule } from '../../rules/sns/topic-encryption';
import { SnsTopicPolicyPublicRule } from '../../rules/sns/topic-policy-public';
import { DraftResource } from '../common/private/draft-resource';
import { Relaxation } from '../common/relaxation';
import { RuleIds } from '../common/rule-ids';

/**
 * The error codes of `SecureTopic`. Stable: documented in the README and matched by tests.
 */
export const TP = {
  ENCRYPTION_NOT_CMK: 'TP001',
  TLS_NOT_ENFORCED: 'TP002',
  SIGNATURE_VERSION: 'TP003',
  JUSTIFICATION_TOO_SHORT: 'TP004',
  POLICY_PUBLIC: 'TP005',
  QUEUE_AWS_MANAGED_KEY: 'TP006',
  SUBSCRIPTION_INVALID: 'TP007',
  PROP_INVALID: 'TP008',
} as const;

/**
 * Check every prop of a `SecureTopic` before anything is created; every problem goes to `errors`.
 *
 * @returns whether `publicPolicyJustification` was given and accepted
 */
export function validateSecureTopicProps(scope: IConstruct, props: SecureTopicProps, errors: PropErrors): boolean {
  checkMasterKey(scope, props.masterKey, errors);
  if (props.enforceSSL === false) {
    errors.add(TP.TLS_NOT_ENFORCED, 'enforceSSL', 'must not be false: the topic policy denies publishing without TLS',
      'Remove `enforceSSL`');
  }
  const signature = props.signatureVersion;
  if (signature !== undefined) {
    // A token is resolved as far as synth can: a Lazy '1' is SHA1 all the same.
    const resolved = typeof signature === 'string' ? errors.resolveString(signature) : { value: signature as any, undecidable: false };
    if (resolved.undecidable) {
      errors.undecidable(TP.SIGNATURE_VERSION, 'signatureVersion', 'is only known at deploy time, so SHA256 signing cannot be checked at synth',
        'Remove `signatureVersion` (\'2\' is used), or acknowledge this warning');
    } else if (resolved.value !== D.signatureVersion) {
      errors.add(TP.SIGNATURE_VERSION, 'signatureVersion', `must be '${D.signatureVersion}' (SHA256) but was ${PropErrors.show(resolved.value)}`
        + ' (version 1 signs deliveries with SHA1)',
      'Remove `signatureVersion`, and have HTTP(S) subscribers verify SHA256 signatures');
    }
  }
  checkTopicNames(props, errors);
  return Relaxation.check(errors, TP.JUSTIFICATION_TOO_SHORT, 'publicPolicyJustification', props.publicPolicyJustification);
}

/** The audit's rules a SecureTopic holds its key and its policy statements to before they exist. */
const ENCRYPTION_RULE = new SnsTopicEncryptionRule();
const POLICY_PUBLIC_RULE = new SnsTopicPolicyPublicRule();

/**
 * `masterKey`, judged by the audit's rule SLS-SNS-ENCRYPTION as the topic will be deployed: the AWS-managed key
 * (`alias/aws/sns`, by alias or ARN, a `Lazy` included) is refused; a key only known at deploy time (a parameter, an
 * import) is an acknowledgeable warning.
 */
function checkMasterKey(scope: IConstruct, key: kms.IKey | undefined, errors: PropErrors): void {
  if (key === undefined || key === null || typeof key.keyArn !== 'string') return;
  for (const verdict of DraftResource.check(scope, 'AWS::SNS::Topic', { KmsMasterKeyId: key.keyArn }, [ENCRYPTION_RULE])) {
    if (verdict.kind === VerdictKind.UNDECIDABLE) {
      errors.undecidable(TP.ENCRYPTION_NOT_CMK, 'masterKey', `is only known at deploy time, so whether it is customer-managed cannot be checked at synth: ${verdict.detail}`,
        'Pass a `kms.Key` of this app (or remove `masterKey` for the stack key), or acknowledge this warning', RuleIds.qualified(verdict.ruleId));
    } else if (verdict.findingId === 'aws-managed-key') {
      errors.add(TP.ENCRYPTION_NOT_CMK, 'masterKey', 'must be a customer-managed key but was the AWS-managed key alias/aws/sns'
        + ' (its key policy cannot be changed, so no one but the account can be limited, and AWS services such as CloudWatch'
        + ' alarms and EventBridge cannot publish to the topic)',
      'Remove `masterKey` (the stack key is used), or pass a `kms.Key` of your own');
    }
  }
}

/** What the audit's rule SLS-SNS-POLICY-PUBLIC says of one statement about to be added to the topic policy. */
export interface StatementJudgement {
  /** The statement admits anyone (an error of the rule): refused unless `publicPolicyJustification` is set. */
  readonly isPublic: boolean;
  /** What cannot be decided at synth (a principal or condition value only known at deploy time), if anything. */
  readonly undecided?: string;
  /** Whether what is undecided is the principal. */
  readonly principalUndecided: boolean;
}

/**
 * Judges a statement as the audit's rule SLS-SNS-POLICY-PUBLIC will judge it in the topic policy (tokens resolved as
 * far as synth can: a principal that is a `Lazy` `'*'` is `'*'`). A service principal without `aws:SourceArn` is the
 * rule's warning, left to the audit.
 */
export function judgeStatement(scope: IConstruct, statement: iam.PolicyStatement): StatementJudgement {
  const verdicts = DraftResource.check(scope, 'AWS::SNS::TopicPolicy',
    { PolicyDocument: { Version: '2012-10-17', Statement: [statement.toStatementJson()] } }, [POLICY_PUBLIC_RULE]);
  const undecided = verdicts.filter((v) => v.kind === VerdictKind.UNDECIDABLE);
  return {
    isPublic: verdicts.some((v) => v.kind === VerdictKind.VIOLATION && v.severity === Severity.ERROR),
    undecided: undecided.length > 0 ? undecided.map((v) => v.detail).join(' ') : undefined,
    principalUndecided: undecided.some((v) => v.findingId?.endsWith('.Principal') === true),
  };
}

/** Topic names: 1 to 256 letters, digits, hyphens and underscores, `.fifo` exactly for a FIFO topic; display name <= 100. */
function checkTopicNames(props: SecureTopicProps, errors: PropErrors): void {
  const name = props.topicName;
  if (name !== undefined && (typeof name !== 'string' || (!Token.isUnresolved(name) && !/^[A-Za-z0-9_-]{1,256}(\.fifo)?$/.test(name)))) {
    errors.add(TP.PROP_INVALID, 'topicName', `must be 1 to 256 letters, digits, hyphens or underscores (plus .fifo) but was ${PropErrors.show(name)}`,
      'Remove `topicName` (CloudFormation names the topic), or fix it');
  }
  const display = props.displayName;
  if (display !== undefined && (typeof display !== 'string' || (!Token.isUnresolved(display) && display.length > 100))) {
    errors.add(TP.PROP_INVALID, 'displayName', `must be at most 100 characters but was ${PropErrors.show(display)}`, 'Shorten `displayName`');
  }
  const fifo = props.fifo === true || (typeof name === 'string' && name.endsWith('.fifo'));
  const fifoOnly = props.contentBasedDeduplication !== undefined || props.messageRetentionPeriodInDays !== undefined
    || props.fifoThroughputScope !== undefined;
  if (!fifo && fifoOnly) {
    errors.add(TP.PROP_INVALID, props.contentBasedDeduplication !== undefined ? 'contentBasedDeduplication'
      : props.messageRetentionPeriodInDays !== undefined ? 'messageRetentionPeriodInDays' : 'fifoThroughputScope', 'applies to FIFO topics only',
    'Set `fifo: true`, or remove the FIFO-only prop');
  } else {
    errors.number(TP.PROP_INVALID, 'messageRetentionPeriodInDays', props.messageRetentionPeriodInDays, { min: 1, max: 365 },
      'Set `messageRetentionPeriodInDays` between 1 and 365');
  }
}
