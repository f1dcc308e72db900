import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import {
  Duration, Stack, Validations,
  aws_apigateway as apigateway, aws_apigatewayv2 as apigwv2, aws_apigatewayv2_integrations as integrations,
  aws_certificatemanager as acm, aws_cognito as cognito, aws_lambda as lambda, aws_logs as logs,
} from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks, ServerlessChecks } from 'cdk-nag';
import { IConstruct } from 'constructs';
import { testApp } from './construct-test-helpers';
import { HttpApiAuthorization, SecureFunction, SecureHttpApi, SecureHttpApiProps } from '../../src/constructs';
import { ServerlessSecurityChecks } from '../../src/hosts';
import { AccessLogFormat as AuditedAccessLogFormat } from '../../src/rules/apigateway/private/access-log-format';
import { tempDir } from '../support/temp-dirs';

const ISSUER = 'https://issuer.example.com/';
const { GET, POST, PUT, HEAD } = apigwv2.HttpMethod;

function newStack(): Stack {
  const app = testApp();
  return new Stack(app, 'S', { env: { account: '111111111111', region: 'eu-west-1' } });
}

function secureFunction(stack: Stack, id = 'Handler'): SecureFunction {
  return new SecureFunction(stack, id, {
    runtime: lambda.Runtime.NODEJS_24_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200 });'),
  });
}

function jwtApi(stack: Stack, props: Partial<SecureHttpApiProps> = {}, id = 'Api'): SecureHttpApi {
  return new SecureHttpApi(stack, id, { authorization: HttpApiAuthorization.jwt(ISSUER, ['web-client'], { scopes: ['orders/read'] }), ...props });
}

const ORDER_SCHEMA: apigateway.JsonSchema = {
  type: apigateway.JsonSchemaType.OBJECT,
  additionalProperties: false,
  required: ['sku'],
  properties: {
    sku: { type: apigateway.JsonSchemaType.STRING, maxLength: 32 },
    quantity: { type: apigateway.JsonSchemaType.INTEGER, minimum: 1, maximum: 100 },
  },
};

/** The error codes a construction throws, in order. */
function codesOf(build: () => unknown): string[] {
  try {
    build();
  } catch (e) {
    return ((e as any).problems ?? []).map((p: any) => p.code);
  }
  throw new Error('expected a SecureConstructValidationError');
}

function acknowledged(construct: IConstruct): Record<string, string> {
  return Object.assign({}, ...construct.node.metadata
    .filter((m) => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
    .map((m) => m.data as Record<string, string>));
}

function routeResource(stack: Stack, routeKey: string): any {
  return Object.values(Template.fromStack(stack).findResources('AWS::ApiGatewayV2::Route', { Properties: { RouteKey: routeKey } }))[0];
}

describe('secure defaults', () => {
  test('the $default stage auto-deploys with default route throttling (100 rps, burst 200)', () => {
    const stack = newStack();
    jwtApi(stack);
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 100, ThrottlingBurstLimit: 200 },
    });
  });

  test('throttling limits can be changed', () => {
    const stack = newStack();
    jwtApi(stack, { throttlingRateLimit: 5, throttlingBurstLimit: 10 });
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      DefaultRouteSettings: { ThrottlingRateLimit: 5, ThrottlingBurstLimit: 10 },
    });
  });

  test('access logs are JSON with identity, source IP, request id, status, latency and authorizer error', () => {
    const stack = newStack();
    const api = jwtApi(stack);
    const template = Template.fromStack(stack);
    const stage = Object.values(template.findResources('AWS::ApiGatewayV2::Stage'))[0] as any;
    expect(stage.Properties.AccessLogSettings.DestinationArn).toEqual({ 'Fn::GetAtt': [stack.getLogicalId(api.accessLogGroup.node.defaultChild as logs.CfnLogGroup), 'Arn'] });
    const format = stage.Properties.AccessLogSettings.Format as string;
    expect(AuditedAccessLogFormat.problems(format)).toEqual([]);
    expect(JSON.parse(format)).toMatchObject({
      requestId: '$context.requestId',
      sourceIp: '$context.identity.sourceIp',
      userArn: '$context.identity.userArn',
      jwtSubject: '$context.authorizer.claims.sub',
      principalId: '$context.authorizer.principalId',
      status: '$context.status',
      responseLatency: '$context.responseLatency',
      authorizerError: '$context.authorizer.error',
      routeKey: '$context.routeKey',
    });
    // REST-only variables would log only '-' on an HTTP API.
    expect(format).not.toMatch(/\$context\.(waf\.|authorize\.|authenticate\.|xrayTraceId|error\.validationErrorString)/);
  });

  test('the access log group is encrypted with the stack key and kept one year', () => {
    const stack = newStack();
    jwtApi(stack);
    Template.fromStack(stack).hasResourceProperties('AWS::Logs::LogGroup', {
      RetentionInDays: 365,
      KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^SecureServerlessKey'), 'Arn'] },
    });
  });

  test('CORS is off and the default endpoint is on when no domain is set', () => {
    const stack = newStack();
    jwtApi(stack);
    const api = Template.fromStack(stack).findResources('AWS::ApiGatewayV2::Api');
    const properties = (Object.values(api)[0] as any).Properties;
    expect(properties.CorsConfiguration).toBeUndefined();
    expect(properties.ProtocolType).toBe('HTTP');
  });
});

