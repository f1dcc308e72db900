import type AjvDraft04 from 'ajv-draft-04';

/** A reason a schema is permissive, used as the finding id. */
export type PermissiveKind = 'no-type' | 'no-required' | 'additional-properties' | 'unbounded-string' | 'unbounded-array'
| 'unconstrained-items' | 'unknown-keyword' | 'undeclared-required';

/** One way a schema lets more through than it should, at the schema locations (JSON pointers) where it happens. */
export interface PermissiveProblem {
  readonly kind: PermissiveKind;
  /** JSON pointers into the schema (`#/properties/name`), in document order. */
  readonly pointers: string[];
  readonly explanation: string;
}

/** One reason a schema is not a valid JSON Schema draft-04 document API Gateway can use. */
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
  'unconstrained-items': 'is an array without an items schema, so elements of any shape pass',
  'unknown-keyword': 'uses keywords JSON Schema draft-04 does not define (a typo, or a later draft\'s keyword, is silently ignored by the validator)',
  'undeclared-required': 'requires properties it does not declare',
};

const DRAFT_04 = /^https?:\/\/json-schema\.org\/draft-04\/schema#?$/;
/** What aws-cdk-lib's `Model` writes as `$schema` when the schema does not say. */
const DRAFT_04_URI = 'http://json-schema.org/draft-04/schema#';
/** Another model of an API, the only remote reference API Gateway follows. `${Api}` when assembled at deploy time. */
const MODEL_URL = /^https:\/\/apigateway\.amazonaws\.com\/restapis\/[^/\s]+\/models\/[^/\s]+$/;
/** Stands in for a CloudFormation intrinsic inside a schema during the checks (shaped like another model's URL). */
const DEPLOY_TIME_VALUE = 'https://apigateway.amazonaws.com/restapis/deploy-time/models/deploy-time';

/**
 * Keywords the draft-04 validator knows (draft-04 plus the annotations ajv accepts). Anything else in a schema
 * position is ignored by API Gateway, so a typo (`requried`) or a later draft's keyword (`contains`, `const`,
 * `propertyNames`) silently validates nothing.
 */
const KNOWN_KEYWORDS = new Set([
  '$schema', 'id', '$ref', '$comment', 'title', 'description', 'default', 'examples', 'deprecated', 'readOnly', 'writeOnly',
  'format', 'multipleOf', 'maximum', 'exclusiveMaximum', 'minimum', 'exclusiveMinimum', 'maxLength', 'minLength',
  'pattern', 'additionalItems', 'items', 'maxItems', 'minItems', 'uniqueItems', 'maxProperties', 'minProperties',
  'required', 'additionalProperties', 'definitions', 'properties', 'patternProperties', 'dependencies', 'enum', 'type',
  'allOf', 'anyOf', 'oneOf', 'not',
]);

/** Keywords whose value is a schema, or a map / list of schemas. */
const SCHEMA_KEYWORDS = ['additionalProperties', 'additionalItems', 'not'];
const SCHEMA_MAP_KEYWORDS = ['properties', 'patternProperties', 'definitions'];
const SCHEMA_LIST_KEYWORDS = ['allOf', 'anyOf', 'oneOf'];
/** aws-cdk-lib's `JsonSchema` spells `$schema` and `$ref` without the dollar (jsii cannot carry it). */
const PREFIXED_KEYS: Readonly<Record<string, string>> = { schema: '$schema', ref: '$ref' };
/** Keywords whose children are user-chosen names, which are never renamed. */
const NAME_MAPS = new Set(['properties', 'patternProperties', 'definitions', 'dependencies']);

