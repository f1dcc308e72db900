import { checkAccessLogSetting } from './private/access-log-format';
import { quietFieldFinding } from './private/access-log-severity';
import { StageSettings } from './private/stage-settings';
import { AuditedResource } from '../../core/audited-resource';
import { IRule, RuleCategory, Severity, Verdict } from '../../core/rule';
import { StackView } from '../../core/stack-view';

/**
 * T6: every REST API stage writes access logs, as JSON, with caller identity, source IP, request id, status, latency
 * and authorizer error. Execution logs say why API Gateway failed; only access logs say who called what. A missing
 * access log is one finding (`missing`); a non-JSON format (`not-json`) and each missing field (`source-ip`,
 * `caller`, `request-id`, `status`, `latency`, `authorizer-error`) are findings of their own, so a team can
 * acknowledge a field it deliberately leaves out without silencing the rest.
 */
export class RestApiAccessLogRule implements IRule {
  /** This rule's id: what `id` returns, for code that names the rule (acknowledgements, packs) without an instance. */
  public static readonly ID = 'SLS-APIGW-ACCESS-LOG';

  public readonly id = RestApiAccessLogRule.ID;
  public readonly category = RuleCategory.LOGGING_MONITORING;
  public readonly severity = Severity.WARNING;
  public readonly severityReason?: string = 'Without access logs nothing records who called what, the first evidence an investigation needs (a warning); a log that is not JSON or lacks some fields is hygiene (info).';
  public readonly description = 'API Gateway REST stages write JSON access logs with caller identity, source IP, request id, status, latency and authorizer error.';
  public readonly remediation = 'Set `accessLogDestination` and an `accessLogFormat` built with `AccessLogFormat.custom(JSON.stringify({...}))` including those `$context` fields in the stage options, or use SecureApi, which writes such logs to an encrypted log group.';
  public readonly resourceTypes = ['AWS::ApiGateway::Stage', 'AWS::ApiGateway::Deployment'];

  public check(resource: AuditedResource, stack: StackView): Verdict[] {
    const stage = StageSettings.of(resource);
    if (!stage) return [];
    return checkAccessLogSetting(stage.label, stage.properties.AccessLogSetting, `${stage.base}/AccessLogSetting`, stack).map(quietFieldFinding);
  }
}