describe('authorization on every route', () => {
  test('a JWT authorization is the default of every route, with its scopes, and one authorizer serves them all', () => {
    const stack = newStack();
    const api = jwtApi(stack);
    const fn = secureFunction(stack);
    api.addRoute({ path: '/orders', method: GET, handler: fn });
    api.addRoute({ path: '/orders/{orderId}', method: GET, handler: fn, scopes: ['orders/admin'] });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::ApiGatewayV2::Authorizer', 1);
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      JwtConfiguration: { Issuer: ISSUER, Audience: ['web-client'] },
      IdentitySource: ['$request.header.Authorization'],
    });
    expect(routeResource(stack, 'GET /orders').Properties).toMatchObject({ AuthorizationType: 'JWT', AuthorizerId: { Ref: expect.any(String) }, AuthorizationScopes: ['orders/read'] });
    expect(routeResource(stack, 'GET /orders/{orderId}').Properties.AuthorizationScopes).toEqual(['orders/admin']);
  });

  test('a Cognito user pool authorization is a JWT authorizer for the pool and its clients', () => {
    const stack = newStack();
    const pool = new cognito.UserPool(stack, 'Pool');
    const client = pool.addClient('Web');
    const api = new SecureHttpApi(stack, 'Api', { authorization: HttpApiAuthorization.userPool(pool, [client]) });
    api.addRoute({ path: '/me', method: GET, handler: secureFunction(stack) });
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      JwtConfiguration: { Audience: [{ Ref: Match.stringLikeRegexp('^PoolWeb') }] },
    });
    expect(routeResource(stack, 'GET /me').Properties.AuthorizationType).toBe('JWT');
  });

  test('a Lambda authorization uses simple responses and a 5-minute cache', () => {
    const stack = newStack();
    const api = new SecureHttpApi(stack, 'Api', { authorization: HttpApiAuthorization.lambdaFunction(secureFunction(stack, 'Authorizer')) });
    api.addRoute({ path: '/a', method: GET, handler: secureFunction(stack) });
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'REQUEST',
      EnableSimpleResponses: true,
      AuthorizerResultTtlInSeconds: 300,
      AuthorizerPayloadFormatVersion: '2.0',
    });
    expect(routeResource(stack, 'GET /a').Properties.AuthorizationType).toBe('CUSTOM');
  });

  test('a route can use IAM instead of the API authorization, and then carries no scopes', () => {
    const stack = newStack();
    const api = jwtApi(stack);
    api.addRoute({ path: '/internal', method: POST, handler: secureFunction(stack), authorization: HttpApiAuthorization.iam() });
    const route = routeResource(stack, 'POST /internal').Properties;
    expect(route.AuthorizationType).toBe('AWS_IAM');
    expect(route.AuthorizerId).toBeUndefined();
    expect(route.AuthorizationScopes ?? []).toEqual([]);
  });

  test('each API gets its own authorizer even when they share one authorization', () => {
    const stack = newStack();
    const authorization = HttpApiAuthorization.jwt(ISSUER, ['web-client']);
    const fn = secureFunction(stack);
    new SecureHttpApi(stack, 'A', { authorization }).addRoute({ path: '/a', method: GET, handler: fn });
    new SecureHttpApi(stack, 'B', { authorization }).addRoute({ path: '/b', method: GET, handler: fn });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::ApiGatewayV2::Authorizer', 2);
    const apiOf = (key: string) => routeResource(stack, key).Properties.ApiId.Ref;
    const authorizerApi = (key: string) => template.toJSON().Resources[routeResource(stack, key).Properties.AuthorizerId.Ref].Properties.ApiId.Ref;
    expect(authorizerApi('GET /a')).toBe(apiOf('GET /a'));
    expect(authorizerApi('GET /b')).toBe(apiOf('GET /b'));
  });

  test('a public route needs a justification, recorded for our audit and cdk-nag on the route', () => {
    const stack = newStack();
    const api = jwtApi(stack);
    const route = api.addRoute({ path: '/health', method: GET, handler: secureFunction(stack), relaxations: { publicAccess: 'Liveness probe of the uptime monitor' } });
    expect(routeResource(stack, 'GET /health').Properties.AuthorizationType).toBe('NONE');
    expect(acknowledged(route.node.defaultChild!)).toEqual({
      'ServerlessSecurityChecks::SLS-HTTPAPI-ROUTE-AUTH': 'Liveness probe of the uptime monitor',
      'Annotation::AwsSolutions-APIG4': 'Liveness probe of the uptime monitor',
    });
  });

  test("the handler's invoke permission is limited to its route", () => {
    const stack = newStack();
    jwtApi(stack).addRoute({ path: '/orders/{orderId}', method: GET, handler: secureFunction(stack) });
    Template.fromStack(stack).hasResourceProperties('AWS::Lambda::Permission', {
      Principal: 'apigateway.amazonaws.com',
      SourceArn: { 'Fn::Join': ['', Match.arrayWith([Match.stringLikeRegexp('/\\*/\\*/orders/\\{orderId\\}$')])] },
    });
  });

  test('a route can use any integration', () => {
    const stack = newStack();
    jwtApi(stack).addRoute({ path: '/proxy', method: GET, integration: new integrations.HttpUrlIntegration('Url', 'https://backend.example.com/') });
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Integration', { IntegrationType: 'HTTP_PROXY' });
    expect(routeResource(stack, 'GET /proxy').Properties.AuthorizationType).toBe('JWT');
  });
});

