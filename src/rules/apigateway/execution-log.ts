import { StageSettings } from './private/stage-settings';

import { AuditedResource } from '../../core/audited-resource';
import { readValue } from '../../core/private/values';
import { IRule, RuleCategory, Severity, Verdict } from '../../core/rule';
import { StackView } from '../../core/stack-view';
import { Verdicts } from '../../core/verdicts';

const LOGGING_LEVELS = new Set(['ERROR', 'INFO']);

/**
 * T6: execution logging (`LoggingLevel` ERROR or INFO on every method) records authorizer, validation and
 * integration failures: the trail an incident responder needs. Without it, API Gateway keeps no record of why a
 * request failed. (Full bodies are `DataTraceEnabled`, a different and dangerous setting: see SLS-APIGW-DATA-TRACE.)
 */
export class RestApiExecutionLogRule implements IRule {
  /** This rule's id: what `id` returns, for code that names the rule (acknowledgements, packs) without an instance. */
  public static readonly ID = 'SLS-APIGW-EXECUTION-LOG';

  public readonly id = RestApiExecutionLogRule.ID;
  public readonly category = RuleCategory.LOGGING_MONITORING;
  public readonly severity = Severity.INFO;
  public readonly severityReason?: string = 'Access logs already record every request; execution logs add API Gateway\'s own diagnosis of failures, which a secure app may reasonably skip.';
  public readonly description = 'API Gateway REST stages log execution at ERROR or INFO level for every method.';
  public readonly remediation = 'Set `loggingLevel: MethodLoggingLevel.ERROR` (or INFO) in the stage options (`deployOptions`), or use SecureApi, which enables execution logging on every stage.';
  public readonly resourceTypes = ['AWS::ApiGateway::Stage', 'AWS::ApiGateway::Deployment'];

  public check(resource: AuditedResource, stack: StackView): Verdict[] {
    const stage = StageSettings.of(resource);
    if (!stage) return [];
    const all = stage.settingForAll(stack);
    if (!all.known) {
      return [Verdicts.undecidable(`The method settings of ${stage.label} are not known at synth time.`, all.unknownReason, { location: `${stage.base}/MethodSettings` })];
    }
    if (!all.value) {
      return [Verdicts.violation(`${stage.label} has no method settings for every method (ResourcePath /*, HttpMethod *), so execution logging is off.`, { location: `${stage.base}/MethodSettings` })];
    }
    const level = readValue(stack, all.value.setting.LoggingLevel);
    if (!level.known) {
      return [Verdicts.undecidable(`The execution logging level of ${stage.label} is not known at synth time.`, level.unknownReason, { location: `${all.value.location}/LoggingLevel` })];
    }
    const value = typeof level.value === 'string' ? level.value.toUpperCase() : level.value;
    return LOGGING_LEVELS.has(value) ? []
      : [Verdicts.violation(`${stage.label} has execution logging ${value === undefined ? 'unset (OFF)' : value} for every method.`, { location: `${all.value.location}/LoggingLevel` })];
  }
}
