import { aws_apigateway as apigateway } from 'aws-cdk-lib';
import { AccessLogFormat } from '../../secure-api/private/access-log-format';

/**
 * The fields of SecureApi's JSON access-log line that HTTP APIs also provide (HTTP APIs have no WAF, X-Ray,
 * request validation or `authorize`/`authenticate` stages, so those fields would only log `-`).
 */
const SHARED_FIELDS = [
  'requestId', 'extendedRequestId', 'requestTime', 'httpMethod', 'protocol', 'status', 'responseLength',
  'responseLatency', 'integrationLatency', 'integrationStatus', 'sourceIp', 'userAgent', 'caller', 'user', 'userArn',
  'accountId', 'principalId', 'authorizerError', 'errorMessage', 'errorType',
] as const;

/** Fields only HTTP APIs have. */
const HTTP_ONLY_FIELDS: Readonly<Record<string, string>> = {
  routeKey: '$context.routeKey',
  path: '$context.path',
  /** The JWT subject (JWT and Cognito user pool authorizers). */
  jwtSubject: '$context.authorizer.claims.sub',
  integrationError: '$context.integrationErrorMessage',
};

/**
 * The JSON access-log line of a `SecureHttpApi` (T6): who called (IAM identity, JWT subject, Lambda authorizer
 * principal), from where (source IP, user agent), what (route key, path, status, request id), how long (latency,
 * integration latency) and why it was refused (authorizer error). It reuses SecureApi's field names, so one log query
 * reads both kinds of API. Every value is quoted (API Gateway writes `-` for a missing value). Bodies, query strings
 * and headers other than the user agent are never logged.
 */
export class HttpAccessLogFormat {
  /** Field name -> `$context` variable. */
  public static fields(): Record<string, string> {
    const fields: Record<string, string> = {};
    for (const name of SHARED_FIELDS) fields[name] = AccessLogFormat.FIELDS[name];
    return { ...fields, ...HTTP_ONLY_FIELDS };
  }

  /** The format for the stage's `accessLogSettings`. */
  public static json(): apigateway.AccessLogFormat {
    const fields = Object.entries(HttpAccessLogFormat.fields()).map(([name, variable]) => `"${name}":"${variable}"`);
    return apigateway.AccessLogFormat.custom(`{${fields.join(',')}}`);
  }
}
