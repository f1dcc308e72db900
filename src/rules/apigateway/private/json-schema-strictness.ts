import type AjvDraft04 from 'ajv-draft-04';

/** A reason a schema is permissive, used as the finding id. */
export type PermissiveKind = 'no-type' | 'no-required' | 'additional-properties' | 'unbounded-string' | 'unbounded-array'
| 'unknown-keyword' | 'undeclared-required';

/** One way a schema lets more through than it should, at the schema locations (JSON pointers) where it happens. */
export interface PermissiveProblem {
  readonly kind: PermissiveKind;
  readonly pointers: string[];
  readonly explanation: string;
}

/** One reason a schema is not a valid JSON Schema draft-04 document. */
export interface SchemaError {
  /** JSON pointer into the schema (`#/properties/name/type`). */
  readonly pointer: string;
  readonly message: string;
}

/** The verdict on one schema: malformed (errors) or, when well-formed, how permissive it is. */
export interface SchemaReport {
  readonly errors: SchemaError[];
  readonly problems: PermissiveProblem[];
}

const EXPLANATIONS: Record<PermissiveKind, string> = {
  'no-type': 'declares no type, so any JSON value passes',
  'no-required': 'declares properties but none is required, so an empty object passes',
  'additional-properties': 'does not set additionalProperties to false, so unexpected fields reach the backend',
  'unbounded-string': 'is a string without maxLength (or enum), so arbitrarily large values pass',
  'unbounded-array': 'is an array without maxItems, so arbitrarily long lists pass',
  'unknown-keyword': 'uses keywords JSON Schema draft-04 does not define (a typo is silently ignored by the validator)',
  'undeclared-required': 'requires properties it does not declare',
};

const DRAFT_04 = /^https?:\/\/json-schema\.org\/draft-04\/schema#?$/;

/**
 * Checks API Gateway model schemas: first that they are valid JSON Schema draft-04 (the only draft API Gateway
 * supports), with ajv and the draft-04 meta-schema; then how strict they are.
 *
 * Strictness policy (T2, documented for SLS-APIGW-MODEL-SCHEMA and SecureApi):
 * - every schema node declares a `type` (or is a `$ref`, an `enum`, or an `allOf`/`anyOf`/`oneOf` whose branches are
 *   checked);
 * - an object with `properties` lists the ones it `required`s, and sets `additionalProperties: false` (a schema
 *   value for `additionalProperties` is a deliberate map of typed values and is accepted, its schema checked);
 * - strings have `maxLength` or `enum`; arrays have `maxItems`;
 * - nested objects and arrays (`properties`, `patternProperties`, `additionalProperties`, `items`,
 *   `additionalItems`, `definitions`, compositions) follow the same policy;
 * - `$ref`s to other API Gateway models (absolute URLs) are not followed: each model is checked on its own.
 */
export class JsonSchemaStrictness {
  /** Checks one schema (already parsed). */
  public static check(schema: any): SchemaReport {
    if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) {
      return { errors: [{ pointer: '#', message: 'the schema must be a JSON object' }], problems: [] };
    }
    const declared = schema.$schema;
    if (declared !== undefined && (typeof declared !== 'string' || !DRAFT_04.test(declared))) {
      return { errors: [{ pointer: '#/$schema', message: `API Gateway models use JSON Schema draft-04, not ${JSON.stringify(declared)}` }], problems: [] };
    }
    const local = withoutExternalRefs(schema);
    const ajv = JsonSchemaStrictness.ajv();
    if (!ajv.validateSchema(local)) {
      return { errors: firstErrorPerPointer(ajv.errors ?? []), problems: [] };
    }
    const warnings: string[] = [];
    JsonSchemaStrictness.warnings = warnings;
    try {
      ajv.compile(local);
    } catch (e) {
      return { errors: [{ pointer: '#', message: (e as Error).message }], problems: [] };
    } finally {
      ajv.removeSchema(local);
      JsonSchemaStrictness.warnings = undefined;
    }
    const found = new Map<PermissiveKind, string[]>();
    const add = (kind: PermissiveKind, pointer: string) => found.set(kind, [...(found.get(kind) ?? []), pointer]);
    walk(schema, '#', add);
    for (const warning of warnings) {
      if (/unknown keyword/.test(warning)) add('unknown-keyword', warning.replace(/^strict mode: /, ''));
      else if (/strictRequired/.test(warning)) add('undeclared-required', warning.replace(/^strict mode: | \(strictRequired\)$/g, ''));
    }
    return {
      errors: [],
      problems: [...found.entries()].map(([kind, pointers]) => ({ kind, pointers, explanation: EXPLANATIONS[kind] })),
    };
  }

  private static instance?: AjvDraft04;
  private static warnings?: string[];

  /** One ajv instance per process, loaded on first use so that apps without models do not pay for it. */
  private static ajv(): AjvDraft04 {
    if (!JsonSchemaStrictness.instance) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const Ajv: typeof AjvDraft04 = require('ajv-draft-04');
      JsonSchemaStrictness.instance = new Ajv({
        allErrors: true,
        strict: false,
        strictSchema: 'log',
        strictRequired: 'log',
        validateFormats: false,
        logger: { log: () => undefined, warn: (m: unknown) => JsonSchemaStrictness.warnings?.push(String(m)), error: () => undefined },
      });
    }
    return JsonSchemaStrictness.instance;
  }
}

