import { CfnParameter, Stack } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import * as iam from 'aws-cdk-lib/aws-iam';
import { VerdictKind } from '../../../src/core/rule';
import { RestApiMappingInjectionRule } from '../../../src/rules/apigateway';
import { unescapedInputs } from '../../../src/rules/apigateway/private/vtl-input';
import { checkRule, newStack } from '../rule-test-helpers';

const rule = new RestApiMappingInjectionRule();
const V = VerdictKind.VIOLATION;

/** A DynamoDB PutItem integration (the aws-samples apigw-dynamodb pattern) with the given request template. */
function dynamoMethod(stack: Stack, template: string, methodOptions: apigateway.MethodOptions = {}) {
  const api = new apigateway.RestApi(stack, 'Api');
  const role = new iam.Role(stack, 'Role', { assumedBy: new iam.ServicePrincipal('apigateway.amazonaws.com') });
  const integration = new apigateway.AwsIntegration({
    service: 'dynamodb',
    action: 'PutItem',
    options: { credentialsRole: role, requestTemplates: { 'application/json': template }, passthroughBehavior: apigateway.PassthroughBehavior.NEVER },
  });
  return { api, method: api.root.addResource('items').addResource('{id}').addMethod('POST', integration, methodOptions) };
}

describe('SLS-APIGW-MAPPING-INJECTION', () => {
  test.each<[string, string]>([
    ['escaped path parameter and body field', '{"TableName":"items","Item":{"id":{"S":"$util.escapeJavaScript($input.params(\'id\'))"},"name":{"S":"$util.escapeJavaScript($input.path(\'$.name\'))"}}}'],
    ['$input.json for JSON values', '{"TableName":"items","Item":{"doc":{"S":$input.json(\'$\')}}}'],
    ['a variable set from an escaped value', '#set($id = $util.escapeJavaScript($input.params(\'id\')))\n{"TableName":"items","Key":{"id":{"S":"$id"}}}'],
    ['raw input used only in a condition', '#if($input.params(\'mode\') == "fast")\n{"TableName":"fast"}\n#else\n{"TableName":"slow"}\n#end'],
    ['context values only', '{"TableName":"audit","Item":{"ip":{"S":"$context.identity.sourceIp"},"req":{"S":"$context.requestId"}}}'],
  ])('compliant: %s', (_name, template) => {
    const stack = newStack();
    dynamoMethod(stack, template);
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test('compliant: an SQS form body with $util.urlEncode (the aws-samples apigw-sqs pattern)', () => {
    const stack = newStack();
    new apigateway.RestApi(stack, 'Api').root.addMethod('POST', new apigateway.AwsIntegration({
      service: 'sqs',
      path: '123456789012/orders',
      options: { requestTemplates: { 'application/json': 'Action=SendMessage&MessageBody=$util.urlEncode($input.body)' } },
    }));
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test('compliant: a body field the validated model constrains (number, enum, anchored pattern)', () => {
    const stack = newStack();
    const api = new apigateway.RestApi(stack, 'Api');
    const model = api.addModel('Item', {
      contentType: 'application/json',
      schema: {
        type: apigateway.JsonSchemaType.OBJECT,
        additionalProperties: false,
        required: ['qty', 'kind', 'sku'],
        properties: {
          qty: { type: apigateway.JsonSchemaType.INTEGER },
          kind: { type: apigateway.JsonSchemaType.STRING, enum: ['a', 'b'] },
          sku: { type: apigateway.JsonSchemaType.STRING, pattern: '^[A-Z0-9-]{1,20}$' },
        },
      },
    });
    const validator = api.addRequestValidator('V', { validateRequestBody: true });
    api.root.addMethod('POST', new apigateway.AwsIntegration({
      service: 'dynamodb',
      action: 'PutItem',
      options: { requestTemplates: { 'application/json': '{"Item":{"qty":{"N":"$input.path(\'$.qty\')"},"kind":{"S":"$input.path(\'$.kind\')"},"sku":{"S":"$input.path(\'$.sku\')"}}}' } },
    }), { requestModels: { $default: model }, requestValidator: validator });
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test.each<[string, string, RegExp]>([
    ['a raw path parameter in a DynamoDB key', '{"TableName":"items","Key":{"id":{"S":"$input.params(\'id\')"}}}', /\$input\.params\('id'\)/],
    ['a raw body field', '{"TableName":"items","Item":{"name":{"S":"$input.path(\'$.name\')"}}}', /\$input\.path\('\$\.name'\)/],
    ['the raw body in a string', '{"TableName":"items","Item":{"doc":{"S":"$input.body"}}}', /\$input\.body/],
    ['a variable set from raw input', '#set($name = $input.path(\'$.name\'))\n{"Item":{"name":{"S":"$name"}}}', /\$name/],
    ['a loop over raw input', '#foreach($tag in $input.path(\'$.tags\'))\n{"S":"$tag.value"}#if($foreach.hasNext),#end\n#end', /\$tag\.value/],
    ['parseJson is no escaping', '{"Item":{"name":{"S":"$util.parseJson($input.body).name"}}}', /\$input\.body/],
  ])('non-compliant: %s', (_name, template, expression) => {
    const stack = newStack();
    dynamoMethod(stack, template);
    const results = checkRule(rule, stack);
    expect(results).toMatchObject([{ kind: V, findingId: 'application_json', location: 'Properties/Integration/RequestTemplates/application~1json' }]);
    expect(results[0].detail).toMatch(/^The application\/json request template of POST \/items\/\{id\} writes .* into the DynamoDB request without escaping/);
    expect(results[0].detail).toMatch(expression);
  });

  test('non-compliant: a field typed string without a pattern is not constrained by the model', () => {
    const stack = newStack();
    const api = new apigateway.RestApi(stack, 'Api');
    const model = api.addModel('Item', { contentType: 'application/json', schema: { type: apigateway.JsonSchemaType.OBJECT, properties: { name: { type: apigateway.JsonSchemaType.STRING, maxLength: 10 } } } });
    api.root.addMethod('POST', new apigateway.AwsIntegration({
      service: 'dynamodb', action: 'PutItem', options: { requestTemplates: { 'application/json': '{"Item":{"name":{"S":"$input.path(\'$.name\')"}}}' } },
    }), { requestModels: { $default: model }, requestValidator: api.addRequestValidator('V', { validateRequestBody: true }) });
    expect(checkRule(rule, stack)).toMatchObject([{ kind: V }]);
  });

  test('non-compliant: a WebSocket API service integration (L1)', () => {
    const stack = newStack();
    const api = new apigwv2.CfnApi(stack, 'Ws', { name: 'ws', protocolType: 'WEBSOCKET', routeSelectionExpression: '$request.body.action' });
    new apigwv2.CfnIntegration(stack, 'Int', {
      apiId: api.ref,
      integrationType: 'AWS',
      integrationMethod: 'POST',
      integrationUri: 'arn:aws:apigateway:us-east-1:sqs:path/123456789012/q',
      requestTemplates: { $default: 'Action=SendMessage&MessageBody=$input.body' },
    });
    expect(checkRule(rule, stack)).toMatchObject([{ kind: V, detail: expect.stringMatching(/into the SQS request/) }]);
  });

  test('not applicable: a Lambda proxy integration (templates are not used)', () => {
    const stack = newStack();
    const { method } = dynamoMethod(stack, '{}');
    (method.node.defaultChild as apigateway.CfnMethod).addPropertyOverride('Integration.Type', 'AWS_PROXY');
    (method.node.defaultChild as apigateway.CfnMethod).addPropertyOverride('Integration.RequestTemplates', { 'application/json': '$input.body' });
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test('token: templates chosen by a parameter are undecidable', () => {
    const stack = newStack();
    new CfnParameter(stack, 'Templates');
    const { method } = dynamoMethod(stack, '{}');
    (method.node.defaultChild as apigateway.CfnMethod).addPropertyDeletionOverride('Integration.RequestTemplates');
    (method.node.defaultChild as apigateway.CfnMethod).addOverride('Properties.Integration.RequestTemplates', { Ref: 'Templates' });
    expect(checkRule(rule, stack)).toMatchObject([{ kind: VerdictKind.UNDECIDABLE, detail: expect.stringMatching(/parameter Templates/) }]);
  });

  test('raw override: an escaped template replaced by a raw one through addPropertyOverride is caught', () => {
    const stack = newStack();
    const { method } = dynamoMethod(stack, '{"Key":{"id":{"S":"$util.escapeJavaScript($input.params(\'id\'))"}}}');
    (method.node.defaultChild as apigateway.CfnMethod).addPropertyOverride('Integration.RequestTemplates.application/json', '{"Key":{"id":{"S":"$input.params(\'id\')"}}}');
    expect(checkRule(rule, stack)).toMatchObject([{ kind: V }]);
  });

  test('the VTL reader: formal and quiet notation, nested calls, several uses', () => {
    expect(unescapedInputs('{"a":"${input.body}","b":"$!input.params(\'x\')"}').map((u) => u.expression)).toEqual(['${input.body}', '$!input.params(\'x\')']);
    expect(unescapedInputs('{"a":"$util.escapeJavaScript($input.path(\'$.a\')).replaceAll("\\\\\'","\'")"}')).toEqual([]);
    expect(unescapedInputs('{"a":"$input.params().header.get(\'x\')"}').map((u) => u.expression)).toEqual(['$input.params()']);
  });
});
