import { stageLabel } from './private/http-api-graph';
import { AuditedResource } from '../../core/audited-resource';
import { readValue } from '../../core/private/values';
import { IRule, RuleCategory, Severity, Verdict } from '../../core/rule';
import { StackView } from '../../core/stack-view';
import { Verdicts } from '../../core/verdicts';


const LIMITS = ['ThrottlingRateLimit', 'ThrottlingBurstLimit'];

/**
 * T3: an HTTP API stage sets default route throttling (rate and burst), so one client cannot consume the
 * account-wide regional quota shared by every API of the account. Per-route settings may override the defaults.
 */
export class HttpApiThrottlingRule implements IRule {
  /** This rule's id: what `id` returns, for code that names the rule (acknowledgements, packs) without an instance. */
  public static readonly ID = 'SLS-HTTPAPI-THROTTLING';

  public readonly id = HttpApiThrottlingRule.ID;
  public readonly category = RuleCategory.CONFIGURATION;
  public readonly severity = Severity.WARNING;
  public readonly severityReason?: string = 'Without default route throttling one client can use up the account-wide quota, running up the backend\'s bill and starving the other APIs: defence in depth a secure app would still set.';
  public readonly description = 'API Gateway HTTP API stages set a default route throttling rate limit and burst limit.';
  public readonly remediation = 'Set `throttle: { rateLimit, burstLimit }` on the HttpStage (or `DefaultRouteSettings` on the stage of the default HttpApi through its L1), so every route has limits below the account quota.';
  public readonly resourceTypes = ['AWS::ApiGatewayV2::Stage'];

  public check(stage: AuditedResource, stack: StackView): Verdict[] {
    const settings = readValue(stack, stage.properties.DefaultRouteSettings);
    const label = stageLabel(stage, stack);
    if (!settings.known) {
      return [Verdicts.undecidable(`The default route settings of ${label} are not known at synth time.`, settings.unknownReason, { location: 'Properties/DefaultRouteSettings' })];
    }
    const missing = LIMITS.filter((limit) => {
      const value = settings.value?.[limit];
      return !(typeof value === 'number' || (typeof value === 'string' && value.trim() !== '' && !isNaN(Number(value))));
    });
    return missing.length === 0 ? []
      : [Verdicts.violation(`${label} sets no default ${missing.join(' or ')}, so its routes only have the account-wide limits.`, { location: 'Properties/DefaultRouteSettings' })];
  }
}
