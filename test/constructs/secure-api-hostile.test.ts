import {
  CfnParameter, Duration, Lazy, Stack, Token,
  aws_apigateway as apigateway, aws_certificatemanager as acm, aws_cognito as cognito, aws_logs as logs,
} from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import { expectCoded, testApp } from './construct-test-helpers';
import { handler, ORDER_SCHEMA } from './secure-api-helpers';
import { ApiAuthorization, HttpMethod, SecureApi, SecureApiProps, SecureRouteOptions } from '../../src/constructs';

function newStack(): Stack {
  return new Stack(testApp(), 'S', { env: { account: '111111111111', region: 'eu-west-1' } });
}
const pool = (s: Stack) => cognito.UserPool.fromUserPoolId(s, 'Pool', 'eu-west-1_abcdefghi');
const cognitoAuth = (s: Stack) => ApiAuthorization.cognito({ userPools: [pool(s)] });
const cert = (s: Stack) => acm.Certificate.fromCertificateArn(s, 'Cert', 'arn:aws:acm:eu-west-1:111111111111:certificate/abc');
const JUSTIFIED = 'The trace is needed to debug a partner integration this week';

/** A schema nested `depth` levels deep. */
function deepSchema(depth: number): apigateway.JsonSchema {
  let schema: apigateway.JsonSchema = { type: apigateway.JsonSchemaType.STRING, maxLength: 1 };
  for (let i = 0; i < depth; i++) {
    schema = { type: apigateway.JsonSchemaType.OBJECT, additionalProperties: false, required: ['a'], properties: { a: schema } };
  }
  return schema;
}

/**
 * Hostile props of SecureApi, by class: each ends in a coded problem naming the prop (never a TypeError, a RangeError
 * or an uncoded aws-cdk-lib error, never a silent pass).
 */
