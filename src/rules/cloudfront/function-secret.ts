import { AuditedResource } from '../../core/audited-resource';
import { IRule, RuleCategory, Severity, Verdict } from '../../core/rule';
import { StackView } from '../../core/stack-view';
import { Verdicts } from '../../core/verdicts';
import { credentialInCode } from '../private/code-credentials';

/**
 * A credential written into a CloudFront function's code is a secret in plain configuration (T5). The common case is
 * a site "protected" by a Basic-auth check whose expected `Authorization` value sits in the code: the code is in the
 * template, `cdk.out` and source control, and `cloudfront:DescribeFunction` / `GetFunction` (part of ReadOnlyAccess)
 * return it, so whoever reads it gets in. Judged like a Lambda function's inline code (`SLS-LAMBDA-CODE-SECRET`), by
 * the shape of the code's string literals.
 */
export class CloudFrontFunctionSecretRule implements IRule {
  /** This rule's id: what `id` returns, for code that names the rule (acknowledgements, packs) without an instance. */
  public static readonly ID = 'SLS-CLOUDFRONT-FUNCTION-SECRET';

  public readonly id = CloudFrontFunctionSecretRule.ID;
  public readonly category = RuleCategory.SECRETS;
  public readonly severity = Severity.ERROR;
  public readonly severityReason?: string = 'A credential in a CloudFront function\'s code sits in the template and source control, and anyone '
    + 'allowed cloudfront:GetFunction (part of ReadOnlyAccess) reads it: a leak, and for a Basic-auth check, the key to the site.';
  public readonly description = 'CloudFront function code holds no credential.';
  public readonly remediation = 'Authenticate viewers with a real identity provider (Cognito, or signed URLs and cookies) rather than a '
    + 'credential compared in the function; a value the function must know belongs in a CloudFront KeyValueStore that '
    + 'your deployment fills, not in the code.';
  public readonly resourceTypes = ['AWS::CloudFront::Function'];

  public check(resource: AuditedResource, stack: StackView): Verdict[] {
    const what = credentialInCode(resource.properties.FunctionCode, stack);
    if (what === undefined) return [];
    return [Verdicts.violation(`The code of CloudFront function ${resource.logicalId} holds ${what}, readable in the template and by anyone `
      + 'allowed cloudfront:GetFunction.', { location: 'Properties/FunctionCode' })];
  }
}
