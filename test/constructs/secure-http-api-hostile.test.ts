import {
  CfnParameter, Duration, Lazy, Stack,
  aws_apigateway as apigateway, aws_apigatewayv2 as apigwv2, aws_certificatemanager as acm, aws_cognito as cognito, aws_lambda as lambda,
} from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { expectCoded, testApp } from './construct-test-helpers';
import { HttpApiAuthorization, SecureFunction, SecureHttpApi, SecureHttpApiProps, SecureHttpRouteOptions } from '../../src/constructs';

const ISSUER = 'https://issuer.example.com/';
const { GET, POST } = apigwv2.HttpMethod;

function newStack(): Stack {
  return new Stack(testApp(), 'S', { env: { account: '111111111111', region: 'eu-west-1' } });
}
function fn(stack: Stack, id = 'Handler'): SecureFunction {
  return new SecureFunction(stack, id, {
    runtime: lambda.Runtime.NODEJS_24_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200 });'),
  });
}
const jwt = () => HttpApiAuthorization.jwt(ISSUER, ['web-client'], { scopes: ['orders/read'] });
const cert = (s: Stack) => acm.Certificate.fromCertificateArn(s, 'Cert', 'arn:aws:acm:eu-west-1:111111111111:certificate/abc');
const STRICT: apigateway.JsonSchema = {
  type: apigateway.JsonSchemaType.OBJECT,
  additionalProperties: false,
  required: ['sku'],
  properties: { sku: { type: apigateway.JsonSchemaType.STRING, maxLength: 32 } },
};

