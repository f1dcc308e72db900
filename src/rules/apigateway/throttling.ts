import { StageSettings } from './private/stage-settings';

import { AuditedResource } from '../../core/audited-resource';
import { readValue } from '../../core/private/values';
import { IRule, RuleCategory, Severity, Verdict } from '../../core/rule';
import { StackView } from '../../core/stack-view';
import { Verdicts } from '../../core/verdicts';

const LIMITS = ['ThrottlingRateLimit', 'ThrottlingBurstLimit'];

/**
 * T3: without stage throttling, a REST API shares the account-wide regional quota (thousands of requests per
 * second) across every API of the account: one abusive client can exhaust it, run up the Lambda bill and starve the
 * other APIs. Rate and burst limits for every method (`/*` `*`) cap that; per-method settings may then override them.
 */
export class RestApiThrottlingRule implements IRule {
  /** This rule's id: what `id` returns, for code that names the rule (acknowledgements, packs) without an instance. */
  public static readonly ID = 'SLS-APIGW-THROTTLING';

  public readonly id = RestApiThrottlingRule.ID;
  public readonly category = RuleCategory.CONFIGURATION;
  public readonly severity = Severity.WARNING;
  public readonly severityReason?: string = 'Without stage throttling one client can use up the account-wide quota, running up the backend\'s bill and starving the other APIs: defence in depth a secure app would still set.';
  public readonly description = 'API Gateway REST stages set a throttling rate limit and burst limit for every method.';
  public readonly remediation = 'Set `throttlingRateLimit` and `throttlingBurstLimit` in the stage options (`deployOptions`), or use SecureApi, which sets stage throttling defaults with per-route overrides.';
  public readonly resourceTypes = ['AWS::ApiGateway::Stage', 'AWS::ApiGateway::Deployment'];

  public check(resource: AuditedResource, stack: StackView): Verdict[] {
    const stage = StageSettings.of(resource);
    if (!stage) return [];
    const all = stage.settingForAll(stack);
    if (!all.known) {
      return [Verdicts.undecidable(`The method settings of ${stage.label} are not known at synth time.`, all.unknownReason, { location: `${stage.base}/MethodSettings` })];
    }
    const setting = all.value?.setting ?? {};
    const missing: string[] = [];
    for (const limit of LIMITS) {
      const value = readValue(stack, setting[limit]);
      if (!value.known) {
        return [Verdicts.undecidable(`The ${limit} of ${stage.label} is not known at synth time.`, value.unknownReason, { location: `${all.value!.location}/${limit}` })];
      }
      if (typeof value.value !== 'number' && !(typeof value.value === 'string' && value.value.trim() !== '' && !isNaN(Number(value.value)))) {
        missing.push(limit);
      }
    }
    return missing.length === 0 ? []
      : [Verdicts.violation(`${stage.label} sets no ${missing.join(' or ')} for every method, so it only has the account-wide limits.`, { location: all.value?.location ?? `${stage.base}/MethodSettings` })];
  }
}
