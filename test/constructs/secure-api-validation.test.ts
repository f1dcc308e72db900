import { Duration, aws_apigateway as apigateway, aws_certificatemanager as acm, aws_ec2 as ec2, aws_logs as logs } from 'aws-cdk-lib';
import { cognitoApi, handler, newStack, ORDER_SCHEMA } from './secure-api-helpers';
import { ApiAuthorization, HttpMethod, SecureApi, SecureApiEndpointType, SecureApiProps } from '../../src/constructs';
import { SecureConstructValidationError } from '../../src/core/prop-errors';

/** Builds a SecureApi and returns the validation error it throws. */
function apiError(props: Partial<SecureApiProps>): SecureConstructValidationError {
  const stack = newStack();
  try {
    cognitoApi(stack, props);
  } catch (e) {
    if (e instanceof SecureConstructValidationError) return e;
    throw e;
  }
  throw new Error('expected a SecureConstructValidationError');
}

function codes(error: SecureConstructValidationError): string[] {
  return error.problems.map((p) => p.code);
}

describe('SecureApi props', () => {
  test('fails without authorization, naming the construct path, the prop and the fix', () => {
    const stack = newStack();
    expect(() => new SecureApi(stack, 'Api', {} as SecureApiProps))
      .toThrow(/\[SA001\] S\/Api: authorization is required but was not set.*Pass ApiAuthorization\.cognito/);
  });

  test('reports every problem at once', () => {
    const certificate = acm.Certificate.fromCertificateArn(newStack(), 'Cert', 'arn:aws:acm:eu-west-1:111111111111:certificate/abc');
    const error = apiError({
      authorization: undefined as any,
      corsAllowOrigins: ['*'],
      corsAllowCredentials: true,
      domainName: { domainName: 'api.example.com', certificate, securityPolicy: apigateway.SecurityPolicy.TLS_1_0 },
      dataTraceEnabled: true,
      logRetention: logs.RetentionDays.INFINITE,
    });
    expect(codes(error)).toEqual(['SA001', 'SA010', 'SA011', 'SA032', 'SA040']);
    expect(error.message).toMatch(/^5 invalid or insecure props:/);
    expect(error.message).toMatch(/\[SA032\] S\/Api: domainName\.securityPolicy must be TLS 1\.2 or newer but was TLS_1_0\. Remove `securityPolicy`/);
    expect(error.message).toMatch(/\[SA040\] S\/Api: corsAllowOrigins must not contain '\*' when `corsAllowCredentials` is true/);
    expect(error.message).toMatch(/\[SA011\] S\/Api: dataTraceEnabled must be false but was true.*set `relaxations\.dataTrace`/);
  });

  test('fails for authorization options that cannot work', () => {
    const stack = newStack();
    expect(() => new SecureApi(stack, 'Api', { authorization: ApiAuthorization.cognito({ userPools: [] }) }))
      .toThrow(/\[SA002\] S\/Api: authorization\.userPools must list at least one user pool/);
    expect(() => new SecureApi(stack, 'Api2', { authorization: ApiAuthorization.lambdaRequest(handler(stack), []) }))
      .toThrow(/\[SA002\] S\/Api2: authorization\.identitySources must list at least one identity source/);
    expect(() => new SecureApi(stack, 'Api3', { authorization: ApiAuthorization.fromAuthorizer({ authorizerId: 'abc' }) }))
      .toThrow(/\[SA002\] S\/Api3: authorization must authenticate callers but the authorizer's authorizationType is not set/);
  });

  test('a justification must be written out', () => {
    expect(codes(apiError({ tracingEnabled: false, relaxations: { tracing: 'n/a' } }))).toEqual(['SA003']);
    expect(codes(apiError({ tracingEnabled: false }))).toEqual(['SA012']);
  });

  test('fails for a stage name API Gateway would refuse', () => {
    expect(codes(apiError({ stageName: 'prod-eu' }))).toEqual(['SA014']);
  });

  test('fails for invalid throttling and WAF settings', () => {
    expect(codes(apiError({ throttlingRateLimit: 0, throttlingBurstLimit: 1.5 }))).toEqual(['SA013', 'SA013']);
    expect(codes(apiError({ webAclArn: 'arn:aws:wafv2:eu-west-1:111111111111:regional/webacl/x/y', relaxations: { waf: 'CloudFront WAF in front of the API' } }))).toEqual(['SA020']);
    expect(codes(apiError({ wafRateLimit: 5 }))).toEqual(['SA021']);
  });

  test('fails for inconsistent endpoint settings', () => {
    expect(codes(apiError({ endpointType: SecureApiEndpointType.PRIVATE }))).toEqual(['SA030']);
    const stack = newStack();
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 1, natGateways: 0 });
    const endpoint = vpc.addInterfaceEndpoint('ExecuteApi', { service: ec2.InterfaceVpcEndpointAwsService.APIGATEWAY });
    expect(codes(apiError({ vpcEndpoints: [endpoint] }))).toEqual(['SA031']);
    const certificate = acm.Certificate.fromCertificateArn(stack, 'Cert', 'arn:aws:acm:eu-west-1:111111111111:certificate/abc');
    expect(codes(apiError({ endpointType: SecureApiEndpointType.PRIVATE, vpcEndpoints: [endpoint], domainName: { domainName: 'a.example.com', certificate } }))).toEqual(['SA033']);
  });

  test('fails for wildcard or malformed CORS origins, and CORS options without origins', () => {
    expect(codes(apiError({ corsAllowOrigins: ['*'] }))).toEqual(['SA041']);
    expect(codes(apiError({ corsAllowOrigins: ['https://*.example.com', 'app.example.com'] }))).toEqual(['SA042', 'SA042']);
    expect(codes(apiError({ corsAllowCredentials: true }))).toEqual(['SA043']);
    const stack = newStack();
    expect(() => cognitoApi(stack, { corsAllowOrigins: ['*'], relaxations: { anyCorsOrigin: 'Public read-only catalogue without credentials' } })).not.toThrow();
  });

  test('fails for alarm thresholds that cannot fire', () => {
    expect(codes(apiError({ serverErrorRateThreshold: 5, clientErrorRateThreshold: 0, latencyThreshold: Duration.seconds(30) }))).toEqual(['SA050', 'SA050', 'SA050']);
  });
});

