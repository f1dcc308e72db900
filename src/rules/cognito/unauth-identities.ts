import { AuditedResource } from '../../engine/audited-resource';
import { StackView } from '../../engine/stack-view';
import { isTrue, read, undecidable, violation } from '../apigateway/private/values';
import { IRule, RuleCategory, Severity, Verdict } from '../rule';

/**
 * T1: an identity pool that allows unauthenticated identities hands AWS credentials (the unauthenticated role) to
 * anyone on the internet. Whatever that role may do, anyone may do: an error unless deliberately acknowledged for a
 * role scoped to public data.
 */
export class CognitoUnauthIdentitiesRule implements IRule {
  public readonly id = 'SLS-COGNITO-UNAUTH-IDENTITIES';
  public readonly category = RuleCategory.AUTHENTICATION;
  public readonly severity = Severity.ERROR;
  public readonly description = 'Cognito identity pools do not allow unauthenticated identities.';
  public readonly remediation = 'Set `allowUnauthenticatedIdentities: false` on the IdentityPool (the default); if guest access is truly needed, scope the unauthenticated role to public data and acknowledge this finding with the reason.';
  public readonly resourceTypes = ['AWS::Cognito::IdentityPool'];

  public check(pool: AuditedResource, stack: StackView): Verdict[] {
    const allow = read(stack, pool.properties.AllowUnauthenticatedIdentities);
    if (!allow.known) {
      return [undecidable(`Whether identity pool ${pool.logicalId} allows unauthenticated identities is not known at synth time.`,
        allow.reason, 'Properties/AllowUnauthenticatedIdentities')];
    }
    return isTrue(allow.value)
      ? [violation(`Identity pool ${pool.logicalId} allows unauthenticated identities: anyone can obtain AWS credentials for its unauthenticated role.`,
        'Properties/AllowUnauthenticatedIdentities')]
      : [];
  }
}
