import { CfnParameter, Fn, Stack } from 'aws-cdk-lib';
import * as appsync from 'aws-cdk-lib/aws-appsync';
import { VerdictKind } from '../../../src/core/rule';
import { AppSyncResolverSecretRule } from '../../../src/rules/appsync';
import { checkRule, newStack } from '../rule-test-helpers';

const rule = new AppSyncResolverSecretRule();
const definition = appsync.Definition.fromSchema(appsync.SchemaFile.fromAsset(`${__dirname}/schema.graphql`));

/** A resolver of an HTTP data source (a third-party API) with the given JavaScript code. */
function httpResolver(stack: Stack, code: string): appsync.Resolver {
  const api = new appsync.GraphqlApi(stack, 'Api', { name: 'orders', definition });
  const source = api.addHttpDataSource('Payments', 'https://api.payments.example.com');
  return source.createResolver('Resolver', {
    typeName: 'Query', fieldName: 'orders', runtime: appsync.FunctionRuntime.JS_1_0_0, code: appsync.Code.fromInline(code),
  });
}

describe('SLS-APPSYNC-RESOLVER-SECRET', () => {
  test.each<[string, (stack: Stack) => void]>([
    ['a resolver that forwards the request', (stack) => httpResolver(stack,
      'export function request(ctx) { return { method: "GET", resourcePath: "/orders", params: { headers: { accept: "application/json" } } }; } '
      + 'export function response(ctx) { return JSON.parse(ctx.result.body); }')],
  ])('compliant: %s', (_name, build) => {
    const stack = newStack();
    build(stack);
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test.each<[string, (stack: Stack) => void, string]>([
    ['a payment provider key in JavaScript resolver code', (stack) => httpResolver(stack,
      'export function request(ctx) { return { method: "GET", resourcePath: "/charges", params: { headers: { authorization: "Bearer sk_live_4eC39HqLyjWDarjtT1zdp7dc" } } }; } '
      + 'export function response(ctx) { return ctx.result; }'), 'Code'],
    ['a key in a VTL request template of an L1 resolver', (stack) => new appsync.CfnResolver(stack, 'R', {
      apiId: 'api',
      typeName: 'Query',
      fieldName: 'x',
      dataSourceName: 'Payments',
      requestMappingTemplate: '{ "version": "2018-05-29", "method": "GET", "params": { "headers": { "x-api-key": "xoxb-1234567890-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx" } } }',
    }), 'RequestMappingTemplate'],
  ])('non-compliant: %s', (_name, build, property) => {
    const stack = newStack();
    build(stack);
    expect(checkRule(rule, stack).map((r) => [r.kind, r.findingId, r.location])).toEqual([[VerdictKind.VIOLATION, property, `Properties/${property}`]]);
  });

  test('token: a template assembled around a parameter is judged on its literal parts', () => {
    const stack = newStack();
    new appsync.CfnFunctionConfiguration(stack, 'F', {
      apiId: 'api',
      name: 'charge',
      dataSourceName: 'Payments',
      functionVersion: '2018-05-29',
      requestMappingTemplate: Fn.join('', ['{ "resourcePath": "', new CfnParameter(stack, 'Path').valueAsString, '", "headers": { "authorization": "Bearer sk_live_4eC39HqLyjWDarjtT1zdp7dc" } }']),
    });
    expect(checkRule(rule, stack).map((r) => r.kind)).toEqual([VerdictKind.VIOLATION]);
  });

  test('raw override: addPropertyOverride writes a key into the resolver code', () => {
    const stack = newStack();
    const resolver = httpResolver(stack, 'export function request(ctx) { return {}; } export function response(ctx) { return ctx.result; }');
    (resolver.node.defaultChild as appsync.CfnResolver).addPropertyOverride('Code', 'const key = "AKIAIOSFODNN7EXAMPLE"; export function request(ctx) { return {}; }');
    expect(checkRule(rule, stack).map((r) => r.kind)).toEqual([VerdictKind.VIOLATION]);
  });
});
