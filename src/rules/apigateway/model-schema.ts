import { JsonSchemaStrictness } from './private/json-schema-strictness';

import { AuditedResource } from '../../core/audited-resource';
import { readValue } from '../../core/private/values';
import { IRule, RuleCategory, Severity, Verdict } from '../../core/rule';
import { StackView } from '../../core/stack-view';
import { Verdicts } from '../../core/verdicts';

/** How many schema locations a finding lists before summarising. */
const MAX_POINTERS = 5;

/**
 * T2: API Gateway models are valid and strict JSON Schema draft-04.
 *
 * A malformed schema is an error: API Gateway rejects it at deployment, or worse, validates against something other
 * than what the author meant. A permissive schema is a warning, one per kind of problem (finding ids `no-type`,
 * `no-required`, `additional-properties`, `unbounded-string`, `unbounded-array`, plus `unknown-keyword` for typos
 * the validator silently ignores and `undeclared-required`), listing where in the schema it occurs. The policy is
 * documented on `JsonSchemaStrictness` and shared with SecureApi.
 */
export class RestApiModelSchemaRule implements IRule {
  public readonly id = 'SLS-APIGW-MODEL-SCHEMA';
  public readonly category = RuleCategory.INPUT_VALIDATION;
  public readonly severity = Severity.ERROR;
  public readonly description = 'API Gateway models are valid JSON Schema draft-04 and strict: typed, with required properties, no additional properties, and bounded strings and arrays.';
  public readonly remediation = 'Fix the model schema (declare `type`, `required`, `additionalProperties: false`, `maxLength`, `maxItems` at every level), or use SecureApi, whose `addRoute({ requestSchema })` is checked against the same policy at synth.';
  public readonly resourceTypes = ['AWS::ApiGateway::Model'];

  public check(model: AuditedResource, stack: StackView): Verdict[] {
    if (model.properties.Schema === undefined) {
      return [Verdicts.violation(`Model ${model.logicalId} has no schema, so it accepts any body.`, { location: 'Properties/Schema', findingId: 'no-type', severity: Severity.WARNING })];
    }
    const known = readValue(stack, model.properties.Schema);
    if (!known.known) {
      return [Verdicts.undecidable(`The schema of model ${model.logicalId} is not known at synth time.`, known.unknownReason, { location: 'Properties/Schema' })];
    }
    let schema = known.value;
    if (typeof schema === 'string') {
      try {
        schema = JSON.parse(schema);
      } catch (e) {
        return [Verdicts.violation(`Model ${model.logicalId} has a schema that is not valid JSON: ${(e as Error).message}.`, { location: 'Properties/Schema', findingId: 'malformed' })];
      }
    }
    const report = JsonSchemaStrictness.check(schema);
    if (report.errors.length > 0) {
      return report.errors.map((e) => Verdicts.violation(`Model ${model.logicalId} is not valid JSON Schema draft-04: at ${e.pointer}, ${e.message}.`, { location: schemaLocation(e.pointer), findingId: 'malformed' }));
    }
    return report.problems.map((p) => Verdicts.violation(`Model ${model.logicalId} is permissive: ${listPointers(p.pointers)} ${p.explanation}.`, { location: p.pointers[0].startsWith('#') ? schemaLocation(p.pointers[0]) : 'Properties/Schema', findingId: p.kind, severity: Severity.WARNING }));
  }
}

function schemaLocation(pointer: string): string {
  return `Properties/Schema${pointer.replace(/^#/, '')}`;
}

function listPointers(pointers: string[]): string {
  const shown = pointers.slice(0, MAX_POINTERS).join(', ');
  return pointers.length > MAX_POINTERS ? `${shown} and ${pointers.length - MAX_POINTERS} more` : shown;
}
