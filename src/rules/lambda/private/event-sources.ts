import { AuditedResource } from '../../../core/audited-resource';
import { readValue } from '../../../core/private/values';

import { StackView } from '../../../core/stack-view';

/** The kind of source an event source mapping polls, as far as the rules need to know. */
export enum EventSourceKind {
  SQS = 'SQS',
  KINESIS = 'Kinesis',
  DYNAMODB = 'DynamoDB',
  /** Kafka, Amazon MQ, DocumentDB: not judged by the Lambda event-source rules. */
  OTHER = 'other',
  /** The source ARN depends on a parameter or an import. */
  UNKNOWN = 'unknown',
}

/** What an event source mapping reads from. */
export interface EventSource {
  readonly kind: EventSourceKind;
  /** The source ARN as rendered (with `${...}` placeholders), when known. */
  readonly arn?: string;
  /** The source resource when it is defined in this stack (the queue, stream or table). */
  readonly resource?: AuditedResource;
  /** Why the source is unknown (kind `UNKNOWN`). */
  readonly unknownReason?: string;
}

const KIND_BY_TYPE: { [type: string]: EventSourceKind } = {
  'AWS::SQS::Queue': EventSourceKind.SQS,
  'AWS::Kinesis::Stream': EventSourceKind.KINESIS,
  'AWS::Kinesis::StreamConsumer': EventSourceKind.KINESIS,
  'AWS::DynamoDB::Table': EventSourceKind.DYNAMODB,
  'AWS::DynamoDB::GlobalTable': EventSourceKind.DYNAMODB,
};

/** `arn:<partition>:<service>:...`: the service tells the kind when the source is not in the stack. */
const KIND_BY_SERVICE: { [service: string]: EventSourceKind } = {
  sqs: EventSourceKind.SQS,
  kinesis: EventSourceKind.KINESIS,
  dynamodb: EventSourceKind.DYNAMODB,
};

/** Classifies the source of an `AWS::Lambda::EventSourceMapping`, following `EventSourceArn` into the stack. */
export function eventSourceOf(stack: StackView, mapping: AuditedResource): EventSource {
  const raw = mapping.properties.EventSourceArn;
  if (raw === undefined) return { kind: EventSourceKind.OTHER };
  const arn = readValue(stack, raw);
  if (!arn.known) return { kind: EventSourceKind.UNKNOWN, unknownReason: arn.unknownReason };
  for (const id of stack.resolve(raw).referencedLogicalIds) {
    const resource = stack.resource(id);
    const kind = resource ? KIND_BY_TYPE[resource.resourceType] : undefined;
    if (kind) return { kind, arn: String(arn.value), resource };
  }
  const service = /^arn:[^:]+:([a-z0-9-]+):/.exec(String(arn.value).replace(/\$\{AWS::Partition\}/g, 'aws'))?.[1];
  return { kind: (service && KIND_BY_SERVICE[service]) || EventSourceKind.OTHER, arn: String(arn.value) };
}
