import { CfnParameter, Fn, Stack } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { VerdictKind } from '../../../src/core';
import { CloudFrontOriginHeaderSecretRule } from '../../../src/rules/cloudfront';
import { checkRule, newStack, undecidedCondition } from '../rule-test-helpers';

const rule = new CloudFrontOriginHeaderSecretRule();

/** An L2 distribution in front of an HTTP API origin with the given custom headers. */
function apiBehind(stack: Stack, customHeaders: { [name: string]: string }): cloudfront.Distribution {
  return new cloudfront.Distribution(stack, 'D', {
    defaultBehavior: { origin: new origins.HttpOrigin('api.example.com', { customHeaders }) },
  });
}

describe('SLS-CLOUDFRONT-ORIGIN-HEADER-SECRET', () => {
  test.each<[string, (stack: Stack) => void]>([
    ['headers that carry no secret', (stack) => apiBehind(stack, { 'X-Forwarded-Host': 'www.example.com', 'X-Stage': 'prod' })],
    ['no custom headers', (stack) => apiBehind(stack, {})],
  ])('compliant: %s', (_name, build) => {
    const stack = newStack();
    build(stack);
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test.each<[string, (stack: Stack) => void, string]>([
    ['an API key for the origin', (stack) => apiBehind(stack, { 'x-api-key': 'a8F3kL0qZ7mN2pR5tV9wX1yB4cD6eG8h' }), 'x-api-key'],
    ['an Authorization header, whatever its value looks like', (stack) => apiBehind(stack, { Authorization: 'Basic YWRtaW46YWRtaW4=' }), 'Authorization'],
    ['the origin-verification header AWS guidance describes, holding a UUID', (stack) => apiBehind(stack, {
      'X-Origin-Verify': '7f3c9a2e-1b4d-4e8f-9a6c-2d5e8f1a3b7c',
    }), 'X-Origin-Verify'],
    ['a shared origin secret under a secret-looking name', (stack) => apiBehind(stack, { 'X-Origin-Secret': 'correct-horse-battery-staple' }), 'X-Origin-Secret'],
    ['a secret copied out of Secrets Manager', (stack) => apiBehind(stack, {
      'X-Origin-Token': new secretsmanager.Secret(stack, 'S').secretValue.unsafeUnwrap(),
    }), 'X-Origin-Token'],
  ])('non-compliant: %s', (_name, build, header) => {
    const stack = newStack();
    build(stack);
    const results = checkRule(rule, stack);
    expect(results.map((r) => r.kind)).toEqual([VerdictKind.VIOLATION]);
    expect(results[0].findingId).toMatch(new RegExp(`\\.${header}$`));
    expect(results[0].location).toMatch(/^Properties\/DistributionConfig\/Origins\/0\/OriginCustomHeaders\/0\/HeaderValue$/);
  });

  test('undecidable: a parameter\'s value under a secret-looking name', () => {
    const stack = newStack();
    apiBehind(stack, { 'X-Api-Key': new CfnParameter(stack, 'Key').valueAsString });
    expect(checkRule(rule, stack).map((r) => r.kind)).toEqual([VerdictKind.UNDECIDABLE]);
  });

  test('undecidable: the headers of an origin depend on a condition', () => {
    const stack = newStack();
    const distribution = apiBehind(stack, {});
    const isProd = undecidedCondition(stack, 'IsProd');
    (distribution.node.defaultChild as cloudfront.CfnDistribution).addPropertyOverride('DistributionConfig.Origins.0.OriginCustomHeaders',
      Fn.conditionIf(isProd.logicalId, [{ HeaderName: 'X-Api-Key', HeaderValue: 'a8F3kL0qZ7mN2pR5tV9wX1yB4cD6eG8h' }], []));
    expect(checkRule(rule, stack).map((r) => r.kind)).toEqual([VerdictKind.UNDECIDABLE]);
  });

  test('raw override: addPropertyOverride adds a secret header to an L1 distribution', () => {
    const stack = newStack();
    const distribution = apiBehind(stack, {});
    (distribution.node.defaultChild as cloudfront.CfnDistribution).addPropertyOverride('DistributionConfig.Origins.0.OriginCustomHeaders',
      [{ HeaderName: 'X-Shared-Secret', HeaderValue: 'sk_live_4eC39HqLyjWDarjtT1zdp7dc' }]);
    expect(checkRule(rule, stack).map((r) => r.kind)).toEqual([VerdictKind.VIOLATION]);
  });
});
