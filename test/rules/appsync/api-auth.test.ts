import { CfnParameter, Stack } from 'aws-cdk-lib';
import * as appsync from 'aws-cdk-lib/aws-appsync';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Severity, VerdictKind } from '../../../src/core/rule';
import { AppSyncApiAuthRule } from '../../../src/rules/appsync';
import { checkRule, newStack } from '../rule-test-helpers';

const rule = new AppSyncApiAuthRule();
const V = VerdictKind.VIOLATION;
const definition = appsync.Definition.fromSchema(appsync.SchemaFile.fromAsset(`${__dirname}/schema.graphql`));

function graphql(stack: Stack, authorizationConfig?: appsync.AuthorizationConfig) {
  return new appsync.GraphqlApi(stack, 'Api', { name: 'orders', definition, authorizationConfig });
}

describe('SLS-APPSYNC-AUTH', () => {
  test.each<[string, (stack: Stack) => void]>([
    ['Cognito user pools by default', (s) => graphql(s, { defaultAuthorization: { authorizationType: appsync.AuthorizationType.USER_POOL, userPoolConfig: { userPool: new cognito.UserPool(s, 'Pool') } } })],
    ['IAM by default, an API key as an additional mode for public fields', (s) => graphql(s, {
      defaultAuthorization: { authorizationType: appsync.AuthorizationType.IAM },
      additionalAuthorizationModes: [{ authorizationType: appsync.AuthorizationType.API_KEY }],
    })],
    ['an Event API with IAM and an API key', (s) => new appsync.EventApi(s, 'Events', {
      apiName: 'events',
      authorizationConfig: {
        authProviders: [{ authorizationType: appsync.AppSyncAuthorizationType.IAM }, { authorizationType: appsync.AppSyncAuthorizationType.API_KEY }],
      },
    })],
  ])('compliant: %s', (_name, build) => {
    const stack = newStack();
    build(stack);
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test.each<[string, (stack: Stack) => void, object[]]>([
    ['the aws-cdk-lib default (an API key only)', (s) => graphql(s), [{ kind: V, severity: undefined, detail: expect.stringMatching(/^AppSync API orders \(Api\w*\) is protected only by an API key/) }]],
    ['an API key by default next to Cognito', (s) => graphql(s, {
      defaultAuthorization: { authorizationType: appsync.AuthorizationType.API_KEY },
      additionalAuthorizationModes: [{ authorizationType: appsync.AuthorizationType.USER_POOL, userPoolConfig: { userPool: new cognito.UserPool(s, 'Pool') } }],
    }), [{ kind: V, findingId: 'default-api-key', severity: Severity.WARNING }]],
    ['an L1 Event API with only API keys', (s) => new appsync.CfnApi(s, 'Events', {
      name: 'events', eventConfig: { authProviders: [{ authType: 'API_KEY' }], connectionAuthModes: [{ authType: 'API_KEY' }], defaultPublishAuthModes: [{ authType: 'API_KEY' }], defaultSubscribeAuthModes: [{ authType: 'API_KEY' }] },
    }), [{ kind: V, severity: undefined }]],
  ])('non-compliant: %s', (_name, build, expected) => {
    const stack = newStack();
    build(stack);
    expect(checkRule(rule, stack)).toMatchObject(expected);
  });

  test('token: an authorization mode from a parameter is undecidable', () => {
    const stack = newStack();
    new appsync.CfnGraphQLApi(stack, 'Api', { name: 'orders', authenticationType: new CfnParameter(stack, 'AuthMode').valueAsString });
    expect(checkRule(rule, stack)).toMatchObject([{ kind: VerdictKind.UNDECIDABLE, detail: expect.stringMatching(/parameter AuthMode/) }]);
  });

  test('raw override: an IAM API switched to API key through addPropertyOverride is caught', () => {
    const stack = newStack();
    const api = graphql(stack, { defaultAuthorization: { authorizationType: appsync.AuthorizationType.IAM } });
    (api.node.defaultChild as appsync.CfnGraphQLApi).addPropertyOverride('AuthenticationType', 'API_KEY');
    expect(checkRule(rule, stack)).toMatchObject([{ kind: V, severity: undefined }]);
  });
});
