import { CfnParameter, Fn, Stack } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import { VerdictKind } from '../../../src/core';
import { CloudFrontFunctionSecretRule } from '../../../src/rules/cloudfront';
import { checkRule, newStack } from '../rule-test-helpers';

const rule = new CloudFrontFunctionSecretRule();

function edgeFunction(stack: Stack, code: string): cloudfront.Function {
  return new cloudfront.Function(stack, 'Fn', { code: cloudfront.FunctionCode.fromInline(code), runtime: cloudfront.FunctionRuntime.JS_2_0 });
}

describe('SLS-CLOUDFRONT-FUNCTION-SECRET', () => {
  test.each<[string, (stack: Stack) => void]>([
    ['a function that rewrites URIs', (stack) => edgeFunction(stack, 'function handler(event) { var r = event.request; r.uri = r.uri + "index.html"; return r; }')],
    ['a Basic challenge with no credential in the code (it is checked elsewhere)', (stack) => edgeFunction(stack,
      'function handler(event) { if (event.request.headers["x-verified"]) return event.request; '
      + 'return { statusCode: 401, headers: { "www-authenticate": { value: "Basic realm=\\"site\\"" }, "x-origin": { value: "localhost:8080" }, '
      + '"link": { value: "https://example.com/login" } } }; }')],
    ['a function that adds security headers', (stack) => edgeFunction(stack,
      'function handler(event) { var res = event.response; res.headers["strict-transport-security"] = { value: "max-age=63072000" }; return res; }')],
  ])('compliant: %s', (_name, build) => {
    const stack = newStack();
    build(stack);
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test.each<[string, (stack: Stack) => void]>([
    ['a Basic-auth check with the expected credential in the code', (stack) => edgeFunction(stack,
      'function handler(event) { var auth = event.request.headers.authorization; if (!auth || auth.value !== "Basic YWRtaW46c2VjcmV0") '
      + '{ return { statusCode: 401, headers: { "www-authenticate": { value: "Basic" } } }; } return event.request; }')],
    ['the pair split from its "Basic " prefix, in base64', (stack) => edgeFunction(stack,
      'function handler(event) { var a = event.request.headers.authorization; if (!a || a.value !== "Basic " + "YWRtaW46c2VjcmV0cGFzcw==") return { statusCode: 401 }; return event.request; }')],
    ['the pair in clear, encoded by the code', (stack) => edgeFunction(stack,
      'var expected = "Basic " + btoa("admin:hunter22"); function handler(event) { return event.request; }')],
    ['an L1 function with a vendor token', (stack) => new cloudfront.CfnFunction(stack, 'Fn', {
      name: 'fn',
      autoPublish: true,
      functionConfig: { comment: 'x', runtime: 'cloudfront-js-2.0' },
      functionCode: 'var key = "sk_live_4eC39HqLyjWDarjtT1zdp7dc"; function handler(e) { return e.request; }',
    })],
  ])('non-compliant: %s', (_name, build) => {
    const stack = newStack();
    build(stack);
    expect(checkRule(rule, stack).map((r) => [r.kind, r.location])).toEqual([[VerdictKind.VIOLATION, 'Properties/FunctionCode']]);
  });

  test('token: code assembled around a parameter is judged on its literal parts', () => {
    const stack = newStack();
    const host = new CfnParameter(stack, 'Host').valueAsString;
    edgeFunction(stack, Fn.join('', ['var host = "', host, '"; var expected = "Basic YWRtaW46c2VjcmV0"; function handler(e) { return e.request; }']));
    expect(checkRule(rule, stack).map((r) => r.kind)).toEqual([VerdictKind.VIOLATION]);
  });

  test('raw override: addPropertyOverride replaces the code with one that holds a credential', () => {
    const stack = newStack();
    const fn = edgeFunction(stack, 'function handler(e) { return e.request; }');
    (fn.node.defaultChild as cloudfront.CfnFunction).addPropertyOverride('FunctionCode', 'var t = "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln"; function handler(e) { return e.request; }');
    expect(checkRule(rule, stack).map((r) => r.kind)).toEqual([VerdictKind.VIOLATION]);
  });
});
