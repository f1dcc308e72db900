import { aws_apigateway as apigateway } from 'aws-cdk-lib';
import { JsonSchemaStrictness } from '../../src/rules/apigateway/private/json-schema-strictness';

const DRAFT_04 = 'http://json-schema.org/draft-04/schema#';

/** The kinds of permissive problem found, with their pointers. */
function problems(schema: unknown): Record<string, string[]> {
  const report = JsonSchemaStrictness.check(schema);
  expect(report.errors).toEqual([]);
  return Object.fromEntries(report.problems.map((p) => [p.kind, p.pointers]));
}

function errors(schema: unknown): string[] {
  return JsonSchemaStrictness.check(schema).errors.map((e) => `${e.pointer} ${e.message}`);
}

/** A schema nested `depth` levels deep through `properties.a`. */
function nested(depth: number): any {
  let schema: any = { type: 'string', maxLength: 1 };
  for (let i = 0; i < depth; i++) schema = { type: 'object', additionalProperties: false, required: ['a'], properties: { a: schema } };
  return schema;
}

describe('JsonSchemaStrictness (the one JSON Schema checker: SecureApi, SecureHttpApi and SLS-APIGW-MODEL-SCHEMA)', () => {
  test('a strict schema with local definitions, enums and typed maps has no finding', () => {
    expect(JsonSchemaStrictness.check({
      $schema: DRAFT_04,
      type: 'object',
      additionalProperties: false,
      required: ['id', 'lines'],
      properties: {
        id: { type: 'string', maxLength: 36 },
        status: { type: 'string', enum: ['NEW', 'PAID'] },
        lines: { type: 'array', maxItems: 50, items: { $ref: '#/definitions/line' } },
        metadata: { type: 'object', additionalProperties: { type: 'string', maxLength: 100 } },
      },
      definitions: {
        line: { type: 'object', additionalProperties: false, required: ['sku'], properties: { sku: { type: 'string', maxLength: 20 }, qty: { type: 'integer' } } },
      },
    })).toEqual({ errors: [], problems: [] });
  });

  test('permissive parts are found recursively, grouped by kind, with escaped JSON pointers', () => {
    expect(problems({
      type: 'object',
      additionalProperties: false,
      required: ['a/b'],
      properties: {
        'a/b': { type: 'array', maxItems: 3, items: { type: 'object', properties: { x: { type: ['string', 'null'] } } } },
        'anything': {},
        'list': { type: 'array' },
      },
    })).toEqual({
      'no-required': ['#/properties/a~1b/items'],
      'additional-properties': ['#/properties/a~1b/items'],
      'unbounded-string': ['#/properties/a~1b/items/properties/x'],
      'no-type': ['#/properties/anything'],
      'unbounded-array': ['#/properties/list'],
      'unconstrained-items': ['#/properties/list'],
    });
  });

  test('branches of a composition refine their parent: no type of their own needed', () => {
    expect(problems({
      type: 'object',
      additionalProperties: false,
      required: ['kind'],
      properties: { kind: { type: 'string', enum: ['a', 'b'] } },
      oneOf: [{ required: ['kind'] }, { properties: { kind: { type: 'string' } } }],
    })).toEqual({ 'unbounded-string': ['#/oneOf/1/properties/kind'] });
  });

  test('typos and later drafts\' keywords are unknown to the draft-04 validator; required names must be declared', () => {
    expect(problems({
      type: 'object',
      additionalProperties: false,
      required: ['a', 'b'],
      properties: { a: { type: 'array', maxItems: 2, items: { type: 'integer' }, contains: { const: 1 } } },
      requried: ['a'],
    })).toEqual({ 'unknown-keyword': ['#/requried', '#/properties/a/contains'], 'undeclared-required': ['#/required'] });
  });

  test('malformed schemas report one problem per location', () => {
    expect(errors({ type: 'object', required: [], properties: { n: { type: 'number', minimum: 'zero' } } })).toEqual([
      '#/required must NOT have fewer than 1 items',
      '#/properties/n/minimum must be number',
    ]);
    expect(errors({ $schema: 'http://json-schema.org/draft-07/schema#', type: 'string' })).toEqual([
      '#/$schema API Gateway models use JSON Schema draft-04, not "http://json-schema.org/draft-07/schema#"',
    ]);
    expect(errors('{"type":"object"}')).toEqual(['# the schema must be a JSON object']);
  });

  test.each([
    ['http:', 'http://example.com/schema.json'],
    ['https: to another host', 'https://evil.example.com/models/Item'],
    ['file:', 'file:///etc/passwd'],
    ['a relative document', 'other.json#/x'],
  ])('a remote $ref (%s) is refused: API Gateway only follows its own models', (_name, ref) => {
    expect(errors({ type: 'object', additionalProperties: false, required: ['a'], properties: { a: { $ref: ref } } }))
      .toEqual([expect.stringMatching(/^#\/properties\/a\/\$ref is a remote reference .*API Gateway only follows/)]);
  });

  test('references to another model of an API (literal or assembled at deploy time) are left to API Gateway; local ones must resolve', () => {
    const schema = (ref: unknown) => ({ type: 'object', additionalProperties: false, required: ['a'], properties: { a: { $ref: ref } } });
    expect(errors(schema('https://apigateway.amazonaws.com/restapis/abc123/models/Item'))).toEqual([]);
    expect(errors(schema({ 'Fn::Join': ['', ['https://apigateway.amazonaws.com/restapis/', { Ref: 'Api' }, '/models/Item']] }))).toEqual([]);
    expect(errors(schema('#/definitions/missing'))).toEqual(['# has a $ref at #/properties/a/$ref that points to nothing: #/definitions/missing (define it under #/definitions)']);
  });

  test('depth, size and values JSON cannot hold are bounded without recursion (no stack overflow)', () => {
    expect(errors(nested(15))).toEqual([]);
    expect(errors(nested(100_000))).toEqual([expect.stringMatching(/is nested more than 32 levels deep/)]);
    const cyclic: any = { type: 'object', properties: {} };
    cyclic.properties.self = cyclic;
    expect(errors(cyclic)).toEqual([expect.stringMatching(/more than 32 levels deep \(or refers to itself\)/)]);
    expect(errors({ type: 'string', maxLength: 10, pattern: 'a'.repeat(70_000) })).toEqual(['# is larger than 64 KiB of JSON']);
    const wide = { type: 'object', additionalProperties: false, required: ['p0'], properties: Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`p${i}`, { type: 'integer' }])) };
    expect(errors(wide)).toEqual(['# is larger than 64 KiB of JSON']);
    expect(errors({ type: 'integer', maximum: Infinity })).toEqual(['#/maximum holds Infinity, which JSON cannot carry']);
    expect(errors({ type: 'integer', maximum: BigInt(1) as any })).toEqual(['#/maximum holds a bigint, which JSON cannot carry']);
  });

  test('deployedForm writes an apigateway.JsonSchema as aws-cdk-lib\'s Model deploys it', () => {
    const schema: apigateway.JsonSchema = {
      type: apigateway.JsonSchemaType.OBJECT,
      properties: { ref: { ref: '#/definitions/x' }, schema: { type: apigateway.JsonSchemaType.STRING } },
      definitions: { x: { type: apigateway.JsonSchemaType.INTEGER } },
    };
    expect(JsonSchemaStrictness.deployedForm(schema)).toEqual({
      type: 'object',
      properties: { ref: { $ref: '#/definitions/x' }, schema: { type: 'string' } },
      definitions: { x: { type: 'integer' } },
      $schema: DRAFT_04,
    });
  });
});
