import { AuditedResource } from '../../core/audited-resource';
import { IRule, RuleCategory, Severity, Verdict } from '../../core/rule';
import { StackView } from '../../core/stack-view';
import { PolicyAttachment } from '../iam/private/attached-policies';
import { tlsOnlyVerdicts } from '../iam/private/secure-transport';

/** The resource policies that can apply to the resource, and the property naming their targets. */
const POLICY_ATTACHMENTS: PolicyAttachment[] = [
  { policyType: 'AWS::S3::BucketPolicy', targetProperty: 'Bucket' },
];

/** Flags buckets whose bucket policy does not deny object reads and writes without TLS (`aws:SecureTransport` false). */
export class S3BucketTlsOnlyRule implements IRule {
  /** This rule's id: what `id` returns, for code that names the rule (acknowledgements, packs) without an instance. */
  public static readonly ID = 'SLS-S3-TLS-ONLY';

  public readonly id = S3BucketTlsOnlyRule.ID;
  public readonly category: RuleCategory = RuleCategory.CONFIGURATION;
  public readonly severity: Severity = Severity.WARNING;
  public readonly severityReason?: string = 'AWS endpoints offer TLS, so denying plain HTTP only stops a misconfigured client from sending in clear: defence in depth a secure app would still add.';
  public readonly description: string = 'S3 bucket policies deny requests that do not use TLS.';
  public readonly remediation: string = 'Set enforceSSL: true on the s3.Bucket, or add to its AWS::S3::BucketPolicy a Deny of s3:* '
    + 'for Principal "*" on the bucket and its objects with the condition Bool aws:SecureTransport "false".';
  public readonly resourceTypes: string[] = ['AWS::S3::Bucket'];

  public check(resource: AuditedResource, stack: StackView): Verdict[] {
    return tlsOnlyVerdicts(resource, stack, { attachments: POLICY_ATTACHMENTS, actions: ['s3:GetObject', 's3:PutObject'], noun: 'bucket', policyNoun: 'bucket policy' });
  }
}
