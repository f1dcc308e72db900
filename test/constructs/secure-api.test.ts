import { App, Duration, Stack, Stage, Validations, aws_apigateway as apigateway, aws_certificatemanager as acm, aws_cloudwatch_actions as actions, aws_ec2 as ec2, aws_lambda as lambda, aws_logs as logs, aws_s3 as s3, aws_sns as sns } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { errorOf } from './construct-test-helpers';
import { acknowledgedIds, cognitoApi, handler, newStack, ORDER_SCHEMA, plainFunction, userPool, warningsOf } from './secure-api-helpers';
import { ApiAuthorization, ExecutionLogLevel, HttpMethod, SecureApi, SecureApiEndpointType } from '../../src/constructs';
import { ServerlessSecurityChecks } from '../../src/hosts';
import { AccessLogFormat } from '../../src/rules/apigateway/private/access-log-format';
import { tempDir } from '../support/temp-dirs';

const JUSTIFICATION = 'Health check probed by the load balancer, returns a constant';

function template(stack: Stack): Template {
  return Template.fromStack(stack);
}

describe('authentication', () => {
  test('the API authorization applies to every route and to methods added with the plain API', () => {
    const stack = newStack();
    const api = cognitoApi(stack);
    api.addRoute({ path: '/orders/{orderId}', method: HttpMethod.GET, handler: handler(stack) });
    api.root.addResource('plain').addMethod('GET', new apigateway.MockIntegration());

    const t = template(stack);
    t.resourceCountIs('AWS::ApiGateway::Authorizer', 1);
    t.hasResourceProperties('AWS::ApiGateway::Authorizer', { Type: 'COGNITO_USER_POOLS', AuthorizerResultTtlInSeconds: 300 });
    const methods = t.findResources('AWS::ApiGateway::Method');
    expect(Object.keys(methods)).toHaveLength(2);
    for (const method of Object.values(methods)) {
      expect(method.Properties.AuthorizationType).toBe('COGNITO_USER_POOLS');
      expect(method.Properties.AuthorizerId).toEqual({ Ref: expect.stringMatching(/ApiAuthorizer/) });
    }
  });

  test('Cognito scopes of the API apply to routes; a route can require its own', () => {
    const stack = newStack();
    const api = new SecureApi(stack, 'Api', { authorization: ApiAuthorization.cognito({ userPools: [userPool(stack)], scopes: ['orders/read'] }) });
    const fn = handler(stack);
    api.addRoute({ path: '/orders', method: HttpMethod.GET, handler: fn });
    api.addRoute({ path: '/orders', method: HttpMethod.DELETE, handler: fn, scopes: ['orders/admin'] });

    const t = template(stack);
    t.hasResourceProperties('AWS::ApiGateway::Method', { HttpMethod: 'GET', AuthorizationScopes: ['orders/read'] });
    t.hasResourceProperties('AWS::ApiGateway::Method', { HttpMethod: 'DELETE', AuthorizationScopes: ['orders/admin'] });
  });

  test('Lambda token authorization creates one TOKEN authorizer whose invoke permission is scoped to it', () => {
    const stack = newStack();
    const authorizerFn = handler(stack, 'AuthorizerFn');
    const api = new SecureApi(stack, 'Api', { authorization: ApiAuthorization.lambdaToken(authorizerFn) });
    api.addRoute({ path: '/a', method: HttpMethod.GET, handler: handler(stack) });
    api.addRoute({ path: '/b', method: HttpMethod.GET, handler: handler(stack, 'Other') });

    const t = template(stack);
    t.resourceCountIs('AWS::ApiGateway::Authorizer', 1);
    t.hasResourceProperties('AWS::ApiGateway::Authorizer', { Type: 'TOKEN', IdentitySource: 'method.request.header.Authorization' });
    t.hasResourceProperties('AWS::ApiGateway::Method', { HttpMethod: 'GET', AuthorizationType: 'CUSTOM' });
    t.hasResourceProperties('AWS::Lambda::Permission', {
      FunctionName: { 'Fn::GetAtt': [Match.stringLikeRegexp('AuthorizerFn'), 'Arn'] },
      SourceArn: Match.objectLike({ 'Fn::Join': ['', Match.arrayWith([Match.stringLikeRegexp('/authorizers/')])] }),
    });
  });

  test('Lambda request authorization passes the identity sources', () => {
    const stack = newStack();
    const api = new SecureApi(stack, 'Api', {
      authorization: ApiAuthorization.lambdaRequest(handler(stack, 'AuthorizerFn'), [apigateway.IdentitySource.header('X-Api-Token')]),
    });
    api.addRoute({ path: '/a', method: HttpMethod.GET, handler: handler(stack) });
    template(stack).hasResourceProperties('AWS::ApiGateway::Authorizer', { Type: 'REQUEST', IdentitySource: 'method.request.header.X-Api-Token' });
  });

  test('IAM authorization uses AWS_IAM without an authorizer; a route can use IAM on a Cognito API', () => {
    const stack = newStack();
    const iamApi = new SecureApi(stack, 'IamApi', { authorization: ApiAuthorization.iam() });
    iamApi.addRoute({ path: '/a', method: HttpMethod.GET, handler: handler(stack) });
    const api = cognitoApi(stack);
    api.addRoute({ path: '/internal', method: HttpMethod.GET, handler: handler(stack, 'Internal'), authorization: ApiAuthorization.iam() });

    const t = template(stack);
    const methods = Object.values(t.findResources('AWS::ApiGateway::Method', { Properties: { AuthorizationType: 'AWS_IAM' } }));
    expect(methods).toHaveLength(2);
    methods.forEach((m) => expect(m.Properties.AuthorizerId).toBeUndefined());
  });

  test('a public route needs a justification, which is acknowledged on its method only', () => {
    const stack = newStack();
    const api = cognitoApi(stack);
    const fn = handler(stack);
    const health = api.addRoute({ path: '/health', method: HttpMethod.GET, handler: fn, relaxations: { publicAccess: JUSTIFICATION } });
    const orders = api.addRoute({ path: '/orders', method: HttpMethod.GET, handler: fn });

    template(stack).hasResourceProperties('AWS::ApiGateway::Method', { HttpMethod: 'GET', AuthorizationType: 'NONE', AuthorizerId: Match.absent() });
    expect(acknowledgedIds(health.node.defaultChild!)).toEqual(expect.arrayContaining([
      'ServerlessSecurityChecks::SLS-APIGW-METHOD-AUTH', 'AwsSolutions-APIG4', 'AwsSolutions-COG4',
    ]));
    expect(acknowledgedIds(orders.node.defaultChild!)).toEqual([]);
  });
});