const HOSTILE_PROPS: Array<[string, string, (s: Stack) => any, string, string]> = [
  // null or missing required props from JavaScript
  ['missing', 'props undefined', () => undefined, 'SA001', 'authorization'],
  ['missing', 'props null', () => null, 'SA001', 'authorization'],
  ['missing', 'authorization null', () => ({ authorization: null }), 'SA001', 'authorization'],
  ['missing', 'authorization a plain object', () => ({ authorization: { kind: 'IAM' } }), 'SA002', 'authorization'],
  ['missing', 'cognito() without options', () => ({ authorization: ApiAuthorization.cognito(undefined as any) }), 'SA002', 'authorization.userPools'],
  ['missing', 'cognito() with a null pool', () => ({ authorization: ApiAuthorization.cognito({ userPools: [null as any] }) }), 'SA002', 'authorization.userPools'],
  ['missing', 'lambdaToken() without a function', () => ({ authorization: ApiAuthorization.lambdaToken(undefined as any) }), 'SA002', 'authorization.handler'],
  ['missing', 'lambdaToken() with an ARN string', () => ({ authorization: ApiAuthorization.lambdaToken('arn:aws:lambda:eu-west-1:1:function:f' as any) }), 'SA002', 'authorization.handler'],
  ['missing', 'alarmAction a plain object', () => ({ alarmAction: { arn: 'x' } }), 'SA051', 'alarmAction'],
  ['missing', 'domainName without certificate', () => ({ domainName: { domainName: 'api.example.com' } }), 'SA034', 'domainName.certificate'],
  // NaN, Infinity, negative, zero and fractional numbers
  ['numbers', 'throttlingRateLimit NaN', () => ({ throttlingRateLimit: NaN }), 'SA013', 'throttlingRateLimit'],
  ['numbers', 'throttlingRateLimit Infinity', () => ({ throttlingRateLimit: Infinity }), 'SA013', 'throttlingRateLimit'],
  ['numbers', 'throttlingRateLimit negative', () => ({ throttlingRateLimit: -1 }), 'SA013', 'throttlingRateLimit'],
  ['numbers', 'throttlingRateLimit zero', () => ({ throttlingRateLimit: 0 }), 'SA013', 'throttlingRateLimit'],
  ['numbers', 'throttlingBurstLimit fraction', () => ({ throttlingBurstLimit: 1.5 }), 'SA013', 'throttlingBurstLimit'],
  ['numbers', 'throttlingBurstLimit a string', () => ({ throttlingBurstLimit: '200' }), 'SA013', 'throttlingBurstLimit'],
  ['numbers', 'wafRateLimit NaN', () => ({ wafRateLimit: NaN }), 'SA021', 'wafRateLimit'],
  ['numbers', 'serverErrorRateThreshold NaN', () => ({ serverErrorRateThreshold: NaN }), 'SA050', 'serverErrorRateThreshold'],
  ['numbers', 'clientErrorRateThreshold negative', () => ({ clientErrorRateThreshold: -0.1 }), 'SA050', 'clientErrorRateThreshold'],
  ['numbers', 'latencyThreshold NaN', () => ({ latencyThreshold: Duration.seconds(NaN) }), 'SA050', 'latencyThreshold'],
  ['numbers', 'latencyThreshold zero', () => ({ latencyThreshold: Duration.seconds(0) }), 'SA050', 'latencyThreshold'],
  ['numbers', 'logRetention NaN', () => ({ logRetention: NaN }), 'SA010', 'logRetention'],
  ['numbers', 'logRetention not a RetentionDays', () => ({ logRetention: 42 }), 'SA010', 'logRetention'],
  ['numbers', 'logRetention INFINITE', () => ({ logRetention: logs.RetentionDays.INFINITE }), 'SA010', 'logRetention'],
  ['numbers', 'cognito cache TTL over an hour', (s) => ({ authorization: ApiAuthorization.cognito({ userPools: [pool(s)], resultsCacheTtl: Duration.hours(2) }) }), 'SA002', 'authorization.resultsCacheTtl'],
  ['numbers', 'token cache TTL a fraction of a second', (s) => ({ authorization: ApiAuthorization.lambdaToken(handler(s, 'Auth'), { resultsCacheTtl: Duration.millis(1500) }) }), 'SA002', 'authorization.resultsCacheTtl'],
  ['numbers', 'request cache TTL NaN', (s) => ({ authorization: ApiAuthorization.lambdaRequest(handler(s, 'Auth'), [apigateway.IdentitySource.header('Authorization')], { resultsCacheTtl: Duration.seconds(NaN) }) }), 'SA002', 'authorization.resultsCacheTtl'],
  // wrong types and choices from JavaScript
  ['types', 'dataTraceEnabled the string "true"', () => ({ dataTraceEnabled: 'true' }), 'SA017', 'dataTraceEnabled'],
  ['types', 'tracingEnabled 0', () => ({ tracingEnabled: 0 }), 'SA017', 'tracingEnabled'],
  ['types', 'schemaPolicy not a SchemaPolicy', () => ({ schemaPolicy: 'LOOSE' }), 'SA016', 'schemaPolicy'],
  ['types', 'endpointType EDGE', () => ({ endpointType: 'EDGE' }), 'SA016', 'endpointType'],
  ['types', 'corsAllowOrigins a string', () => ({ corsAllowOrigins: 'https://app.example.com' }), 'SA042', 'corsAllowOrigins'],
  // tokens that resolve at synth to insecure values
  ['tokens', 'a Lazy CORS origin resolving to *', () => ({ corsAllowOrigins: [Lazy.string({ produce: () => '*' })] }), 'SA041', 'corsAllowOrigins'],
  ['tokens', 'a Token.asString("*") origin with credentials', () => ({ corsAllowOrigins: [Token.asString('*')], corsAllowCredentials: true }), 'SA040', 'corsAllowOrigins'],
  ['tokens', 'a Lazy throttling rate resolving to 0', () => ({ throttlingRateLimit: Lazy.number({ produce: () => 0 }) }), 'SA013', 'throttlingRateLimit'],
  ['tokens', 'a Lazy stage name resolving to an invalid name', () => ({ stageName: Lazy.string({ produce: () => 'prod-eu' }) }), 'SA014', 'stageName'],
  // justifications that are not words
  ['justifications', 'whitespace', () => ({ dataTraceEnabled: true, relaxations: { dataTrace: '            ' } }), 'SA003', 'relaxations.dataTrace'],
  ['justifications', 'zero-width spaces', () => ({ tracingEnabled: false, relaxations: { tracing: '\u200b'.repeat(30) } }), 'SA003', 'relaxations.tracing'],
  ['justifications', 'one key held down', () => ({ relaxations: { waf: 'x'.repeat(40) } }), 'SA003', 'relaxations.waf'],
  ['justifications', 'a repeated pattern', () => ({ corsAllowOrigins: ['*'], relaxations: { anyCorsOrigin: 'okokokokokokokok' } }), 'SA003', 'relaxations.anyCorsOrigin'],
  ['justifications', 'an unused justification of invisible characters', () => ({ relaxations: { defaultEndpoint: '\u2063\u00ad'.repeat(15) } }), 'SA003', 'relaxations.defaultEndpoint'],
  ['justifications', 'a number', () => ({ dataTraceEnabled: true, relaxations: { dataTrace: 12345678901 } }), 'SA003', 'relaxations.dataTrace'],
  // invalid names
  ['names', 'restApiName blank', () => ({ restApiName: '   ' }), 'SA015', 'restApiName'],
  ['names', 'restApiName with a line break', () => ({ restApiName: 'orders\napi' }), 'SA015', 'restApiName'],
  ['names', 'stageName empty', () => ({ stageName: '' }), 'SA014', 'stageName'],
  ['names', 'domain name with a space', (s) => ({ domainName: { domainName: 'api example.com', certificate: cert(s) } }), 'SA034', 'domainName.domainName'],
  ['names', 'domain name in capitals', (s) => ({ domainName: { domainName: 'API.example.com', certificate: cert(s) } }), 'SA034', 'domainName.domainName'],
  ['names', 'domain name with an empty label', (s) => ({ domainName: { domainName: 'api..example.com', certificate: cert(s) } }), 'SA034', 'domainName.domainName'],
  ['names', 'domain base path with a slash', (s) => ({ domainName: { domainName: 'api.example.com', certificate: cert(s), basePath: '/v1/' } }), 'SA034', 'domainName.basePath'],
  ['names', 'webAclArn of a CloudFront web ACL', () => ({ webAclArn: 'arn:aws:wafv2:us-east-1:111111111111:global/webacl/site/abc' }), 'SA022', 'webAclArn'],
  ['names', 'webAclArn empty', () => ({ webAclArn: '' }), 'SA022', 'webAclArn'],
  ['names', 'CORS header with a space', () => ({ corsAllowOrigins: ['https://app.example.com'], corsAllowHeaders: ['X Bad'] }), 'SA045', 'corsAllowHeaders'],
  ['names', 'CORS method that does not exist', () => ({ corsAllowOrigins: ['https://app.example.com'], corsAllowMethods: ['FETCH'] }), 'SA045', 'corsAllowMethods'],
  ['names', 'an empty CORS origin', () => ({ corsAllowOrigins: [''] }), 'SA042', 'corsAllowOrigins'],
  ['names', 'a plain-http CORS origin', () => ({ corsAllowOrigins: ['http://app.example.com'], corsAllowCredentials: true }), 'SA042', 'corsAllowOrigins'],
  ['names', 'identity source that is not one', (s) => ({ authorization: ApiAuthorization.lambdaRequest(handler(s, 'Auth'), ['Authorization']) }), 'SA002', 'authorization.identitySources'],
  ['names', 'token identity source outside the headers', (s) => ({ authorization: ApiAuthorization.lambdaToken(handler(s, 'Auth'), { identitySource: 'method.request.querystring.token' }) }), 'SA002', 'authorization.identitySource'],
  ['names', 'scope with a space', (s) => ({ authorization: ApiAuthorization.cognito({ userPools: [pool(s)], scopes: ['orders read'] }) }), 'SA002', 'authorization.scopes'],
  // values over AWS limits
  ['limits', 'throttling rate over the account quota', () => ({ throttlingRateLimit: 20_000 }), 'SA013', 'throttlingRateLimit'],
  ['limits', 'throttling burst over the account quota', () => ({ throttlingBurstLimit: 6_000 }), 'SA013', 'throttlingBurstLimit'],
  ['limits', 'WAF rate over the WAF limit', () => ({ wafRateLimit: 3_000_000_000 }), 'SA021', 'wafRateLimit'],
  ['limits', 'latency alarm above the integration timeout', () => ({ latencyThreshold: Duration.seconds(30) }), 'SA050', 'latencyThreshold'],
  ['limits', 'stage name over 128 characters', () => ({ stageName: 's'.repeat(129) }), 'SA014', 'stageName'],
  ['limits', 'CORS max age over a day', () => ({ corsAllowOrigins: ['https://app.example.com'], corsMaxAge: Duration.days(2) }), 'SA045', 'corsMaxAge'],
  ['limits', 'an edge-only TLS policy on a regional API', (s) => ({ domainName: { domainName: 'api.example.com', certificate: cert(s), securityPolicy: apigateway.SecurityPolicy.TLS13_2025_EDGE } }), 'SA032', 'domainName.securityPolicy'],
  ['limits', 'an enhanced TLS policy without an access mode', (s) => ({ domainName: { domainName: 'api.example.com', certificate: cert(s), securityPolicy: apigateway.SecurityPolicy.TLS13_1_3_2025_09 } }), 'SA032', 'domainName.endpointAccessMode'],
];

