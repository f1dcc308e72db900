import { AuditedResource } from '../../engine/audited-resource';
import { StackView } from '../../engine/stack-view';
import { IRule, RuleCategory, Severity, Verdict } from '../rule';
import { JsonSchemaStrictness } from './private/json-schema-strictness';
import { read, undecidable, violation } from './private/values';

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
      return [violation(`Model ${model.logicalId} has no schema, so it accepts any body.`, 'Properties/Schema', 'no-type', Severity.WARNING)];
    }
    const known = read(stack, model.properties.Schema);
    if (!known.known) {
      return [undecidable(`The schema of model ${model.logicalId} is not known at synth time.`, known.reason, 'Properties/Schema')];
    }
    let schema = known.value;
    if (typeof schema === 'string') {
      try {
        schema = JSON.parse(schema);
      } catch (e) {
        return [violation(`Model ${model.logicalId} has a schema that is not valid JSON: ${(e as Error).message}.`, 'Properties/Schema', 'malformed')];
      }
    }
    const report = JsonSchemaStrictness.check(schema);
    if (report.errors.length > 0) {
      return report.errors.map((e) => violation(
        `Model ${model.logicalId} is not valid JSON Schema draft-04: at ${e.pointer}, ${e.message}.`,
        schemaLocation(e.pointer), 'malformed'));
    }
    return report.problems.map((p) => violation(
      `Model ${model.logicalId} is permissive: ${listPointers(p.pointers)} ${p.explanation}.`,
      p.pointers[0].startsWith('#') ? schemaLocation(p.pointers[0]) : 'Properties/Schema', p.kind, Severity.WARNING));
  }
}

function schemaLocation(pointer: string): string {
  return `Properties/Schema${pointer.replace(/^#/, '')}`;
}

function listPointers(pointers: string[]): string {
  const shown = pointers.slice(0, MAX_POINTERS).join(', ');
  return pointers.length > MAX_POINTERS ? `${shown} and ${pointers.length - MAX_POINTERS} more` : shown;
}