/**
 * The one JSON Schema checker of the library, for API Gateway request models: used by the audit rule
 * SLS-APIGW-MODEL-SCHEMA on deployed models, and by SecureApi and SecureHttpApi on the schemas given to
 * `addRoute` (before anything is created).
 *
 * First the schema's size and shape are bounded (`MAX_DEPTH` levels, `MAX_BYTES` of JSON, no value JSON cannot hold),
 * without recursion, so a hostile schema is an error and never a stack overflow. Then it must be valid JSON Schema
 * draft-04 (the only draft API Gateway supports; ajv and the draft-04 meta-schema), and every `$ref` must point into
 * the schema itself (`#/definitions/...`) or at another model of an API
 * (`https://apigateway.amazonaws.com/restapis/{api}/models/{name}`): remote documents (`http:`, other `https:` hosts,
 * `file:`, relative names) are refused, since API Gateway cannot fetch them.
 *
 * Strictness policy (T2, documented for SLS-APIGW-MODEL-SCHEMA and SecureApi):
 * - every schema node declares a `type` (or is a `$ref`, an `enum`, a `not`, or an `allOf`/`anyOf`/`oneOf` whose
 *   branches are checked; branches refine their parent and need no type of their own);
 * - an object with `properties` lists the ones it `required`s, and sets `additionalProperties: false` (a schema
 *   value for `additionalProperties` is a deliberate map of typed values and is accepted, its schema checked);
 * - strings have `maxLength` or `enum`; arrays have `maxItems` and an `items` schema;
 * - keywords draft-04 does not define are reported (the validator ignores them), and so are `required` names the
 *   object does not declare;
 * - nested objects and arrays (`properties`, `patternProperties`, `additionalProperties`, `items`,
 *   `additionalItems`, `definitions`, compositions) follow the same policy;
 * - `$ref`s to other API Gateway models are not followed: each model is checked on its own.
 *
 * Reports are memoised by schema text: APIs repeat a handful of schemas, and the construct and the audit check the
 * same one.
 */
export class JsonSchemaStrictness {
  /** The deepest nesting of objects and arrays a schema may have. */
  public static readonly MAX_DEPTH = 32;
  /** The largest schema, in bytes of JSON. */
  public static readonly MAX_BYTES = 64 * 1024;

  /**
   * The schema as aws-cdk-lib's `Model` deploys an `apigateway.JsonSchema` (`schema`/`ref` written `$schema`/`$ref`,
   * `$schema` draft-04 when not given), so the construct checks exactly what the audit will read.
   * Call `boundsProblem` first: the conversion recurses.
   */
  public static deployedForm(schema: object): Record<string, unknown> {
    const result = convert(schema, false) as Record<string, unknown>;
    if (!('$schema' in result)) result.$schema = DRAFT_04_URI;
    return result;
  }

  /**
   * What makes a value unusable as a schema before its content is even read: nested deeper than `MAX_DEPTH` (or
   * referring to itself), larger than `MAX_BYTES`, or holding values JSON cannot carry (functions, symbols, big
   * integers, non-finite numbers). Walks iteratively and stops at the first excess, so it never overflows the stack
   * and never walks a huge value to its end. Values that stand for tokens (objects with a `resolve` method) are leaves.
   *
   * @returns the problem, or undefined when the value is within bounds
   */
  public static boundsProblem(value: unknown): SchemaError | undefined {
    const pending: Array<{ value: unknown; depth: number; pointer: string }> = [{ value, depth: 0, pointer: '#' }];
    let bytes = 0;
    while (pending.length > 0) {
      const { value: node, depth, pointer } = pending.pop()!;
      switch (typeof node) {
        case 'string':
          bytes += node.length + 2;
          break;
        case 'number':
          if (!Number.isFinite(node)) return { pointer, message: `holds ${node}, which JSON cannot carry` };
          bytes += 8;
          break;
        case 'boolean':
        case 'undefined':
          bytes += 5;
          break;
        case 'object':
          if (node === null || typeof (node as { resolve?: unknown }).resolve === 'function') {
            bytes += 4;
            break;
          }
          if (depth >= JsonSchemaStrictness.MAX_DEPTH) {
            return { pointer, message: `is nested more than ${JsonSchemaStrictness.MAX_DEPTH} levels deep (or refers to itself)` };
          }
          for (const [key, child] of Array.isArray(node) ? node.entries() : Object.entries(node)) {
            bytes += String(key).length + 4;
            pending.push({ value: child, depth: depth + 1, pointer: `${pointer}/${escape(String(key))}` });
          }
          break;
        default:
          return { pointer, message: `holds a ${typeof node}, which JSON cannot carry` };
      }
      if (bytes > JsonSchemaStrictness.MAX_BYTES) {
        return { pointer: '#', message: `is larger than ${JsonSchemaStrictness.MAX_BYTES / 1024} KiB of JSON` };
      }
    }
    return undefined;
  }

  /** Checks one schema (already parsed, as deployed: `$schema`, `$ref`). */
  public static check(schema: unknown): SchemaReport {
    if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) {
      return { errors: [{ pointer: '#', message: 'the schema must be a JSON object' }], problems: [] };
    }
    const bounds = JsonSchemaStrictness.boundsProblem(schema);
    if (bounds) return { errors: [bounds], problems: [] };
    const key = JSON.stringify(schema);
    const cached = JsonSchemaStrictness.cache.get(key);
    if (cached) return cached;
    const report = checkBounded(withPlaceholders(schema) as Record<string, any>);
    if (JsonSchemaStrictness.cache.size >= CACHE_SIZE) JsonSchemaStrictness.cache.clear();
    JsonSchemaStrictness.cache.set(key, report);
    return report;
  }

  private static readonly cache = new Map<string, SchemaReport>();
}

