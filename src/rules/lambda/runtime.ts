import { isContainerImage, SAM_FUNCTION } from './private/function-links';

import { AuditedResource } from '../../core/audited-resource';
import { readValue } from '../../core/private/values';
import { IRule, RuleCategory, Severity, Verdict } from '../../core/rule';
import { StackView } from '../../core/stack-view';
import { Verdicts } from '../../core/verdicts';
import { LambdaRuntimeSupport, RuntimeStatus } from '../../shared/lambda-runtimes';

/**
 * A deprecated runtime no longer receives security patches, and AWS then blocks creating and updating functions
 * that use it (T3). The rule reads the library's dated table (`LambdaRuntimeSupport`), not "the newest runtime
 * aws-cdk-lib knows", so a supported runtime is never reported because a newer one shipped.
 *
 * - deprecated: error;
 * - deprecated within `LambdaRuntimeSupport.WARNING_WINDOW_DAYS` (90) days: warning;
 * - a newer version of a runtime family the table knows (`nodejs26.x` when the table stops at `nodejs24.x`): info,
 *   "not yet in the table" (AWS deprecates runtimes years after their launch);
 * - not in the table and of no known family (a typo, a new family): warning, since the rule cannot vouch for it.
 *
 * Container images (`PackageType: Image`) carry their own runtime and are not judged. SAM functions
 * (`AWS::Serverless::Function`) are judged directly; one without a `Runtime` takes it from the template's `Globals`,
 * which the audit does not read: undecidable. Runtimes are judged on the
 * audit's day (`StackView.today`: context `cdk-secure-serverless:today`, else the current UTC day).
 */
export class LambdaRuntimeRule implements IRule {
  /** This rule's id: what `id` returns, for code that names the rule (acknowledgements, packs) without an instance. */
  public static readonly ID = 'SLS-LAMBDA-RUNTIME';

  public readonly id = LambdaRuntimeRule.ID;
  public readonly category = RuleCategory.CONFIGURATION;
  public readonly severity = Severity.ERROR;
  public readonly severityReason?: string = 'A deprecated runtime gets no security patches, so known flaws of the language runtime stay exploitable; a runtime close to its deprecation is a warning, and one newer than the library\'s table is info.';
  public readonly description = 'The Lambda function uses a supported runtime that is not about to be deprecated.';
  public readonly remediation = 'Move the function to a supported runtime of the same language (SecureFunction refuses deprecated '
    + 'runtimes at synth time); the finding names the supported alternatives.';
  public readonly resourceTypes = ['AWS::Lambda::Function', SAM_FUNCTION];

  public check(resource: AuditedResource, stack: StackView): Verdict[] {
    const raw = resource.properties.Runtime;
    const location = 'Properties/Runtime';
    if (isContainerImage(resource)) return [];
    if (raw === undefined) {
      // A SAM function without a Runtime takes the one of the template's Globals section, which the transform applies.
      return resource.resourceType === SAM_FUNCTION
        ? [Verdicts.undecidable('The runtime of the SAM function is not set on the function.', 'the Globals section of the AWS::Serverless-2016-10-31 transform', { location })]
        : [];
    }
    const runtime = readValue(stack, raw);
    if (!runtime.known) return [Verdicts.undecidable('The runtime of the function is not known.', runtime.unknownReason!, { location })];

    const name = String(runtime.value);
    const verdict = LambdaRuntimeSupport.classify(name, stack.today);
    switch (verdict.status) {
      case RuntimeStatus.DEPRECATED:
        return [Verdicts.violation(`Runtime ${name} was deprecated on ${verdict.deprecationDate}: it gets no security patches.`
          + this.upgradeHint(name, stack.today), { location })];
      case RuntimeStatus.DEPRECATION_SOON:
        return [Verdicts.violation(`Runtime ${name} is deprecated on ${verdict.deprecationDate}, in ${verdict.daysUntilDeprecation} days.`
          + this.upgradeHint(name, stack.today), { location, severity: Severity.WARNING })];
      case RuntimeStatus.NEWER_THAN_TABLE:
        return [Verdicts.violation(`Runtime ${name} is not yet in the library's runtime table (last reviewed `
          + `${LambdaRuntimeSupport.LAST_REVIEWED}): a newer version of a known runtime, supported as far as anyone knows.`, { location, severity: Severity.INFO })];
      case RuntimeStatus.UNKNOWN:
        return [Verdicts.violation(`Runtime ${name} is not a runtime the library knows (last reviewed `
          + `${LambdaRuntimeSupport.LAST_REVIEWED}), so its support status is unknown.`, { location, severity: Severity.WARNING })];
      default:
        return [];
    }
  }

  /** The supported runtimes of the same language, worked out only for a runtime that needs replacing. */
  private upgradeHint(runtime: string, at: string): string {
    const alternatives = LambdaRuntimeSupport.supportedAlternatives(runtime, at);
    return alternatives.length > 0 ? ` Supported: ${alternatives.join(', ')}.` : '';
  }
}
