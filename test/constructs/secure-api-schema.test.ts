import { SchemaChecker } from '../../src/constructs/secure-api/private/schema-checker';

const DRAFT_04 = 'http://json-schema.org/draft-04/schema#';

describe('SchemaChecker', () => {
  test('a strict schema has no finding', () => {
    const report = SchemaChecker.check({
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
    });
    expect(report).toEqual({ malformed: [], permissive: [] });
  });

  test('permissive parts are found recursively, with JSON pointers (escaped property names)', () => {
    const report = SchemaChecker.check({
      type: 'object',
      additionalProperties: false,
      required: ['a/b'],
      properties: {
        'a/b': { type: 'array', maxItems: 3, items: { type: 'object', properties: { x: { type: ['string', 'null'] } } } },
        'anything': {},
      },
    });
    expect(report.malformed).toEqual([]);
    expect(report.permissive).toEqual([
      { location: '/properties/a~1b/items', problem: 'allows additional properties (set `additionalProperties: false`)' },
      { location: '/properties/a~1b/items', problem: 'has no `required` properties, so an empty object is accepted' },
      { location: '/properties/a~1b/items/properties/x', problem: 'is an unbounded string (set `maxLength`, or `enum`)' },
      { location: '/properties/anything', problem: 'declares no `type`, so any value is accepted' },
    ]);
  });

  test('an empty schema accepts anything', () => {
    expect(SchemaChecker.check({ $schema: DRAFT_04 }).permissive).toEqual([{ location: '/', problem: 'declares no `type`, so any value is accepted' }]);
  });

  test('branches of oneOf are judged by their own bounds, not required to repeat the type', () => {
    const report = SchemaChecker.check({
      type: 'object',
      additionalProperties: false,
      required: ['kind'],
      properties: { kind: { type: 'string', enum: ['a', 'b'] } },
      oneOf: [{ required: ['kind'] }, { properties: { kind: { type: 'string' } } }],
    });
    expect(report.permissive).toEqual([{ location: '/oneOf/1/properties/kind', problem: 'is an unbounded string (set `maxLength`, or `enum`)' }]);
  });

  test('malformed schemas report one problem per location', () => {
    const report = SchemaChecker.check({ type: 'object', required: [], properties: { n: { type: 'number', minimum: 'zero' } } });
    expect(report.malformed).toEqual([
      { location: '/required', problem: 'must NOT have fewer than 1 items' },
      { location: '/properties/n/minimum', problem: 'must be number' },
    ]);
    expect(report.permissive).toEqual([]);
  });

  test('CloudFormation intrinsics (a model reference assembled at deploy time) do not break the check', () => {
    const report = SchemaChecker.check({
      type: 'object',
      additionalProperties: false,
      required: ['item'],
      properties: { item: { $ref: { 'Fn::Join': ['', ['https://apigateway.amazonaws.com/restapis/', { Ref: 'Api' }, '/models/Item']] } } },
    });
    expect(report).toEqual({ malformed: [], permissive: [] });
  });

  test('local references must resolve; references to other models are left to API Gateway', () => {
    const report = SchemaChecker.check({
      type: 'object',
      additionalProperties: false,
      required: ['a'],
      properties: {
        a: { $ref: '#/definitions/missing' },
        b: { $ref: 'https://apigateway.amazonaws.com/restapis/abc/models/Item' },
        c: { $ref: 'other.json#/x' },
      },
    });
    expect(report.malformed).toEqual([
      { location: '/properties/a/$ref', problem: 'cannot be resolved: #/definitions/missing (only #/definitions/... in the same model, or another model\'s URL)' },
      { location: '/properties/c/$ref', problem: 'cannot be resolved: other.json#/x (only #/definitions/... in the same model, or another model\'s URL)' },
    ]);
  });

  test('a non-object schema is malformed', () => {
    expect(SchemaChecker.check('{"type":"object"}').malformed).toEqual([{ location: '/', problem: 'must be a JSON object' }]);
  });
});
