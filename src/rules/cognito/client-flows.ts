import { AuditedResource } from '../../core/audited-resource';
import { isTrue, readValue } from '../../core/private/values';
import { IRule, RuleCategory, Severity, Verdict } from '../../core/rule';
import { StackView } from '../../core/stack-view';
import { Verdicts } from '../../core/verdicts';

const PASSWORD_FLOWS = new Set(['ALLOW_USER_PASSWORD_AUTH', 'USER_PASSWORD_AUTH']);

/**
 * T1: a Cognito app client allows only sign-in flows that keep credentials and tokens safe.
 * - The OAuth implicit grant (`AllowedOAuthFlows: implicit`) returns tokens in the URL fragment of the redirect, where
 *   browser history, referrers, logs and any script of the page read them, with no proof of possession: the OAuth 2.0
 *   Security Best Current Practice (RFC 9700) says it must not be used. aws-cdk-lib enables it on every client whose
 *   `oAuth.flows` are left at their default. It is reachable only through the pool's domain (the hosted UI and OAuth
 *   endpoints): with an `AWS::Cognito::UserPoolDomain` for the pool in the stack it is an error (finding
 *   `implicit-grant`); without one, nothing serves it yet and it is info.
 * - `ALLOW_USER_PASSWORD_AUTH` sends the user's password itself to Cognito (instead of the SRP proof), so every
 *   client, proxy or log on the way sees it, and makes password spraying a plain API call: an error (finding
 *   `user-password-auth`). `ALLOW_ADMIN_USER_PASSWORD_AUTH` (server side, with IAM credentials) is not reported.
 */
export class CognitoClientFlowsRule implements IRule {
  /** This rule's id: what `id` returns, for code that names the rule (acknowledgements, packs) without an instance. */
  public static readonly ID = 'SLS-COGNITO-CLIENT-FLOWS';

  public readonly id = CognitoClientFlowsRule.ID;
  public readonly category = RuleCategory.AUTHENTICATION;
  public readonly severity = Severity.ERROR;
  public readonly severityReason?: string = 'The implicit grant hands tokens out in URLs anyone on the page or in the history can read, and USER_PASSWORD_AUTH sends passwords in clear to the API, making stolen tokens and password spraying easy (the implicit grant is info while no domain serves it).';
  public readonly description = 'Cognito app clients allow neither the OAuth implicit grant nor USER_PASSWORD_AUTH.';
  public readonly remediation = 'Set `oAuth: { flows: { authorizationCodeGrant: true } }` (with PKCE in the client) instead of the default flows that '
    + 'include `implicitCodeGrant`, and `authFlows: { userSrp: true }` instead of `userPassword: true` on the UserPoolClient.';
  public readonly resourceTypes = ['AWS::Cognito::UserPoolClient'];

  public check(client: AuditedResource, stack: StackView): Verdict[] {
    return [...this.checkImplicit(client, stack), ...this.checkPasswordAuth(client, stack)];
  }

  private checkImplicit(client: AuditedResource, stack: StackView): Verdict[] {
    const location = 'Properties/AllowedOAuthFlows';
    const options = { location, findingId: 'implicit-grant' };
    const flows = readValue(stack, client.properties.AllowedOAuthFlows);
    if (!flows.known) return [Verdicts.undecidable(`Whether app client ${client.logicalId} allows the implicit grant is not known.`, flows.unknownReason, options)];
    if (!Array.isArray(flows.value) || !flows.value.includes('implicit')) return [];
    const enabled = readValue(stack, client.properties.AllowedOAuthFlowsUserPoolClient);
    if (!enabled.known) return [Verdicts.undecidable(`Whether app client ${client.logicalId} has OAuth (with the implicit grant) on is not known.`, enabled.unknownReason, options)];
    if (!isTrue(enabled.value)) return [];
    const domain = this.domainOf(client, stack);
    if (!domain) {
      return [Verdicts.violation(`App client ${client.logicalId} allows the OAuth implicit grant, which returns tokens in URLs; no domain of `
        + 'the pool serves it yet.', { ...options, severity: Severity.INFO })];
    }
    return [Verdicts.violation(`App client ${client.logicalId} allows the OAuth implicit grant through domain ${domain.logicalId}: tokens are `
      + 'returned in URLs that browser history, referrers and page scripts read.', options)];
  }

  private checkPasswordAuth(client: AuditedResource, stack: StackView): Verdict[] {
    const options = { location: 'Properties/ExplicitAuthFlows', findingId: 'user-password-auth' };
    const flows = readValue(stack, client.properties.ExplicitAuthFlows);
    if (!flows.known) return [Verdicts.undecidable(`Whether app client ${client.logicalId} allows USER_PASSWORD_AUTH is not known.`, flows.unknownReason, options)];
    const password = Array.isArray(flows.value) ? flows.value.find((f: any) => PASSWORD_FLOWS.has(f)) : undefined;
    if (!password) return [];
    return [Verdicts.violation(`App client ${client.logicalId} allows ${password}: users' passwords are sent to Cognito in clear instead of an `
      + 'SRP proof, and password spraying is a plain API call.', options)];
  }

  /** The pool's domain in this stack, which serves the hosted UI and OAuth endpoints. */
  private domainOf(client: AuditedResource, stack: StackView): AuditedResource | undefined {
    const pool = stack.referencedResource(client.properties.UserPoolId);
    if (!pool) return undefined;
    return stack.referencingResources(pool.logicalId, 'AWS::Cognito::UserPoolDomain')
      .find((d) => stack.referencedResource(d.properties.UserPoolId)?.logicalId === pool.logicalId);
  }
}
