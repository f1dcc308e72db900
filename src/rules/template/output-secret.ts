import { AuditedResource } from '../../core/audited-resource';
import { IRule, RuleCategory, Severity, Verdict } from '../../core/rule';
import { StackView } from '../../core/stack-view';
import { Verdicts } from '../../core/verdicts';
import { judgeSecret, SecretHolding } from '../private/secret-values';

/**
 * T5: stack outputs are public within the account: `cloudformation:DescribeStacks` (part of ReadOnlyAccess) shows
 * them in clear, the console lists them, `cdk deploy` prints them and CI logs keep them; an exported output is also
 * listed by `cloudformation:ListExports`. CloudFormation does not mask outputs, not even a NoEcho parameter's value.
 *
 * The deployed view holds each output as a `Template::Output` entry (properties `Value`, `Description`, `Export`),
 * judged like a configuration entry named after the output: a literal secret, a secret dynamic reference (resolved
 * into clear text), a secret attribute (`Fn::GetAtt` of an access key's `SecretAccessKey`, a client secret), and, as
 * undecidable, an unknown value (a parameter, an import) under a secret-looking name. A secret's ARN or name is fine.
 */
export class TemplateOutputSecretRule implements IRule {
  /** This rule's id: what `id` returns, for code that names the rule (acknowledgements, packs) without an instance. */
  public static readonly ID = 'SLS-TEMPLATE-OUTPUT-SECRET';

  public readonly id = TemplateOutputSecretRule.ID;
  public readonly category = RuleCategory.SECRETS;
  public readonly severity = Severity.ERROR;
  public readonly severityReason?: string = 'An output is shown in clear to anyone allowed cloudformation:DescribeStacks (part of ReadOnlyAccess), printed by cdk deploy into CI logs and, when exported, listed by ListExports: a leak.';
  public readonly description = 'Stack outputs hold no secret.';
  public readonly remediation = 'Output the secret\'s ARN or name (`secret.secretArn`) and let consumers read the value from Secrets Manager with '
    + 'their own permissions; never output `secretValue.unsafeUnwrap()`, an access key\'s `secretAccessKey` or a client secret.';
  public readonly resourceTypes = ['Template::Output'];

  public check(output: AuditedResource, stack: StackView): Verdict[] {
    const judgement = judgeSecret(output.logicalId, output.properties.Value, stack);
    if (!judgement) return [];
    const exported = output.properties.Export !== undefined ? ' and exported to every stack of the account (ListExports)' : '';
    const options = { location: 'Value' };
    if (judgement.holding === SecretHolding.UNKNOWN) {
      return [Verdicts.undecidable(`Output ${output.logicalId} may show a secret in clear${exported}: it holds ${judgement.what}; outputs show even `
        + 'NoEcho parameters in clear.', judgement.unknownReason!, options)];
    }
    return [Verdicts.violation(`Output ${output.logicalId} holds ${judgement.what}, shown in clear by DescribeStacks and cdk deploy${exported}.`, options)];
  }
}