describe('input validation', () => {
  test('a body route gets a model (for application/json and $default) and the shared body+parameter validator', () => {
    const stack = newStack();
    const api = cognitoApi(stack);
    api.addRoute({
      path: '/orders/{orderId}/items',
      method: HttpMethod.POST,
      handler: handler(stack),
      requestSchema: ORDER_SCHEMA,
      requiredQueryParameters: ['dryRun'],
      requiredHeaders: ['Idempotency-Key'],
    });

    const t = template(stack);
    t.resourceCountIs('AWS::ApiGateway::RequestValidator', 1);
    t.hasResourceProperties('AWS::ApiGateway::RequestValidator', { ValidateRequestBody: true, ValidateRequestParameters: true });
    const modelId = Object.keys(t.findResources('AWS::ApiGateway::Model'))[0];
    const validatorId = Object.keys(t.findResources('AWS::ApiGateway::RequestValidator'))[0];
    t.hasResourceProperties('AWS::ApiGateway::Method', {
      HttpMethod: 'POST',
      RequestModels: { 'application/json': { Ref: modelId }, '$default': { Ref: modelId } },
      RequestValidatorId: { Ref: validatorId },
      RequestParameters: {
        'method.request.path.orderId': true,
        'method.request.querystring.dryRun': true,
        'method.request.header.Idempotency-Key': true,
      },
    });
    t.hasResourceProperties('AWS::ApiGateway::Model', {
      ContentType: 'application/json',
      Schema: Match.objectLike({ $schema: 'http://json-schema.org/draft-04/schema#', additionalProperties: false, required: ['sku', 'quantity'] }),
    });
  });

  test('identical schemas share one model per API', () => {
    const stack = newStack();
    const api = cognitoApi(stack);
    const fn = handler(stack);
    api.addRoute({ path: '/orders', method: HttpMethod.POST, handler: fn, requestSchema: ORDER_SCHEMA });
    api.addRoute({ path: '/orders/{id}', method: HttpMethod.PUT, handler: fn, requestSchema: { ...ORDER_SCHEMA } });
    template(stack).resourceCountIs('AWS::ApiGateway::Model', 1);
  });

  test('a body route without schema is accepted only with a justification, recorded on the method', () => {
    const stack = newStack();
    const api = cognitoApi(stack);
    const method = api.addRoute({ path: '/upload', method: HttpMethod.PUT, handler: handler(stack), relaxations: { noRequestSchema: 'Binary image upload, validated by the function' } });
    template(stack).hasResourceProperties('AWS::ApiGateway::Method', { HttpMethod: 'PUT', RequestModels: Match.absent() });
    expect(acknowledgedIds(method.node.defaultChild!)).toContain('ServerlessSecurityChecks::SLS-APIGW-BODY-VALIDATION');
  });

  test('a permissive schema is a warning under SchemaPolicy.WARN, and acknowledged with a justification under STRICT', () => {
    const loose = { type: apigateway.JsonSchemaType.OBJECT, properties: { note: { type: apigateway.JsonSchemaType.STRING } } };
    const warnStack = newStack();
    cognitoApi(warnStack, { schemaPolicy: 'WARN' as any }).addRoute({ path: '/n', method: HttpMethod.POST, handler: handler(warnStack), requestSchema: loose });
    const warnings = warningsOf(warnStack).join('\n');
    expect(warnings).toMatch(/\[SLS-APIGW-MODEL-SCHEMA\[additional-properties\]\] Model \w+ is permissive: # does not set additionalProperties/);
    expect(warnings).toMatch(/\[SLS-APIGW-MODEL-SCHEMA\[unbounded-string\]\] Model \w+ is permissive: #\/properties\/note is a string without maxLength/);

    const strictStack = newStack();
    const api = cognitoApi(strictStack);
    api.addRoute({ path: '/n', method: HttpMethod.POST, handler: handler(strictStack), requestSchema: loose, relaxations: { permissiveSchema: 'Free-form notes, sanitised by the function' } });
    const model = strictStack.node.findAll().find((c) => c instanceof apigateway.CfnModel)!;
    expect(acknowledgedIds(model)).toContain('ServerlessSecurityChecks::SLS-APIGW-MODEL-SCHEMA');
  });
});

describe('integrations', () => {
  test('a handler route permits API Gateway to invoke the function for exactly its method, stage and path, without test-invoke', () => {
    const stack = newStack();
    const api = cognitoApi(stack);
    api.addRoute({ path: '/orders', method: HttpMethod.POST, handler: handler(stack), requestSchema: ORDER_SCHEMA });

    const t = template(stack);
    const permissions = Object.values(t.findResources('AWS::Lambda::Permission', { Properties: { FunctionName: { 'Fn::GetAtt': [Match.stringLikeRegexp('Handler'), 'Arn'] } } }));
    expect(permissions).toHaveLength(1);
    const sourceArn = JSON.stringify(permissions[0].Properties.SourceArn);
    expect(sourceArn).toMatch(/"\/POST\/orders"\]\]/);
    expect(sourceArn).toMatch(/ApiDeploymentStageprod/);
    expect(sourceArn).not.toMatch(/test-invoke-stage/);
  });

  test('routes accept any lambda.IFunction and any apigateway.Integration', () => {
    const stack = newStack();
    const api = cognitoApi(stack);
    api.addRoute({ path: '/plain', method: HttpMethod.GET, handler: plainFunction(stack) });
    api.addRoute({ path: '/mock', method: HttpMethod.GET, integration: new apigateway.MockIntegration({ integrationResponses: [{ statusCode: '200' }] }) });
    const t = template(stack);
    t.hasResourceProperties('AWS::ApiGateway::Method', { Integration: Match.objectLike({ Type: 'AWS_PROXY' }) });
    t.hasResourceProperties('AWS::ApiGateway::Method', { Integration: Match.objectLike({ Type: 'MOCK' }) });
  });
});

