import Ajv from 'ajv-draft-04';

/** One problem found in a schema, at a JSON pointer inside that schema. */
export interface SchemaFinding {
  /** JSON pointer into the schema (`/properties/name/type`), `/` for the root. */
  readonly location: string;
  /** What is wrong there. */
  readonly problem: string;
}

/** What checking one deployed model schema found. */
export interface SchemaReport {
  /** The schema is not valid draft-04 (API Gateway would reject it at deploy time, or ignore parts of it). */
  readonly malformed: SchemaFinding[];
  /** The schema is valid but accepts far more than an API should (T2). */
  readonly permissive: SchemaFinding[];
}

const DRAFT_04 = 'http://json-schema.org/draft-04/schema#';
/** Stands in for a CloudFormation intrinsic (a model reference assembled at deploy time) during meta-validation. */
const DEPLOY_TIME_PLACEHOLDER = 'https://apigateway.amazonaws.com/deploy-time-value';

/**
 * Checks request models at synth: malformed (against the draft-04 meta-schema, and local `$ref`s that point nowhere)
 * and permissive (T2: no `type`, no `required`, additional properties allowed, unbounded strings or arrays).
 *
 * Results are cached by schema text: APIs with many routes usually repeat a handful of schemas.
 */
export class SchemaChecker {
  /**
   * Check a schema as deployed (`$schema`, `$ref` keys, CloudFormation intrinsics possibly inside).
   */
  public static check(deployedSchema: unknown): SchemaReport {
    const key = JSON.stringify(deployedSchema);
    const cached = SchemaChecker.cache.get(key);
    if (cached) return cached;
    const report = SchemaChecker.checkUncached(deployedSchema);
    SchemaChecker.cache.set(key, report);
    return report;
  }

  private static ajvInstance?: Ajv;
  private static readonly cache = new Map<string, SchemaReport>();

