import { Fn, Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import { VerdictKind } from '../../../src/core/rule';
import { RestApiParamValidationRule } from '../../../src/rules/apigateway';
import { checkRule, newStack } from '../rule-test-helpers';

const rule = new RestApiParamValidationRule();
const REQUIRED_QUERY = { 'method.request.querystring.page': true, 'method.request.header.X-Trace': false };

function api(stack: Stack) {
  return new apigateway.RestApi(stack, 'Api');
}

describe('SLS-APIGW-PARAM-VALIDATION', () => {
  test('compliant: required parameters with a parameter validator attached', () => {
    const stack = newStack();
    const rest = api(stack);
    const validator = rest.addRequestValidator('Params', { validateRequestParameters: true });
    rest.root.addMethod('GET', undefined, { requestParameters: REQUIRED_QUERY, requestValidator: validator });
    expect(checkRule(rule, stack)).toEqual([]);
  });

  describe('non-compliant', () => {
    test('required parameters without a validator name the parameter and the unused API validator', () => {
      const stack = newStack();
      const rest = api(stack);
      rest.addRequestValidator('Params', { validateRequestParameters: true });
      rest.root.addMethod('GET', undefined, { requestParameters: REQUIRED_QUERY });
      const results = checkRule(rule, stack);
      expect(results).toMatchObject([{ kind: VerdictKind.VIOLATION }]);
      expect(results[0].detail).toMatch(/method\.request\.querystring\.page/);
      expect(results[0].detail).not.toMatch(/X-Trace/);
      expect(results[0].detail).toMatch(/which this method does not use/);
    });

    test('a body-only validator does not validate parameters (L1)', () => {
      const stack = newStack();
      const rest = new apigateway.CfnRestApi(stack, 'Api', { name: 'l1' });
      const validator = new apigateway.CfnRequestValidator(stack, 'Body', { restApiId: rest.ref, validateRequestBody: true });
      new apigateway.CfnMethod(stack, 'Get', {
        restApiId: rest.ref,
        resourceId: rest.attrRootResourceId,
        httpMethod: 'GET',
        authorizationType: 'AWS_IAM',
        requestParameters: { 'method.request.path.id': true },
        requestValidatorId: validator.ref,
      });
      expect(checkRule(rule, stack)).toMatchObject([{ kind: VerdictKind.VIOLATION, detail: expect.stringMatching(/does not validate parameters/) }]);
    });
  });

  test('not applicable: no required parameter', () => {
    const stack = newStack();
    api(stack).root.addMethod('GET', undefined, { requestParameters: { 'method.request.header.X-Trace': false } });
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test('token: an imported validator is undecidable', () => {
    const stack = newStack();
    api(stack).root.addMethod('GET', undefined, {
      requestParameters: REQUIRED_QUERY,
      requestValidator: apigateway.RequestValidator.fromRequestValidatorId(stack, 'Imported', Fn.importValue('SharedValidator')),
    });
    expect(checkRule(rule, stack)).toMatchObject([{ kind: VerdictKind.UNDECIDABLE, detail: expect.stringMatching(/SharedValidator/) }]);
  });

  test('raw override: making a parameter required through an override is caught', () => {
    const stack = newStack();
    const method = api(stack).root.addMethod('GET');
    (method.node.defaultChild as apigateway.CfnMethod).addPropertyOverride('RequestParameters', { 'method.request.path.id': true });
    expect(checkRule(rule, stack)).toMatchObject([{ kind: VerdictKind.VIOLATION }]);
  });
});