/** How many reports are memoised before the memo starts over. */
const CACHE_SIZE = 500;

function checkBounded(schema: Record<string, any>): SchemaReport {
  const declared = schema.$schema;
  if (declared !== undefined && (typeof declared !== 'string' || !DRAFT_04.test(declared))) {
    return { errors: [{ pointer: '#/$schema', message: `API Gateway models use JSON Schema draft-04, not ${JSON.stringify(declared)}` }], problems: [] };
  }
  const errors = metaErrors(schema);
  if (errors.length === 0) errors.push(...referenceErrors(schema));
  if (errors.length > 0) return { errors, problems: [] };

  const found = new Map<PermissiveKind, string[]>();
  walk(schema, '#', { branch: false }, (kind, pointer) => found.set(kind, [...(found.get(kind) ?? []), pointer]));
  return {
    errors: [],
    problems: [...found.entries()].map(([kind, pointers]) => ({ kind, pointers, explanation: EXPLANATIONS[kind] })),
  };
}

let ajvInstance: AjvDraft04 | undefined;

/**
 * Meta-validation against draft-04, with one ajv instance per process loaded on first use (apps without models do
 * not pay for it). Schemas are not compiled: references are checked by `referenceErrors`, keywords by `walk`.
 */
function metaErrors(schema: Record<string, any>): SchemaError[] {
  if (!ajvInstance) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const Ajv: typeof AjvDraft04 = require('ajv-draft-04');
    ajvInstance = new Ajv({ allErrors: true, strict: false, validateFormats: false, logger: false });
  }
  if (ajvInstance.validateSchema({ ...schema, $schema: DRAFT_04_URI })) return [];
  return firstErrorPerPointer(ajvInstance.errors ?? []);
}

function walk(node: any, pointer: string, where: { branch: boolean }, add: (kind: PermissiveKind, pointer: string) => void): void {
  if (node === null || typeof node !== 'object' || Array.isArray(node)) return;
  for (const keyword of Object.keys(node)) {
    if (!KNOWN_KEYWORDS.has(keyword)) add('unknown-keyword', `${pointer}/${escape(keyword)}`);
  }
  const isComposition = SCHEMA_LIST_KEYWORDS.some((k) => Array.isArray(node[k]));
  const types: string[] = Array.isArray(node.type) ? node.type : node.type === undefined ? [] : [node.type];
  const constrained = node.$ref !== undefined || Array.isArray(node.enum) || isComposition || node.not !== undefined;
  if (types.length === 0 && !constrained && !where.branch) add('no-type', pointer);

  const hasProperties = node.properties && typeof node.properties === 'object' && Object.keys(node.properties).length > 0;
  if (types.includes('object') || (types.length === 0 && node.properties !== undefined && !where.branch)) {
    if (hasProperties && (!Array.isArray(node.required) || node.required.length === 0)) add('no-required', pointer);
    if (node.additionalProperties === undefined || node.additionalProperties === true) add('additional-properties', pointer);
  }
  if (hasProperties && Array.isArray(node.required) && node.patternProperties === undefined
    && (node.additionalProperties === undefined || typeof node.additionalProperties === 'boolean')
    && node.required.some((name: unknown) => typeof name === 'string' && !(name in node.properties))) {
    add('undeclared-required', `${pointer}/required`);
  }
  if (types.includes('string') && node.maxLength === undefined && !Array.isArray(node.enum)) add('unbounded-string', pointer);
  if (types.includes('array')) {
    if (node.maxItems === undefined) add('unbounded-array', pointer);
    if (node.items === undefined) add('unconstrained-items', pointer);
  }

  for (const k of SCHEMA_KEYWORDS) {
    if (node[k] && typeof node[k] === 'object') walk(node[k], `${pointer}/${k}`, { branch: k === 'not' }, add);
  }
  for (const k of SCHEMA_MAP_KEYWORDS) {
    if (node[k] && typeof node[k] === 'object') {
      for (const [name, child] of Object.entries<any>(node[k])) walk(child, `${pointer}/${k}/${escape(name)}`, { branch: false }, add);
    }
  }
  for (const k of SCHEMA_LIST_KEYWORDS) {
    (Array.isArray(node[k]) ? node[k] : []).forEach((child: any, i: number) => walk(child, `${pointer}/${k}/${i}`, { branch: true }, add));
  }
  if (Array.isArray(node.items)) node.items.forEach((child: any, i: number) => walk(child, `${pointer}/items/${i}`, { branch: false }, add));
  else if (node.items && typeof node.items === 'object') walk(node.items, `${pointer}/items`, { branch: false }, add);
}

