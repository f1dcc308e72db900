import { isEdgeFunction } from './private/edge';
import { candidatesDesignating, designatesFunction } from './private/function-links';

import { AuditedResource } from '../../core/audited-resource';
import { readValue } from '../../core/private/values';
import { IRule, RuleCategory, Severity, Verdict } from '../../core/rule';
import { StackView } from '../../core/stack-view';
import { Verdicts } from '../../core/verdicts';

const ALARM_TYPE = 'AWS::CloudWatch::Alarm';
const WATCHED_METRICS = ['Errors', 'Throttles'];

/** One metric an alarm reads: the alarm's own metric, or a `MetricStat` of a metric-math alarm. */
interface AlarmMetric {
  readonly Namespace?: any;
  readonly MetricName?: any;
  readonly Dimensions?: any;
}

/**
 * A function that fails or is throttled without anyone being told is how an attack (or an outage it causes) goes
 * unnoticed (T6). The rule looks for `AWS::CloudWatch::Alarm` resources of the stack, single-metric or metric-math,
 * that read the function's `AWS/Lambda` `Errors` (finding `errors`) and `Throttles` (finding `throttles`) metrics
 * through a `FunctionName` dimension designating the function (or one of its aliases), and wants those alarms to
 * have at least one enabled alarm action (finding `action`), since an alarm nobody receives changes nothing.
 *
 * Account-wide alarms (no `FunctionName` dimension, or `SEARCH` expressions) are not attributed to a function:
 * they do not say which function fails. Lambda@Edge functions are not judged: CloudFront runs replicas in every
 * Region it serves from, and each replica's metrics are in its own Region, out of reach of one stack's alarms.
 */
export class LambdaAlarmsRule implements IRule {
  /** This rule's id: what `id` returns, for code that names the rule (acknowledgements, packs) without an instance. */
  public static readonly ID = 'SLS-LAMBDA-ALARMS';

  public readonly id = LambdaAlarmsRule.ID;
  public readonly category = RuleCategory.LOGGING_MONITORING;
  public readonly severity = Severity.INFO;
  public readonly severityReason?: string = 'An alarm only shortens the time to notice a failure and exposes nothing when absent; many teams alarm across functions at the account level, which one stack\'s template cannot show.';
  public readonly description = 'The Lambda function has error and throttle alarms with an alarm action.';
  public readonly remediation = 'Use SecureFunction (its health alarm watches errors and throttles; pass `alarmAction` to notify '
    + 'someone), or create alarms with `fn.metricErrors().createAlarm(...)` and `fn.metricThrottles().createAlarm(...)` and '
    + '`alarm.addAlarmAction(new SnsAction(topic))`.';
  public readonly resourceTypes = ['AWS::Lambda::Function'];

  public check(resource: AuditedResource, stack: StackView): Verdict[] {
    // Lambda@Edge metrics are in the Region that ran each replica: an alarm of this stack cannot watch them all.
    if (isEdgeFunction(resource, stack)) return [];
    const watching = new Map<string, AuditedResource[]>(WATCHED_METRICS.map((m) => [m, []]));
    for (const alarm of candidatesDesignating(stack, resource, ALARM_TYPE)) {
      for (const metric of metricsOf(alarm)) {
        if (metric.Namespace !== 'AWS/Lambda' || !WATCHED_METRICS.includes(metric.MetricName)) continue;
        if (!this.dimensionDesignates(metric.Dimensions, resource, stack)) continue;
        const list = watching.get(metric.MetricName)!;
        if (!list.includes(alarm)) list.push(alarm);
      }
    }
    const verdicts: Verdict[] = [];
    for (const [metric, alarms] of watching) {
      if (alarms.length === 0) {
        verdicts.push(Verdicts.violation(`No alarm of the stack watches the function's ${metric} metric.`, { findingId: metric.toLowerCase() }));
      }
    }
    const alarms = [...new Set([...watching.values()].flat())];
    const silent = alarms.filter((alarm) => !hasAction(alarm) || isFalse(alarm.properties.ActionsEnabled));
    if (silent.length > 0) {
      verdicts.push(Verdicts.violation(`Alarm(s) ${silent.map((a) => a.logicalId).join(', ')} on the function have no enabled alarm action: `
        + 'nobody is notified.', { findingId: 'action' }));
      return verdicts;
    }
    const unknown = alarms.map((alarm) => readValue(stack, alarm.properties.ActionsEnabled)).find((v) => !v.known);
    if (unknown) {
      verdicts.push(Verdicts.undecidable('Whether the alarms on the function have their actions enabled is not known.', unknown.unknownReason!, { findingId: 'action' }));
    }
    return verdicts;
  }

  private dimensionDesignates(dimensions: any, fn: AuditedResource, stack: StackView): boolean {
    if (!Array.isArray(dimensions)) return false;
    return dimensions.some((d) => d?.Name === 'FunctionName' && designatesFunction(stack, d.Value, fn));
  }
}

function metricsOf(alarm: AuditedResource): AlarmMetric[] {
  const props = alarm.properties;
  const metrics: AlarmMetric[] = [];
  if (props.MetricName !== undefined) metrics.push(props);
  if (Array.isArray(props.Metrics)) {
    for (const query of props.Metrics) {
      if (query?.MetricStat?.Metric) metrics.push(query.MetricStat.Metric);
    }
  }
  return metrics;
}

function hasAction(alarm: AuditedResource): boolean {
  const actions = alarm.properties.AlarmActions;
  return actions !== undefined && (!Array.isArray(actions) || actions.length > 0);
}

function isFalse(value: any): boolean {
  return value === false || (typeof value === 'string' && value.toLowerCase() === 'false');
}
