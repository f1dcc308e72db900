import { SAM_FUNCTION } from './private/function-links';
import { AuditedResource } from '../../core/audited-resource';
import { IRule, RuleCategory, Severity, Verdict } from '../../core/rule';
import { StackView } from '../../core/stack-view';
import { Verdicts } from '../../core/verdicts';
import { credentialInCode } from '../private/code-credentials';

/**
 * A credential written into a function's inline code (`lambda.Code.fromInline`, the `ZipFile` of an L1, a SAM
 * `InlineCode`) is a secret in plain configuration (T5): the code is in the template, `cdk.out` and source control,
 * and `lambda:GetFunction` (part of ReadOnlyAccess) downloads it. A Secrets Manager dynamic reference in the code is
 * resolved into it by CloudFormation, in clear, just the same.
 *
 * Judged by the shape of the string literals in the code (vendor tokens, AWS keys, private keys, JWTs, connection
 * strings with a password, `Authorization` values), with the library's `SecretDetector`; names are not judged (code
 * names variables in every way), nor random-looking strings alone. Code CloudFormation assembles around a parameter
 * is judged on its literal parts.
 */
export class LambdaCodeSecretRule implements IRule {
  /** This rule's id: what `id` returns, for code that names the rule (acknowledgements, packs) without an instance. */
  public static readonly ID = 'SLS-LAMBDA-CODE-SECRET';

  public readonly id = LambdaCodeSecretRule.ID;
  public readonly category = RuleCategory.SECRETS;
  public readonly severity = Severity.ERROR;
  public readonly severityReason?: string = 'A credential in inline code sits in the template, cdk.out and source control, and anyone allowed '
    + 'lambda:GetFunction (part of ReadOnlyAccess) downloads the code: a leak.';
  public readonly description = 'The Lambda function\'s inline code holds no credential.';
  public readonly remediation = 'Move the credential to Secrets Manager, pass the secret through SecureFunction\'s `secrets` prop (the '
    + 'function gets its ARN and read access) and read it at run time; package real code with `lambda.Code.fromAsset`.';
  public readonly resourceTypes = ['AWS::Lambda::Function', SAM_FUNCTION];

  public check(resource: AuditedResource, stack: StackView): Verdict[] {
    const [raw, location] = resource.resourceType === SAM_FUNCTION
      ? [resource.properties.InlineCode, 'Properties/InlineCode']
      : [resource.property('Code.ZipFile'), 'Properties/Code/ZipFile'];
    const what = credentialInCode(raw, stack);
    if (what === undefined) return [];
    return [Verdicts.violation(`The inline code of function ${resource.logicalId} holds ${what}, readable in the template and by anyone `
      + 'allowed lambda:GetFunction.', { location })];
  }
}
