import { EventSourceKind, eventSourceOf } from './private/event-sources';
import { AuditedResource } from '../../core/audited-resource';
import { IRule, RuleCategory, Severity, Verdict } from '../../core/rule';
import { StackView } from '../../core/stack-view';
import { Verdicts } from '../../core/verdicts';

const FILTERABLE = [EventSourceKind.SQS, EventSourceKind.KINESIS, EventSourceKind.DYNAMODB];

/**
 * Without filter criteria, every message or record of the source reaches the function, whatever its shape: the
 * function must then defend against all of them, and an attacker who can write to the queue or table can feed it
 * anything (T2). Filter criteria let Lambda drop events that do not have the shape the function expects, before
 * any code runs (and before they are billed). The rule covers SQS, Kinesis and DynamoDB stream mappings; a mapping
 * whose source depends on a parameter or an import is undecidable.
 */
export class LambdaEventSourceFilterRule implements IRule {
  /** This rule's id: what `id` returns, for code that names the rule (acknowledgements, packs) without an instance. */
  public static readonly ID = 'SLS-LAMBDA-EVENT-SOURCE-FILTER';

  public readonly id = LambdaEventSourceFilterRule.ID;
  public readonly category = RuleCategory.INPUT_VALIDATION;
  public readonly severity = Severity.INFO;
  public readonly severityReason?: string = 'Filter criteria drop events of the wrong shape before code runs, but the function must validate its input anyway and who may write to the source is judged by the resource-policy rules: hygiene.';
  public readonly description = 'The SQS, Kinesis or DynamoDB event source mapping filters events by the shape the function expects.';
  public readonly remediation = 'Add `filters: [lambda.FilterCriteria.filter({...})]` to the event source (SqsEventSource, '
    + 'KinesisEventSource, DynamoEventSource) or `FilterCriteria` to the mapping, matching the fields the function needs.';
  public readonly resourceTypes = ['AWS::Lambda::EventSourceMapping'];

  public check(resource: AuditedResource, stack: StackView): Verdict[] {
    const filters = resource.property('FilterCriteria.Filters');
    if (filters !== undefined && (!Array.isArray(filters) || filters.length > 0)) return [];
    const source = eventSourceOf(stack, resource);
    const location = 'Properties/FilterCriteria';
    if (source.kind === EventSourceKind.UNKNOWN) {
      return [Verdicts.undecidable('The mapping has no filter criteria and its source is not known.', source.unknownReason!, { location })];
    }
    if (!FILTERABLE.includes(source.kind)) return [];
    return [Verdicts.violation(`The ${source.kind} event source mapping has no filter criteria: every event reaches the function.`, { location })];
  }
}
