import { AuditedResource } from '../../core/audited-resource';
import { IRule, RuleCategory, Severity, Verdict } from '../../core/rule';
import { StackView } from '../../core/stack-view';
import { secretEntryVerdict } from '../private/secret-entry-verdicts';

/**
 * A secret in an SSM parameter created by CloudFormation is a secret in plain configuration (T5): CloudFormation
 * creates only `String` and `StringList` parameters, never `SecureString`, so the value is stored unencrypted and
 * `ssm:GetParameter` (part of ReadOnlyAccess) returns it in clear; a literal value also sits in the template, `cdk.out`
 * and source control. Judged like any configuration entry, by the library's one secret judgement, named by the
 * parameter's `Name` (or its logical id when CloudFormation names it):
 * - a literal that looks like a secret by name (`/app/db/password`) or by shape (a vendor token): error;
 * - a Secrets Manager dynamic reference (`secret.secretValue.unsafeUnwrap()`): the secret is copied into the plain
 *   parameter: error;
 * - a value from a parameter or an import under a secret-looking name: unable to decide;
 * - a reference to a resource (a secret's ARN or name), or a value nothing suggests is a secret: fine.
 */
export class SsmParameterSecretRule implements IRule {
  /** This rule's id: what `id` returns, for code that names the rule (acknowledgements, packs) without an instance. */
  public static readonly ID = 'SLS-SSM-PARAMETER-SECRET';

  public readonly id = SsmParameterSecretRule.ID;
  public readonly category = RuleCategory.SECRETS;
  public readonly severity = Severity.ERROR;
  public readonly severityReason?: string = 'CloudFormation creates only plain String parameters: the value is stored unencrypted and shown in '
    + 'clear to anyone allowed ssm:GetParameter (part of ReadOnlyAccess), and a literal one also sits in the template and source control.';
  public readonly description = 'SSM parameters created by the stack hold no secret.';
  public readonly remediation = 'Keep the secret in Secrets Manager (`new secretsmanager.Secret(...)`, `secret.grantRead(fn)`) and store '
    + 'its ARN or name in the parameter if consumers need to find it; a SecureString parameter cannot be created by CloudFormation.';
  public readonly resourceTypes = ['AWS::SSM::Parameter'];

  public check(resource: AuditedResource, stack: StackView): Verdict[] {
    const declaredName = resource.properties.Name;
    const name = typeof declaredName === 'string' ? declaredName : resource.logicalId;
    const verdict = secretEntryVerdict(name, resource.properties.Value, stack, {
      label: (n) => `SSM parameter ${n}`,
      readers: 'by anyone allowed ssm:GetParameter (CloudFormation stores it as a plain String)',
      location: 'Properties/Value',
      mapLabel: `the value of SSM parameter ${name}`,
    });
    // One value per parameter: its verdict needs no finding id.
    return verdict ? [{ ...verdict, findingId: undefined }] : [];
  }
}
