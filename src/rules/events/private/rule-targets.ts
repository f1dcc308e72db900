import { AuditedResource } from '../../../core/audited-resource';
import { StackView } from '../../../core/stack-view';
import { ArnText } from '../../iam/private/arn-text';

/** The service of a resource type that can be an EventBridge target. */
const SERVICE_OF_TYPE: { readonly [type: string]: string } = {
  'AWS::Lambda::Function': 'lambda',
  'AWS::Lambda::Alias': 'lambda',
  'AWS::Lambda::Version': 'lambda',
  'AWS::SQS::Queue': 'sqs',
  'AWS::SNS::Topic': 'sns',
  'AWS::StepFunctions::StateMachine': 'states',
  'AWS::Events::EventBus': 'events',
  'AWS::Logs::LogGroup': 'logs',
  'AWS::Kinesis::Stream': 'kinesis',
  'AWS::KinesisFirehose::DeliveryStream': 'firehose',
};

/** One target of an `AWS::Events::Rule`, with the service its ARN points at. */
export interface RuleTarget {
  /** The target's `Id`, or `Targets.<index>` when it has no literal one. */
  readonly id: string;
  readonly index: number;
  readonly raw: { [key: string]: any };
  /** `lambda`, `sqs`, `sns`, `states`, `events`, `logs`...; undefined when the ARN is not known at synth time. */
  readonly service?: string;
  /** What is unknown about the ARN, when it is. */
  readonly unknownReason?: string;
}

/** The targets of a rule, or why they are not known. */
export interface RuleTargets {
  readonly targets: RuleTarget[];
  readonly unknownReason?: string;
}

/** Reads the `Targets` of an `AWS::Events::Rule` and tells which service each one invokes. */
export function targetsOf(rule: AuditedResource, stack: StackView): RuleTargets {
  const raw = rule.properties.Targets;
  if (raw === undefined) return { targets: [] };
  if (!Array.isArray(raw)) return { targets: [], unknownReason: stack.resolve(raw).unknownReason ?? 'Targets that are not a literal list' };
  const targets = raw.map((target: any, index: number): RuleTarget => {
    const id = typeof target?.Id === 'string' ? target.Id : `Targets.${index}`;
    const referenced = stack.referencedResource(target?.Arn);
    if (referenced) return { id, index, raw: target, service: SERVICE_OF_TYPE[referenced.resourceType] ?? referenced.resourceType };
    const resolved = stack.resolve(target?.Arn);
    if (typeof resolved.value === 'string') return { id, index, raw: target, service: ArnText.split(resolved.value)[2] };
    return { id, index, raw: target ?? {}, unknownReason: resolved.unknownReason ?? 'an ARN that is not a string' };
  });
  return { targets };
}
