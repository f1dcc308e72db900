import { CfnResource, Duration, ITaggable, TagManager, TagType, aws_cloudwatch as cloudwatch, aws_lambda as lambda } from 'aws-cdk-lib';
import { Construct } from 'constructs';
import { SECURE_FUNCTION_DEFAULTS as D } from './defaults';

/** What the health alarm of one function watches. */
export interface HealthAlarmOptions {
  /** The function's CloudFormation resource: the alarm's dimension is its `Ref` (the function name). */
  readonly cfnFunction: lambda.CfnFunction;
  /** The function's construct path, quoted in the description so the person paged knows which function it is. */
  readonly functionPath: string;
  /** The function's timeout: "near the timeout" is a fraction of it. */
  readonly timeout: Duration;
}

/**
 * One alarm per function, firing on any of the three signals of an unhealthy function (T6): an invocation errored,
 * one was throttled, or the slowest one used 90% of the timeout.
 *
 * One metric-math alarm instead of three keeps the function within the resource budget, and the description says
 * which metrics to check.
 *
 * It is the exact `AWS::CloudWatch::Alarm` that `cloudwatch.Alarm` renders for the same `MathExpression` (same
 * construct path `<fn>/HealthAlarm/Resource`, so the same logical id), written as a `CfnResource`: the L2 alarm with
 * its metric objects, and even the `CfnAlarm` L1 with its nested property validators run on every resolution, cost
 * more synth time than the rest of the function for a shape that never varies (measured in
 * `bench/secure-function.bench.ts`). The template is checked by the construct's tests and by cfn-lint.
 */
export class HealthAlarm extends Construct {
  /** The alarm resource. */
  public readonly resource: CfnResource;
  private readonly actionArns: string[] = [];

  constructor(scope: Construct, id: string, options: HealthAlarmOptions) {
    super(scope, id);
    const periodSeconds = D.alarmPeriod.toSeconds();
    // A timeout only known at deploy time (a parameter) cannot be multiplied at synth: the alarm then watches errors
    // and throttles only, and says so (SecureFunction warns about the timeout itself).
    const timeoutMs = options.timeout.isUnresolved() ? undefined : options.timeout.toMilliseconds();
    const nearTimeoutMs = timeoutMs === undefined ? undefined : Math.floor(timeoutMs * D.durationAlarmFraction);
    const functionName = options.cfnFunction.ref;
    const metric = (metricId: string, metricName: string, stat: string) => ({
      Id: metricId,
      MetricStat: {
        Metric: { Dimensions: [{ Name: 'FunctionName', Value: functionName }], MetricName: metricName, Namespace: 'AWS/Lambda' },
        Period: periodSeconds,
        Stat: stat,
      },
      ReturnData: false,
    });
    this.resource = new AlarmResource(this, 'Resource', {
      type: cloudwatch.CfnAlarm.CFN_RESOURCE_TYPE_NAME,
      properties: {
        AlarmDescription: nearTimeoutMs === undefined
          ? `${options.functionPath}: an invocation errored or was throttled in the last ${D.alarmPeriod.toMinutes()} minutes `
            + '(the timeout is only known at deploy time, so duration near the timeout is not watched). Check the Errors and '
            + 'Throttles metrics and the dead-letter queue.'
          : `${options.functionPath}: an invocation errored or was throttled, or the slowest invocation took over `
            + `${nearTimeoutMs} ms (90% of the ${timeoutMs} ms timeout) in the last ${D.alarmPeriod.toMinutes()} minutes. `
            + 'Check the Errors, Throttles and Duration metrics and the dead-letter queue.',
        ComparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        EvaluationPeriods: 1,
        Metrics: nearTimeoutMs === undefined
          ? [
            { Id: 'expr_1', Expression: 'FILL(errors, 0) + FILL(throttles, 0)', Label: 'errors + throttles', ReturnData: true },
            metric('errors', 'Errors', cloudwatch.Stats.SUM),
            metric('throttles', 'Throttles', cloudwatch.Stats.SUM),
          ]
          : [
            {
              Id: 'expr_1',
              Expression: `FILL(errors, 0) + FILL(throttles, 0) + IF(FILL(duration, 0) >= ${nearTimeoutMs}, 1, 0)`,
              Label: 'errors + throttles + near-timeout',
              ReturnData: true,
            },
            metric('errors', 'Errors', cloudwatch.Stats.SUM),
            metric('throttles', 'Throttles', cloudwatch.Stats.SUM),
            metric('duration', 'Duration', cloudwatch.Stats.MAXIMUM),
          ],
        Threshold: 1,
        TreatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      },
    });
  }

  /**
   * The alarm as an `IAlarm` (for composite alarms, dashboards or alarm actions), created on first use: most apps
   * never ask for it, and each construct costs synth time.
   */
  public get alarm(): cloudwatch.IAlarm {
    const existing = this.node.tryFindChild('Alarm') as cloudwatch.IAlarm | undefined;
    return existing ?? cloudwatch.Alarm.fromAlarmArn(this, 'Alarm', this.resource.getAtt('Arn').toString());
  }

  /** Sends the alarm's state changes to `action`. */
  public addAlarmAction(action: cloudwatch.IAlarmAction): void {
    this.actionArns.push(action.bind(this, this.alarm).alarmActionArn);
    this.resource.addPropertyOverride('AlarmActions', this.actionArns);
  }
}

/**
 * A `CfnResource` of type `AWS::CloudWatch::Alarm` that `Tags.of(scope).add(...)` reaches, as it reaches `CfnAlarm`
 * (teams allocate cost and scope IAM by tags): aws-cdk-lib renders the tags into `Tags`, written here in
 * CloudFormation's `Key`/`Value` form.
 */
class AlarmResource extends CfnResource implements ITaggable {
  public readonly tags = new TagManager(TagType.STANDARD, cloudwatch.CfnAlarm.CFN_RESOURCE_TYPE_NAME, undefined, { tagPropertyName: 'Tags' });

  protected renderProperties(props: { [key: string]: any }): { [key: string]: any } {
    const tags = props.Tags as Array<{ key: string; value: string }> | undefined;
    return tags === undefined ? props : { ...props, Tags: tags.map((tag) => ({ Key: tag.key, Value: tag.value })) };
  }
}
