import { Fn, Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import { Severity, VerdictKind } from '../../../src/core/rule';
import { RestApiModelSchemaRule } from '../../../src/rules/apigateway';
import { checkRule, newStack } from '../rule-test-helpers';

const rule = new RestApiModelSchemaRule();
const T = apigateway.JsonSchemaType;

const STRICT: apigateway.JsonSchema = {
  type: T.OBJECT,
  required: ['name', 'tags'],
  additionalProperties: false,
  properties: {
    name: { type: T.STRING, maxLength: 100 },
    kind: { type: T.STRING, enum: ['a', 'b'] },
    tags: { type: T.ARRAY, maxItems: 10, items: { type: T.STRING, maxLength: 20 } },
    address: { type: T.OBJECT, required: ['city'], additionalProperties: false, properties: { city: { type: T.STRING, maxLength: 50 } } },
    count: { type: T.INTEGER, minimum: 0, maximum: 10 },
  },
};

function l2Model(stack: Stack, schema: apigateway.JsonSchema) {
  const api = new apigateway.RestApi(stack, 'Api');
  api.root.addMethod('GET');
  return api.addModel('Model', { schema });
}

/** A POST method that validates with the model (an L1 method of the model's API). */
function usedBy(stack: Stack, model: apigateway.CfnModel) {
  new apigateway.CfnMethod(stack, 'Post', {
    restApiId: model.restApiId, resourceId: 'root', httpMethod: 'POST', authorizationType: 'AWS_IAM', requestModels: { $default: model.ref },
  });
}

function l1Model(stack: Stack, schema: any) {
  const api = new apigateway.CfnRestApi(stack, 'Api', { name: 'l1' });
  return new apigateway.CfnModel(stack, 'Model', { restApiId: api.ref, contentType: 'application/json', schema });
}

describe('SLS-APIGW-MODEL-SCHEMA', () => {
  describe('compliant', () => {
    test('a strict nested schema (L2)', () => {
      const stack = newStack();
      l2Model(stack, STRICT);
      expect(checkRule(rule, stack)).toEqual([]);
    });

    test('a strict schema with a $ref to another model built with Fn::Join (L1)', () => {
      const stack = newStack();
      const api = new apigateway.CfnRestApi(stack, 'Api', { name: 'l1' });
      new apigateway.CfnModel(stack, 'Model', {
        restApiId: api.ref,
        contentType: 'application/json',
        schema: {
          type: 'object',
          required: ['item'],
          additionalProperties: false,
          properties: { item: { $ref: Fn.join('', ['https://apigateway.amazonaws.com/restapis/', api.ref, '/models/Item']) } },
        },
      });
      expect(checkRule(rule, stack)).toEqual([]);
    });
  });

  describe('malformed (error)', () => {
    test.each([
      ['an unknown type', { type: 'object', required: ['a'], additionalProperties: false, properties: { a: { type: 'strin' } } }, 'Properties/Schema/properties/a/type'],
      ['an empty required list', { type: 'object', required: [] }, 'Properties/Schema/required'],
      ['a negative maxLength', { type: 'string', maxLength: -1 }, 'Properties/Schema/maxLength'],
      ['another draft', { $schema: 'http://json-schema.org/draft-07/schema#', type: 'string', maxLength: 1 }, 'Properties/Schema/$schema'],
      ['an unresolvable local $ref', { type: 'object', required: ['a'], additionalProperties: false, properties: { a: { $ref: '#/definitions/missing' } } }, 'Properties/Schema'],
    ])('%s', (_name, schema, location) => {
      const stack = newStack();
      l1Model(stack, schema);
      const results = checkRule(rule, stack);
      expect(results).toMatchObject([{ kind: VerdictKind.VIOLATION, findingId: 'malformed', location }]);
      expect(results[0].severity).toBeUndefined(); // the rule's severity: error
      expect(rule.severity).toBe(Severity.ERROR);
    });

    test('a schema string that is not JSON (set through an override, as CDK types Schema as an object)', () => {
      const stack = newStack();
      l1Model(stack, { type: 'object' }).addPropertyOverride('Schema', '{"type": "object",');
      expect(checkRule(rule, stack)).toMatchObject([{ findingId: 'malformed', detail: expect.stringMatching(/not valid JSON/) }]);
    });
  });

  describe('permissive (one warning per problem)', () => {
    test('each kind of problem is reported once, with every location, nested levels included', () => {
      const stack = newStack();
      l2Model(stack, {
        type: T.OBJECT,
        properties: {
          name: { type: T.STRING },
          tags: { type: T.ARRAY, items: { type: T.STRING } },
          meta: { type: T.OBJECT, required: ['x'], additionalProperties: false, properties: { x: {} } },
        },
      });
      const results = checkRule(rule, stack);
      const byId = Object.fromEntries(results.map((r) => [r.findingId, r]));
      expect(Object.keys(byId).sort()).toEqual(['additional-properties', 'no-required', 'no-type', 'unbounded-array', 'unbounded-string']);
      expect(results.every((r) => r.severity === Severity.WARNING)).toBe(true);
      expect(byId['unbounded-string'].detail).toMatch(/#\/properties\/name, #\/properties\/tags\/items/);
      expect(byId['no-type'].location).toBe('Properties/Schema/properties/meta/properties/x');
    });

    test('a typo in a keyword is reported as unknown-keyword', () => {
      const stack = newStack();
      l1Model(stack, { type: 'object', requried: ['a'], additionalProperties: false, properties: { a: { type: 'integer' } } });
      const ids = checkRule(rule, stack).map((r) => r.findingId).sort();
      expect(ids).toEqual(['no-required', 'unknown-keyword']);
    });

  });

  describe('empty or untyped, and validating a method (error: the method accepts any body)', () => {
    test('a model without schema (a warning while no method uses it)', () => {
      const unused = newStack();
      new apigateway.CfnModel(unused, 'Model', { restApiId: new apigateway.CfnRestApi(unused, 'Api', { name: 'l1' }).ref, contentType: 'application/json' });
      expect(checkRule(rule, unused)).toMatchObject([{ findingId: 'no-type', severity: Severity.WARNING }]);
      const used = newStack();
      usedBy(used, new apigateway.CfnModel(used, 'Model', { restApiId: new apigateway.CfnRestApi(used, 'Api', { name: 'l1' }).ref, contentType: 'application/json' }));
      expect(checkRule(rule, used)).toMatchObject([{ findingId: 'no-type', severity: undefined }]);
    });

    test('an empty object model no method uses is only permissive (a warning)', () => {
      const stack = newStack();
      l1Model(stack, { type: 'object' });
      expect(checkRule(rule, stack)).toMatchObject([{ findingId: 'additional-properties', severity: Severity.WARNING }]);
    });

    test.each<[string, any]>([
      ['an empty schema', {}],
      ['a schema with only a title', { title: 'Order' }],
      ['an object with no property and additional properties allowed', { type: 'object' }],
      ['an object with an empty property list and additionalProperties true', { type: 'object', properties: {}, additionalProperties: true }],
    ])('%s', (_name, schema) => {
      const stack = newStack();
      usedBy(stack, l1Model(stack, schema));
      const results = checkRule(rule, stack);
      const root = results.filter((r) => r.findingId === 'no-type');
      expect(root).toMatchObject([{ kind: VerdictKind.VIOLATION, severity: undefined, location: 'Properties/Schema', detail: expect.stringMatching(/accepts any body/) }]);
    });

    test('an empty schema (a JSON string) set through an override of a strict L2 model', () => {
      const stack = newStack();
      const model = l2Model(stack, STRICT);
      (model.node.defaultChild as apigateway.CfnModel).addPropertyOverride('Schema', '{}'); // a JSON string replaces the object
      (model.node.scope as apigateway.RestApi).root.addMethod('POST', undefined, { requestModels: { $default: model } });
      expect(checkRule(rule, stack)).toMatchObject([{ findingId: 'no-type', severity: undefined }]);
    });

    test.each<[string, any]>([
      ['a closed object without properties', { type: 'object', additionalProperties: false }],
      ['a reference to another model', { $ref: 'https://apigateway.amazonaws.com/restapis/abc/models/Order' }],
      ['a string with a bound', { type: 'string', maxLength: 10 }],
    ])('not empty: %s', (_name, schema) => {
      const stack = newStack();
      l1Model(stack, schema);
      expect(checkRule(rule, stack).filter((r) => r.severity === undefined && r.findingId === 'no-type')).toEqual([]);
    });
  });

  test('not applicable: an API without models', () => {
    const stack = newStack();
    new apigateway.RestApi(stack, 'Api').root.addMethod('GET');
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test('token: a schema that depends on an import is undecidable', () => {
    const stack = newStack();
    l1Model(stack, { type: 'object', required: ['a'], additionalProperties: false, properties: { a: { type: 'string', maxLength: Fn.importValue('MaxLen') } } });
    expect(checkRule(rule, stack)).toMatchObject([{ kind: VerdictKind.UNDECIDABLE, detail: expect.stringMatching(/MaxLen/) }]);
  });

  test('raw override: opening a strict model with an override is caught', () => {
    const stack = newStack();
    const model = l2Model(stack, STRICT);
    (model.node.defaultChild as apigateway.CfnModel).addPropertyOverride('Schema.additionalProperties', true);
    expect(checkRule(rule, stack)).toMatchObject([{ findingId: 'additional-properties', location: 'Properties/Schema' }]);
  });
});
