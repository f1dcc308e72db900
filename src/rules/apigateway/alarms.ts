import { AuditedResource } from '../../core/audited-resource';
import { Known, readValue } from '../../core/private/values';

import { IRule, RuleCategory, Severity, Verdict } from '../../core/rule';
import { StackView } from '../../core/stack-view';
import { Verdicts } from '../../core/verdicts';

/** The metrics an API needs alarms on, with the finding id when one is missing. */
const REQUIRED_ALARMS = [
  { metric: '5XXError', findingId: '5xx', why: 'server errors (a failing backend or integration)' },
  { metric: '4XXError', findingId: '4xx', why: 'client errors (spikes reveal credential stuffing, scanning or a broken client)' },
];

/**
 * T6: a REST API has CloudWatch alarms, with an action, on its `5XXError` and `4XXError` metrics (namespace
 * `AWS/ApiGateway`, dimension `ApiName` = the API's name), so an attack or an outage pages someone instead of
 * waiting to be noticed. Alarms are found anywhere in the stack, single-metric or metric-math; an alarm without an
 * enabled action does not count. Finding ids `5xx`, `4xx`.
 */
export class RestApiAlarmsRule implements IRule {
  /** This rule's id: what `id` returns, for code that names the rule (acknowledgements, packs) without an instance. */
  public static readonly ID = 'SLS-APIGW-ALARMS';

  public readonly id = RestApiAlarmsRule.ID;
  public readonly category = RuleCategory.LOGGING_MONITORING;
  public readonly severity = Severity.INFO;
  public readonly severityReason?: string = 'An alarm only shortens the time to notice errors and exposes nothing when absent; many teams alarm at the account or dashboard level, which one stack\'s template cannot show.';
  public readonly description = 'API Gateway REST APIs have CloudWatch alarms with an action on 5XXError and 4XXError.';
  public readonly remediation = 'Create alarms on `api.metricServerError()` and `api.metricClientError()` with an alarm action, or use SecureApi, which creates 5XX, 4XX and latency alarms wired to the action you give it.';
  public readonly resourceTypes = ['AWS::ApiGateway::RestApi'];

  public check(api: AuditedResource, stack: StackView): Verdict[] {
    const name = readValue(stack, api.properties.Name);
    if (!name.known) {
      return [Verdicts.undecidable(`The name of API ${api.logicalId}, which its CloudWatch metrics are keyed by, is not known at synth time.`, name.unknownReason, { location: 'Properties/Name' })];
    }
    if (typeof name.value !== 'string') return []; // an API imported from an OpenAPI body without a name: named by the body
    const alarms = stack.resourcesOfType('AWS::CloudWatch::Alarm');
    const verdicts: Verdict[] = [];
    for (const required of REQUIRED_ALARMS) {
      const watching = alarms.filter((a) => watches(a, required.metric, name.value, stack));
      if (watching.length === 0) {
        verdicts.push(Verdicts.violation(`API ${name.value} has no CloudWatch alarm on ${required.metric}: ${required.why} go unnoticed.`, { findingId: required.findingId }));
      } else if (!watching.some((a) => hasAction(a, stack))) {
        verdicts.push(Verdicts.violation(`API ${name.value} has alarms on ${required.metric} (${watching.map((a) => a.logicalId).join(', ')}) but none with an enabled alarm action.`, { findingId: required.findingId }));
      }
    }
    return verdicts;
  }
}

/** True when the alarm (single metric, or one of its metric-math metrics) is the API's metric. */
function watches(alarm: AuditedResource, metric: string, apiName: string, stack: StackView): boolean {
  const p = alarm.properties;
  const candidates = [{ Namespace: p.Namespace, MetricName: p.MetricName, Dimensions: p.Dimensions },
    ...(Array.isArray(p.Metrics) ? p.Metrics.map((m: any) => m?.MetricStat?.Metric ?? {}) : [])];
  return candidates.some((c) => c.Namespace === 'AWS/ApiGateway' && c.MetricName === metric && Array.isArray(c.Dimensions)
    && c.Dimensions.some((d: any) => d?.Name === 'ApiName' && isLiteral(readValue(stack, d.Value), apiName)));
}

function isLiteral(value: Known, expected: string): boolean {
  return value.known && value.value === expected;
}

function hasAction(alarm: AuditedResource, stack: StackView): boolean {
  const enabled = readValue(stack, alarm.properties.ActionsEnabled);
  if (enabled.known && (enabled.value === false || enabled.value === 'false')) return false;
  return Array.isArray(alarm.properties.AlarmActions) && alarm.properties.AlarmActions.length > 0;
}