describe('logging and tracing', () => {
  test('the stage logs JSON access logs with identity, source IP, request id, status, latency and authorizer errors', () => {
    const stack = newStack();
    cognitoApi(stack).addRoute({ path: '/a', method: HttpMethod.GET, handler: handler(stack) });
    const t = template(stack);
    const stage = Object.values(t.findResources('AWS::ApiGateway::Stage'))[0];
    expect(AccessLogFormat.problems(stage.Properties.AccessLogSetting.Format)).toEqual([]); // the audit's own check
    const format = JSON.parse(stage.Properties.AccessLogSetting.Format);
    expect(format).toMatchObject({
      requestId: '$context.requestId',
      sourceIp: '$context.identity.sourceIp',
      userArn: '$context.identity.userArn',
      cognitoSubject: '$context.authorizer.claims.sub',
      status: '$context.status',
      responseLatency: '$context.responseLatency',
      authorizerError: '$context.authorizer.error',
      authenticateError: '$context.authenticate.error',
    });
    expect(stage.Properties.AccessLogSetting.DestinationArn).toEqual({ 'Fn::GetAtt': [expect.stringMatching(/ApiAccessLogs/), 'Arn'] });
  });

  test('X-Ray on, execution logs at ERROR, data tracing off, stage throttling set', () => {
    const stack = newStack();
    cognitoApi(stack).addRoute({ path: '/a', method: HttpMethod.GET, handler: handler(stack) });
    template(stack).hasResourceProperties('AWS::ApiGateway::Stage', {
      TracingEnabled: true,
      MethodSettings: [{ HttpMethod: '*', ResourcePath: '/*', LoggingLevel: 'ERROR', DataTraceEnabled: false, ThrottlingRateLimit: 100, ThrottlingBurstLimit: 200 }],
    });
  });

  test('execution logging at INFO is an option', () => {
    const stack = newStack();
    cognitoApi(stack, { executionLogLevel: ExecutionLogLevel.INFO }).addRoute({ path: '/a', method: HttpMethod.GET, handler: handler(stack) });
    template(stack).hasResourceProperties('AWS::ApiGateway::Stage', { MethodSettings: [Match.objectLike({ LoggingLevel: 'INFO' })] });
  });

  test('data tracing with a justification is enabled and acknowledged on the stage', () => {
    const stack = newStack();
    const api = cognitoApi(stack, { dataTraceEnabled: true, relaxations: { dataTrace: 'Debugging INC-1234 in the test account for one day' } });
    api.addRoute({ path: '/a', method: HttpMethod.GET, handler: handler(stack) });
    template(stack).hasResourceProperties('AWS::ApiGateway::Stage', { MethodSettings: [Match.objectLike({ DataTraceEnabled: true })] });
    expect(acknowledgedIds(api.stage.node.defaultChild!)).toContain('ServerlessSecurityChecks::SLS-APIGW-DATA-TRACE');
  });

  test('access and execution log groups are KMS-encrypted with finite retention; the stage waits for them', () => {
    const stack = newStack();
    cognitoApi(stack, { logRetention: logs.RetentionDays.THREE_MONTHS }).addRoute({ path: '/a', method: HttpMethod.GET, handler: handler(stack) });
    const t = template(stack);
    t.hasResourceProperties('AWS::Logs::LogGroup', {
      LogGroupName: { 'Fn::Join': ['', ['API-Gateway-Execution-Logs_', { Ref: Match.stringLikeRegexp('Api') }, '/prod']] },
      KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('SecureServerlessKey'), 'Arn'] },
      RetentionInDays: 90,
    });
    const apiGroups = t.findResources('AWS::Logs::LogGroup', { Properties: { RetentionInDays: 90 } });
    expect(Object.keys(apiGroups)).toHaveLength(3); // access, execution, WAF
    Object.values(apiGroups).forEach((g) => expect(g.Properties.KmsKeyId).toBeDefined());
    const stage = Object.values(t.findResources('AWS::ApiGateway::Stage'))[0];
    expect(stage.DependsOn).toEqual(expect.arrayContaining([expect.stringMatching(/ApiExecutionLogs/), expect.stringMatching(/Account/)]));
  });

  test('the account logging role has only an inline policy on the API log groups, shared by the APIs of a stack', () => {
    const stack = newStack();
    cognitoApi(stack, {}, 'One').addRoute({ path: '/a', method: HttpMethod.GET, handler: handler(stack) });
    new SecureApi(stack, 'Two', { authorization: ApiAuthorization.iam() }).addRoute({ path: '/b', method: HttpMethod.GET, handler: handler(stack, 'H2') });

    const t = template(stack);
    t.resourceCountIs('AWS::ApiGateway::Account', 1);
    const roles = t.findResources('AWS::IAM::Role', { Properties: { AssumeRolePolicyDocument: { Statement: [Match.objectLike({ Principal: { Service: 'apigateway.amazonaws.com' } })] } } });
    expect(Object.keys(roles)).toHaveLength(1);
    const role = Object.values(roles)[0];
    expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    const statements = role.Properties.Policies[0].PolicyDocument.Statement;
    expect(statements).toHaveLength(2);
    for (const statement of statements) {
      expect(statement.Action).toEqual(['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams']);
      expect(statement.Resource).toEqual([
        { 'Fn::GetAtt': [expect.stringMatching(/AccessLogs/), 'Arn'] },
        { 'Fn::GetAtt': [expect.stringMatching(/ExecutionLogs/), 'Arn'] },
      ]);
    }
  });

  test('managing the account logging role can be turned off', () => {
    const stack = newStack();
    cognitoApi(stack, { manageAccountLogRole: false }).addRoute({ path: '/a', method: HttpMethod.GET, handler: handler(stack) });
    const t = template(stack);
    t.resourceCountIs('AWS::ApiGateway::Account', 0);
    expect(t.findResources('AWS::IAM::Role', { Properties: { AssumeRolePolicyDocument: { Statement: [Match.objectLike({ Principal: { Service: 'apigateway.amazonaws.com' } })] } } })).toEqual({});
  });
});