describe('request schemas', () => {
  test("a route's schema reaches its function as standard JSON Schema under its route key; routes share the variable", () => {
    const stack = newStack();
    const api = jwtApi(stack);
    const fn = secureFunction(stack);
    api.addRoute({ path: '/orders', method: POST, handler: fn, requestSchema: ORDER_SCHEMA });
    api.addRoute({ path: '/orders/{orderId}', method: PUT, handler: fn, requestSchema: { ...ORDER_SCHEMA, definitions: { ref: { type: apigateway.JsonSchemaType.INTEGER } } } });
    const variables = Template.fromStack(stack).findResources('AWS::Lambda::Function');
    const schemas = JSON.parse((Object.values(variables)[0] as any).Properties.Environment.Variables.REQUEST_SCHEMAS);
    expect(Object.keys(schemas)).toEqual(['POST /orders', 'PUT /orders/{orderId}']);
    expect(schemas['POST /orders']).toEqual({
      $schema: 'http://json-schema.org/draft-04/schema#',
      type: 'object',
      additionalProperties: false,
      required: ['sku'],
      properties: { sku: { type: 'string', maxLength: 32 }, quantity: { type: 'integer', minimum: 1, maximum: 100 } },
    });
    // Names under `definitions` / `properties` are the user's, not keywords to rename.
    expect(schemas['PUT /orders/{orderId}'].definitions).toEqual({ ref: { type: 'integer' } });
  });

  test('a refused route leaves the function unchanged', () => {
    const stack = newStack();
    const api = jwtApi(stack);
    const fn = secureFunction(stack);
    expect(() => api.addRoute({ path: 'orders', method: POST, handler: fn, requestSchema: ORDER_SCHEMA })).toThrow(/SH101/);
    const variables = (Object.values(Template.fromStack(stack).findResources('AWS::Lambda::Function'))[0] as any).Properties.Environment.Variables;
    expect(variables.REQUEST_SCHEMAS).toBeUndefined();
  });
});

