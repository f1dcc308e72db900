import { CfnParameter, Stack } from 'aws-cdk-lib';
import * as sam from 'aws-cdk-lib/aws-sam';
import { VerdictKind } from '../../../src/core/rule';
import { SamApiAuthRule } from '../../../src/rules/sam';
import { checkRule, newStack } from '../rule-test-helpers';

const rule = new SamApiAuthRule();
const V = VerdictKind.VIOLATION;
const U = VerdictKind.UNDECIDABLE;

function samFunction(stack: Stack, events: Record<string, any>) {
  return new sam.CfnFunction(stack, 'Fn', { runtime: 'nodejs22.x', handler: 'index.handler', codeUri: 's3://bucket/code.zip', events });
}

function restApi(stack: Stack, auth?: any) {
  return new sam.CfnApi(stack, 'Api', { stageName: 'prod', auth });
}

describe('SLS-SAM-API-AUTH', () => {
  test.each<[string, (s: Stack) => void]>([
    ['events of an API with a default Cognito authorizer', (s) => {
      const api = restApi(s, { defaultAuthorizer: 'Users', authorizers: { Users: { UserPoolArn: 'arn:aws:cognito-idp:eu-west-1:111111111111:userpool/eu-west-1_x' } } });
      samFunction(s, { Get: { type: 'Api', properties: { path: '/orders', method: 'get', restApiId: api.ref } } });
    }],
    ['an HttpApi event with its own JWT authorizer', (s) => {
      const api = new sam.CfnHttpApi(s, 'Http', {});
      samFunction(s, {}).addPropertyOverride('Events', { Get: { Type: 'HttpApi', Properties: { Path: '/orders', Method: 'GET', ApiId: { Ref: api.logicalId }, Auth: { Authorizer: 'Jwt' } } } });
    }],
    ['a CORS pre-flight event left open', (s) => {
      const api = restApi(s, { defaultAuthorizer: 'AWS_IAM' });
      samFunction(s, { Options: { type: 'Api', properties: { path: '/orders', method: 'options', restApiId: api.ref, auth: { authorizer: 'NONE' } } } });
    }],
    ['events that are not API events', (s) => samFunction(s, { Queue: { type: 'SQS', properties: { queue: 'arn:aws:sqs:eu-west-1:111111111111:q' } } })],
  ])('compliant: %s', (_name, build) => {
    const stack = newStack();
    build(stack);
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test.each<[string, (s: Stack) => void, object[]]>([
    ['Auth.Authorizer NONE on an event', (s) => {
      const api = restApi(s, { defaultAuthorizer: 'AWS_IAM' });
      samFunction(s, { Public: { type: 'Api', properties: { path: '/orders', method: 'post', restApiId: api.ref, auth: { authorizer: 'NONE' } } } });
    }, [{ kind: V, findingId: 'Public', detail: expect.stringMatching(/^Event Public \(POST \/orders\) of the SAM function has Auth.Authorizer NONE/) }]],
    ['an API without a default authorizer', (s) => {
      const api = restApi(s);
      samFunction(s, { Get: { type: 'Api', properties: { path: '/orders', method: 'get', restApiId: api.ref } } });
    }, [{ kind: V, findingId: 'Get', detail: expect.stringMatching(/neither the event nor API Api \(Auth.DefaultAuthorizer\) sets one/) }]],
    ['an API key alone (set through an override: the L1 type lacks ApiKeyRequired)', (s) => {
      const api = restApi(s);
      api.addPropertyOverride('Auth.ApiKeyRequired', true);
      samFunction(s, { Get: { type: 'Api', properties: { path: '/orders', method: 'get', restApiId: api.ref } } });
    }, [{ kind: V, findingId: 'Get.api-key-only' }]],
    ['an HttpApi event on an API without default authorizer (raw JSON through an override)', (s) => {
      const api = new sam.CfnHttpApi(s, 'Http', {});
      samFunction(s, {}).addPropertyOverride('Events', { Get: { Type: 'HttpApi', Properties: { Path: '/orders', Method: 'GET', ApiId: { Ref: api.logicalId } } } });
    }, [{ kind: V, findingId: 'Get' }]],
  ])('non-compliant: %s', (_name, build, expected) => {
    const stack = newStack();
    build(stack);
    expect(checkRule(rule, stack)).toMatchObject(expected);
  });

  test.each<[string, (s: Stack) => void, RegExp]>([
    ['an event on the implicit API (auth in Globals)', (s) => samFunction(s, { Get: { type: 'Api', properties: { path: '/orders', method: 'get' } } }), /Globals/],
    ['an API from a parameter', (s) => samFunction(s, { Get: { type: 'Api', properties: { path: '/x', method: 'get', restApiId: new CfnParameter(s, 'ApiId').valueAsString } } }), /parameter ApiId/],
    ['an API defined by an OpenAPI document', (s) => new sam.CfnApi(s, 'Api', { stageName: 'prod', definitionBody: { openapi: '3.0.1', paths: {} } }), /OpenAPI document/],
  ])('undecidable: %s', (_name, build, reason) => {
    const stack = newStack();
    build(stack);
    const results = checkRule(rule, stack);
    expect(results).toMatchObject([{ kind: U }]);
    expect(results[0].detail).toMatch(reason);
  });

  test('raw override: opening an event with addPropertyOverride is caught', () => {
    const stack = newStack();
    const api = restApi(stack, { defaultAuthorizer: 'AWS_IAM' });
    const fn = samFunction(stack, { Get: { type: 'Api', properties: { path: '/orders', method: 'get', restApiId: api.ref } } });
    fn.addPropertyOverride('Events.Get.Properties.Auth', { Authorizer: 'NONE' });
    expect(checkRule(rule, stack)).toMatchObject([{ kind: V, findingId: 'Get' }]);
  });
});