/** Hostile props of SecureHttpApi, by class: each ends in a coded problem naming the prop. */
const HOSTILE_PROPS: Array<[string, string, (s: Stack) => any, string, string]> = [
  ['missing', 'props undefined', () => undefined, 'SH001', 'authorization'],
  ['missing', 'props null', () => null, 'SH001', 'authorization'],
  ['missing', 'authorization a plain object', () => ({ authorization: { kind: 'JWT' } }), 'SH002', 'authorization'],
  ['missing', 'jwt() with a null audience', () => ({ authorization: HttpApiAuthorization.jwt(ISSUER, null as any) }), 'SH002', 'authorization.audience'],
  ['missing', 'userPool() with a null pool', () => ({ authorization: HttpApiAuthorization.userPool(null as any, []) }), 'SH002', 'authorization.pool'],
  ['missing', 'lambdaFunction() with a name', () => ({ authorization: HttpApiAuthorization.lambdaFunction('authorizer' as any) }), 'SH002', 'authorization.handler'],
  ['missing', 'domain without certificate', () => ({ domain: { domainName: 'api.example.com' } }), 'SH033', 'domain.certificate'],
  ['numbers', 'throttlingRateLimit NaN', () => ({ throttlingRateLimit: NaN }), 'SH013', 'throttlingRateLimit'],
  ['numbers', 'throttlingRateLimit negative', () => ({ throttlingRateLimit: -10 }), 'SH013', 'throttlingRateLimit'],
  ['numbers', 'throttlingBurstLimit zero', () => ({ throttlingBurstLimit: 0 }), 'SH013', 'throttlingBurstLimit'],
  ['numbers', 'throttlingBurstLimit fraction', () => ({ throttlingBurstLimit: 2.5 }), 'SH013', 'throttlingBurstLimit'],
  ['numbers', 'logRetention negative', () => ({ logRetention: -1 }), 'SH010', 'logRetention'],
  ['numbers', 'Lambda authorizer cache TTL over an hour', (s) => ({ authorization: HttpApiAuthorization.lambdaFunction(fn(s, 'Auth'), { resultsCacheTtl: Duration.hours(3) }) }), 'SH002', 'authorization.resultsCacheTtl'],
  ['numbers', 'Lambda authorizer cache TTL NaN', (s) => ({ authorization: HttpApiAuthorization.lambdaFunction(fn(s, 'Auth'), { resultsCacheTtl: Duration.seconds(NaN) }) }), 'SH002', 'authorization.resultsCacheTtl'],
  ['numbers', 'corsMaxAge NaN', () => ({ corsAllowOrigins: ['https://app.example.com'], corsMaxAge: Duration.seconds(NaN) }), 'SH045', 'corsMaxAge'],
  ['types', 'corsAllowCredentials "yes"', () => ({ corsAllowOrigins: ['https://app.example.com'], corsAllowCredentials: 'yes' }), 'SH017', 'corsAllowCredentials'],
  ['types', 'corsAllowMethods not CorsHttpMethod', () => ({ corsAllowOrigins: ['https://app.example.com'], corsAllowMethods: ['FETCH'] }), 'SH045', 'corsAllowMethods'],
  ['types', 'responseTypes not a response type', (s) => ({ authorization: HttpApiAuthorization.lambdaFunction(fn(s, 'Auth'), { responseTypes: ['SIMPLE' as any] }) }), 'SH002', 'authorization.responseTypes'],
  ['tokens', 'a Lazy issuer resolving to http:', () => ({ authorization: HttpApiAuthorization.jwt(Lazy.string({ produce: () => 'http://issuer.example.com' }), ['web']) }), 'SH002', 'authorization.issuer'],
  ['tokens', 'a Lazy CORS origin resolving to *', () => ({ corsAllowOrigins: [Lazy.string({ produce: () => '*' })] }), 'SH041', 'corsAllowOrigins'],
  ['tokens', 'a Lazy burst resolving to -1', () => ({ throttlingBurstLimit: Lazy.number({ produce: () => -1 }) }), 'SH013', 'throttlingBurstLimit'],
  ['justifications', 'whitespace', () => ({ corsAllowOrigins: ['*'], relaxations: { anyCorsOrigin: '   \n\t   \n   ' } }), 'SH003', 'relaxations.anyCorsOrigin'],
  ['justifications', 'zero-width joiners, unused', () => ({ relaxations: { defaultEndpoint: '\u200d\u200b'.repeat(12) } }), 'SH003', 'relaxations.defaultEndpoint'],
  ['justifications', 'a repeated word', (s) => ({ domain: { domainName: 'api.example.com', certificate: cert(s) }, relaxations: { defaultEndpoint: 'because because because because' } }), 'SH003', 'relaxations.defaultEndpoint'],
  ['names', 'apiName blank', () => ({ apiName: ' ' }), 'SH011', 'apiName'],
  ['names', 'apiName over 128 characters', () => ({ apiName: 'a'.repeat(129) }), 'SH011', 'apiName'],
  ['names', 'domain name empty', (s) => ({ domain: { domainName: '', certificate: cert(s) } }), 'SH033', 'domain.domainName'],
  ['names', 'domain name with a trailing hyphen label', (s) => ({ domain: { domainName: 'api-.example.com', certificate: cert(s) } }), 'SH033', 'domain.domainName'],
  ['names', 'issuer that is not a URL', () => ({ authorization: HttpApiAuthorization.jwt('issuer.example.com', ['web']) }), 'SH002', 'authorization.issuer'],
  ['names', 'blank audience', () => ({ authorization: HttpApiAuthorization.jwt(ISSUER, ['  ']) }), 'SH002', 'authorization.audience'],
  ['names', 'identity source without $request', () => ({ authorization: HttpApiAuthorization.jwt(ISSUER, ['web'], { identitySource: ['Authorization'] }) }), 'SH002', 'authorization.identitySource'],
  ['names', 'a plain-http CORS origin', () => ({ corsAllowOrigins: ['http://app.example.com'] }), 'SH042', 'corsAllowOrigins'],
  ['names', 'CORS header with a newline', () => ({ corsAllowOrigins: ['https://app.example.com'], corsAllowHeaders: ['x-id\n'] }), 'SH045', 'corsAllowHeaders'],
  ['limits', 'rate over the account quota', () => ({ throttlingRateLimit: 10_001 }), 'SH013', 'throttlingRateLimit'],
  ['limits', 'TLS 1.0', (s) => ({ domain: { domainName: 'api.example.com', certificate: cert(s), securityPolicy: apigwv2.SecurityPolicy.TLS_1_0 } }), 'SH032', 'domain.securityPolicy'],
];

