import { StageSettings } from './private/stage-settings';

import { AuditedResource } from '../../core/audited-resource';
import { isTrue, readValue } from '../../core/private/values';
import { IRule, RuleCategory, Severity, Verdict } from '../../core/rule';
import { StackView } from '../../core/stack-view';
import { Verdicts } from '../../core/verdicts';

/**
 * T3: data tracing (`DataTraceEnabled`) writes full request and response bodies, headers included, to CloudWatch
 * Logs: passwords, tokens and personal data end up in logs readers of the log group can see. AWS recommends it for
 * troubleshooting only, never in production.
 */
export class RestApiDataTraceRule implements IRule {
  /** This rule's id: what `id` returns, for code that names the rule (acknowledgements, packs) without an instance. */
  public static readonly ID = 'SLS-APIGW-DATA-TRACE';

  public readonly id = RestApiDataTraceRule.ID;
  public readonly category = RuleCategory.CONFIGURATION;
  public readonly severity = Severity.ERROR;
  public readonly severityReason?: string = 'Data tracing writes full requests and responses, tokens and personal data included, to CloudWatch Logs: a leak to every reader of the log group.';
  public readonly description = 'API Gateway REST stages do not enable data tracing, which logs full request and response bodies.';
  public readonly remediation = 'Set `dataTraceEnabled: false` in the stage options (`deployOptions`, `methodOptions`), or use SecureApi, which keeps data tracing off unless it is enabled with a written justification.';
  public readonly resourceTypes = ['AWS::ApiGateway::Stage', 'AWS::ApiGateway::Deployment'];

  public check(resource: AuditedResource, stack: StackView): Verdict[] {
    const stage = StageSettings.of(resource);
    if (!stage) return [];
    const settings = stage.methodSettings(stack);
    if (!settings.known) {
      return [Verdicts.undecidable(`The method settings of ${stage.label} are not known at synth time.`, settings.unknownReason, { location: `${stage.base}/MethodSettings` })];
    }
    const verdicts: Verdict[] = [];
    for (const { setting, location, appliesToAll } of settings.value) {
      const value = readValue(stack, setting.DataTraceEnabled);
      const scope = appliesToAll ? 'every method' : `${setting.HttpMethod ?? '*'} ${unescapePath(setting.ResourcePath)}`;
      if (!value.known) {
        verdicts.push(Verdicts.undecidable(`Whether ${stage.label} traces request data for ${scope} is not known at synth time.`, value.unknownReason, { location: `${location}/DataTraceEnabled` }));
      } else if (isTrue(value.value)) {
        verdicts.push(Verdicts.violation(`${stage.label} enables data tracing for ${scope}: full request and response bodies (secrets, personal data) are written to CloudWatch Logs.`, { location: `${location}/DataTraceEnabled` }));
      }
    }
    return verdicts;
  }
}

/** Method-setting resource paths escape `/` as `~1` after a leading `/` (`/~1items~1{id}` is `/items/{id}`). */
function unescapePath(path: any): string {
  return typeof path === 'string' ? path.replace(/^\//, '').replace(/~1/g, '/') : String(path);
}
