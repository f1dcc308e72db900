import { AuditedResource } from '../../core/audited-resource';
import { readValue } from '../../core/private/values';

import { IRule, RuleCategory, Severity, Verdict } from '../../core/rule';
import { StackView } from '../../core/stack-view';
import { Verdicts } from '../../core/verdicts';

/**
 * Lambda stops a function that calls itself in a loop through SQS, SNS or S3 after about 16 iterations
 * (`RecursiveLoop: Terminate`, the default). `Allow` turns that off: one bad event can then invoke the function
 * forever, at full cost (T3, denial of wallet). That is an opened door, hence an error.
 */
export class LambdaRecursiveLoopRule implements IRule {
  /** This rule's id: what `id` returns, for code that names the rule (acknowledgements, packs) without an instance. */
  public static readonly ID = 'SLS-LAMBDA-RECURSIVE-LOOP';

  public readonly id = LambdaRecursiveLoopRule.ID;
  public readonly category = RuleCategory.CONFIGURATION;
  public readonly severity = Severity.WARNING;
  public readonly severityReason?: string = 'Allowing recursive loops removes Lambda\'s brake on an event that loops through SQS, SNS or S3 (denial of wallet); abusing it needs a loop in the app\'s event flow, so it is defence in depth.';
  public readonly description = 'The Lambda function keeps recursive-loop detection on (RecursiveLoop Terminate).';
  public readonly remediation = 'Use SecureFunction (recursive loops are terminated by default), or remove `recursiveLoop: '
    + 'lambda.RecursiveLoop.ALLOW` (or set `RecursiveLoop: Terminate`) and break the loop in the event flow.';
  public readonly resourceTypes = ['AWS::Lambda::Function'];

  public check(resource: AuditedResource, stack: StackView): Verdict[] {
    const location = 'Properties/RecursiveLoop';
    const setting = readValue(stack, resource.properties.RecursiveLoop);
    if (!setting.known) return [Verdicts.undecidable('The recursive-loop setting of the function is not known.', setting.unknownReason!, { location })];
    if (setting.value !== 'Allow') return [];
    return [Verdicts.violation('The function allows recursive loops (RecursiveLoop Allow): an event can invoke it endlessly.', { location })];
  }
}