/**
 * `$ref`s that API Gateway cannot follow: a local pointer (`#/definitions/x`) to nothing, or a remote document other
 * than another model of an API (`http:`, `file:`, another host, a relative name).
 */
function referenceErrors(root: Record<string, any>): SchemaError[] {
  const errors: SchemaError[] = [];
  const visit = (node: any, pointer: string): void => {
    if (Array.isArray(node)) {
      node.forEach((child, i) => visit(child, `${pointer}/${i}`));
      return;
    }
    if (node === null || typeof node !== 'object') return;
    const ref = node.$ref;
    if (typeof ref === 'string') {
      if (ref.startsWith('#')) {
        if (resolvePointer(root, ref.slice(1)) === undefined) {
          // Reported on the schema as a whole (as a failed compilation would be), naming where the reference is.
          errors.push({ pointer: '#', message: `has a $ref at ${pointer}/$ref that points to nothing: ${ref} (define it under #/definitions)` });
        }
      } else if (!MODEL_URL.test(ref)) {
        errors.push({
          pointer: `${pointer}/$ref`,
          message: `is a remote reference (${ref.length > 100 ? `${ref.substring(0, 97)}...` : ref}): API Gateway only follows #/definitions/... in the same schema and other models of an API (https://apigateway.amazonaws.com/restapis/{api}/models/{name})`,
        });
      }
    }
    for (const [key, child] of Object.entries(node)) {
      if (key !== 'enum' && key !== 'default' && key !== 'examples') visit(child, `${pointer}/${escape(key)}`);
    }
  };
  visit(root, '#');
  return errors;
}

/** The value at a JSON pointer (`/definitions/a~1b`), or undefined. */
function resolvePointer(root: unknown, pointer: string): unknown {
  if (pointer === '') return root;
  if (!pointer.startsWith('/')) return undefined;
  let current: any = root;
  for (const raw of pointer.slice(1).split('/')) {
    let key: string;
    try {
      key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    } catch {
      return undefined;
    }
    if (current === null || typeof current !== 'object' || !Object.prototype.hasOwnProperty.call(current, key)) return undefined;
    current = current[key];
  }
  return current;
}

/** aws-cdk-lib's `JsonSchemaMapper`, as `Model` applies it. */
function convert(value: unknown, keepKeys: boolean): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => convert(v, false));
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value as Record<string, unknown>)) {
    out[!keepKeys && PREFIXED_KEYS[key] ? PREFIXED_KEYS[key] : key] = convert(child, !keepKeys && NAME_MAPS.has(key));
  }
  return out;
}

/**
 * A copy where CloudFormation intrinsics (`{ Ref }`, `{ 'Fn::Join': ... }`: a model URL assembled at deploy time)
 * and token objects become a placeholder shaped like another model's URL, so the checks judge the rest.
 */
function withPlaceholders(node: unknown): unknown {
  if (node === null || typeof node !== 'object') return node;
  if (Array.isArray(node)) return node.map(withPlaceholders);
  const keys = Object.keys(node);
  if ((keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::'))) || typeof (node as any).resolve === 'function') {
    return DEPLOY_TIME_VALUE;
  }
  const out: Record<string, unknown> = {};
  for (const key of keys) out[key] = withPlaceholders((node as Record<string, unknown>)[key]);
  return out;
}

/** JSON pointer escaping (RFC 6901). */
function escape(name: string): string {
  return name.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** ajv reports each failed `anyOf` branch; keep the first message per location, which is the most specific one. */
function firstErrorPerPointer(errors: Array<{ instancePath: string; message?: string; params?: any }>): SchemaError[] {
  const seen = new Map<string, string>();
  for (const e of errors) {
    const pointer = `#${e.instancePath}`;
    if (!seen.has(pointer)) {
      const allowed = e.params?.allowedValues;
      seen.set(pointer, Array.isArray(allowed) ? `${e.message} (${allowed.join(', ')})` : e.message ?? 'is invalid');
    }
  }
  return [...seen.entries()].map(([pointer, message]) => ({ pointer, message }));
}
