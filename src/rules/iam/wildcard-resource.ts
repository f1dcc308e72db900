import { IDENTITY_POLICY_TYPES, permissionVerdicts } from './private/permission-verdicts';
import { AuditedResource } from '../../core/audited-resource';
import { IRule, RuleCategory, Severity, Verdict } from '../../core/rule';
import { StackView } from '../../core/stack-view';
import { PermissionFindingKind } from '../../iam/permission-finding';
import { PolicyAnalyzer } from '../../iam/policy-analyzer';

const KINDS = [PermissionFindingKind.WRITE_ON_ALL_RESOURCES, PermissionFindingKind.WRITE_ON_ALL_RESOURCES_CONDITION_SCOPABLE,
  PermissionFindingKind.READ_ON_ALL_RESOURCES, PermissionFindingKind.READ_SECRETS_ON_ALL_RESOURCES];

/**
 * Flags identity policies that grant, on `Resource: *` (or every resource of a service), actions that could name
 * their resources. Each action pattern is expanded against the IAM action catalogue and judged by the access levels
 * it grants: write, permissions management and tagging are errors, and so are reads that disclose secrets
 * (`secretsmanager:GetSecretValue`, `ssm:GetParameter*`, `kms:Decrypt`: every secret of the account); other reads are
 * a warning (every object or item is disclosed, but nothing changes). A write action that names no resource but that a condition key of its service
 * scopes (`cloudwatch:PutMetricData`, which `Metric.grantPutMetricData` grants on `*`) is a warning telling which key
 * to add (`cloudwatch:namespace`), and no finding once the statement has it. List actions, actions the catalogue
 * marks as having no resource type, and those `RequiredWildcardActions` lists (X-Ray, VPC network interfaces, vended
 * log delivery) are not findings: `*` is the only resource AWS accepts for them. Escalation actions (`iam:PassRole`) are reported by
 * SLS-IAM-ESCALATION, and `*` / `service:*` by SLS-IAM-WILDCARD-ACTION, not a second time here.
 */
export class IamWildcardResourceRule implements IRule {
  /** This rule's id: what `id` returns, for code that names the rule (acknowledgements, packs) without an instance. */
  public static readonly ID = 'SLS-IAM-WILDCARD-RESOURCE';

  public readonly id = IamWildcardResourceRule.ID;
  public readonly category: RuleCategory = RuleCategory.PRIVILEGES;
  public readonly severity: Severity = Severity.ERROR;
  public readonly severityReason?: string = 'Writes on every resource let a compromised function change or delete data it was never meant '
    + 'to touch, and reading every secret leaks all credentials of the account; other reads on every resource are a warning.';
  public readonly description: string = 'IAM policies allow write and permissions-management actions only on named resources, never on "*".';
  public readonly remediation: string = 'Name the resources in the statement (the ARN of the table, queue or bucket), or use the '
    + 'grant methods of aws-cdk-lib constructs (table.grantWriteData(fn)), which scope to the resource; SecureFunction '
    + 'roles receive permissions only through grants.';
  public readonly resourceTypes: string[] = [...IDENTITY_POLICY_TYPES];

  public check(resource: AuditedResource, stack: StackView): Verdict[] {
    return permissionVerdicts(PolicyAnalyzer.findingsFor(resource, stack, KINDS),
      {
        [PermissionFindingKind.READ_ON_ALL_RESOURCES]: Severity.WARNING,
        [PermissionFindingKind.WRITE_ON_ALL_RESOURCES_CONDITION_SCOPABLE]: Severity.WARNING,
      });
  }
}