describe('abuse protection', () => {
  test('a route can override the stage throttling', () => {
    const stack = newStack();
    const api = cognitoApi(stack);
    api.addRoute({ path: '/orders/{id}', method: HttpMethod.POST, handler: handler(stack), requestSchema: ORDER_SCHEMA, throttlingRateLimit: 5 });
    template(stack).hasResourceProperties('AWS::ApiGateway::Stage', {
      MethodSettings: [
        Match.objectLike({ HttpMethod: '*', ResourcePath: '/*', ThrottlingRateLimit: 100 }),
        Match.objectLike({ HttpMethod: 'POST', ResourcePath: '/~1orders~1{id}', ThrottlingRateLimit: 5, ThrottlingBurstLimit: 200, LoggingLevel: 'ERROR', DataTraceEnabled: false }),
      ],
    });
  });

  test('a regional web ACL with the managed rule groups and a rate rule is associated to the stage and logs with tokens redacted', () => {
    const stack = newStack();
    cognitoApi(stack, { wafRateLimit: 500 }).addRoute({ path: '/a', method: HttpMethod.GET, handler: handler(stack) });
    const t = template(stack);
    t.hasResourceProperties('AWS::WAFv2::WebACL', {
      Scope: 'REGIONAL',
      DefaultAction: { Allow: {} },
      Rules: [
        Match.objectLike({ Statement: { ManagedRuleGroupStatement: { VendorName: 'AWS', Name: 'AWSManagedRulesAmazonIpReputationList' } }, OverrideAction: { None: {} } }),
        Match.objectLike({ Statement: { ManagedRuleGroupStatement: { VendorName: 'AWS', Name: 'AWSManagedRulesCommonRuleSet' } }, OverrideAction: { None: {} } }),
        Match.objectLike({ Statement: { ManagedRuleGroupStatement: { VendorName: 'AWS', Name: 'AWSManagedRulesKnownBadInputsRuleSet' } }, OverrideAction: { None: {} } }),
        Match.objectLike({ Action: { Block: {} }, Statement: { RateBasedStatement: Match.objectLike({ AggregateKeyType: 'IP', Limit: 500 }) } }),
      ],
    });
    const stageId = Object.keys(t.findResources('AWS::ApiGateway::Stage'))[0];
    t.hasResourceProperties('AWS::WAFv2::WebACLAssociation', {
      ResourceArn: { 'Fn::Join': ['', Match.arrayWith([{ Ref: stageId }])] },
      WebACLArn: { 'Fn::GetAtt': [Match.stringLikeRegexp('ApiWebAcl'), 'Arn'] },
    });
    t.hasResourceProperties('AWS::WAFv2::LoggingConfiguration', {
      RedactedFields: [{ SingleHeader: { Name: 'authorization' } }, { SingleHeader: { Name: 'cookie' } }],
    });
    t.hasResourceProperties('AWS::Logs::LogGroup', { LogGroupName: { 'Fn::Join': ['', Match.arrayWith([Match.stringLikeRegexp('^aws-waf-logs-')])] } });
  });

  test('an existing web ACL is associated instead of creating one', () => {
    const stack = newStack();
    const arn = 'arn:aws:wafv2:eu-west-1:111111111111:regional/webacl/shared/abc';
    cognitoApi(stack, { webAclArn: arn }).addRoute({ path: '/a', method: HttpMethod.GET, handler: handler(stack) });
    const t = template(stack);
    t.resourceCountIs('AWS::WAFv2::WebACL', 0);
    t.hasResourceProperties('AWS::WAFv2::WebACLAssociation', { WebACLArn: arn });
  });

  test('no web ACL only with a justification, acknowledged on the stage', () => {
    const stack = newStack();
    const api = cognitoApi(stack, { relaxations: { waf: 'WAF runs in the CloudFront distribution in front of this API' } });
    api.addRoute({ path: '/a', method: HttpMethod.GET, handler: handler(stack) });
    template(stack).resourceCountIs('AWS::WAFv2::WebACLAssociation', 0);
    expect(acknowledgedIds(api.stage.node.defaultChild!)).toEqual(expect.arrayContaining(['ServerlessSecurityChecks::SLS-APIGW-WAF', 'AwsSolutions-APIG3']));
  });
});

