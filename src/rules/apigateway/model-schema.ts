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
 *
 * A model that accepts any body (no schema, no type at its root, or an object that declares no property and allows any)
 * is an error (`no-type`) when a method of the stack validates with it: the method's validation is only apparent.
 */
export class RestApiModelSchemaRule implements IRule {
  /** This rule's id: what `id` returns, for code that names the rule (acknowledgements, packs) without an instance. */
  public static readonly ID = 'SLS-APIGW-MODEL-SCHEMA';

  public readonly id = RestApiModelSchemaRule.ID;
  public readonly category = RuleCategory.INPUT_VALIDATION;
  public readonly severity = Severity.ERROR;
  public readonly severityReason?: string = 'A malformed model, or an empty or untyped one a method validates with, accepts any body, so validation is only apparent (an error); a typed model that is merely permissive is a warning.';
  public readonly description = 'API Gateway models are valid JSON Schema draft-04 and strict: typed, with required properties, no additional properties, and bounded strings and arrays.';
  public readonly remediation = 'Fix the model schema (declare `type`, `required`, `additionalProperties: false`, `maxLength`, `maxItems` at every level), or use SecureApi, whose `addRoute({ requestSchema })` is checked against the same policy at synth.';
  public readonly resourceTypes = ['AWS::ApiGateway::Model'];

  public check(model: AuditedResource, stack: StackView): Verdict[] {
    if (model.properties.Schema === undefined) {
      const severity = isUsed(model, stack) ? undefined : Severity.WARNING;
      return [Verdicts.violation(`Model ${model.logicalId} has no schema, so it accepts any body.`, { location: 'Properties/Schema', findingId: 'no-type', severity })];
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
    const verdicts: Verdict[] = [];
    // An empty or untyped model is an error where it validates something: as the request model of a method. A model
    // no method of the stack uses validates nothing yet, and is judged as merely permissive.
    const empty = acceptsAnyObject(schema);
    const used = empty !== undefined && isUsed(model, stack);
    if (empty && used) verdicts.push(Verdicts.violation(`Model ${model.logicalId} ${empty}, so it accepts any body.`, { location: 'Properties/Schema', findingId: 'no-type' }));
    for (const p of report.problems) {
      // The root's own type (or emptiness) is the error above; what is left of the kind is a nested, permissive part.
      const pointers = used && (p.kind === 'no-type' || empty) ? p.pointers.filter((pointer) => pointer !== '#') : p.pointers;
      if (pointers.length === 0) continue;
      verdicts.push(Verdicts.violation(`Model ${model.logicalId} is permissive: ${listPointers(pointers)} ${p.explanation}.`, {
        location: pointers[0].startsWith('#') ? schemaLocation(pointers[0]) : 'Properties/Schema',
        findingId: p.kind,
        severity: Severity.WARNING,
      }));
    }
    return verdicts;
  }
}

/**
 * Why the schema as a whole accepts anything, or undefined when it constrains something: it declares no type (and no
 * `$ref`, `enum` or composition), or it is an object with no declared property that still allows any property.
 */
function acceptsAnyObject(schema: any): string | undefined {
  if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) return undefined;
  const constrained = schema.$ref !== undefined || Array.isArray(schema.enum) || schema.not !== undefined
    || ['allOf', 'anyOf', 'oneOf'].some((k) => Array.isArray(schema[k]));
  if (constrained) return undefined;
  const types: any[] = Array.isArray(schema.type) ? schema.type : schema.type === undefined ? [] : [schema.type];
  if (types.length === 0 && schema.properties === undefined) return 'declares no type';
  if (types.length > 1 || (types.length === 1 && types[0] !== 'object')) return undefined;
  const declared = ['properties', 'patternProperties'].some((k) => schema[k] && typeof schema[k] === 'object' && Object.keys(schema[k]).length > 0);
  const closed = schema.additionalProperties !== undefined && schema.additionalProperties !== true;
  return declared || closed ? undefined : 'is an object schema that declares no property and allows any';
}

/** True when a method of the stack validates its requests with the model (a `RequestModels` entry referring to it). */
function isUsed(model: AuditedResource, stack: StackView): boolean {
  return stack.referencingResources(model.logicalId, 'AWS::ApiGateway::Method').length > 0;
}

function schemaLocation(pointer: string): string {
  return `Properties/Schema${pointer.replace(/^#/, '')}`;
}

function listPointers(pointers: string[]): string {
  const shown = pointers.slice(0, MAX_POINTERS).join(', ');
  return pointers.length > MAX_POINTERS ? `${shown} and ${pointers.length - MAX_POINTERS} more` : shown;
}
