import { aws_apigateway as apigateway } from 'aws-cdk-lib';

/** `apigateway.JsonSchema` spells `$schema` and `$ref` without the dollar (jsii cannot carry it). */
const PREFIXED_KEYS: Readonly<Record<string, string>> = { schema: '$schema', ref: '$ref' };
/** Keywords whose children are user-chosen names, which must not be renamed. */
const NAME_MAPS = new Set(['properties', 'patternProperties', 'definitions', 'dependencies']);
const DRAFT_04 = 'http://json-schema.org/draft-04/schema#';

/**
 * Turns an `apigateway.JsonSchema` into standard JSON Schema (draft-04 unless it says otherwise), the form both the
 * synth-time checker and a validator inside the function (ajv) read.
 */
export class JsonSchemaText {
  /** The standard JSON Schema object. */
  public static toStandard(schema: apigateway.JsonSchema): Record<string, unknown> {
    const standard = convert(schema, false) as Record<string, unknown>;
    return '$schema' in standard ? standard : { $schema: DRAFT_04, ...standard };
  }
}

function convert(value: unknown, keepKeys: boolean): unknown {
  if (Array.isArray(value)) return value.map((v) => convert(v, false));
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([key, child]) => [
    !keepKeys && PREFIXED_KEYS[key] ? PREFIXED_KEYS[key] : key,
    convert(child, !keepKeys && NAME_MAPS.has(key)),
  ]));
}