describe('transport', () => {
  test('the endpoint is regional by default', () => {
    const stack = newStack();
    cognitoApi(stack).addRoute({ path: '/a', method: HttpMethod.GET, handler: handler(stack) });
    template(stack).hasResourceProperties('AWS::ApiGateway::RestApi', { EndpointConfiguration: { Types: ['REGIONAL'] }, Policy: Match.absent() });
  });

  test('a private API accepts calls only through its VPC endpoints', () => {
    const stack = newStack();
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 1, natGateways: 0, restrictDefaultSecurityGroup: false });
    const endpoint = vpc.addInterfaceEndpoint('ExecuteApi', { service: ec2.InterfaceVpcEndpointAwsService.APIGATEWAY });
    const api = cognitoApi(stack, { endpointType: SecureApiEndpointType.PRIVATE, vpcEndpoints: [endpoint] });
    api.addRoute({ path: '/a', method: HttpMethod.GET, handler: handler(stack) });
    template(stack).hasResourceProperties('AWS::ApiGateway::RestApi', {
      EndpointConfiguration: { Types: ['PRIVATE'], VpcEndpointIds: [{ Ref: Match.stringLikeRegexp('VpcExecuteApi') }] },
      Policy: {
        Statement: Match.arrayWith([Match.objectLike({
          Effect: 'Deny',
          Action: 'execute-api:Invoke',
          Condition: { StringNotEquals: { 'aws:SourceVpce': [{ Ref: Match.stringLikeRegexp('VpcExecuteApi') }] } },
        })]),
      },
    });
  });

  test('a custom domain uses TLS 1.2, optional mutual TLS, and disables the default endpoint', () => {
    const stack = newStack();
    const certificate = acm.Certificate.fromCertificateArn(stack, 'Cert', 'arn:aws:acm:eu-west-1:111111111111:certificate/abc');
    const trustStore = s3.Bucket.fromBucketName(stack, 'TrustStore', 'my-truststore');
    const api = cognitoApi(stack, { domainName: { domainName: 'api.example.com', certificate, mtls: { bucket: trustStore, key: 'truststore.pem' } } });
    api.addRoute({ path: '/a', method: HttpMethod.GET, handler: handler(stack) });
    const t = template(stack);
    t.hasResourceProperties('AWS::ApiGateway::DomainName', {
      DomainName: 'api.example.com',
      SecurityPolicy: 'TLS_1_2',
      MutualTlsAuthentication: { TruststoreUri: 's3://my-truststore/truststore.pem' },
    });
    t.hasResourceProperties('AWS::ApiGateway::RestApi', { DisableExecuteApiEndpoint: true });
  });

  test('keeping the default endpoint next to a domain needs a justification', () => {
    const stack = newStack();
    const certificate = acm.Certificate.fromCertificateArn(stack, 'Cert', 'arn:aws:acm:eu-west-1:111111111111:certificate/abc');
    const api = cognitoApi(stack, { domainName: { domainName: 'api.example.com', certificate }, relaxations: { defaultEndpoint: 'Clients migrate to the domain until 2026-12' } });
    api.addRoute({ path: '/a', method: HttpMethod.GET, handler: handler(stack) });
    template(stack).hasResourceProperties('AWS::ApiGateway::RestApi', { DisableExecuteApiEndpoint: false });
    expect(acknowledgedIds(api.restApi.node.defaultChild!)).toContain('ServerlessSecurityChecks::SLS-APIGW-DEFAULT-ENDPOINT');
  });
});

