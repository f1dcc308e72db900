import { AuditedResource } from '../../core/audited-resource';
import { readValue } from '../../core/private/values';

import { IRule, RuleCategory, Severity, Verdict } from '../../core/rule';
import { StackView } from '../../core/stack-view';
import { Verdicts } from '../../core/verdicts';

/**
 * Without active X-Ray tracing, a request cannot be followed across the functions and services it touches, which
 * is what an investigation of an incident needs first (T6). `PassThrough` only traces requests that arrive already
 * sampled, so it does not count.
 */
export class LambdaTracingRule implements IRule {
  /** This rule's id: what `id` returns, for code that names the rule (acknowledgements, packs) without an instance. */
  public static readonly ID = 'SLS-LAMBDA-TRACING';

  public readonly id = LambdaTracingRule.ID;
  public readonly category = RuleCategory.LOGGING_MONITORING;
  public readonly severity = Severity.INFO;
  public readonly severityReason?: string = 'Tracing helps follow one request during an investigation but neither prevents nor reveals an attack; a secure app may rely on the request ids of its logs instead.';
  public readonly description = 'The Lambda function has active X-Ray tracing.';
  public readonly remediation = 'Use SecureFunction (tracing is Active by default), or set `tracing: lambda.Tracing.ACTIVE` on the function.';
  public readonly resourceTypes = ['AWS::Lambda::Function'];

  public check(resource: AuditedResource, stack: StackView): Verdict[] {
    const location = 'Properties/TracingConfig/Mode';
    const mode = readValue(stack, resource.property('TracingConfig.Mode'));
    if (!mode.known) return [Verdicts.undecidable('The tracing mode of the function is not known.', mode.unknownReason!, { location })];
    if (mode.value === 'Active') return [];
    return [Verdicts.violation(`The function's X-Ray tracing mode is ${mode.value ?? 'not set (PassThrough)'}, not Active.`, { location })];
  }
}
