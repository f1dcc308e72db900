import { AuditedResource } from '../../core/audited-resource';
import { IRule, RuleCategory, Severity, Verdict } from '../../core/rule';
import { StackView } from '../../core/stack-view';
import { Verdicts } from '../../core/verdicts';

/** Flags state machines without active X-Ray tracing, whose executions then cannot be followed across services. */
export class StepFunctionsTracingRule implements IRule {
  /** This rule's id: what `id` returns, for code that names the rule (acknowledgements, packs) without an instance. */
  public static readonly ID = 'SLS-SFN-TRACING';

  public readonly id = StepFunctionsTracingRule.ID;
  public readonly category: RuleCategory = RuleCategory.LOGGING_MONITORING;
  public readonly severity: Severity = Severity.INFO;
  public readonly severityReason?: string = 'Tracing helps follow an execution across services but neither prevents nor reveals an attack; the execution history and logs already record it.';
  public readonly description: string = 'Step Functions state machines have X-Ray tracing enabled.';
  public readonly remediation: string = 'Set tracingEnabled: true on the sfn.StateMachine, or TracingConfiguration.Enabled on AWS::StepFunctions::StateMachine.';
  public readonly resourceTypes: string[] = ['AWS::StepFunctions::StateMachine'];

  public check(resource: AuditedResource, stack: StackView): Verdict[] {
    const location = 'Properties/TracingConfiguration/Enabled';
    const enabled = stack.resolve(resource.property('TracingConfiguration.Enabled'));
    if (enabled.unknownReason) {
      return [Verdicts.undecidable('Whether tracing is enabled is not known.', enabled.unknownReason, { location })];
    }
    if (enabled.value === true || enabled.value === 'true') return [];
    return [Verdicts.violation('X-Ray tracing is not enabled on the state machine.', { location })];
  }
}
