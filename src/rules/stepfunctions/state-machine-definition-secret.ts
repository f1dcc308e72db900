import { definitionEntries } from './private/definition-literals';
import { AuditedResource } from '../../core/audited-resource';
import { FindingIds } from '../../core/finding-ids';
import { IRule, RuleCategory, Severity, Verdict } from '../../core/rule';
import { StackView } from '../../core/stack-view';
import { Verdicts } from '../../core/verdicts';
import { SecretDetector, SecretKind } from '../../shared/secret-detector';

/**
 * Flags secret-looking literals in a state machine definition (`Definition`, `DefinitionString` written out, joined
 * with `Fn::Join` or built with `Fn::Sub` and its variables, and `DefinitionSubstitutions`, judged under the JSON key
 * each fills): anyone allowed `states:DescribeStateMachine`, and every execution history, shows them
 * in plain text. Detection is the library's shared `SecretDetector` (credential formats by value, secret names such
 * as `Password` or `ApiKey` with a literal value). A secret-named key filled from a parameter or an import is
 * undecidable: if it is a secret, it too is stored in plain text in the definition.
 */
export class StepFunctionsDefinitionSecretRule implements IRule {
  /** This rule's id: what `id` returns, for code that names the rule (acknowledgements, packs) without an instance. */
  public static readonly ID = 'SLS-SFN-DEFINITION-SECRET';

  public readonly id = StepFunctionsDefinitionSecretRule.ID;
  public readonly category: RuleCategory = RuleCategory.SECRETS;
  public readonly severity: Severity = Severity.ERROR;
  public readonly severityReason?: string = 'A secret in a definition is shown in clear to anyone allowed states:DescribeStateMachine and in every execution history: a leak.';
  public readonly description: string = 'State machine definitions hold no secret-looking literal values.';
  public readonly remediation: string = 'Keep the secret in Secrets Manager and read it at run time (a CallAwsService task on '
    + 'secretsmanager:getSecretValue, or an HTTP task with an EventBridge connection), passing only its ARN in the definition.';
  public readonly resourceTypes: string[] = ['AWS::StepFunctions::StateMachine'];

  public check(resource: AuditedResource, stack: StackView): Verdict[] {
    const { entries, unparsedFragments } = definitionEntries(resource.properties, stack);
    const verdicts: Verdict[] = [];
    for (const entry of entries) {
      if (entry.name.endsWith('.$')) continue;
      const location = `Properties/${entry.path.replace(/\./g, '/')}`;
      const findingId = FindingIds.sanitize(entry.path);
      const match = entry.literal !== undefined ? SecretDetector.inspect(entry.name, entry.literal) : undefined;
      if (match) {
        const what = match.kind === SecretKind.SECRET_NAME ? `the name ${entry.name} suggests one` : match.reason;
        verdicts.push(Verdicts.violation(`Definition value ${entry.path} holds a literal secret (${what}), shown in clear by DescribeStateMachine `
          + 'and in every execution history.', { findingId, location }));
      } else if (entry.unknownReason && entry.literal === undefined && SecretDetector.isSecretName(entry.name)) {
        verdicts.push(Verdicts.undecidable(`Definition value ${entry.path} may hold a secret in clear (the name ${entry.name} suggests one).`, entry.unknownReason, { findingId, location }));
      }
    }
    unparsedFragments.forEach((fragment, index) => {
      const match = SecretDetector.inspectValue(fragment);
      if (match) {
        verdicts.push(Verdicts.violation(`The definition holds a literal secret (${match.reason}), shown in clear by DescribeStateMachine.`, { findingId: `DefinitionString.fragment${index}`, location: 'Properties/DefinitionString' }));
      }
    });
    return verdicts;
  }
}