describe('responses', () => {
  test('CORS is off by default: no OPTIONS method', () => {
    const stack = newStack();
    cognitoApi(stack).addRoute({ path: '/a', method: HttpMethod.GET, handler: handler(stack) });
    expect(template(stack).findResources('AWS::ApiGateway::Method', { Properties: { HttpMethod: 'OPTIONS' } })).toEqual({});
  });

  test('CORS with explicit origins adds unauthenticated MOCK pre-flights, and the origin on error responses', () => {
    const stack = newStack();
    cognitoApi(stack, { corsAllowOrigins: ['https://app.example.com'], corsAllowCredentials: true })
      .addRoute({ path: '/a', method: HttpMethod.GET, handler: handler(stack) });
    const t = template(stack);
    t.hasResourceProperties('AWS::ApiGateway::Method', {
      HttpMethod: 'OPTIONS',
      AuthorizationType: 'NONE',
      Integration: Match.objectLike({ Type: 'MOCK' }),
    });
    t.hasResourceProperties('AWS::ApiGateway::GatewayResponse', {
      ResponseType: 'DEFAULT_4XX',
      ResponseParameters: Match.objectLike({ 'gatewayresponse.header.Access-Control-Allow-Origin': "'https://app.example.com'" }),
    });
  });

  test('gateway error responses carry security headers and no internal detail', () => {
    const stack = newStack();
    cognitoApi(stack).addRoute({ path: '/a', method: HttpMethod.GET, handler: handler(stack) });
    const t = template(stack);
    const headers = {
      'gatewayresponse.header.Strict-Transport-Security': "'max-age=31536000; includeSubDomains'",
      'gatewayresponse.header.X-Content-Type-Options': "'nosniff'",
      'gatewayresponse.header.Cache-Control': "'no-store'",
    };
    t.hasResourceProperties('AWS::ApiGateway::GatewayResponse', { ResponseType: 'DEFAULT_4XX', ResponseParameters: headers });
    t.hasResourceProperties('AWS::ApiGateway::GatewayResponse', {
      ResponseType: 'DEFAULT_5XX',
      ResponseParameters: headers,
      ResponseTemplates: { 'application/json': '{"message":"Internal server error","requestId":"$context.requestId"}' },
    });
    for (const response of Object.values(t.findResources('AWS::ApiGateway::GatewayResponse'))) {
      expect(JSON.stringify(response.Properties.ResponseTemplates)).not.toMatch(/validationErrorString|integration\.error|authorizer\.error/);
    }
  });
});

