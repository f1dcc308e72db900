import { IDENTITY_POLICY_TYPES, permissionVerdicts } from './private/permission-verdicts';
import { AuditedResource } from '../../core/audited-resource';
import { IRule, RuleCategory, Severity, Verdict } from '../../core/rule';
import { StackView } from '../../core/stack-view';
import { PermissionFindingKind } from '../../iam/permission-finding';
import { PolicyAnalyzer } from '../../iam/policy-analyzer';

const KINDS = [PermissionFindingKind.FULL_ADMIN, PermissionFindingKind.SERVICE_ADMIN, PermissionFindingKind.SERVICE_WILDCARD];

/**
 * Flags identity policies that allow every action (`*`) or every action of a service (`s3:*`), and wildcards that
 * include permissions management (`s3:Put*` includes `s3:PutBucketPolicy`). On more than named resources that is
 * administrator access, to everything or to a whole service. On named resources only it is still every action on them,
 * deletion and permissions management included: `dynamodb:*` on one table (what `table.grantFullAccess(fn)` produces)
 * includes `dynamodb:PutResourcePolicy`, and `s3:*` on one bucket `s3:PutBucketPolicy`, so a compromised function
 * can open the table or bucket to anyone. Judged by what the wildcard expands to in the IAM action table.
 */
export class IamWildcardActionRule implements IRule {
  /** This rule's id: what `id` returns, for code that names the rule (acknowledgements, packs) without an instance. */
  public static readonly ID = 'SLS-IAM-WILDCARD-ACTION';

  public readonly id = IamWildcardActionRule.ID;
  public readonly category: RuleCategory = RuleCategory.PRIVILEGES;
  public readonly severity: Severity = Severity.ERROR;
  public readonly severityReason?: string = 'A wildcard that includes permissions management lets a compromised function rewrite the '
    + 'resource policy of what it reaches (open a bucket or table to anyone), and "*" or "service:*" on every resource is administrator access.';
  public readonly description: string = 'IAM policies do not allow the action "*", a service-wide wildcard such as "s3:*", or a wildcard that includes permissions management.';
  public readonly remediation: string = 'List the actions the principal needs, or use the grant methods of aws-cdk-lib constructs '
    + '(bucket.grantRead(fn), table.grantReadWriteData(fn)), which name exact actions; SecureFunction roles receive '
    + 'permissions only through grants.';
  public readonly resourceTypes: string[] = [...IDENTITY_POLICY_TYPES];

  public check(resource: AuditedResource, stack: StackView): Verdict[] {
    return permissionVerdicts(PolicyAnalyzer.findingsFor(resource, stack, KINDS));
  }
}
