import { AuditedResource } from '../../core/audited-resource';
import { isTrue, readValue } from '../../core/private/values';
import { IRule, RuleCategory, Severity, Verdict } from '../../core/rule';
import { StackView } from '../../core/stack-view';
import { Verdicts } from '../../core/verdicts';

/** Resources that accept a user pool's tokens or identities, and how to say so in a finding. */
const TRUSTING_TYPES: Array<{ type: string; label: string }> = [
  { type: 'AWS::ApiGateway::Authorizer', label: 'REST API authorizer' },
  { type: 'AWS::ApiGatewayV2::Authorizer', label: 'HTTP API JWT authorizer' },
  { type: 'AWS::AppSync::GraphQLApi', label: 'AppSync API' },
  { type: 'AWS::Cognito::IdentityPool', label: 'identity pool (AWS credentials)' },
];

/**
 * T1: a user pool with self sign-up open (`AdminCreateUserConfig.AllowAdminCreateUserOnly` not true, which is
 * CloudFormation's default; `selfSignUpEnabled: true` in aws-cdk-lib) lets anyone on the internet create an account
 * and obtain tokens. An API that trusts the pool then authenticates anyone who signed up: authentication that proves
 * nothing, unless a pre-sign-up trigger (`LambdaConfig.PreSignUp`) restricts who may register (an e-mail domain, an
 * invitation code).
 *
 * Decisions: open sign-up without a pre-sign-up trigger, with a REST API authorizer, an HTTP API JWT authorizer, an
 * AppSync API or an identity pool of the stack trusting the pool: an error. Without any of them in this stack the
 * pool's tokens may still be trusted elsewhere: a warning. A consumer app whose API authorizes every request per user
 * may acknowledge the finding with that reason.
 */
export class CognitoSelfSignUpRule implements IRule {
  /** This rule's id: what `id` returns, for code that names the rule (acknowledgements, packs) without an instance. */
  public static readonly ID = 'SLS-COGNITO-SELF-SIGN-UP';

  public readonly id = CognitoSelfSignUpRule.ID;
  public readonly category = RuleCategory.AUTHENTICATION;
  public readonly severity = Severity.ERROR;
  public readonly severityReason?: string = 'With sign-up open to anyone and no pre-sign-up check, anyone can obtain tokens that the APIs trusting the pool accept: authentication that proves nothing (a warning when nothing in the stack trusts the pool).';
  public readonly description = 'Cognito user pools that APIs trust do not let anyone sign up without a pre-sign-up restriction.';
  public readonly remediation = 'Keep `selfSignUpEnabled: false` (the aws-cdk-lib default; `AllowAdminCreateUserOnly: true`) and invite users, or add a '
    + '`preSignUp` Lambda trigger that admits only the users you expect; if sign-up is meant to be public, acknowledge the finding with '
    + 'the reason (every API call is then authorized per user).';
  public readonly resourceTypes = ['AWS::Cognito::UserPool'];

  public check(pool: AuditedResource, stack: StackView): Verdict[] {
    const location = 'Properties/AdminCreateUserConfig/AllowAdminCreateUserOnly';
    const adminOnly = readValue(stack, pool.property('AdminCreateUserConfig.AllowAdminCreateUserOnly'));
    if (!adminOnly.known) {
      return [Verdicts.undecidable(`Whether user pool ${pool.logicalId} lets anyone sign up is not known.`, adminOnly.unknownReason, { location })];
    }
    if (isTrue(adminOnly.value)) return [];
    const preSignUp = pool.property('LambdaConfig.PreSignUp');
    if (preSignUp !== undefined) {
      const trigger = readValue(stack, preSignUp);
      if (trigger.known) return [];
      return [Verdicts.undecidable(`Whether user pool ${pool.logicalId}, open to sign-up, has a pre-sign-up trigger is not known.`, trigger.unknownReason, { location: 'Properties/LambdaConfig/PreSignUp' })];
    }
    const trusting = this.trustingResources(pool, stack);
    if (trusting.length === 0) {
      return [Verdicts.violation(`User pool ${pool.logicalId} lets anyone sign up (AllowAdminCreateUserOnly is not true) and has no pre-sign-up `
        + 'trigger: whatever trusts its tokens trusts anyone.', { location, severity: Severity.WARNING })];
    }
    return [Verdicts.violation(`User pool ${pool.logicalId} lets anyone sign up (AllowAdminCreateUserOnly is not true) and has no pre-sign-up `
      + `trigger, and ${trusting.join(', ')} trust${trusting.length > 1 ? '' : 's'} its tokens: anyone can create an account and get in.`, { location })];
  }

  /** `REST API authorizer Auth (ApiAuth1234)`: what in the stack accepts the pool's tokens or identities. */
  private trustingResources(pool: AuditedResource, stack: StackView): string[] {
    const found: string[] = [];
    const clients = new Set(stack.referencingResources(pool.logicalId, 'AWS::Cognito::UserPoolClient').map((c) => c.logicalId));
    for (const { type, label } of TRUSTING_TYPES) {
      const direct = stack.referencingResources(pool.logicalId, type);
      // An identity pool names the pool's clients (and the pool by name in ProviderName).
      const viaClients = type === 'AWS::Cognito::IdentityPool'
        ? [...clients].flatMap((id) => stack.referencingResources(id, type)) : [];
      for (const resource of new Set([...direct, ...viaClients])) found.push(`${label} ${resource.logicalId}`);
    }
    return found;
  }
}
