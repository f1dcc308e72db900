import { CfnParameter, Stack } from 'aws-cdk-lib';
import * as sam from 'aws-cdk-lib/aws-sam';
import { VerdictKind } from '../../../src/core/rule';
import { StackView } from '../../../src/core/stack-view';
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

/** A view of a SAM template with a `Globals` section (CDK has no API for it: the template is written as SAM users do). */
function samTemplate(globals: any, events: any): StackView {
  return new StackView('Sam', {
    Transform: 'AWS::Serverless-2016-10-31',
    Globals: globals,
    Resources: { Fn: { Type: 'AWS::Serverless::Function', Properties: { Runtime: 'nodejs22.x', Handler: 'index.handler', CodeUri: 's3://b/c.zip', Events: events } } },
  });
}

function checkView(view: StackView) {
  return view.resources.filter((r) => rule.resourceTypes.includes(r.resourceType)).flatMap((r) => rule.check(r, view));
}

describe('SLS-SAM-API-AUTH', () => {
  describe('events on the implicit API SAM creates (ServerlessRestApi, ServerlessHttpApi), configured by Globals', () => {
    const get = { Get: { Type: 'Api', Properties: { Path: '/orders', Method: 'get' } } };

    test('compliant: Globals.Api sets a default authorizer', () => {
      expect(checkView(samTemplate({ Api: { Auth: { DefaultAuthorizer: 'AWS_IAM' } } }, get))).toEqual([]);
    });

    test('non-compliant: no Globals, so the implicit API has no authorizer', () => {
      expect(checkView(samTemplate(undefined, get))).toMatchObject([{
        kind: V, findingId: 'Get', detail: expect.stringMatching(/neither the event nor the implicit API ServerlessRestApi \(Globals\.Api\.Auth\.DefaultAuthorizer\) sets one/),
      }]);
    });

    test('non-compliant: an HttpApi event, Globals configure only the REST API', () => {
      const view = samTemplate({ Api: { Auth: { DefaultAuthorizer: 'AWS_IAM' } } }, { Get: { Type: 'HttpApi', Properties: { Path: '/x', Method: 'GET' } } });
      expect(checkView(view)).toMatchObject([{ kind: V, detail: expect.stringMatching(/ServerlessHttpApi \(Globals\.HttpApi/) }]);
    });

    test('undecidable: Globals take the default authorizer from a parameter', () => {
      const view = new StackView('Sam', {
        Parameters: { Authorizer: { Type: 'String' } },
        Globals: { Api: { Auth: { DefaultAuthorizer: { Ref: 'Authorizer' } } } },
        Resources: { Fn: { Type: 'AWS::Serverless::Function', Properties: { Events: get } } },
      });
      expect(checkView(view)).toMatchObject([{ kind: U, detail: expect.stringMatching(/parameter Authorizer/) }]);
    });
  });

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
