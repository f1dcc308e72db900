import { AuditedResource } from '../../engine/audited-resource';
import { StackView } from '../../engine/stack-view';
import { attachedPolicies, PolicyAttachment, policiesWithUnknownTargets } from '../iam/private/attached-policies';
import { findSecureTransportDeny } from '../iam/private/secure-transport';
import { IRule, RuleCategory, Severity, Verdict, VerdictKind } from '../rule';

/** The resource policies that can apply to the resource, and the property naming their targets. */
const POLICY_ATTACHMENTS: PolicyAttachment[] = [
  { policyType: 'AWS::S3::BucketPolicy', targetProperty: 'Bucket' },
];

/** Flags buckets whose bucket policy does not deny object reads and writes without TLS (`aws:SecureTransport` false). */
export class S3BucketTlsOnlyRule implements IRule {
  public readonly id: string = 'SLS-S3-TLS-ONLY';
  public readonly category: RuleCategory = RuleCategory.CONFIGURATION;
  public readonly severity: Severity = Severity.WARNING;
  public readonly description: string = 'S3 bucket policies deny requests that do not use TLS.';
  public readonly remediation: string = 'Set enforceSSL: true on the s3.Bucket, or add to its AWS::S3::BucketPolicy a Deny of s3:* '
    + 'for Principal "*" on the bucket and its objects with the condition Bool aws:SecureTransport "false".';
  public readonly resourceTypes: string[] = ['AWS::S3::Bucket'];

  public check(resource: AuditedResource, stack: StackView): Verdict[] {
    const documents = attachedPolicies(resource, stack, POLICY_ATTACHMENTS);
    const requirement = { targetLogicalId: resource.logicalId, actions: ['s3:GetObject', 's3:PutObject'] };
    if (findSecureTransportDeny(documents, stack, requirement)) return [];
    const unknownTargets = policiesWithUnknownTargets(stack, POLICY_ATTACHMENTS);
    if (unknownTargets.length > 0) {
      return [{
        kind: VerdictKind.UNDECIDABLE,
        detail: `No bucket policy of the stack denies plain-HTTP access to this bucket, but ${unknownTargets.join('; ')} name buckets not known at synth time.`,
      }];
    }
    return [{
      kind: VerdictKind.VIOLATION,
      detail: documents.length === 0
        ? 'The bucket has no bucket policy denying requests without TLS (aws:SecureTransport false).'
        : 'The bucket policy does not deny s3:GetObject and s3:PutObject without TLS (aws:SecureTransport false) to every principal.',
    }];
  }
}
