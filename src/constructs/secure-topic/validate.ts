import { Token, aws_iam as iam, aws_kms as kms } from 'aws-cdk-lib';
import { SECURE_TOPIC_DEFAULTS as D } from './defaults';
import type { SecureTopicProps } from './secure-topic';
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
  if (signature !== undefined && !Token.isUnresolved(signature) && signature !== D.signatureVersion) {
    errors.add(TP.SIGNATURE_VERSION, 'signatureVersion', `must be '${D.signatureVersion}' (SHA256) but was '${signature}'`
      + ' (version 1 signs deliveries with SHA1)',
    'Remove `signatureVersion`, and have HTTP(S) subscribers verify SHA256 signatures');
  }
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
export function isPublicStatement(statement: iam.PolicyStatement): boolean {
  if (statement.effect !== iam.Effect.ALLOW) return false;
  const json = statement.toStatementJson();
  if (ScopingConditions.scopingKeys(json.Condition).length > 0) return false;
  if (json.NotPrincipal !== undefined) return true;
  return admitsAnyone(json.Principal);
}

function admitsAnyone(principal: any): boolean {
  if (principal === '*') return true;
  if (principal === null || typeof principal !== 'object') return false;
  const aws = principal.AWS;
  return [aws].flat().some((p) => p === '*');
}