describe('CORS and custom domain', () => {
  test('explicit origins, with the authorization and content-type headers', () => {
    const stack = newStack();
    jwtApi(stack, { corsAllowOrigins: ['https://app.example.com'], corsAllowCredentials: true, corsMaxAge: Duration.minutes(10) });
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Api', {
      CorsConfiguration: { AllowOrigins: ['https://app.example.com'], AllowCredentials: true, AllowHeaders: ['authorization', 'content-type'], MaxAge: 600 },
    });
  });

  test("'*' alone is accepted with a justification, recorded on the API", () => {
    const stack = newStack();
    const api = jwtApi(stack, { corsAllowOrigins: ['*'], relaxations: { anyCorsOrigin: 'Public read-only catalogue without cookies' } });
    expect(acknowledged(api.httpApi.node.defaultChild!)).toEqual({ 'ServerlessSecurityChecks::SLS-HTTPAPI-CORS': 'Public read-only catalogue without cookies' });
  });

  const certificate = (stack: Stack) => acm.Certificate.fromCertificateArn(stack, 'Cert', 'arn:aws:acm:eu-west-1:111111111111:certificate/abc');

  test('a custom domain uses TLS 1.2, is mapped to the stage, and disables the default endpoint', () => {
    const stack = newStack();
    jwtApi(stack, { domain: { domainName: 'api.example.com', certificate: certificate(stack) } });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ApiGatewayV2::DomainName', {
      DomainName: 'api.example.com',
      DomainNameConfigurations: [Match.objectLike({ SecurityPolicy: 'TLS_1_2', EndpointType: 'REGIONAL' })],
    });
    template.hasResourceProperties('AWS::ApiGatewayV2::ApiMapping', { Stage: '$default', DomainName: { Ref: Match.stringLikeRegexp('^ApiDomain') } });
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', { DisableExecuteApiEndpoint: true });
  });

  test('the default endpoint stays on with a justification, recorded on the API', () => {
    const stack = newStack();
    const api = jwtApi(stack, { domain: { domainName: 'api.example.com', certificate: certificate(stack) }, relaxations: { defaultEndpoint: 'Clients migrate to the domain until June' } });
    Template.fromStack(stack).hasResourceProperties('AWS::ApiGatewayV2::Api', { DisableExecuteApiEndpoint: false });
    expect(acknowledged(api.httpApi.node.defaultChild!)).toEqual({ 'ServerlessSecurityChecks::SLS-APIGW-DEFAULT-ENDPOINT': 'Clients migrate to the domain until June' });
  });
});