  private static checkUncached(deployedSchema: unknown): SchemaReport {
    if (!isObject(deployedSchema)) {
      return { malformed: [{ location: '/', problem: 'must be a JSON object' }], permissive: [] };
    }
    const schema = replaceIntrinsics(deployedSchema);
    const malformed: SchemaFinding[] = [];
    const version = schema.$schema;
    if (version !== undefined && version !== DRAFT_04 && version !== DRAFT_04.replace(/#$/, '')) {
      malformed.push({ location: '/$schema', problem: `must be JSON Schema draft-04 (${DRAFT_04}), the only version API Gateway models support, but was ${JSON.stringify(version)}` });
    } else {
      malformed.push(...SchemaChecker.metaValidate(schema));
      if (malformed.length === 0) {
        malformed.push(...unresolvableRefs(schema));
      }
    }
    const permissive = malformed.length === 0 ? permissiveFindings(schema) : [];
    return { malformed, permissive };
  }

  private static ajv(): Ajv {
    if (!SchemaChecker.ajvInstance) {
      SchemaChecker.ajvInstance = new Ajv({ allErrors: true, strict: false, validateFormats: false, logger: false });
    }
    return SchemaChecker.ajvInstance;
  }

  /** Validate against the draft-04 meta-schema; ajv's anyOf noise is reduced to the first error per location. */
  private static metaValidate(schema: Record<string, unknown>): SchemaFinding[] {
    const ajv = SchemaChecker.ajv();
    if (ajv.validateSchema({ ...schema, $schema: DRAFT_04 })) return [];
    const byLocation = new Map<string, string>();
    for (const error of ajv.errors ?? []) {
      const location = error.instancePath || '/';
      if (!byLocation.has(location)) {
        const allowed = (error.params as { allowedValues?: unknown[] }).allowedValues;
        byLocation.set(location, allowed ? `${error.message} (${allowed.join(', ')})` : error.message ?? 'is invalid');
      }
    }
    return [...byLocation.entries()].map(([location, problem]) => ({ location, problem }));
  }
}

/** Keywords whose value is a map of name -> schema. */
const SCHEMA_MAPS = ['properties', 'patternProperties', 'definitions'];
/** Keywords whose value is a list of schemas. */
const SCHEMA_LISTS = ['allOf', 'anyOf', 'oneOf'];

/**
 * The T2 strictness checks, recursively: every schema that is not a `$ref` declares what it accepts and bounds it.
 * Numbers and booleans need no bound; a string is bounded by `maxLength` or `enum`; an array by `maxItems` and a
 * schema for its `items`; an object by `additionalProperties: false` (or a schema for them) and `required`.
 */
function permissiveFindings(schema: Record<string, unknown>): SchemaFinding[] {
  const findings: SchemaFinding[] = [];
  const visit = (node: unknown, pointer: string, isDefinition: boolean): void => {
    if (!isObject(node)) return;
    if (typeof node.$ref === 'string') return;
    const at = pointer || '/';
    const types = typesOf(node);
    const combined = SCHEMA_LISTS.some((k) => Array.isArray(node[k]));
    if (types.length === 0 && node.enum === undefined && !combined && !isDefinition) {
      findings.push({ location: at, problem: 'declares no `type`, so any value is accepted' });
    }
    if (types.includes('object')) {
      if (node.additionalProperties === undefined || node.additionalProperties === true) {
        findings.push({ location: at, problem: 'allows additional properties (set `additionalProperties: false`)' });
      }
      const hasProperties = isObject(node.properties) && Object.keys(node.properties).length > 0;
      if (hasProperties && !(Array.isArray(node.required) && node.required.length > 0)) {
        findings.push({ location: at, problem: 'has no `required` properties, so an empty object is accepted' });
      }
    }
    if (types.includes('string') && node.maxLength === undefined && node.enum === undefined) {
      findings.push({ location: at, problem: 'is an unbounded string (set `maxLength`, or `enum`)' });
    }
    if (types.includes('array')) {
      if (node.maxItems === undefined) {
        findings.push({ location: at, problem: 'is an unbounded array (set `maxItems`)' });
      }
      if (node.items === undefined) {
        findings.push({ location: at, problem: 'does not constrain its `items`' });
      }
    }
    for (const key of SCHEMA_MAPS) {
      if (isObject(node[key])) {
        for (const [name, child] of Object.entries(node[key] as Record<string, unknown>)) {
          visit(child, `${pointer}/${key}/${escapePointer(name)}`, key === 'definitions');
        }
      }
    }
    for (const key of SCHEMA_LISTS) {
      if (Array.isArray(node[key])) {
        (node[key] as unknown[]).forEach((child, i) => visit(child, `${pointer}/${key}/${i}`, true));
      }
    }
    if (isObject(node.additionalProperties)) visit(node.additionalProperties, `${pointer}/additionalProperties`, false);
    if (isObject(node.not)) visit(node.not, `${pointer}/not`, true);
    if (Array.isArray(node.items)) {
      node.items.forEach((child, i) => visit(child, `${pointer}/items/${i}`, false));
    } else if (isObject(node.items)) {
      visit(node.items, `${pointer}/items`, false);
    }
  };
  visit(schema, '', false);
  return findings;
}

function typesOf(node: Record<string, unknown>): string[] {
  if (typeof node.type === 'string') return [node.type];
  if (Array.isArray(node.type)) return node.type.filter((t): t is string => typeof t === 'string');
  return [];
}

function isObject(value: unknown): value is Record<string, any> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function escapePointer(name: string): string {
  return name.replace(/~/g, '~0').replace(/\//g, '~1');
}

/**
 * Local `$ref`s (`#/definitions/x`) that point nowhere. References to other API Gateway models (absolute URLs, or
 * assembled at deploy time) cannot be followed at synth and are left to API Gateway. This replaces an ajv compile,
 * which costs about 10 ms per schema and would dominate the synth of a route.
 */
function unresolvableRefs(root: Record<string, unknown>): SchemaFinding[] {
  const findings: SchemaFinding[] = [];
  const walk = (node: unknown, pointer: string): void => {
    if (Array.isArray(node)) {
      node.forEach((child, i) => walk(child, `${pointer}/${i}`));
      return;
    }
    if (!isObject(node)) return;
    const ref = node.$ref;
    if (typeof ref === 'string' && ref !== DEPLOY_TIME_PLACEHOLDER && !/^[a-z]+:\/\//i.test(ref)) {
      if (!ref.startsWith('#') || resolvePointer(root, ref.slice(1)) === undefined) {
        findings.push({ location: `${pointer}/$ref`, problem: `cannot be resolved: ${ref} (only #/definitions/... in the same model, or another model's URL)` });
      }
    }
    for (const [key, child] of Object.entries(node)) {
      if (key !== 'enum') walk(child, `${pointer}/${escapePointer(key)}`);
    }
  };
  walk(root, '');
  return findings;
}

/** The value at a JSON pointer (`/definitions/a~1b`), or undefined. */
function resolvePointer(root: unknown, pointer: string): unknown {
  if (pointer === '') return root;
  if (!pointer.startsWith('/')) return undefined;
  let current: unknown = root;
  for (const raw of pointer.slice(1).split('/')) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    if (!isObject(current) && !Array.isArray(current)) return undefined;
    current = (current as Record<string, unknown>)[key];
    if (current === undefined) return undefined;
  }
  return current;
}

/** A CloudFormation intrinsic: `{ Ref: ... }` or `{ 'Fn::X': ... }`. */
function isIntrinsic(value: Record<string, unknown>): boolean {
  const keys = Object.keys(value);
  return keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::'));
}

/** Replace intrinsics by a placeholder string, so meta-validation judges the shape of the rest. */
function replaceIntrinsics(node: Record<string, unknown>): Record<string, unknown> {
  const walk = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(walk);
    if (!isObject(value)) return value;
    if (isIntrinsic(value)) return DEPLOY_TIME_PLACEHOLDER;
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v)]));
  };
  return walk(node) as Record<string, unknown>;
}
