import { AuditedResource } from '../../core/audited-resource';
import { IRule, RuleCategory, Severity, Verdict } from '../../core/rule';
import { StackView } from '../../core/stack-view';
import { resourcePolicyVerdicts } from '../iam/private/resource-policy';

/**
 * Flags ECR repository policies (`RepositoryPolicyText`) that admit anyone (`Principal: "*"`, `NotPrincipal`) with no
 * condition that narrows the callers by value: anyone could pull the images (and whatever is baked into them) or, with
 * push actions, replace the code that functions run from them. A service principal without `aws:SourceArn` /
 * `aws:SourceAccount` is a warning (the Lambda service pulling images should be bound to this account's functions).
 */
export class EcrRepositoryPolicyPublicRule implements IRule {
  /** This rule's id: what `id` returns, for code that names the rule (acknowledgements, packs) without an instance. */
  public static readonly ID = 'SLS-ECR-POLICY-PUBLIC';

  public readonly id = EcrRepositoryPolicyPublicRule.ID;
  public readonly category: RuleCategory = RuleCategory.PRIVILEGES;
  public readonly severity: Severity = Severity.ERROR;
  public readonly severityReason?: string = 'A repository open to "*" lets anyone pull the function images, or push images the functions then run.';
  public readonly description: string = 'ECR repository policies admit only named principals, or "*" narrowed to an account or organization.';
  public readonly remediation: string = 'Grant pulls to named principals (repository.grantPull(principal)), and for the Lambda service '
    + 'add an aws:SourceArn condition naming this account\'s functions.';
  public readonly resourceTypes: string[] = ['AWS::ECR::Repository'];

  public check(resource: AuditedResource, stack: StackView): Verdict[] {
    return resourcePolicyVerdicts(resource, stack);
  }
}
