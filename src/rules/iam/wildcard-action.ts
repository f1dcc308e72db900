import { IDENTITY_POLICY_TYPES, permissionVerdicts } from './private/permission-verdicts';
import { AuditedResource } from '../../core/audited-resource';
import { IRule, RuleCategory, Severity, Verdict } from '../../core/rule';
import { StackView } from '../../core/stack-view';
import { PermissionFindingKind } from '../../iam/permission-finding';
import { PolicyAnalyzer } from '../../iam/policy-analyzer';

const KINDS = [PermissionFindingKind.FULL_ADMIN, PermissionFindingKind.SERVICE_ADMIN, PermissionFindingKind.SERVICE_WILDCARD];

/**
 * Flags identity policies that allow every action (`*`) or every action of a service (`s3:*`). On more than named
 * resources that is administrator access, to everything or to a whole service (errors). On named resources only it is
 * every action on them, deletion and permissions management included: what `table.grantFullAccess(fn)` produces,
 * more than most functions need but bounded (a warning).
 */
export class IamWildcardActionRule implements IRule {
  public readonly id = 'SLS-IAM-WILDCARD-ACTION';
  public readonly category: RuleCategory = RuleCategory.PRIVILEGES;
  public readonly severity: Severity = Severity.ERROR;
  public readonly description: string = 'IAM policies do not allow the action "*" or a service-wide wildcard such as "s3:*".';
  public readonly remediation: string = 'List the actions the principal needs, or use the grant methods of aws-cdk-lib constructs '
    + '(bucket.grantRead(fn), table.grantReadWriteData(fn)), which name exact actions; SecureFunction roles receive '
    + 'permissions only through grants.';
  public readonly resourceTypes: string[] = [...IDENTITY_POLICY_TYPES];

  public check(resource: AuditedResource, stack: StackView): Verdict[] {
    return permissionVerdicts(PolicyAnalyzer.findingsFor(resource, stack, KINDS),
      { [PermissionFindingKind.SERVICE_WILDCARD]: Severity.WARNING });
  }
}