/** Hostile options of `addRoute`. */
const HOSTILE_ROUTES: Array<[string, string, (s: Stack) => any, string, string]> = [
  ['missing', 'options undefined', () => undefined, 'SA112', 'addRoute(options)'],
  ['missing', 'options null', () => null, 'SA112', 'addRoute(options)'],
  ['missing', 'no handler nor integration', () => ({ path: '/a', method: HttpMethod.GET }), 'SA100', 'addRoute(GET /a).handler'],
  ['missing', 'handler a function name', () => ({ path: '/a', method: HttpMethod.GET, handler: 'orders-fn' }), 'SA100', 'addRoute(GET /a).handler'],
  ['missing', 'integration a plain object', () => ({ path: '/a', method: HttpMethod.GET, integration: { type: 'MOCK' } }), 'SA100', 'addRoute(GET /a).integration'],
  ['types', 'method lower case', (s) => ({ path: '/a', method: 'get', handler: handler(s) }), 'SA113', 'addRoute(get /a).method'],
  ['types', 'method null', (s) => ({ path: '/a', method: null, handler: handler(s) }), 'SA113', 'addRoute(null /a).method'],
  ['types', 'path a number', (s) => ({ path: 42, method: HttpMethod.GET, handler: handler(s) }), 'SA101', 'addRoute(GET 42).path'],
  ['types', 'apiKeyRequired the string "false"', (s) => ({ path: '/a', method: HttpMethod.GET, handler: handler(s), apiKeyRequired: 'false' }), 'SA114', 'addRoute(GET /a).apiKeyRequired'],
  ['types', 'requiredHeaders a string', (s) => ({ path: '/a', method: HttpMethod.GET, handler: handler(s), requiredHeaders: 'Idempotency-Key' }), 'SA109', 'addRoute(GET /a).requiredHeaders'],
  ['types', 'requiredQueryParameters with null', (s) => ({ path: '/a', method: HttpMethod.GET, handler: handler(s), requiredQueryParameters: [null] }), 'SA109', 'addRoute(GET /a).requiredQueryParameters'],
  ['types', 'requestSchema a JSON string', (s) => ({ path: '/a', method: HttpMethod.POST, handler: handler(s), requestSchema: '{"type":"object"}' }), 'SA104', 'addRoute(POST /a).requestSchema'],
  ['numbers', 'route rate NaN', (s) => ({ path: '/a', method: HttpMethod.GET, handler: handler(s), throttlingRateLimit: NaN }), 'SA108', 'addRoute(GET /a).throttlingRateLimit'],
  ['numbers', 'route burst negative', (s) => ({ path: '/a', method: HttpMethod.GET, handler: handler(s), throttlingBurstLimit: -5 }), 'SA108', 'addRoute(GET /a).throttlingBurstLimit'],
  ['tokens', 'a path known only at deploy time', (s) => ({ path: new CfnParameter(s, 'P').valueAsString, method: HttpMethod.GET, handler: handler(s) }), 'SA101', '.path'],
  ['tokens', 'a Lazy path resolving to an invalid path', (s) => ({ path: Lazy.string({ produce: () => 'orders' }), method: HttpMethod.GET, handler: handler(s) }), 'SA101', '.path'],
  ['justifications', 'public route with a blank reason', (s) => ({ path: '/a', method: HttpMethod.GET, handler: handler(s), relaxations: { publicAccess: ' \t '.repeat(5) } }), 'SA003', 'addRoute(GET /a).relaxations.publicAccess'],
  ['justifications', 'no schema with zero-width characters', (s) => ({ path: '/a', method: HttpMethod.POST, handler: handler(s), relaxations: { noRequestSchema: '\u200d'.repeat(20) } }), 'SA003', 'addRoute(POST /a).relaxations.noRequestSchema'],
  ['justifications', 'unused permissive-schema reason of one letter', (s) => ({ path: '/a', method: HttpMethod.GET, handler: handler(s), relaxations: { permissiveSchema: 'z'.repeat(20) } }), 'SA003', 'addRoute(GET /a).relaxations.permissiveSchema'],
  ['names', 'header name with a colon', (s) => ({ path: '/a', method: HttpMethod.GET, handler: handler(s), requiredHeaders: ['X-Id:'] }), 'SA109', 'addRoute(GET /a).requiredHeaders'],
  ['names', 'empty scope', (s) => ({ path: '/a', method: HttpMethod.GET, handler: handler(s), scopes: [''] }), 'SA106', 'addRoute(GET /a).scopes'],
  ['names', 'path with a space', (s) => ({ path: '/or ders', method: HttpMethod.GET, handler: handler(s) }), 'SA101', 'addRoute(GET /or ders).path'],
  ['schemas', 'remote $ref over http', (s) => ({ path: '/a', method: HttpMethod.POST, handler: handler(s), requestSchema: { ...ORDER_SCHEMA, properties: { sku: { ref: 'http://evil.example.com/s.json' } } } }), 'SA104', 'addRoute(POST /a).requestSchema'],
  ['schemas', 'remote $ref over https', (s) => ({ path: '/a', method: HttpMethod.POST, handler: handler(s), requestSchema: { ...ORDER_SCHEMA, properties: { sku: { ref: 'https://evil.example.com/s.json' } } } }), 'SA104', 'addRoute(POST /a).requestSchema'],
  ['schemas', 'remote $ref to a file', (s) => ({ path: '/a', method: HttpMethod.POST, handler: handler(s), requestSchema: { ...ORDER_SCHEMA, properties: { sku: { ref: 'file:///etc/passwd' } } } }), 'SA104', 'addRoute(POST /a).requestSchema'],
  ['schemas', 'nested 100,000 levels deep', (s) => ({ path: '/a', method: HttpMethod.POST, handler: handler(s), requestSchema: deepSchema(100_000) }), 'SA104', 'addRoute(POST /a).requestSchema'],
  ['schemas', 'referring to itself', (s) => {
    const cyclic: any = { type: apigateway.JsonSchemaType.OBJECT, additionalProperties: false, required: ['self'], properties: {} };
    cyclic.properties.self = cyclic;
    return { path: '/a', method: HttpMethod.POST, handler: handler(s), requestSchema: cyclic };
  }, 'SA104', 'addRoute(POST /a).requestSchema'],
  ['schemas', '1 MB of enum values', (s) => ({ path: '/a', method: HttpMethod.POST, handler: handler(s), requestSchema: { ...ORDER_SCHEMA, properties: { sku: { type: apigateway.JsonSchemaType.STRING, enum: Array.from({ length: 50_000 }, (_, i) => `sku-${i}-padding`) } } } }), 'SA104', 'addRoute(POST /a).requestSchema'],
  ['limits', 'route rate over the account quota', (s) => ({ path: '/a', method: HttpMethod.GET, handler: handler(s), throttlingRateLimit: 50_000 }), 'SA108', 'addRoute(GET /a).throttlingRateLimit'],
];

