import { analysisOptionsOf, permissionVerdicts } from './private/permission-verdicts';
import { AuditedResource } from '../../core/audited-resource';
import { IRule, RuleCategory, Severity, Verdict } from '../../core/rule';
import { StackView } from '../../core/stack-view';
import { PermissionFindingKind, PermissionFindingKinds } from '../../iam/permission-finding';
import { PolicyAnalyzer } from '../../iam/policy-analyzer';

/**
 * Flags role trust policies that let anyone assume the role (`*`, or `Allow` with `NotPrincipal`), or federated
 * identities without conditions that pin them by value (errors): Cognito identity trust needs `aud` equal to one
 * identity pool and `amr`; a GitHub Actions trust a `sub` bound to one repository (`repo:org/repo:*`, not `repo:*`);
 * any other OIDC provider a specific audience and subject. A condition narrows only by its value: `*`, `?`-only
 * patterns, `arn:aws:iam::*:*`, `us-east-1:*` narrow nothing. Other accounts are warnings (trusting
 * another account is sometimes the point, but it should be a named role with `sts:ExternalId` or an organization
 * condition).
 *
 * The stack's own account is never "another account": `${AWS::AccountId}` (what `AccountRootPrincipal` renders in an
 * environment-agnostic stack) and, in a stack with an explicit `env`, the literal account id of that environment
 * (`StackView.account`).
 */
export class IamTrustPolicyRule implements IRule {
  /** This rule's id: what `id` returns, for code that names the rule (acknowledgements, packs) without an instance. */
  public static readonly ID = 'SLS-IAM-TRUST-POLICY';

  public readonly id = IamTrustPolicyRule.ID;
  public readonly category: RuleCategory = RuleCategory.PRIVILEGES;
  public readonly severity: Severity = Severity.ERROR;
  public readonly severityReason?: string = 'A trust policy that admits anyone or any identity of a web identity provider lets outsiders '
    + 'assume the role; another account without an external id or organization condition is a warning.';
  public readonly description: string = 'Role trust policies admit only named principals, with conditions for federated identities and other accounts.';
  public readonly remediation: string = 'Trust a service principal, a named role or this account; for another account add an '
    + 'sts:ExternalId or aws:PrincipalOrgID condition (iam.Role assumedBy with externalIds), and for federated '
    + 'identities add conditions on the token audience and subject (iam.WebIdentityPrincipal conditions).';
  public readonly resourceTypes: string[] = ['AWS::IAM::Role'];

  public check(resource: AuditedResource, stack: StackView): Verdict[] {
    return permissionVerdicts(PolicyAnalyzer.findingsFor(resource, stack, PermissionFindingKinds.trust(), analysisOptionsOf(stack)),
      { [PermissionFindingKind.TRUST_OTHER_ACCOUNT]: Severity.WARNING });
  }
}
