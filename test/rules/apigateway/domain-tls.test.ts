import { CfnParameter, Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as apigatewayv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import { Severity, VerdictKind } from '../../../src/core/rule';
import { ApiDomainTlsRule } from '../../../src/rules/apigateway';
import { checkRule, newStack } from '../rule-test-helpers';

const rule = new ApiDomainTlsRule();
const CERT_ARN = 'arn:aws:acm:eu-west-1:123456789012:certificate/abc';

function domain(stack: Stack, props: Partial<apigateway.DomainNameProps> = {}) {
  return new apigateway.DomainName(stack, 'Domain', {
    domainName: 'api.example.com', certificate: acm.Certificate.fromCertificateArn(stack, 'Cert', CERT_ARN), ...props,
  });
}

describe('SLS-APIGW-DOMAIN-TLS', () => {
  describe('compliant', () => {
    test.each([
      ['TLS_1_2', { securityPolicy: apigateway.SecurityPolicy.TLS_1_2 }],
      ['TLS 1.3 enhanced policy', { securityPolicy: apigateway.SecurityPolicy.TLS13_1_3_2025_09, endpointAccessMode: apigateway.EndpointAccessMode.STRICT }],
      ['TLS 1.2 PQ enhanced policy', { securityPolicy: apigateway.SecurityPolicy.TLS13_1_2_PQ_2025_09, endpointAccessMode: apigateway.EndpointAccessMode.BASIC }],
      ['edge TLS 1.2 policy', { endpointType: apigateway.EndpointType.EDGE, securityPolicy: apigateway.SecurityPolicy.TLS12_2018_EDGE, endpointAccessMode: apigateway.EndpointAccessMode.STRICT }],
    ])('%s (L2)', (_name, props) => {
      const stack = newStack();
      domain(stack, props);
      expect(checkRule(rule, stack)).toEqual([]);
    });

    test('HTTP API domain with TLS_1_2', () => {
      const stack = newStack();
      new apigatewayv2.DomainName(stack, 'Domain', {
        domainName: 'api.example.com', certificate: acm.Certificate.fromCertificateArn(stack, 'Cert', CERT_ARN), securityPolicy: apigatewayv2.SecurityPolicy.TLS_1_2,
      });
      expect(checkRule(rule, stack)).toEqual([]);
    });
  });

  describe('non-compliant', () => {
    test('TLS_1_0 is an error', () => {
      const stack = newStack();
      domain(stack, { securityPolicy: apigateway.SecurityPolicy.TLS_1_0 });
      const results = checkRule(rule, stack);
      expect(results).toMatchObject([{ kind: VerdictKind.VIOLATION, location: 'Properties/SecurityPolicy' }]);
      expect(results[0].severity).toBeUndefined();
      expect(results[0].detail).toMatch(/accepts TLS 1.0/);
    });

    test('a missing policy is a warning (implicit-policy)', () => {
      const stack = newStack();
      domain(stack);
      expect(checkRule(rule, stack)).toMatchObject([{ findingId: 'implicit-policy', severity: Severity.WARNING }]);
    });

    test('an unknown policy name is a warning', () => {
      const stack = newStack();
      new apigateway.CfnDomainName(stack, 'Domain', { domainName: 'api.example.com', securityPolicy: 'TLS_9_9' });
      expect(checkRule(rule, stack)).toMatchObject([{ findingId: 'unknown-policy', severity: Severity.WARNING }]);
    });

    test('HTTP API domain (L1) with TLS_1_0', () => {
      const stack = newStack();
      new apigatewayv2.CfnDomainName(stack, 'Domain', { domainName: 'api.example.com', domainNameConfigurations: [{ certificateArn: CERT_ARN, securityPolicy: 'TLS_1_0' }] });
      expect(checkRule(rule, stack)).toMatchObject([{ kind: VerdictKind.VIOLATION, location: 'Properties/DomainNameConfigurations/0/SecurityPolicy' }]);
    });
  });

  test('not applicable: an API without custom domain', () => {
    const stack = newStack();
    new apigateway.RestApi(stack, 'Api').root.addMethod('GET');
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test('token: a policy from a parameter is undecidable', () => {
    const stack = newStack();
    const policy = new CfnParameter(stack, 'TlsPolicy', { type: 'String' });
    new apigateway.CfnDomainName(stack, 'Domain', { domainName: 'api.example.com', securityPolicy: policy.valueAsString });
    expect(checkRule(rule, stack)).toMatchObject([{ kind: VerdictKind.UNDECIDABLE, detail: expect.stringMatching(/parameter TlsPolicy/) }]);
  });

  test('raw override: downgrading to TLS_1_0 through an override is caught', () => {
    const stack = newStack();
    const d = domain(stack, { securityPolicy: apigateway.SecurityPolicy.TLS_1_2 });
    (d.node.defaultChild as apigateway.CfnDomainName).addPropertyOverride('SecurityPolicy', 'TLS_1_0');
    expect(checkRule(rule, stack)).toMatchObject([{ kind: VerdictKind.VIOLATION, detail: expect.stringMatching(/TLS_1_0/) }]);
  });
});
