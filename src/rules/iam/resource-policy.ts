import { resourcePolicyVerdicts } from './private/resource-policy';
import { AuditedResource } from '../../core/audited-resource';
import { IRule, RuleCategory, Severity, Verdict } from '../../core/rule';
import { StackView } from '../../core/stack-view';

/**
 * Flags KMS key policies and Secrets Manager resource policies that grant anyone (`Principal: "*"` or `Allow` with
 * `NotPrincipal`) without a condition on the caller's account, organization or source (errors), or grant an AWS
 * service without `aws:SourceArn` / `aws:SourceAccount` (warnings: any customer's resource of that service could use
 * the grant, the confused deputy; for keys an encryption-context or `kms:ViaService` condition scopes it too).
 *
 * A key or a secret holds what the functions protect; its resource policy decides who may use it regardless of
 * their identity policies. Queue, topic, bucket, event bus and Lambda permission policies have their own rules
 * (SLS-SQS-POLICY-PUBLIC, SLS-SNS-POLICY-PUBLIC, SLS-S3-PUBLIC-ACCESS, SLS-EVENTS-BUS-POLICY-PUBLIC,
 * SLS-LAMBDA-PERMISSION-PUBLIC).
 */
export class IamResourcePolicyRule implements IRule {
  /** This rule's id: what `id` returns, for code that names the rule (acknowledgements, packs) without an instance. */
  public static readonly ID = 'SLS-IAM-RESOURCE-POLICY';

  public readonly id = IamResourcePolicyRule.ID;
  public readonly category: RuleCategory = RuleCategory.PRIVILEGES;
  public readonly severity: Severity = Severity.ERROR;
  public readonly severityReason?: string = 'A key or secret policy that admits anyone lets outsiders decrypt data or read the secret; a '
    + 'service without a source condition (a warning) can be used for another account\'s resources.';
  public readonly description: string = 'KMS key policies and Secrets Manager resource policies admit only named principals, and AWS services only for this account\'s resources.';
  public readonly remediation: string = 'Grant through the key\'s or secret\'s methods (key.grantDecrypt(principal), '
    + 'secret.grantRead(principal)), which name the principal; when a statement must name "*" or an AWS service, add '
    + 'an aws:SourceArn, aws:SourceAccount or aws:PrincipalOrgID condition (for keys, kms:ViaService or an encryption '
    + 'context condition).';
  public readonly resourceTypes: string[] = ['AWS::KMS::Key', 'AWS::SecretsManager::ResourcePolicy'];

  public check(resource: AuditedResource, stack: StackView): Verdict[] {
    return resourcePolicyVerdicts(resource, stack);
  }
}