describe('bad input', () => {
  const build = (props: Partial<SecureHttpApiProps>) => () => jwtApi(newStack(), props);
  const routeOn = (route: (stack: Stack, api: SecureHttpApi) => void, props: Partial<SecureHttpApiProps> = {}) => () => {
    const stack = newStack();
    route(stack, jwtApi(stack, props));
  };

  test.each<[string, () => unknown]>([
    ['SH001', () => new SecureHttpApi(newStack(), 'Api', {} as SecureHttpApiProps)],
    ['SH002', () => new SecureHttpApi(newStack(), 'Api', { authorization: HttpApiAuthorization.jwt('http://issuer.example.com', ['a']) })],
    ['SH002', () => new SecureHttpApi(newStack(), 'Api', { authorization: HttpApiAuthorization.jwt(ISSUER, []) })],
    ['SH002', () => {
      const stack = newStack();
      return new SecureHttpApi(stack, 'Api', { authorization: HttpApiAuthorization.userPool(new cognito.UserPool(stack, 'P'), []) });
    }],
    ['SH002', () => new SecureHttpApi(newStack(), 'Api', { authorization: HttpApiAuthorization.lambdaFunction(undefined as unknown as lambda.IFunction) })],
    ['SH003', build({ corsAllowOrigins: ['*'], relaxations: { anyCorsOrigin: 'ok' } })],
    ['SH010', build({ logRetention: logs.RetentionDays.INFINITE })],
    ['SH013', build({ throttlingRateLimit: 0 })],
    ['SH013', build({ throttlingBurstLimit: 1.5 })],
    ['SH032', () => {
      const stack = newStack();
      return jwtApi(stack, { domain: { domainName: 'a.example.com', certificate: acm.Certificate.fromCertificateArn(stack, 'C', 'arn:aws:acm:eu-west-1:111111111111:certificate/x'), securityPolicy: apigwv2.SecurityPolicy.TLS_1_0 } });
    }],
    ['SH040', build({ corsAllowOrigins: ['*'], corsAllowCredentials: true })],
    ['SH041', build({ corsAllowOrigins: ['*'] })],
    ['SH042', build({ corsAllowOrigins: ['https://*.example.com'] })],
    ['SH043', build({ corsAllowCredentials: true })],
    ['SH100', routeOn((_, api) => api.addRoute({ path: '/a', method: GET }))],
    ['SH100', routeOn((stack, api) => api.addRoute({ path: '/a', method: GET, handler: secureFunction(stack), integration: new integrations.HttpUrlIntegration('U', 'https://x.example.com') }))],
    ['SH101', routeOn((stack, api) => api.addRoute({ path: '/a/', method: GET, handler: secureFunction(stack) }))],
    ['SH101', routeOn((stack, api) => api.addRoute({ path: '/{proxy+}/a', method: GET, handler: secureFunction(stack) }))],
    ['SH102', routeOn((stack, api) => {
      api.addRoute({ path: '/a', method: GET, handler: secureFunction(stack) });
      api.addRoute({ path: '/a', method: GET, handler: secureFunction(stack, 'Other') });
    })],
    ['SH103', routeOn((stack, api) => api.addRoute({ path: '/a', method: HEAD, handler: secureFunction(stack), requestSchema: ORDER_SCHEMA }))],
    ['SH104', routeOn((stack, api) => api.addRoute({ path: '/a', method: POST, handler: secureFunction(stack), requestSchema: { type: 'banana' as any } }))],
    ['SH105', routeOn((stack, api) => api.addRoute({ path: '/a', method: POST, handler: secureFunction(stack), requestSchema: { type: apigateway.JsonSchemaType.OBJECT } }))],
    ['SH106', routeOn((stack, api) => api.addRoute({ path: '/a', method: POST, handler: lambda.Function.fromFunctionName(stack, 'I', 'imported'), requestSchema: ORDER_SCHEMA }))],
    ['SH106', routeOn((_, api) => api.addRoute({ path: '/a', method: POST, integration: new integrations.HttpUrlIntegration('U', 'https://x.example.com'), requestSchema: ORDER_SCHEMA }))],
    ['SH107', routeOn((stack, api) => api.addRoute({ path: '/a', method: POST, handler: secureFunction(stack), requestSchema: { ...ORDER_SCHEMA, description: 'x'.repeat(4000) } }))],
    ['SH108', () => {
      const stack = newStack();
      new SecureHttpApi(stack, 'Api', { authorization: HttpApiAuthorization.iam() }).addRoute({ path: '/a', method: GET, handler: secureFunction(stack), scopes: ['s'] });
    }],
    ['SH109', routeOn((stack, api) => api.addRoute({ path: '/a', method: GET, handler: secureFunction(stack), scopes: ['s'], relaxations: { publicAccess: 'Liveness probe of the uptime monitor' } }))],
  ])('fails with %s', (code, attempt) => {
    expect(codesOf(attempt)).toContain(code);
  });

  test('a schema too large for the environment only fails once the variable, shared by routes, overflows', () => {
    const stack = newStack();
    const api = jwtApi(stack);
    const fn = secureFunction(stack);
    const big = { ...ORDER_SCHEMA, description: 'x'.repeat(1800) };
    api.addRoute({ path: '/a', method: POST, handler: fn, requestSchema: big });
    expect(codesOf(() => api.addRoute({ path: '/b', method: POST, handler: fn, requestSchema: big }))).toEqual(['SH107']);
  });

  test('every API prop problem is reported at once', () => {
    expect(codesOf(() => new SecureHttpApi(newStack(), 'Api', {
      authorization: HttpApiAuthorization.jwt('issuer', []),
      logRetention: logs.RetentionDays.INFINITE,
      throttlingRateLimit: -1,
      corsAllowOrigins: ['*', 'app.example.com'],
      corsAllowCredentials: true,
    }))).toEqual(['SH002', 'SH002', 'SH010', 'SH013', 'SH040', 'SH042']);
  });

  test('every route problem is reported at once', () => {
    const stack = newStack();
    const api = new SecureHttpApi(stack, 'Api', { authorization: HttpApiAuthorization.lambdaFunction(secureFunction(stack, 'Authorizer')) });
    expect(codesOf(() => api.addRoute({
      path: 'a//b', method: GET, requestSchema: { type: apigateway.JsonSchemaType.STRING }, scopes: ['s'],
    }))).toEqual(['SH100', 'SH101', 'SH103', 'SH108', 'SH105', 'SH106']);
  });
});

