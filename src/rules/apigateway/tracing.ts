import { StageSettings } from './private/stage-settings';

import { AuditedResource } from '../../core/audited-resource';
import { isTrue, readValue } from '../../core/private/values';
import { IRule, RuleCategory, Severity, Verdict } from '../../core/rule';
import { StackView } from '../../core/stack-view';
import { Verdicts } from '../../core/verdicts';

/**
 * T6: X-Ray tracing on the stage links a request to the authorizer, integration and function segments behind it,
 * so an investigation can follow one caller end to end.
 */
export class RestApiTracingRule implements IRule {
  /** This rule's id: what `id` returns, for code that names the rule (acknowledgements, packs) without an instance. */
  public static readonly ID = 'SLS-APIGW-TRACING';

  public readonly id = RestApiTracingRule.ID;
  public readonly category = RuleCategory.LOGGING_MONITORING;
  public readonly severity = Severity.INFO;
  public readonly severityReason?: string = 'Tracing helps follow one request during an investigation but neither prevents nor reveals an attack; the access log\'s request id already identifies it.';
  public readonly description = 'API Gateway REST stages have X-Ray tracing enabled.';
  public readonly remediation = 'Set `tracingEnabled: true` in the stage options (`deployOptions`), or use SecureApi, which enables X-Ray tracing on every stage.';
  public readonly resourceTypes = ['AWS::ApiGateway::Stage', 'AWS::ApiGateway::Deployment'];

  public check(resource: AuditedResource, stack: StackView): Verdict[] {
    const stage = StageSettings.of(resource);
    if (!stage) return [];
    const tracing = readValue(stack, stage.properties.TracingEnabled);
    if (!tracing.known) {
      return [Verdicts.undecidable(`Whether ${stage.label} has X-Ray tracing is not known at synth time.`, tracing.unknownReason, { location: `${stage.base}/TracingEnabled` })];
    }
    return isTrue(tracing.value) ? [] : [Verdicts.violation(`${stage.label} does not enable X-Ray tracing.`, { location: `${stage.base}/TracingEnabled` })];
  }
}