describe('SecureApi: hostile props never crash and never pass silently', () => {
  test.each(HOSTILE_PROPS)('[%s] %s', (_class, _name, props, code, prop) => {
    const stack = newStack();
    const given = props(stack);
    const full = given === undefined || given === null || 'authorization' in given ? given : { authorization: cognitoAuth(stack), ...given };
    const error = expectCoded(() => new SecureApi(stack, 'Api', full as SecureApiProps), code);
    expect(error.problems.find((p) => p.code === code)!.prop).toBe(prop);
    expect(error.message).toMatch(new RegExp(`\\[${code}\\] S/Api: `));
  });

  test.each(HOSTILE_ROUTES)('addRoute [%s] %s', (_class, _name, options, code, prop) => {
    const stack = newStack();
    const api = new SecureApi(stack, 'Api', { authorization: cognitoAuth(stack) });
    const error = expectCoded(() => api.addRoute(options(stack) as SecureRouteOptions), code);
    expect(error.problems.find((p) => p.code === code)!.prop).toContain(prop);
  });

  test('the tables cover every class of hostile input', () => {
    const classes = new Set([...HOSTILE_PROPS, ...HOSTILE_ROUTES].map(([c]) => c));
    expect([...classes].sort()).toEqual(['justifications', 'limits', 'missing', 'names', 'numbers', 'schemas', 'tokens', 'types']);
  });

  test('values known only at deploy time are acknowledgeable warnings, never a silent pass', () => {
    const stack = newStack();
    const origin = new CfnParameter(stack, 'Origin').valueAsString;
    const rate = new CfnParameter(stack, 'Rate', { type: 'Number' }).valueAsNumber;
    const api = new SecureApi(stack, 'Api', { authorization: cognitoAuth(stack), corsAllowOrigins: [origin], throttlingRateLimit: rate });
    api.addRoute({
      path: '/a',
      method: HttpMethod.POST,
      handler: handler(stack),
      requestSchema: { ...ORDER_SCHEMA, properties: { sku: { type: apigateway.JsonSchemaType.STRING, maxLength: new CfnParameter(stack, 'Max', { type: 'Number' }).valueAsNumber } } },
    });
    const warnings = Annotations.fromStack(stack);
    warnings.hasWarning('/S/Api', Match.stringLikeRegexp('\\[SA044\\] S/Api: corsAllowOrigins contains an origin known only at deploy time'));
    warnings.hasWarning('/S/Api', Match.stringLikeRegexp('\\[SA013\\] S/Api: throttlingRateLimit is only known at deploy time'));
    warnings.hasWarning('/S/Api', Match.stringLikeRegexp('\\[SA111\\] S/Api: addRoute\\(POST /a\\)\\.requestSchema holds values only known at deploy time \\(at #/properties/sku/maxLength\\)'));
  });

  test('a reason that is words is accepted where whitespace, invisible or repeated characters are not', () => {
    const stack = newStack();
    expect(() => new SecureApi(stack, 'Api', { authorization: cognitoAuth(stack), dataTraceEnabled: true, relaxations: { dataTrace: JUSTIFIED } })).not.toThrow();
  });
});