/** Keywords whose value is a schema, or a map / list of schemas. */
const SCHEMA_KEYWORDS = ['additionalProperties', 'additionalItems', 'not'];
const SCHEMA_MAP_KEYWORDS = ['properties', 'patternProperties', 'definitions'];
const SCHEMA_LIST_KEYWORDS = ['allOf', 'anyOf', 'oneOf'];

function walk(node: any, pointer: string, add: (kind: PermissiveKind, pointer: string) => void): void {
  if (node === null || typeof node !== 'object' || Array.isArray(node)) return;
  const isComposition = SCHEMA_LIST_KEYWORDS.some((k) => Array.isArray(node[k]));
  const types: string[] = Array.isArray(node.type) ? node.type : node.type === undefined ? [] : [node.type];
  const constrained = node.$ref !== undefined || Array.isArray(node.enum) || isComposition || node.not !== undefined;
  if (types.length === 0 && !constrained) add('no-type', pointer);

  if (types.includes('object') || (types.length === 0 && node.properties !== undefined)) {
    const hasProperties = node.properties && Object.keys(node.properties).length > 0;
    if (hasProperties && (!Array.isArray(node.required) || node.required.length === 0)) add('no-required', pointer);
    if (node.additionalProperties === undefined || node.additionalProperties === true) add('additional-properties', pointer);
  }
  if (types.includes('string') && node.maxLength === undefined && !Array.isArray(node.enum)) add('unbounded-string', pointer);
  if (types.includes('array') && node.maxItems === undefined) add('unbounded-array', pointer);

  for (const k of SCHEMA_KEYWORDS) {
    if (node[k] && typeof node[k] === 'object') walk(node[k], `${pointer}/${k}`, add);
  }
  for (const k of SCHEMA_MAP_KEYWORDS) {
    for (const [name, child] of Object.entries<any>(node[k] ?? {})) walk(child, `${pointer}/${k}/${escape(name)}`, add);
  }
  for (const k of SCHEMA_LIST_KEYWORDS) {
    (Array.isArray(node[k]) ? node[k] : []).forEach((child: any, i: number) => walk(child, `${pointer}/${k}/${i}`, add));
  }
  if (Array.isArray(node.items)) node.items.forEach((child: any, i: number) => walk(child, `${pointer}/items/${i}`, add));
  else if (node.items && typeof node.items === 'object') walk(node.items, `${pointer}/items`, add);
}

/** JSON pointer escaping (RFC 6901). */
function escape(name: string): string {
  return name.replace(/~/g, '~0').replace(/\//g, '~1');
}

/**
 * A copy of the schema where `$ref`s to other API Gateway models (absolute URLs, often built with `Fn::Join`) are
 * replaced by `{}`: ajv cannot fetch them, and the referenced model is checked as its own resource.
 */
function withoutExternalRefs(node: any): any {
  if (Array.isArray(node)) return node.map(withoutExternalRefs);
  if (node === null || typeof node !== 'object') return node;
  if (typeof node.$ref === 'string' && !node.$ref.startsWith('#')) return {};
  const out: { [key: string]: any } = {};
  for (const [key, value] of Object.entries<any>(node)) out[key] = key === 'enum' ? value : withoutExternalRefs(value);
  return out;
}

/** ajv reports each failed `anyOf` branch; keep the first message per location, which is the most specific one. */
function firstErrorPerPointer(errors: Array<{ instancePath: string; message?: string }>): SchemaError[] {
  const seen = new Map<string, string>();
  for (const e of errors) {
    const pointer = `#${e.instancePath}`;
    if (!seen.has(pointer)) seen.set(pointer, e.message ?? 'is invalid');
  }
  return [...seen.entries()].map(([pointer, message]) => ({ pointer, message }));
}
