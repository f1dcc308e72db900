import { AuditedResource } from '../../core/audited-resource';
import { IRule, RuleCategory, Severity, Verdict } from '../../core/rule';
import { StackView } from '../../core/stack-view';
import { PermissionFindingKind, PermissionFindingKinds } from '../../iam/permission-finding';
import { PolicyAnalyzer } from '../../iam/policy-analyzer';
import { analysisOptionsOf, permissionVerdicts } from '../iam/private/permission-verdicts';

/**
 * A Lambda resource policy statement that lets anyone invoke the function (T1), or lets an AWS service invoke it on
 * behalf of any account (the confused-deputy problem: another account's bucket or rule could trigger the function)
 * because it has no `SourceArn` / `SourceAccount` that names this account's resources. Judged by the one resource-policy
 * judgement of the audit, by meaning: a `SourceArn` of `arn:aws:s3:::*` or `*` names no one, `FunctionUrlAuthType`
 * `NONE` admits anyone, `PrincipalOrgID` narrows `*` to an organization.
 *
 * Decisions:
 * - The `lambda:InvokeFunction` statement CDK adds next to a function URL (`InvokedViaFunctionUrl: true`) only lets
 *   through calls that already passed the URL's own auth; the URL's exposure is judged on the `InvokeFunctionUrl`
 *   statement and by SLS-LAMBDA-URL-AUTH, so it is not reported a second time here.
 * - Other principals (an account, a role ARN) are not this rule's concern: cross-account grants belong to the IAM
 *   analysis.
 */
export class LambdaPermissionPublicRule implements IRule {
  /** This rule's id: what `id` returns, for code that names the rule (acknowledgements, packs) without an instance. */
  public static readonly ID = 'SLS-LAMBDA-PERMISSION-PUBLIC';

  public readonly id = LambdaPermissionPublicRule.ID;
  public readonly category = RuleCategory.AUTHENTICATION;
  public readonly severity = Severity.ERROR;
  public readonly severityReason?: string = 'Anyone (or any account\'s bucket, rule or topic, through the service) can invoke the function '
    + 'and feed it input it trusts.';
  public readonly description = 'The Lambda permission grants invocation neither to everyone nor to an AWS service without a SourceArn or SourceAccount naming this account\'s resources.';
  public readonly remediation = 'Grant invocation to a specific principal (`fn.grantInvoke(role)`), and for an AWS service principal '
    + 'set `sourceArn` to the exact resource (and `sourceAccount`) on `fn.addPermission`; for function URLs use AWS_IAM auth (SecureFunction\'s default).';
  public readonly resourceTypes = ['AWS::Lambda::Permission'];

  public check(resource: AuditedResource, stack: StackView): Verdict[] {
    // A permission is one statement: its verdicts need no finding id. Service grants are errors here: a function runs code.
    const findings = PolicyAnalyzer.findingsFor(resource, stack, PermissionFindingKinds.resourcePolicy(), analysisOptionsOf(stack));
    return permissionVerdicts(findings).map((verdict, i) => ({
      ...verdict,
      findingId: undefined,
      location: findings[i].kind === PermissionFindingKind.RESOURCE_POLICY_SERVICE_UNSCOPED ? 'Properties/SourceArn' : 'Properties/Principal',
    }));
  }
}
