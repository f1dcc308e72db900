import { AuditedResource } from '../../core/audited-resource';
import { readValue } from '../../core/private/values';
import { IRule, RuleCategory, Severity, Verdict, VerdictKind } from '../../core/rule';
import { StackView } from '../../core/stack-view';
import { resourcePolicyVerdicts } from '../iam/private/resource-policy';

/**
 * Flags REST API resource policies (`AWS::ApiGateway::RestApi` `Policy`) that grant `execute-api:Invoke` to every
 * account (`Principal: "*"`, `NotPrincipal`) with no condition that narrows the callers by value (`aws:SourceVpce`,
 * `aws:SourceIp` smaller than a `/8`, `aws:PrincipalOrgID`...) and no `Deny` for everyone outside a named VPC endpoint
 * or network. With IAM authorization (`AWS_IAM` methods) such a policy admits every authenticated principal of every
 * AWS account; an API whose methods are not all in the stack (a `SpecRestApi` body, an imported API) is judged the
 * same way. When every method of the API has a non-IAM authorizer, that authorizer still decides, so the open policy
 * is a warning. Service principals without `aws:SourceArn` are warnings (confused deputy).
 */
export class RestApiPolicyPublicRule implements IRule {
  /** This rule's id: what `id` returns, for code that names the rule (acknowledgements, packs) without an instance. */
  public static readonly ID = 'SLS-APIGW-POLICY-PUBLIC';

  public readonly id = RestApiPolicyPublicRule.ID;
  public readonly category: RuleCategory = RuleCategory.AUTHENTICATION;
  public readonly severity: Severity = Severity.ERROR;
  public readonly severityReason?: string = 'With IAM authorization, a resource policy open to "*" lets every principal of every AWS '
    + 'account call the API; behind another authorizer it only removes a layer (a warning).';
  public readonly description: string = 'REST API resource policies grant execute-api:Invoke only to named principals, or to "*" narrowed to a VPC endpoint, network or organization.';
  public readonly remediation: string = 'Name the accounts or roles allowed to invoke the API in its policy, or pair the "*" Allow '
    + 'with a Deny for every caller outside your VPC endpoint (StringNotEquals aws:SourceVpce), as SecureApi does for private APIs.';
  public readonly resourceTypes: string[] = ['AWS::ApiGateway::RestApi'];

  public check(resource: AuditedResource, stack: StackView): Verdict[] {
    const verdicts = resourcePolicyVerdicts(resource, stack);
    if (verdicts.length === 0 || iamAuthorizationPossible(resource, stack)) return verdicts;
    return verdicts.map((v) => (v.kind === VerdictKind.VIOLATION && v.severity === undefined
      ? { ...v, severity: Severity.WARNING, detail: `${v.detail} Every method of the API has its own non-IAM authorizer, which still decides.` }
      : v));
  }
}

/** True unless every method of the API is in the stack and none uses AWS_IAM authorization. */
function iamAuthorizationPossible(api: AuditedResource, stack: StackView): boolean {
  if (api.properties.Body !== undefined || api.properties.BodyS3Location !== undefined) return true;
  const methods = stack.referencingResources(api.logicalId, 'AWS::ApiGateway::Method')
    .filter((m) => stack.referencedResource(m.properties.RestApiId)?.logicalId === api.logicalId);
  if (methods.length === 0) return true;
  return methods.some((m) => {
    const type = readValue(stack, m.properties.AuthorizationType);
    return !type.known || String(type.value ?? 'NONE').toUpperCase() === 'AWS_IAM';
  });
}

