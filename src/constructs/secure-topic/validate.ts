import { Token, aws_iam as iam, aws_kms as kms } from 'aws-cdk-lib';
import { SECURE_TOPIC_DEFAULTS as D } from './defaults';
import type { SecureTopicProps } from './props';
import { PropErrors } from '../../core/prop-errors';
import { ScopingConditions } from '../../rules/iam/private/scoping-conditions';
import { Relaxation } from '../common/relaxation';

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
export function validateSecureTopicProps(props: SecureTopicProps, errors: PropErrors): boolean {
  const awsManaged = awsManagedKeyName(props.masterKey);
  if (awsManaged) {
    errors.add(TP.ENCRYPTION_NOT_CMK, 'masterKey', `must be a customer-managed key but was the AWS-managed key ${awsManaged}`
      + ' (its key policy cannot be changed, so no one but the account can be limited, and AWS services such as CloudWatch'
      + ' alarms and EventBridge cannot publish to the topic)',
    'Remove `masterKey` (the stack key is used), or pass a `kms.Key` of your own');
  }
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

/** The alias name when `key` is an AWS-managed key (`alias/aws/...`), else undefined (tokens included: cannot decide). */
function awsManagedKeyName(key: kms.IKey | undefined): string | undefined {
  if (!key) return undefined;
  const aliasName = (key as Partial<kms.IAlias>).aliasName;
  if (typeof aliasName === 'string' && !Token.isUnresolved(aliasName) && aliasName.startsWith('alias/aws/')) return aliasName;
  const arn = key.keyArn;
  if (!Token.isUnresolved(arn)) {
    const match = /:(alias\/aws\/[^/]+)$/.exec(arn);
    if (match) return match[1];
  }
  return undefined;
}

/**
 * Whether `statement` lets anyone in: an `Allow` for `*` (or for everyone but a `NotPrincipal`) without a condition
 * that narrows the callers (`aws:SourceArn`, `aws:SourceAccount`, `aws:PrincipalOrgID`, ...). The test is the one
 * the audit rule SLS-SNS-POLICY-PUBLIC applies. A principal that is a token cannot be decided here: not public (the
 * audit reports it as undecidable).
 */
export function isPublicStatement(statement: iam.PolicyStatement, resolve: (json: any) => any = (json) => json): boolean | undefined {
  if (statement.effect !== iam.Effect.ALLOW) return false;
  const json = resolve(statement.toStatementJson());
  if (ScopingConditions.scopingKeys(json.Condition).length > 0) return false;
  if (json.NotPrincipal !== undefined) return true;
  return admitsAnyone(json.Principal);
}

/** True when the principal is `*` (or `{ AWS: '*' }`); undefined when part of it is only known at deploy time. */
function admitsAnyone(principal: any): boolean | undefined {
  if (principal === '*') return true;
  if (principal === null || typeof principal !== 'object') return false;
  const aws = [principal.AWS].flat();
  if (aws.some((p) => p === '*')) return true;
  // A parameter or an import could be '*' once deployed; a Join of an ARN or a GetAtt names a principal.
  const unknown = aws.some((p) => p !== null && typeof p === 'object'
    && (('Ref' in p && !String(p.Ref).startsWith('AWS::')) || 'Fn::ImportValue' in p));
  return unknown ? undefined : false;
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