describe('compliance', () => {
  /** A typical API: JWT, a validated POST, a GET, an IAM route, a public health check, CORS, a custom domain. */
  function typicalStack(): Stack {
    const stack = newStack();
    const api = jwtApi(stack, {
      corsAllowOrigins: ['https://app.example.com'],
      domain: { domainName: 'api.example.com', certificate: acm.Certificate.fromCertificateArn(stack, 'Cert', 'arn:aws:acm:eu-west-1:111111111111:certificate/abc') },
    });
    const orders = secureFunction(stack, 'Orders');
    api.addRoute({ path: '/orders', method: POST, handler: orders, requestSchema: ORDER_SCHEMA });
    api.addRoute({ path: '/orders/{orderId}', method: GET, handler: orders });
    api.addRoute({ path: '/internal', method: GET, handler: secureFunction(stack, 'Internal'), authorization: HttpApiAuthorization.iam() });
    api.addRoute({ path: '/health', method: GET, handler: secureFunction(stack, 'Health'), relaxations: { publicAccess: 'Liveness probe of the uptime monitor' } });
    return stack;
  }

  test('cdk-nag AwsSolutions and Serverless report nothing', () => {
    const stack = typicalStack();
    const findings = [new AwsSolutionsChecks(), new ServerlessChecks()].flatMap((pack) =>
      pack.validateScope(stack).violations.flatMap((v) => v.violatingResources.map((r) => `${v.ruleName}: ${r.constructPath}`)));
    expect(findings).toEqual([]);
  });

  test('our audit reports no unacknowledged error, and nothing at all on the API', () => {
    const findings = new ServerlessSecurityChecks().audit(typicalStack());
    expect(findings.filter((f) => f.severity === 'error' && !f.acknowledged).map((f) => `${f.ruleId}: ${f.constructPath}`)).toEqual([]);
    const onApi = findings.filter((f) => f.constructPath.startsWith('S/Api/'));
    expect(onApi.map((f) => `${f.ruleId} acknowledged=${f.acknowledged}: ${f.constructPath}`))
      .toEqual(['SLS-HTTPAPI-ROUTE-AUTH acknowledged=true: S/Api/Api/GET--health/Resource']);
  });

  const cfnLint = spawnSync('cfn-lint', ['--version']).status === 0 ? test : test.skip;
  // W3005 (a DependsOn next to a Ref) is how aws-cdk-lib itself writes function roles and API mappings.
  cfnLint('cfn-lint reports no error, and no warning other than W3005', () => {
    const file = path.join(tempDir('secure-http-api'), 'template.json');
    fs.writeFileSync(file, JSON.stringify(Template.fromStack(typicalStack()).toJSON()));
    const result = spawnSync('cfn-lint', ['--format', 'parseable', file], { encoding: 'utf8' });
    expect(result.stdout.split('\n').filter((line) => /:[EW]\d{4}:/.test(line) && !/:W3005:/.test(line))).toEqual([]);
  });
});
