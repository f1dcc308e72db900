import { stageLabel } from './private/http-api-graph';
import { AuditedResource } from '../../core/audited-resource';
import { IRule, RuleCategory, Severity, Verdict } from '../../core/rule';
import { StackView } from '../../core/stack-view';
import { checkAccessLogSetting } from '../apigateway/private/access-log-format';
import { quietFieldFinding } from '../apigateway/private/access-log-severity';

/**
 * T6: every HTTP API stage writes JSON access logs with caller identity, source IP, request id, status, latency and
 * authorizer error. HTTP APIs have no execution logs, so the access log is the only record of who called what.
 * Same finding ids as SLS-APIGW-ACCESS-LOG (`missing`, `not-json`, `source-ip`, `caller`, `request-id`, `status`,
 * `latency`, `authorizer-error`).
 */
export class HttpApiAccessLogRule implements IRule {
  /** This rule's id: what `id` returns, for code that names the rule (acknowledgements, packs) without an instance. */
  public static readonly ID = 'SLS-HTTPAPI-ACCESS-LOG';

  public readonly id = HttpApiAccessLogRule.ID;
  public readonly category = RuleCategory.LOGGING_MONITORING;
  public readonly severity = Severity.WARNING;
  public readonly severityReason?: string = 'HTTP APIs have no execution logs, so without access logs nothing records who called what (a warning); a log that is not JSON or lacks some fields is hygiene (info).';
  public readonly description = 'API Gateway HTTP API stages write JSON access logs with caller identity, source IP, request id, status, latency and authorizer error.';
  public readonly remediation = 'Set `accessLogSettings` on the HttpStage (destination and a JSON format with those `$context` fields), or use the SecureApi access-log format, which has them all.';
  public readonly resourceTypes = ['AWS::ApiGatewayV2::Stage'];

  public check(stage: AuditedResource, stack: StackView): Verdict[] {
    return checkAccessLogSetting(stageLabel(stage, stack), stage.properties.AccessLogSettings, 'Properties/AccessLogSettings', stack)
      .map(quietFieldFinding);
  }
}
