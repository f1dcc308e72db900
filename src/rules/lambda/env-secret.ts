import { SAM_FUNCTION } from './private/function-links';
import { AuditedResource } from '../../core/audited-resource';
import { FindingIds } from '../../core/finding-ids';
import { isIntrinsic } from '../../core/private/values';

import { IRule, RuleCategory, Severity, Verdict } from '../../core/rule';
import { StackView } from '../../core/stack-view';
import { Verdicts } from '../../core/verdicts';
import { judgeSecret, SecretHolding } from '../private/secret-values';

/**
 * A secret in an environment variable is in the template, in `cdk.out`, in source control and in the function
 * configuration, where `lambda:GetFunctionConfiguration` (part of ReadOnlyAccess) shows it in clear (T5). What
 * looks like a secret is decided by the library's `SecretDetector`, shared with SecureFunction, so the construct
 * and the audit always agree. One finding per variable, identified by the variable name.
 *
 * Decisions, value by value:
 * - a literal (or a value assembled from literals and resources) that looks like a secret by name or by shape: error;
 * - a reference to a resource (`Ref` / `Fn::GetAtt`, such as a secret's ARN or name): fine, the function reads the
 *   secret at run time;
 * - a Secrets Manager (or SSM SecureString) dynamic reference (`{{resolve:secretsmanager:...}}`, also what
 *   `SecretValue.unsafeUnwrap()` produces): the secret stays out of the template, but CloudFormation writes its value
 *   into the function configuration in clear, where the same readers see it: an error like a literal;
 * - `Fn::GetAtt` of a secret attribute (an IAM access key's `SecretAccessKey`, a user pool client's `ClientSecret`):
 *   an error;
 * - a value from a parameter, an import or an SSM dynamic reference, under a name that looks like a secret (the
 *   variable's or the parameter's): undecidable. `NoEcho` does not help here: it hides the parameter in
 *   CloudFormation, yet Lambda stores the resolved value in the function configuration in clear. Other parameter
 *   values are not reported.
 */
export class LambdaEnvSecretRule implements IRule {
  /** This rule's id: what `id` returns, for code that names the rule (acknowledgements, packs) without an instance. */
  public static readonly ID = 'SLS-LAMBDA-ENV-SECRET';

  public readonly id = LambdaEnvSecretRule.ID;
  public readonly category = RuleCategory.SECRETS;
  public readonly severity = Severity.ERROR;
  public readonly severityReason?: string = 'A secret in an environment variable is shown in clear to anyone allowed lambda:GetFunctionConfiguration (part of ReadOnlyAccess), and a literal one also sits in the template, cdk.out and source control: a leak.';
  public readonly description = 'The Lambda function has no secret-looking literal in its environment variables.';
  public readonly remediation = 'Store the secret in Secrets Manager or SSM Parameter Store and pass it through SecureFunction\'s '
    + '`secrets` prop (the function gets the secret\'s ARN and read access to exactly that secret), then read it at run time.';
  public readonly resourceTypes = ['AWS::Lambda::Function', SAM_FUNCTION];

  public check(resource: AuditedResource, stack: StackView): Verdict[] {
    const variables = resource.property('Environment.Variables');
    if (isIntrinsic(variables)) {
      return [Verdicts.undecidable('The environment variables of the function are not known.', stack.resolve(variables).unknownReason ?? 'a value assembled at deploy time', { location: 'Properties/Environment/Variables' })];
    }
    if (!variables || typeof variables !== 'object' || Array.isArray(variables)) return [];
    const verdicts: Verdict[] = [];
    for (const name of Object.keys(variables)) {
      const judgement = judgeSecret(name, variables[name], stack);
      if (!judgement) continue;
      const options = { location: `Properties/Environment/Variables/${name}`, findingId: FindingIds.sanitize(name) };
      if (judgement.holding === SecretHolding.UNKNOWN) {
        verdicts.push(Verdicts.undecidable(`Environment variable ${name} may hold a secret in clear in the function configuration: it holds `
          + `${judgement.what}, and NoEcho parameters are stored there in clear too.`, judgement.unknownReason!, options));
      } else {
        verdicts.push(Verdicts.violation(`Environment variable ${name} holds ${judgement.what}, readable in the function configuration by anyone `
          + 'allowed lambda:GetFunctionConfiguration.', options));
      }
    }
    return verdicts;
  }
}
