import { CfnParameter, Fn, SecretValue, Stack } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import { VerdictKind } from '../../../src/core/rule';
import { EventsConnectionSecretRule } from '../../../src/rules/events';
import { checkRule, newStack } from '../rule-test-helpers';

const rule = new EventsConnectionSecretRule();
const V = VerdictKind.VIOLATION;
const U = VerdictKind.UNDECIDABLE;

function connection(stack: Stack, authorization: events.Authorization, headerParameters?: Record<string, events.HttpParameter>) {
  return new events.Connection(stack, 'Conn', { authorization, headerParameters });
}

describe('SLS-EVENTS-CONNECTION-SECRET', () => {
  test.each<[string, (stack: Stack) => void]>([
    ['an API key from Secrets Manager (dynamic reference)', (s) => connection(s, events.Authorization.apiKey('x-api-key', SecretValue.secretsManager('prod/partner-api-key')))],
    ['a basic-auth password from Secrets Manager', (s) => connection(s, events.Authorization.basic('svc', SecretValue.secretsManager('prod/partner', { jsonField: 'password' })))],
    ['an OAuth client secret from a NoEcho parameter', (s) => connection(s, events.Authorization.oauth({
      authorizationEndpoint: 'https://auth.example.com/token',
      httpMethod: events.HttpMethod.POST,
      clientId: 'app',
      clientSecret: SecretValue.cfnParameter(new CfnParameter(s, 'ClientSecret', { noEcho: true })),
    }))],
    ['plain extra headers next to a secret one from Secrets Manager', (s) => connection(s, events.Authorization.apiKey('x-api-key', SecretValue.secretsManager('k')), {
      'Accept': events.HttpParameter.fromString('application/json'),
      'X-Partner-Token': events.HttpParameter.fromSecret(SecretValue.secretsManager('token')),
    })],
  ])('compliant: %s', (_name, build) => {
    const stack = newStack();
    build(stack);
    expect(checkRule(rule, stack)).toEqual([]);
  });

  test.each<[string, (stack: Stack) => void, object[]]>([
    ['a literal API key (SecretValue.unsafePlainText)', (s) => connection(s, events.Authorization.apiKey('x-api-key', SecretValue.unsafePlainText('abc'))),
      [{ kind: V, findingId: 'ApiKeyValue', location: 'Properties/AuthParameters/ApiKeyAuthParameters/ApiKeyValue' }]],
    ['a literal basic-auth password', (s) => connection(s, events.Authorization.basic('svc', SecretValue.unsafePlainText('hunter2'))),
      [{ kind: V, findingId: 'Password' }]],
    ['a literal OAuth client secret', (s) => connection(s, events.Authorization.oauth({
      authorizationEndpoint: 'https://auth.example.com/token', httpMethod: events.HttpMethod.POST, clientId: 'app', clientSecret: SecretValue.unsafePlainText('s3cr3t-value'),
    })), [{ kind: V, findingId: 'ClientSecret' }]],
    ['an Authorization header literal next to a secret-managed key', (s) => connection(s, events.Authorization.apiKey('x-api-key', SecretValue.secretsManager('k')), {
      Authorization: events.HttpParameter.fromString('Bearer abcdefghijklmnopqrstuvwxyz0123'),
    }), [{ kind: V, findingId: 'header.Authorization' }]],
    ['a literal marked secret (IsValueSecret) on an L1 connection', (s) => new events.CfnConnection(s, 'Conn', {
      authorizationType: 'API_KEY',
      authParameters: {
        apiKeyAuthParameters: { apiKeyName: 'x-api-key', apiKeyValue: '{{resolve:secretsmanager:k}}' },
        invocationHttpParameters: { queryStringParameters: [{ key: 'partner', value: 'acme-1234', isValueSecret: true }] },
      },
    }), [{ kind: V, findingId: 'query.partner' }]],
    ['an API key imported from another stack', (s) => new events.CfnConnection(s, 'Conn', {
      authorizationType: 'API_KEY',
      authParameters: { apiKeyAuthParameters: { apiKeyName: 'x-api-key', apiKeyValue: Fn.importValue('PartnerKey') } },
    }), [{ kind: V, findingId: 'ApiKeyValue', detail: expect.stringMatching(/export/) }]],
    ['an OAuth client secret from a parameter without NoEcho (aws-cdk-lib refuses it in SecretValue; raw L1)', (s) => new events.CfnConnection(s, 'Conn', {
      authorizationType: 'OAUTH_CLIENT_CREDENTIALS',
      authParameters: {
        oAuthParameters: {
          authorizationEndpoint: 'https://auth.example.com/token',
          httpMethod: 'POST',
          clientParameters: { clientId: 'app', clientSecret: new CfnParameter(s, 'ClientSecret').valueAsString },
        },
      },
    }), [{ kind: V, findingId: 'ClientSecret', detail: expect.stringMatching(/not NoEcho/) }]],
  ])('non-compliant: %s', (_name, build, expected) => {
    const stack = newStack();
    build(stack);
    expect(checkRule(rule, stack)).toMatchObject(expected);
  });

  test('the finding says what is wrong first and never shows the value', () => {
    const stack = newStack();
    connection(stack, events.Authorization.basic('svc', SecretValue.unsafePlainText('hunter2')));
    const [result] = checkRule(rule, stack);
    expect(result.detail).toMatch(/^The basic-auth password of connection Conn\w* is a literal written in the template\.$/);
  });

  test('token: a secret-named extra parameter from an import is undecidable', () => {
    const stack = newStack();
    connection(stack, events.Authorization.apiKey('x-api-key', SecretValue.secretsManager('k')), {
      'X-Api-Token': events.HttpParameter.fromString(Fn.importValue('Token')),
    });
    expect(checkRule(rule, stack)).toMatchObject([{ kind: U, findingId: 'header.X-Api-Token' }]);
  });

  test('raw override: a Secrets Manager key replaced by a literal through addPropertyOverride is caught', () => {
    const stack = newStack();
    const conn = connection(stack, events.Authorization.apiKey('x-api-key', SecretValue.secretsManager('k')));
    (conn.node.findAll().find((c) => c instanceof events.CfnConnection) as events.CfnConnection).addPropertyOverride('AuthParameters.ApiKeyAuthParameters.ApiKeyValue', 'plain-key-123');
    expect(checkRule(rule, stack)).toMatchObject([{ kind: V, findingId: 'ApiKeyValue' }]);
  });
});
