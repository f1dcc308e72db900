import { CfnParameter } from 'aws-cdk-lib';
import * as apigatewayv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { Severity, VerdictKind } from '../../../src/core/rule';
import { HttpApiCorsRule } from '../../../src/rules/apigatewayv2';
import { checkRule, newStack } from '../rule-test-helpers';

const rule = new HttpApiCorsRule();

function httpApi(corsPreflight?: apigatewayv2.CorsPreflightOptions) {
  const stack = newStack();
  const api = new apigatewayv2.HttpApi(stack, 'Http', { corsPreflight });
  return { stack, api };
}

describe('SLS-HTTPAPI-CORS', () => {
  test('compliant: explicit origins with credentials (L2)', () => {
    expect(checkRule(rule, httpApi({ allowOrigins: ['https://app.example.com'], allowCredentials: true }).stack)).toEqual([]);
  });

  describe('non-compliant', () => {
    test('* with credentials is an error (L1)', () => {
      const stack = newStack();
      new apigatewayv2.CfnApi(stack, 'Api', { name: 'l1', protocolType: 'HTTP', corsConfiguration: { allowOrigins: ['*'], allowCredentials: true } });
      const results = checkRule(rule, stack);
      expect(results).toMatchObject([{ kind: VerdictKind.VIOLATION, findingId: 'wildcard-with-credentials' }]);
      expect(results[0].severity).toBeUndefined();
    });

    test('* alone is a warning (L2)', () => {
      expect(checkRule(rule, httpApi({ allowOrigins: ['*'] }).stack)).toMatchObject([{ findingId: 'wildcard-origin', severity: Severity.WARNING }]);
    });
  });

  test('not applicable: no CORS configuration', () => {
    expect(checkRule(rule, httpApi().stack)).toEqual([]);
  });

  test('token: origins from a parameter are undecidable', () => {
    const stack = newStack();
    const origins = new CfnParameter(stack, 'Origins', { type: 'CommaDelimitedList' });
    new apigatewayv2.CfnApi(stack, 'Api', { name: 'l1', protocolType: 'HTTP', corsConfiguration: { allowOrigins: origins.valueAsList, allowCredentials: true } });
    expect(checkRule(rule, stack)).toMatchObject([{ kind: VerdictKind.UNDECIDABLE, detail: expect.stringMatching(/parameter Origins/) }]);
  });

  test('raw override: widening the origins through an override is caught', () => {
    const { stack, api } = httpApi({ allowOrigins: ['https://app.example.com'], allowCredentials: true });
    (api.node.defaultChild as apigatewayv2.CfnApi).addPropertyOverride('CorsConfiguration.AllowOrigins', ['*']);
    expect(checkRule(rule, stack)).toMatchObject([{ findingId: 'wildcard-with-credentials' }]);
  });
});
