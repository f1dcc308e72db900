import { CfnParameter, Fn, Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { VerdictKind } from '../../../src/core/rule';
import { RestApiBodyValidationRule } from '../../../src/rules/apigateway';
import { checkRule, newStack } from '../rule-test-helpers';

const rule = new RestApiBodyValidationRule();

function fixture(stack: Stack) {
  const api = new apigateway.RestApi(stack, 'Api');
  const model = api.addModel('Item', {
    contentType: 'application/json',
    schema: { type: apigateway.JsonSchemaType.OBJECT, required: ['a'], additionalProperties: false, properties: { a: { type: apigateway.JsonSchemaType.STRING, maxLength: 10 } } },
  });
  const bodyValidator = api.addRequestValidator('BodyValidator', { validateRequestBody: true });
  return { api, model, bodyValidator };
}

describe('SLS-APIGW-BODY-VALIDATION', () => {
  describe('compliant', () => {
    test('a model for each Content-Type a service integration accepts (NEVER passes nothing else)', () => {
      const stack = newStack();
      const { api, model, bodyValidator } = fixture(stack);
      api.root.addMethod('POST', new apigateway.AwsIntegration({
        service: 'sqs',
        path: '123456789012/q',
        options: { passthroughBehavior: apigateway.PassthroughBehavior.NEVER, requestTemplates: { 'application/json': 'Action=SendMessage&MessageBody=$util.urlEncode($input.body)' } },
      }), { requestModels: { 'application/json': model }, requestValidator: bodyValidator });
      expect(checkRule(rule, stack)).toEqual([]);
    });

    test('a $default model behind a Lambda proxy', () => {
      const stack = newStack();
      const { api, model, bodyValidator } = fixture(stack);
      const fn = new lambda.Function(stack, 'Fn', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('x') });
      api.root.addMethod('POST', new apigateway.LambdaIntegration(fn), { requestModels: { 'application/json': model, '$default': model }, requestValidator: bodyValidator });
      expect(checkRule(rule, stack)).toEqual([]);
    });

    test.each(['POST', 'PUT', 'PATCH', 'ANY'])('%s with a model and a body validator attached', (verb) => {
      const stack = newStack();
      const { api, model, bodyValidator } = fixture(stack);
      api.root.addMethod(verb, undefined, { requestModels: { $default: model }, requestValidator: bodyValidator });
      expect(checkRule(rule, stack)).toEqual([]);
    });

    test('a validator created from requestValidatorOptions on the method', () => {
      const stack = newStack();
      const { api, model } = fixture(stack);
      api.root.addMethod('POST', undefined, { requestModels: { $default: model }, requestValidatorOptions: { validateRequestBody: true } });
      expect(checkRule(rule, stack)).toEqual([]);
    });
  });

  describe('non-compliant', () => {
    test('a validator present on the API but not attached to the method is a finding that says so', () => {
      const stack = newStack();
      const { api, model } = fixture(stack);
      api.root.addMethod('POST', undefined, { requestModels: { $default: model } });
      const results = checkRule(rule, stack);
      expect(results).toMatchObject([{ kind: VerdictKind.VIOLATION, findingId: 'validator' }]);
      expect(results[0].detail).toMatch(/The API defines .*BodyValidator.*which this method does not use/);
    });

    test('no model and no validator gives two findings', () => {
      const stack = newStack();
      new apigateway.RestApi(stack, 'Api').root.addMethod('PUT');
      expect(checkRule(rule, stack).map((r) => r.findingId).sort()).toEqual(['model', 'validator']);
    });

    test('a validator that only validates parameters does not count', () => {
      const stack = newStack();
      const { api, model } = fixture(stack);
      const paramsOnly = api.addRequestValidator('ParamsOnly', { validateRequestParameters: true });
      api.root.addMethod('PATCH', undefined, { requestModels: { $default: model }, requestValidator: paramsOnly });
      const results = checkRule(rule, stack);
      expect(results).toMatchObject([{ findingId: 'validator' }]);
      expect(results[0].detail).toMatch(/does not validate the body/);
    });

    test('a model for application/json only, behind a Lambda proxy: any other Content-Type bypasses validation (#16.5)', () => {
      const stack = newStack();
      const { api, model, bodyValidator } = fixture(stack);
      const fn = new lambda.Function(stack, 'Fn', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('x') });
      api.root.addMethod('POST', new apigateway.LambdaIntegration(fn), { requestModels: { 'application/json': model }, requestValidator: bodyValidator });
      const results = checkRule(rule, stack);
      expect(results).toMatchObject([{ kind: VerdictKind.VIOLATION, findingId: 'model' }]);
      expect(results[0].detail).toMatch(/^POST \/ validates only application\/json bodies: API Gateway skips body validation for any other Content-Type.*proxy integration.*Add a \$default model\.$/);
    });

    test('a service integration passing unmapped types through (WHEN_NO_MATCH) needs a $default model', () => {
      const stack = newStack();
      const { api, model, bodyValidator } = fixture(stack);
      api.root.addMethod('POST', new apigateway.AwsIntegration({
        service: 'sqs',
        path: '123456789012/q',
        options: { passthroughBehavior: apigateway.PassthroughBehavior.WHEN_NO_MATCH, requestTemplates: { 'application/json': 'Action=SendMessage&MessageBody=$util.urlEncode($input.body)' } },
      }), { requestModels: { 'application/json': model }, requestValidator: bodyValidator });
      expect(checkRule(rule, stack)).toMatchObject([{ findingId: 'model', detail: expect.stringMatching(/WHEN_NO_MATCH/) }]);
    });

    test('a service integration with templates for two types (NEVER) and a model for one', () => {
      const stack = newStack();
      const { api, model, bodyValidator } = fixture(stack);
      api.root.addMethod('POST', new apigateway.AwsIntegration({
        service: 'sqs',
        path: '123456789012/q',
        options: { passthroughBehavior: apigateway.PassthroughBehavior.NEVER, requestTemplates: { 'application/json': 'a', 'application/xml': 'b' } },
      }), { requestModels: { 'application/json': model }, requestValidator: bodyValidator });
      expect(checkRule(rule, stack)).toMatchObject([{ findingId: 'model', detail: expect.stringMatching(/accepts application\/xml bodies/) }]);
    });

    test('the built-in Empty model is not a model', () => {
      const stack = newStack();
      const { api, bodyValidator } = fixture(stack);
      api.root.addMethod('POST', undefined, { requestModels: { 'application/json': apigateway.Model.EMPTY_MODEL }, requestValidator: bodyValidator });
      expect(checkRule(rule, stack)).toMatchObject([{ findingId: 'model' }]);
    });

    test('L1 method with a model for another content type only', () => {
      const stack = newStack();
      const api = new apigateway.CfnRestApi(stack, 'Api', { name: 'l1' });
      const validator = new apigateway.CfnRequestValidator(stack, 'V', { restApiId: api.ref, validateRequestBody: true });
      new apigateway.CfnMethod(stack, 'Post', {
        restApiId: api.ref,
        resourceId: api.attrRootResourceId,
        httpMethod: 'POST',
        authorizationType: 'AWS_IAM',
        requestModels: { 'text/plain': 'Empty' },
        requestValidatorId: validator.ref,
      });
      expect(checkRule(rule, stack)).toMatchObject([{ findingId: 'model' }]);
    });
  });

  describe('not applicable', () => {
    test.each(['GET', 'DELETE', 'HEAD', 'OPTIONS'])('%s carries no body', (verb) => {
      const stack = newStack();
      new apigateway.RestApi(stack, 'Api').root.addMethod(verb);
      expect(checkRule(rule, stack)).toEqual([]);
    });
  });

  describe('token / unresolvable', () => {
    test('an integration type from a parameter leaves the accepted Content-Types undecidable', () => {
      const stack = newStack();
      const { api, model, bodyValidator } = fixture(stack);
      const method = api.root.addMethod('POST', undefined, { requestModels: { 'application/json': model }, requestValidator: bodyValidator });
      (method.node.defaultChild as apigateway.CfnMethod).addPropertyOverride('Integration.Type', { Ref: 'IntegrationType' });
      new CfnParameter(stack, 'IntegrationType');
      expect(checkRule(rule, stack)).toMatchObject([{ kind: VerdictKind.UNDECIDABLE, findingId: 'model', detail: expect.stringMatching(/parameter IntegrationType/) }]);
    });

    test('an imported validator id is undecidable', () => {
      const stack = newStack();
      const { api, model } = fixture(stack);
      api.root.addMethod('POST', undefined, {
        requestModels: { $default: model },
        requestValidator: apigateway.RequestValidator.fromRequestValidatorId(stack, 'Imported', Fn.importValue('SharedValidator')),
      });
      const results = checkRule(rule, stack);
      expect(results).toMatchObject([{ kind: VerdictKind.UNDECIDABLE, findingId: 'validator' }]);
      expect(results[0].detail).toMatch(/Fn::ImportValue "SharedValidator"/);
    });

    test('a body flag from a parameter is undecidable', () => {
      const stack = newStack();
      const flag = new CfnParameter(stack, 'ValidateBody', { type: 'String' });
      const { api, model } = fixture(stack);
      const validator = new apigateway.CfnRequestValidator(stack, 'V', { restApiId: api.restApiId, validateRequestBody: flag.valueAsString as any });
      const method = api.root.addMethod('POST', undefined, { requestModels: { $default: model } });
      (method.node.defaultChild as apigateway.CfnMethod).addPropertyOverride('RequestValidatorId', { Ref: validator.logicalId });
      const results = checkRule(rule, stack);
      expect(results).toMatchObject([{ kind: VerdictKind.UNDECIDABLE }]);
      expect(results[0].detail).toMatch(/parameter ValidateBody/);
    });

    test('an HTTP method from a parameter is undecidable', () => {
      const stack = newStack();
      const verb = new CfnParameter(stack, 'Verb', { type: 'String' });
      const api = new apigateway.CfnRestApi(stack, 'Api', { name: 'l1' });
      new apigateway.CfnMethod(stack, 'M', { restApiId: api.ref, resourceId: api.attrRootResourceId, httpMethod: verb.valueAsString, authorizationType: 'AWS_IAM' });
      expect(checkRule(rule, stack)).toMatchObject([{ kind: VerdictKind.UNDECIDABLE, detail: expect.stringMatching(/parameter Verb/) }]);
    });
  });

  describe('raw override', () => {
    test('dropping the $default model with an override reopens the bypass', () => {
      const stack = newStack();
      const { api, model, bodyValidator } = fixture(stack);
      const method = api.root.addMethod('POST', undefined, { requestModels: { 'application/json': model, '$default': model }, requestValidator: bodyValidator });
      (method.node.defaultChild as apigateway.CfnMethod).addPropertyDeletionOverride('RequestModels.$default');
      expect(checkRule(rule, stack)).toMatchObject([{ kind: VerdictKind.VIOLATION, findingId: 'model' }]);
    });

    test('deleting the validator with an override is caught', () => {
      const stack = newStack();
      const { api, model, bodyValidator } = fixture(stack);
      const method = api.root.addMethod('POST', undefined, { requestModels: { $default: model }, requestValidator: bodyValidator });
      (method.node.defaultChild as apigateway.CfnMethod).addPropertyDeletionOverride('RequestValidatorId');
      expect(checkRule(rule, stack)).toMatchObject([{ kind: VerdictKind.VIOLATION, findingId: 'validator' }]);
    });

    test('switching the validator off with an override is caught', () => {
      const stack = newStack();
      const { api, model, bodyValidator } = fixture(stack);
      api.root.addMethod('POST', undefined, { requestModels: { $default: model }, requestValidator: bodyValidator });
      (bodyValidator.node.defaultChild as apigateway.CfnRequestValidator).addPropertyOverride('ValidateRequestBody', false);
      expect(checkRule(rule, stack)).toMatchObject([{ kind: VerdictKind.VIOLATION, findingId: 'validator' }]);
    });
  });
});
