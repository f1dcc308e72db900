import { IDENTITY_POLICY_TYPES, permissionVerdicts } from './private/permission-verdicts';
import { AuditedResource } from '../../core/audited-resource';
import { IRule, RuleCategory, Severity, Verdict } from '../../core/rule';
import { StackView } from '../../core/stack-view';
import { PermissionFindingKind } from '../../iam/permission-finding';
import { PolicyAnalyzer } from '../../iam/policy-analyzer';

const KINDS = [PermissionFindingKind.ALLOW_NOT_ACTION, PermissionFindingKind.ALLOW_NOT_RESOURCE];

/**
 * Flags `Allow` statements written with `NotAction` or `NotResource`: they grant everything except a list, so every
 * action or resource AWS adds later is granted too. A `Deny` with either is a guardrail and is fine.
 */
export class IamNotActionRule implements IRule {
  /** This rule's id: what `id` returns, for code that names the rule (acknowledgements, packs) without an instance. */
  public static readonly ID = 'SLS-IAM-NOT-ACTION';

  public readonly id = IamNotActionRule.ID;
  public readonly category: RuleCategory = RuleCategory.PRIVILEGES;
  public readonly severity: Severity = Severity.ERROR;
  public readonly severityReason?: string = 'Allow with NotAction or NotResource grants everything not listed, including IAM and every '
    + 'action AWS adds later: in practice administrator access.';
  public readonly description: string = 'IAM policies do not allow with NotAction or NotResource, which grant everything not listed.';
  public readonly remediation: string = 'Rewrite the statement as an Allow that lists the actions and resources it needs '
    + '(a Deny with NotAction or NotResource is fine as a guardrail).';
  public readonly resourceTypes: string[] = [...IDENTITY_POLICY_TYPES];

  public check(resource: AuditedResource, stack: StackView): Verdict[] {
    return permissionVerdicts(PolicyAnalyzer.findingsFor(resource, stack, KINDS));
  }
}
