import { Duration, aws_apigateway as apigateway, aws_cloudwatch as cloudwatch } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { SECURE_API_DEFAULTS as D } from '../defaults';

/** Thresholds and action of the API alarms. */
export interface ApiAlarmsProps {
  readonly stage: apigateway.Stage;
  readonly serverErrorRateThreshold: number;
  readonly clientErrorRateThreshold: number;
  readonly latencyThreshold: Duration;
  readonly action?: cloudwatch.IAlarmAction;
}

/**
 * Three stage alarms (T6). Error alarms use the `Average` of `5XXError` / `4XXError`, which is the error rate (each
 * request counts 0 or 1), so one threshold suits a quiet API and a busy one alike.
 */
export class ApiAlarms extends Construct {
  public readonly serverErrors: cloudwatch.Alarm;
  public readonly clientErrors: cloudwatch.Alarm;
  public readonly latency: cloudwatch.Alarm;

  constructor(scope: Construct, id: string, props: ApiAlarmsProps) {
    super(scope, id);
    const period = D.alarmPeriod;
    const path = scope.node.path;
    this.serverErrors = new cloudwatch.Alarm(this, 'ServerErrors', {
      metric: props.stage.metricServerError({ statistic: cloudwatch.Stats.AVERAGE, period }),
      threshold: props.serverErrorRateThreshold,
      evaluationPeriods: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      alarmDescription: `${path}: more than ${percent(props.serverErrorRateThreshold)} of requests failed with 5XX in ${period.toMinutes()} minutes. Check the integration (function errors, timeouts) and the execution log.`,
    });
    this.clientErrors = new cloudwatch.Alarm(this, 'ClientErrors', {
      metric: props.stage.metricClientError({ statistic: cloudwatch.Stats.AVERAGE, period }),
      threshold: props.clientErrorRateThreshold,
      evaluationPeriods: D.sustainedEvaluationPeriods,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      alarmDescription: `${path}: more than ${percent(props.clientErrorRateThreshold)} of requests were refused with 4XX for ${D.sustainedEvaluationPeriods * period.toMinutes()} minutes (credential stuffing, scanning, throttling, or a broken client). Check errorType and sourceIp in the access log.`,
    });
    this.latency = new cloudwatch.Alarm(this, 'Latency', {
      metric: props.stage.metricLatency({ statistic: 'p99', period }),
      threshold: props.latencyThreshold.toMilliseconds(),
      evaluationPeriods: D.sustainedEvaluationPeriods,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      alarmDescription: `${path}: p99 latency above ${props.latencyThreshold.toMilliseconds()} ms for ${D.sustainedEvaluationPeriods * period.toMinutes()} minutes.`,
    });
    if (props.action) {
      for (const alarm of [this.serverErrors, this.clientErrors, this.latency]) {
        alarm.addAlarmAction(props.action);
      }
    }
  }
}

function percent(fraction: number): string {
  return `${Math.round(fraction * 1000) / 10}%`;
}
