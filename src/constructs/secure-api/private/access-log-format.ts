import { aws_apigateway as apigateway } from 'aws-cdk-lib';

/**
 * The JSON access-log line of a `SecureApi` (T6): who called (IAM identity, Cognito subject, authorizer principal),
 * from where (source IP, user agent), what (method, resource, status, request id, X-Ray trace id), how long (latency,
 * integration latency), and why a request was refused (authorizer, authentication, WAF and validation errors).
 *
 * Every value is a quoted string: API Gateway writes `-` for a missing value, which would make a bare number field
 * invalid JSON. Request bodies, query strings and headers other than the user agent are deliberately not logged
 * (they may carry personal data or credentials).
 */
export class AccessLogFormat {
  /** Field name -> API Gateway `$context` variable. */
  public static readonly FIELDS: Readonly<Record<string, string>> = {
    requestId: '$context.requestId',
    extendedRequestId: '$context.extendedRequestId',
    requestTime: '$context.requestTime',
    httpMethod: '$context.httpMethod',
    resourcePath: '$context.resourcePath',
    protocol: '$context.protocol',
    status: '$context.status',
    responseLength: '$context.responseLength',
    responseLatency: '$context.responseLatency',
    integrationLatency: '$context.integration.latency',
    integrationStatus: '$context.integration.status',
    sourceIp: '$context.identity.sourceIp',
    userAgent: '$context.identity.userAgent',
    caller: '$context.identity.caller',
    user: '$context.identity.user',
    userArn: '$context.identity.userArn',
    accountId: '$context.identity.accountId',
    cognitoSubject: '$context.authorizer.claims.sub',
    principalId: '$context.authorizer.principalId',
    authorizerError: '$context.authorizer.error',
    authorizerStatus: '$context.authorize.status',
    authenticateError: '$context.authenticate.error',
    authorizeError: '$context.authorize.error',
    wafStatus: '$context.waf.status',
    wafError: '$context.waf.error',
    errorMessage: '$context.error.message',
    errorType: '$context.error.responseType',
    validationError: '$context.error.validationErrorString',
    xrayTraceId: '$context.xrayTraceId',
  };

  /** The format for the stage's `accessLogFormat`. */
  public static json(): apigateway.AccessLogFormat {
    const fields = Object.entries(AccessLogFormat.FIELDS).map(([name, variable]) => `"${name}":"${variable}"`);
    return apigateway.AccessLogFormat.custom(`{${fields.join(',')}}`);
  }
}
