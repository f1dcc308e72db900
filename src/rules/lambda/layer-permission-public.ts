import { AuditedResource } from '../../core/audited-resource';
import { IRule, RuleCategory, Severity, Verdict } from '../../core/rule';
import { StackView } from '../../core/stack-view';
import { resourcePolicyVerdicts } from '../iam/private/resource-policy';

/**
 * Flags a Lambda layer version permission (`AWS::Lambda::LayerVersionPermission`) that shares the layer with every
 * AWS account (`Principal: "*"` without an `OrganizationId`): anyone can download the layer, so its code and whatever
 * is bundled with it (configuration, keys left in a file) are public (T4).
 *
 * A warning, not an error: the layer's code is disclosed but nothing is granted in the account, and publishing a
 * layer to everyone is sometimes the intent (acknowledge it with that reason). Sharing with named accounts or an
 * organization is not flagged.
 */
export class LambdaLayerPermissionPublicRule implements IRule {
  /** This rule's id: what `id` returns, for code that names the rule (acknowledgements, packs) without an instance. */
  public static readonly ID = 'SLS-LAMBDA-LAYER-PUBLIC';

  public readonly id = LambdaLayerPermissionPublicRule.ID;
  public readonly category: RuleCategory = RuleCategory.PRIVILEGES;
  public readonly severity: Severity = Severity.WARNING;
  public readonly severityReason?: string = 'Every AWS account can download the layer: its code and anything bundled with it are disclosed, '
    + 'though nothing in the account is granted.';
  public readonly description: string = 'Lambda layer versions are shared with named accounts or an organization, not with every AWS account.';
  public readonly remediation: string = 'Share the layer with named accounts (`layer.addPermission(id, { accountId })`) or with your '
    + 'organization (`{ accountId: \'*\', organizationId }`); if publishing it to everyone is the intent, acknowledge this rule with that reason.';
  public readonly resourceTypes: string[] = ['AWS::Lambda::LayerVersionPermission'];

  public check(resource: AuditedResource, stack: StackView): Verdict[] {
    // A permission is one statement: its verdicts need no finding id.
    return resourcePolicyVerdicts(resource, stack).map((verdict) => ({ ...verdict, findingId: undefined, location: 'Properties/Principal' }));
  }
}
