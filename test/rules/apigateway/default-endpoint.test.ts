import { CfnParameter, Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as apigatewayv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as integrations from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import { VerdictKind } from '../../../src/core/rule';
import { ApiDefaultEndpointRule } from '../../../src/rules/apigateway';
import { checkRule, newStack } from '../rule-test-helpers';

const rule = new ApiDefaultEndpointRule();

function restApiWithDomain(stack: Stack, disableExecuteApiEndpoint?: boolean) {
  const api = new apigateway.RestApi(stack, 'Api', {
    disableExecuteApiEndpoint,
    domainName: { domainName: 'api.example.com', certificate: acm.Certificate.fromCertificateArn(stack, 'Cert', 'arn:aws:acm:eu-west-1:123456789012:certificate/abc'), securityPolicy: apigateway.SecurityPolicy.TLS_1_2 },
  });
  api.root.addMethod('GET');
  return api;
}

describe('SLS-APIGW-DEFAULT-ENDPOINT', () => {
  test('compliant: REST API on a custom domain with the default endpoint disabled', () => {
    const stack = newStack();
    restApiWithDomain(stack, true);
    expect(checkRule(rule, stack)).toEqual([]);
  });

  describe('non-compliant', () => {
    test('REST API on a custom domain (BasePathMapping) keeps execute-api', () => {
      const stack = newStack();
      restApiWithDomain(stack);
      expect(checkRule(rule, stack)).toMatchObject([{ kind: VerdictKind.VIOLATION, location: 'Properties/DisableExecuteApiEndpoint' }]);
    });

    test('HTTP API with an ApiMapping keeps execute-api', () => {
      const stack = newStack();
      const domainName = new apigatewayv2.DomainName(stack, 'Domain', {
        domainName: 'api.example.com', certificate: acm.Certificate.fromCertificateArn(stack, 'Cert', 'arn:aws:acm:eu-west-1:123456789012:certificate/abc'),
      });
      const api = new apigatewayv2.HttpApi(stack, 'Http', { defaultDomainMapping: { domainName } });
      api.addRoutes({ path: '/a', integration: new integrations.HttpUrlIntegration('U', 'https://example.com') });
      expect(checkRule(rule, stack)).toMatchObject([{ kind: VerdictKind.VIOLATION }]);
    });
  });

  test('not applicable: no custom domain', () => {
    const stack = newStack();
    new apigateway.RestApi(stack, 'Api').root.addMethod('GET');
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test('token: the flag from a parameter is undecidable', () => {
    const stack = newStack();
    const flag = new CfnParameter(stack, 'DisableDefault', { type: 'String' });
    const api = restApiWithDomain(stack);
    (api.node.defaultChild as apigateway.CfnRestApi).addPropertyOverride('DisableExecuteApiEndpoint', flag.valueAsString);
    expect(checkRule(rule, stack)).toMatchObject([{ kind: VerdictKind.UNDECIDABLE, detail: expect.stringMatching(/parameter DisableDefault/) }]);
  });

  test('raw override: re-enabling the default endpoint through an override is caught', () => {
    const stack = newStack();
    const api = restApiWithDomain(stack, true);
    (api.node.defaultChild as apigateway.CfnRestApi).addPropertyOverride('DisableExecuteApiEndpoint', false);
    expect(checkRule(rule, stack)).toMatchObject([{ kind: VerdictKind.VIOLATION }]);
  });
});
