import { AuditedResource } from '../../core/audited-resource';
import { isTrue, readValue } from '../../core/private/values';
import { IRule, RuleCategory, Severity, Verdict } from '../../core/rule';
import { StackView } from '../../core/stack-view';
import { Verdicts } from '../../core/verdicts';


/**
 * T1: an identity pool that allows unauthenticated identities hands AWS credentials (the unauthenticated role) to
 * anyone on the internet. Whatever that role may do, anyone may do: an error unless deliberately acknowledged for a
 * role scoped to public data.
 */
export class CognitoUnauthIdentitiesRule implements IRule {
  /** This rule's id: what `id` returns, for code that names the rule (acknowledgements, packs) without an instance. */
  public static readonly ID = 'SLS-COGNITO-UNAUTH-IDENTITIES';

  public readonly id = CognitoUnauthIdentitiesRule.ID;
  public readonly category = RuleCategory.AUTHENTICATION;
  public readonly severity = Severity.ERROR;
  public readonly severityReason?: string = 'Unauthenticated identities hand AWS credentials for the unauthenticated role to anyone on the internet: missing authentication.';
  public readonly description = 'Cognito identity pools do not allow unauthenticated identities.';
  public readonly remediation = 'Set `allowUnauthenticatedIdentities: false` on the IdentityPool (the default); if guest access is truly needed, scope the unauthenticated role to public data and acknowledge this finding with the reason.';
  public readonly resourceTypes = ['AWS::Cognito::IdentityPool'];

  public check(pool: AuditedResource, stack: StackView): Verdict[] {
    const allow = readValue(stack, pool.properties.AllowUnauthenticatedIdentities);
    if (!allow.known) {
      return [Verdicts.undecidable(`Whether identity pool ${pool.logicalId} allows unauthenticated identities is not known at synth time.`, allow.unknownReason, { location: 'Properties/AllowUnauthenticatedIdentities' })];
    }
    return isTrue(allow.value)
      ? [Verdicts.violation(`Identity pool ${pool.logicalId} allows unauthenticated identities: anyone can obtain AWS credentials for its unauthenticated role.`, { location: 'Properties/AllowUnauthenticatedIdentities' })]
      : [];
  }
}