describe('monitoring', () => {
  test('5XX, 4XX and latency alarms are wired to the action', () => {
    const stack = newStack();
    const topic = new sns.Topic(stack, 'Alerts');
    const api = cognitoApi(stack, { alarmAction: new actions.SnsAction(topic), latencyThreshold: Duration.seconds(2) });
    api.addRoute({ path: '/a', method: HttpMethod.GET, handler: handler(stack) });
    const t = template(stack);
    t.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: '5XXError', Statistic: 'Average', Threshold: 0.05, AlarmActions: [{ Ref: Match.stringLikeRegexp('Alerts') }] });
    t.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: '4XXError', Statistic: 'Average', EvaluationPeriods: 3, AlarmActions: Match.anyValue() });
    t.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'Latency', ExtendedStatistic: 'p99', Threshold: 2000, AlarmActions: Match.anyValue() });
    expect(warningsOf(stack).join('\n')).not.toMatch(/SLS-APIGW-ALARMS/);
  });

  test('without an action, an acknowledgeable warning is raised', () => {
    const stack = newStack();
    const api = cognitoApi(stack);
    api.addRoute({ path: '/a', method: HttpMethod.GET, handler: handler(stack) });
    expect(warningsOf(stack).join('\n')).toMatch(/alarms have no action.*ServerlessSecurityChecks::SLS-APIGW-ALARMS/);

    const acknowledged = newStack();
    const quiet = cognitoApi(acknowledged);
    quiet.addRoute({ path: '/a', method: HttpMethod.GET, handler: handler(acknowledged) });
    Validations.of(quiet).acknowledge({ id: 'ServerlessSecurityChecks::SLS-APIGW-ALARMS', reason: 'Dashboards are watched in this sandbox' });
    expect(warningsOf(acknowledged).join('\n')).not.toMatch(/SLS-APIGW-ALARMS/);
  });
});