/** Hostile options of `addRoute`. */
const HOSTILE_ROUTES: Array<[string, string, (s: Stack) => any, string, string]> = [
  ['missing', 'options null', () => null, 'SH110', 'addRoute(options)'],
  ['missing', 'handler a plain object with an ARN', () => ({ path: '/a', method: GET, handler: { functionArn: 'arn:aws:lambda:eu-west-1:1:function:f' } }), 'SH100', '.handler'],
  ['types', 'method FETCH', (s) => ({ path: '/a', method: 'FETCH', handler: fn(s) }), 'SH111', '.method'],
  ['types', 'path undefined', (s) => ({ method: GET, handler: fn(s) }), 'SH101', '.path'],
  ['types', 'requestSchema an array', (s) => ({ path: '/a', method: POST, handler: fn(s), requestSchema: [STRICT] }), 'SH104', '.requestSchema'],
  ['tokens', 'a path known only at deploy time', (s) => ({ path: new CfnParameter(s, 'P').valueAsString, method: GET, handler: fn(s) }), 'SH101', '.path'],
  ['justifications', 'public route with a tab-only reason', (s) => ({ path: '/a', method: GET, handler: fn(s), relaxations: { publicAccess: '\t'.repeat(20) } }), 'SH003', '.relaxations.publicAccess'],
  ['names', 'scope with a quote', (s) => ({ path: '/a', method: GET, handler: fn(s), scopes: ['orders"read'] }), 'SH108', '.scopes'],
  ['schemas', 'remote $ref', (s) => ({ path: '/a', method: POST, handler: fn(s), requestSchema: { ...STRICT, properties: { sku: { ref: 'https://evil.example.com/x.json' } } } }), 'SH104', '.requestSchema'],
  ['schemas', 'nested 50,000 levels deep', (s) => {
    let schema: any = { type: 'string', maxLength: 1 };
    for (let i = 0; i < 50_000; i++) schema = { type: 'object', additionalProperties: false, required: ['a'], properties: { a: schema } };
    return { path: '/a', method: POST, handler: fn(s), requestSchema: schema };
  }, 'SH104', '.requestSchema'],
  ['limits', 'a schema over Lambda\'s 4 KB of environment', (s) => ({ path: '/a', method: POST, handler: fn(s), requestSchema: { ...STRICT, description: 'd'.repeat(5000) } }), 'SH107', '.requestSchema'],
];

describe('SecureHttpApi: hostile props never crash and never pass silently', () => {
  test.each(HOSTILE_PROPS)('[%s] %s', (_class, _name, props, code, prop) => {
    const stack = newStack();
    const given = props(stack);
    const full = given === undefined || given === null || 'authorization' in given ? given : { authorization: jwt(), ...given };
    const error = expectCoded(() => new SecureHttpApi(stack, 'Api', full as SecureHttpApiProps), code);
    expect(error.problems.find((p) => p.code === code)!.prop).toBe(prop);
  });

  test.each(HOSTILE_ROUTES)('addRoute [%s] %s', (_class, _name, options, code, prop) => {
    const stack = newStack();
    const api = new SecureHttpApi(stack, 'Api', { authorization: HttpApiAuthorization.iam() });
    const error = expectCoded(() => api.addRoute(options(stack) as SecureHttpRouteOptions), code);
    expect(error.problems.find((p) => p.code === code)!.prop).toContain(prop);
  });

  test('a CORS origin known only at deploy time is an acknowledgeable warning', () => {
    const stack = newStack();
    new SecureHttpApi(stack, 'Api', { authorization: jwt(), corsAllowOrigins: [new CfnParameter(stack, 'Origin').valueAsString] });
    Annotations.fromStack(stack).hasWarning('/S/Api', Match.stringLikeRegexp('\\[SH044\\] S/Api: corsAllowOrigins contains an origin known only at deploy time'));
  });

  test('a schema value known only at deploy time is an acknowledgeable warning, and reaches the function rendered by CloudFormation', () => {
    const stack = newStack();
    const api = new SecureHttpApi(stack, 'Api', { authorization: HttpApiAuthorization.iam() });
    const handler = fn(stack);
    const max = new CfnParameter(stack, 'Max', { type: 'Number' }).valueAsNumber;
    api.addRoute({ path: '/a', method: POST, handler, requestSchema: { ...STRICT, properties: { sku: { type: apigateway.JsonSchemaType.STRING, maxLength: max } } } });
    Annotations.fromStack(stack).hasWarning('/S/Api', Match.stringLikeRegexp('\\[SH112\\] S/Api: addRoute\\(POST /a\\)\\.requestSchema holds values only known at deploy time'));
    const variable = JSON.stringify(Template.fromStack(stack).findResources('AWS::Lambda::Function'));
    expect(variable).toMatch(/REQUEST_SCHEMAS.*Fn::Join.*\{"Ref":"Max"\}/);
  });

  test('a user pool authorization with real clients is accepted', () => {
    const stack = newStack();
    const pool = new cognito.UserPool(stack, 'Pool');
    expect(() => new SecureHttpApi(stack, 'Api', { authorization: HttpApiAuthorization.userPool(pool, [pool.addClient('Web')]) })).not.toThrow();
  });
});