describe('addRoute', () => {
  function routeError(add: (api: SecureApi, stack: ReturnType<typeof newStack>) => void): SecureConstructValidationError {
    const stack = newStack();
    const api = cognitoApi(stack);
    try {
      add(api, stack);
    } catch (e) {
      if (e instanceof SecureConstructValidationError) return e;
      throw e;
    }
    throw new Error('expected a SecureConstructValidationError');
  }

  test('fails without an integration, or with both', () => {
    const neither = routeError((api) => api.addRoute({ path: '/a', method: HttpMethod.GET }));
    expect(neither.message).toMatch(/\[SA100\] S\/Api: addRoute\(GET \/a\)\.handler and `integration` are exclusive and one is required, but neither was set/);
    const both = routeError((api, stack) => api.addRoute({ path: '/a', method: HttpMethod.GET, handler: handler(stack), integration: new apigateway.MockIntegration() }));
    expect(codes(both)).toEqual(['SA100']);
  });

  test('fails for malformed paths', () => {
    for (const path of ['orders', '/orders/', '/or ders', '/{proxy+}/x', '/{id}/{id}']) {
      expect(codes(routeError((api, stack) => api.addRoute({ path, method: HttpMethod.GET, handler: handler(stack) })))).toEqual(['SA101']);
    }
  });

  test('fails for a body method without schema, and for a schema on GET', () => {
    const missing = routeError((api, stack) => api.addRoute({ path: '/a', method: HttpMethod.POST, handler: handler(stack) }));
    expect(missing.message).toMatch(/\[SA102\] S\/Api: addRoute\(POST \/a\)\.requestSchema is required on POST but was not set.*relaxations\.noRequestSchema/);
    expect(codes(routeError((api, stack) => api.addRoute({ path: '/a', method: HttpMethod.ANY, handler: handler(stack) })))).toEqual(['SA102']);
    expect(codes(routeError((api, stack) => api.addRoute({ path: '/a', method: HttpMethod.GET, handler: handler(stack), requestSchema: ORDER_SCHEMA })))).toEqual(['SA103']);
  });

  test('fails for a malformed schema, naming the route and the location in the schema', () => {
    const error = routeError((api, stack) => api.addRoute({
      path: '/orders',
      method: HttpMethod.POST,
      handler: handler(stack),
      requestSchema: { ...ORDER_SCHEMA, properties: { sku: { type: 'strin' as any, maxLength: -1 } } },
    }));
    expect(codes(error)).toEqual(['SA104', 'SA104']);
    expect(error.message).toMatch(/\[SA104\] S\/Api: addRoute\(POST \/orders\)\.requestSchema at #\/properties\/sku\/type must be equal to one of the allowed values/);
    expect(error.message).toMatch(/requestSchema at #\/properties\/sku\/maxLength must be >= 0/);
  });

  test('fails for a schema that is not draft-04, or references a missing definition', () => {
    const draft7 = routeError((api, stack) => api.addRoute({ path: '/a', method: HttpMethod.POST, handler: handler(stack), requestSchema: { ...ORDER_SCHEMA, schema: apigateway.JsonSchemaVersion.DRAFT7 } }));
    expect(draft7.message).toMatch(/\[SA104\].*requestSchema at #\/\$schema API Gateway models use JSON Schema draft-04/);
    const dangling = routeError((api, stack) => api.addRoute({ path: '/a', method: HttpMethod.POST, handler: handler(stack), requestSchema: { ...ORDER_SCHEMA, properties: { sku: { ref: '#/definitions/Sku' } } } }));
    expect(dangling.message).toMatch(/\[SA104\].*requestSchema at # has a \$ref at #\/properties\/sku\/\$ref that points to nothing: #\/definitions\/Sku/);
  });

  test('fails for a permissive schema under STRICT, listing each location', () => {
    const error = routeError((api, stack) => api.addRoute({
      path: '/notes',
      method: HttpMethod.POST,
      handler: handler(stack),
      requestSchema: {
        type: apigateway.JsonSchemaType.OBJECT,
        properties: { text: { type: apigateway.JsonSchemaType.STRING }, tags: { type: apigateway.JsonSchemaType.ARRAY } },
      },
    }));
    expect(error.problems.map((p) => p.problem)).toEqual([
      'is permissive at #: it declares properties but none is required, so an empty object passes',
      'is permissive at #: it does not set additionalProperties to false, so unexpected fields reach the backend',
      'is permissive at #/properties/text: it is a string without maxLength (or enum), so arbitrarily large values pass',
      'is permissive at #/properties/tags: it is an array without maxItems, so arbitrarily long lists pass',
      'is permissive at #/properties/tags: it is an array without an items schema, so elements of any shape pass',
    ]);
    expect(new Set(codes(error))).toEqual(new Set(['SA105']));
  });

  test('fails for scopes without Cognito, and for a public route that also sets authorization', () => {
    const stack = newStack();
    const iamApi = new SecureApi(stack, 'IamApi', { authorization: ApiAuthorization.iam() });
    expect(() => iamApi.addRoute({ path: '/a', method: HttpMethod.GET, handler: handler(stack), scopes: ['orders/read'] }))
      .toThrow(/\[SA106\] S\/IamApi: addRoute\(GET \/a\)\.scopes only apply to Cognito authorization/);
    expect(codes(routeError((api, s) => api.addRoute({
      path: '/a', method: HttpMethod.GET, handler: handler(s), authorization: ApiAuthorization.iam(), relaxations: { publicAccess: 'Health check endpoint for the ALB' },
    })))).toEqual(['SA107']);
  });

  test('fails for invalid throttling, parameter names and duplicate routes', () => {
    expect(codes(routeError((api, stack) => api.addRoute({ path: '/a', method: HttpMethod.GET, handler: handler(stack), throttlingRateLimit: -1 })))).toEqual(['SA108']);
    expect(codes(routeError((api, stack) => api.addRoute({ path: '/a', method: HttpMethod.GET, handler: handler(stack), requiredHeaders: ['X Bad', 'ok', 'OK'] })))).toEqual(['SA109', 'SA109']);
    expect(codes(routeError((api, stack) => {
      const fn = handler(stack);
      api.addRoute({ path: '/a', method: HttpMethod.GET, handler: fn });
      api.addRoute({ path: '/a', method: HttpMethod.GET, handler: fn });
    }))).toEqual(['SA110']);
  });

  test('reports every problem of a route at once', () => {
    const error = routeError((api) => api.addRoute({
      path: 'orders',
      method: HttpMethod.POST,
      scopes: ['x'],
      throttlingBurstLimit: 0,
      relaxations: { noRequestSchema: 'short' },
    }));
    expect(codes(error)).toEqual(['SA100', 'SA101', 'SA003', 'SA108']);
  });
});