describe('methods added with the plain aws-cdk-lib API are held to the audit\'s rules at synth', () => {
  const OPEN = { authorizationType: apigateway.AuthorizationType.NONE, authorizer: { authorizerId: '', authorizationType: apigateway.AuthorizationType.NONE } };

  test('a body method without a model and validator fails the synth under the audit rule id, naming the method', () => {
    const stack = newStack();
    const api = cognitoApi(stack);
    api.root.addResource('x').addMethod('POST', new apigateway.MockIntegration());
    const message = errorOf(() => template(stack)).message;
    expect(message).toMatch(/\[SLS-APIGW-BODY-VALIDATION\[model\]\] S\/Api\/Api\/Default\/x\/POST\/Resource: POST \/x accepts a body but declares no/);
    expect(message).toMatch(/\[SLS-APIGW-BODY-VALIDATION\[validator\]\] S\/Api\/Api\/Default\/x\/POST\/Resource: .*acknowledge ServerlessSecurityChecks::SLS-APIGW-BODY-VALIDATION\[validator\]/);
  });

  test('a method with models but without the validator fails; with the validator it passes', () => {
    const stack = newStack();
    const api = cognitoApi(stack);
    const model = api.restApi.addModel('Order', { schema: ORDER_SCHEMA });
    api.root.addResource('bad').addMethod('POST', new apigateway.MockIntegration(), { requestModels: { 'application/json': model, '$default': model } });
    api.root.addResource('good').addMethod('POST', new apigateway.MockIntegration(), { requestModels: { 'application/json': model, '$default': model }, requestValidator: api.requestValidator });
    const message = errorOf(() => template(stack)).message;
    expect(message).toMatch(/\[SLS-APIGW-BODY-VALIDATION\[validator\]\] S\/Api\/Api\/Default\/bad\/POST/);
    expect(message).not.toMatch(/good/);
  });

  test('a method without authorization fails unless acknowledged, as the audit would', () => {
    const stack = newStack();
    cognitoApi(stack).root.addResource('open').addMethod('GET', new apigateway.MockIntegration(), OPEN);
    expect(() => template(stack)).toThrow(/\[SLS-APIGW-METHOD-AUTH\] S\/Api\/Api\/Default\/open\/GET\/Resource: GET \/open has AuthorizationType NONE/);

    for (const id of ['ServerlessSecurityChecks::SLS-APIGW-METHOD-AUTH', 'SLS-APIGW-METHOD-AUTH']) {
      const ok = newStack();
      const method = cognitoApi(ok).root.addResource('open').addMethod('GET', new apigateway.MockIntegration(), OPEN);
      Validations.of(method).acknowledge({ id, reason: JUSTIFICATION });
      expect(() => template(ok)).not.toThrow();
    }
  });

  test('a malformed plain model fails; a permissive one is an acknowledgeable warning (the audit rule\'s severities)', () => {
    const stack = newStack();
    const api = cognitoApi(stack);
    api.restApi.addModel('Broken', { schema: { type: 'strnig' as any } });
    api.restApi.addModel('Loose', { schema: { type: apigateway.JsonSchemaType.OBJECT } });
    api.addRoute({ path: '/a', method: HttpMethod.GET, handler: handler(stack) });
    const message = errorOf(() => template(stack)).message;
    expect(message).toMatch(/\[SLS-APIGW-MODEL-SCHEMA\[malformed\]\] S\/Api\/Api\/Broken\/Resource: Model \w+ is not valid JSON Schema draft-04: at #\/type/);
    expect(message).not.toMatch(/Loose/);

    const warn = newStack();
    const warnApi = cognitoApi(warn);
    warnApi.restApi.addModel('Loose', { schema: { type: apigateway.JsonSchemaType.OBJECT } });
    warnApi.addRoute({ path: '/a', method: HttpMethod.GET, handler: handler(warn) });
    expect(warningsOf(warn).join('\n')).toMatch(/Loose\/Resource \[SLS-APIGW-MODEL-SCHEMA\[additional-properties\]\]/);
  });

  test('a Lambda permission for the whole API fails the synth', () => {
    const stack = newStack();
    const api = cognitoApi(stack);
    api.root.addResource('wide').addMethod('GET', new apigateway.LambdaIntegration(plainFunction(stack), { scopePermissionToMethod: false }));
    expect(() => template(stack)).toThrow(/\[SA205\].*any method and stage of the API/);
  });
});

describe('one synth shows every problem', () => {
  /** An app with an unauthenticated SecureApi method and, elsewhere, a plain function holding a literal secret. */
  function twoMistakes(registerPlugin: boolean): App {
    const app = new App({ builtinCloudFormationValidation: false, outdir: tempDir('one-synth') } as any);
    if (registerPlugin) new ServerlessSecurityChecks(app);
    const stack = new Stack(app, 'S', { env: { account: '111111111111', region: 'eu-west-1' } });
    cognitoApi(stack).root.addResource('open').addMethod('GET', new apigateway.MockIntegration(), OPEN);
    new lambda.Function(stack, 'Legacy', {
      runtime: lambda.Runtime.NODEJS_22_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline('exports.handler = async () => 1;'),
      environment: { DB_PASSWORD: 'hunter2-correct-horse-battery' },
    });
    return app;
  }
  const OPEN = { authorizationType: apigateway.AuthorizationType.NONE, authorizer: { authorizerId: '', authorizationType: apigateway.AuthorizationType.NONE } };

  test('with the audit plugin registered, the SecureApi finding and the plain function\'s secret fail one synth together', () => {
    const app = twoMistakes(true);
    const spy = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    let message = '';
    try {
      app.synth();
    } catch (e) {
      message = (e as Error).message;
    } finally {
      spy.mockRestore();
      process.exitCode = undefined;
    }
    expect(message).toMatch(/SLS-APIGW-METHOD-AUTH/);
    expect(message).toMatch(/SLS-LAMBDA-ENV-SECRET/);
    expect(message).not.toMatch(/Validation failed with the following errors/); // no node validation ended it early
  });

  test('without the plugin, SecureApi still fails the synth on its own (secure by default)', () => {
    expect(() => twoMistakes(false).synth()).toThrow(/\[SLS-APIGW-METHOD-AUTH\] S\/Api\/Api\/Default\/open\/GET\/Resource/);
  });

  test('a plugin registered on an enclosing stage counts; one on an unrelated stage does not', () => {
    const app = new App({ builtinCloudFormationValidation: false, outdir: tempDir('one-synth-stages') } as any);
    const audited = new Stage(app, 'Audited');
    const other = new Stage(app, 'Other');
    new ServerlessSecurityChecks(audited);
    const inAudited = new Stack(audited, 'S');
    const inOther = new Stack(other, 'S');
    for (const stack of [inAudited, inOther]) {
      cognitoApi(stack).root.addResource('open').addMethod('GET', new apigateway.MockIntegration(), OPEN);
    }
    const messages = (s: Stack) => s.node.findAll().flatMap((c) => c.node.validate());
    expect(messages(inAudited)).toEqual([]);
    expect(messages(inOther).join('\n')).toMatch(/\[SLS-APIGW-METHOD-AUTH\] Other\/S\/Api/);
  });
});

describe('private endpoint', () => {
  test('the resource policy principal of a private IAM API is the account, not anyone', () => {
    const stack = newStack();
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 1, natGateways: 0, restrictDefaultSecurityGroup: false });
    const endpoint = vpc.addInterfaceEndpoint('ExecuteApi', { service: ec2.InterfaceVpcEndpointAwsService.APIGATEWAY });
    const api = new SecureApi(stack, 'Api', { authorization: ApiAuthorization.iam(), endpointType: SecureApiEndpointType.PRIVATE, vpcEndpoints: [endpoint] });
    api.addRoute({ path: '/a', method: HttpMethod.GET, handler: handler(stack) });
    const policy = Object.values(template(stack).findResources('AWS::ApiGateway::RestApi'))[0].Properties.Policy;
    const allow = policy.Statement.find((s: any) => s.Effect === 'Allow');
    expect(JSON.stringify(allow.Principal)).toMatch(/:root/);
  });
});
