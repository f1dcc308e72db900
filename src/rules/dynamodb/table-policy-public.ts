import { AuditedResource } from '../../core/audited-resource';
import { IRule, RuleCategory, Severity, Verdict } from '../../core/rule';
import { StackView } from '../../core/stack-view';
import { resourcePolicyVerdicts } from '../iam/private/resource-policy';

/**
 * Flags DynamoDB resource policies (`AWS::DynamoDB::Table` `ResourcePolicy`, and each replica's of an
 * `AWS::DynamoDB::GlobalTable`) that admit anyone (`Principal: "*"`, `NotPrincipal`) with no condition that narrows
 * the callers by value and no `Deny` for everyone outside a named network or organization: every AWS account could read
 * or change the table's items. A service principal without `aws:SourceArn` / `aws:SourceAccount` is a warning.
 */
export class DynamoDbTablePolicyPublicRule implements IRule {
  /** This rule's id: what `id` returns, for code that names the rule (acknowledgements, packs) without an instance. */
  public static readonly ID = 'SLS-DYNAMODB-POLICY-PUBLIC';

  public readonly id = DynamoDbTablePolicyPublicRule.ID;
  public readonly category: RuleCategory = RuleCategory.PRIVILEGES;
  public readonly severity: Severity = Severity.ERROR;
  public readonly severityReason?: string = 'A table policy that admits anyone lets principals of every AWS account read or change its items.';
  public readonly description: string = 'DynamoDB table resource policies admit only named principals, or "*" narrowed to an account, organization or VPC endpoint.';
  public readonly remediation: string = 'Grant access to the functions that need it (table.grantReadData(fn)) instead of a resource '
    + 'policy, or name the principals in the policy and add an aws:PrincipalOrgID or aws:SourceVpce condition.';
  public readonly resourceTypes: string[] = ['AWS::DynamoDB::Table', 'AWS::DynamoDB::GlobalTable'];

  public check(resource: AuditedResource, stack: StackView): Verdict[] {
    return resourcePolicyVerdicts(resource, stack);
  }
}
