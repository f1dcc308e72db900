import { AuditedResource } from '../../core/audited-resource';
import { isTrue, readValue } from '../../core/private/values';

import { IRule, RuleCategory, Severity, Verdict } from '../../core/rule';
import { StackView } from '../../core/stack-view';
import { Verdicts } from '../../core/verdicts';

/** `s3.amazonaws.com`, `states.${AWS::Region}.amazonaws.com`, `events.amazonaws.com.cn`, `x.${AWS::URLSuffix}`. */
const SERVICE_PRINCIPAL = /\.(?:amazonaws\.com(?:\.cn)?|\$\{AWS::URLSuffix\})$/;

/**
 * A Lambda resource policy statement that lets anyone invoke the function (T1), or lets an AWS service invoke it on
 * behalf of any account (the confused-deputy problem: another account's bucket or rule could trigger the function)
 * because it has neither `SourceArn` nor `SourceAccount`.
 *
 * Decisions:
 * - `Principal: '*'` scoped to an organization with `PrincipalOrgID` is not public (that is what
 *   `grantInvoke(new OrganizationPrincipal(...))` generates).
 * - The `lambda:InvokeFunction` statement CDK adds next to a function URL (`InvokedViaFunctionUrl: true`) only lets
 *   through calls that already passed the URL's own auth; the URL's exposure is judged on the `InvokeFunctionUrl`
 *   statement and by SLS-LAMBDA-URL-AUTH, so it is not reported a second time here.
 * - Other principals (an account, a role ARN) are not this rule's concern: cross-account grants belong to the IAM
 *   analysis.
 */
export class LambdaPermissionPublicRule implements IRule {
  public readonly id = 'SLS-LAMBDA-PERMISSION-PUBLIC';
  public readonly category = RuleCategory.AUTHENTICATION;
  public readonly severity = Severity.ERROR;
  public readonly description = 'The Lambda permission grants invocation neither to everyone nor to an AWS service without SourceArn or SourceAccount.';
  public readonly remediation = 'Grant invocation to a specific principal (`fn.grantInvoke(role)`), and for an AWS service principal '
    + 'set `sourceArn` (and `sourceAccount`) on `fn.addPermission`; for function URLs use AWS_IAM auth (SecureFunction\'s default).';
  public readonly resourceTypes = ['AWS::Lambda::Permission'];

  public check(resource: AuditedResource, stack: StackView): Verdict[] {
    const props = resource.properties;
    const urlAuthType = readValue(stack, props.FunctionUrlAuthType);
    if (urlAuthType.known && urlAuthType.value === 'NONE') {
      return [Verdicts.violation('The permission lets anyone invoke the function URL (FunctionUrlAuthType NONE).', { location: 'Properties/FunctionUrlAuthType' })];
    }
    const location = 'Properties/Principal';
    const principal = readValue(stack, props.Principal);
    if (!principal.known) {
      return [Verdicts.undecidable('The principal the permission grants invocation to is not known.', principal.unknownReason!, { location })];
    }
    if (principal.value === '*') return this.checkEveryone(resource);
    if (typeof principal.value === 'string' && SERVICE_PRINCIPAL.test(principal.value)
      && props.SourceArn === undefined && props.SourceAccount === undefined) {
      return [Verdicts.violation(`The permission lets ${principal.value} invoke the function on behalf of any account: `
        + 'it has neither SourceArn nor SourceAccount.', { location })];
    }
    return [];
  }

  private checkEveryone(resource: AuditedResource): Verdict[] {
    const props = resource.properties;
    if (props.PrincipalOrgID !== undefined || isTrue(props.InvokedViaFunctionUrl)) return [];
    return [Verdicts.violation('The permission grants invocation to every principal (*).', { location: 'Properties/Principal' })];
  }
}
