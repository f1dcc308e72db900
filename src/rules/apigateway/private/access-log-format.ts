import { readValue } from '../../../core/private/values';

import { Verdict } from '../../../core/rule';
import { StackView } from '../../../core/stack-view';
import { Verdicts } from '../../../core/verdicts';

/** A field an access log must carry, and the `$context` variables that provide it. */
interface RequiredField {
  /** Finding id when the field is missing. */
  readonly id: string;
  readonly description: string;
  readonly variables: RegExp;
}

/**
 * The fields THREATS.md T6 asks of an access log, for REST and HTTP APIs alike: who called (source IP and caller
 * identity), which request (request id), what happened (status, latency) and why access was refused (authorizer
 * error). Any one of the listed variables provides a field.
 */
const REQUIRED_FIELDS: RequiredField[] = [
  { id: 'source-ip', description: 'source IP ($context.identity.sourceIp)', variables: /\$context\.identity\.sourceIp\b/ },
  {
    id: 'caller',
    description: 'caller identity ($context.identity.caller / user / userArn / cognitoIdentityId, or $context.authorizer.principalId / claims)',
    variables: /\$context\.(?:identity\.(?:caller|user|userArn|cognitoIdentityId|accountId)|authorizer\.(?:principalId|claims\.[\w:]+|jwt\.claims\.[\w:]+|iam\.\w+))\b/,
  },
  { id: 'request-id', description: 'request id ($context.requestId or $context.extendedRequestId)', variables: /\$context\.(?:requestId|extendedRequestId)\b/ },
  { id: 'status', description: 'status ($context.status)', variables: /\$context\.status\b/ },
  { id: 'latency', description: 'latency ($context.responseLatency or $context.integrationLatency)', variables: /\$context\.(?:responseLatency|integrationLatency|integration\.latency)\b/ },
  { id: 'authorizer-error', description: 'authorizer error ($context.authorizer.error)', variables: /\$context\.authorizer\.error\b/ },
];

/** One problem with an access log format. */
export interface AccessLogFormatProblem {
  /** `not-json`, or the id of the missing field (`source-ip`, `caller`, `request-id`, `status`, `latency`, `authorizer-error`). */
  readonly id: string;
  readonly message: string;
}

/**
 * The fields of the access log line the Secure* API constructs write (T6): who called (IAM identity, Cognito or JWT
 * subject, authorizer principal), from where (source IP, user agent), what (method, resource or route, status,
 * request id), how long (latency, integration latency), and why a request was refused (authorizer, authentication,
 * WAF and validation errors). Field name -> `$context` variable, and which kinds of API provide it (HTTP APIs have no
 * WAF, X-Ray, request validation or `authorize`/`authenticate` stages). One table, so one log query reads both kinds.
 */
const FIELDS: ReadonlyArray<{ readonly name: string; readonly variable: string; readonly rest: boolean; readonly http: boolean }> = [
  { name: 'requestId', variable: '$context.requestId', rest: true, http: true },
  { name: 'extendedRequestId', variable: '$context.extendedRequestId', rest: true, http: true },
  { name: 'requestTime', variable: '$context.requestTime', rest: true, http: true },
  { name: 'httpMethod', variable: '$context.httpMethod', rest: true, http: true },
  { name: 'resourcePath', variable: '$context.resourcePath', rest: true, http: false },
  { name: 'protocol', variable: '$context.protocol', rest: true, http: true },
  { name: 'status', variable: '$context.status', rest: true, http: true },
  { name: 'responseLength', variable: '$context.responseLength', rest: true, http: true },
  { name: 'responseLatency', variable: '$context.responseLatency', rest: true, http: true },
  { name: 'integrationLatency', variable: '$context.integration.latency', rest: true, http: true },
  { name: 'integrationStatus', variable: '$context.integration.status', rest: true, http: true },
  { name: 'sourceIp', variable: '$context.identity.sourceIp', rest: true, http: true },
  { name: 'userAgent', variable: '$context.identity.userAgent', rest: true, http: true },
  { name: 'caller', variable: '$context.identity.caller', rest: true, http: true },
  { name: 'user', variable: '$context.identity.user', rest: true, http: true },
  { name: 'userArn', variable: '$context.identity.userArn', rest: true, http: true },
  { name: 'accountId', variable: '$context.identity.accountId', rest: true, http: true },
  { name: 'cognitoSubject', variable: '$context.authorizer.claims.sub', rest: true, http: false },
  { name: 'principalId', variable: '$context.authorizer.principalId', rest: true, http: true },
  { name: 'authorizerError', variable: '$context.authorizer.error', rest: true, http: true },
  { name: 'authorizerStatus', variable: '$context.authorize.status', rest: true, http: false },
  { name: 'authenticateError', variable: '$context.authenticate.error', rest: true, http: false },
  { name: 'authorizeError', variable: '$context.authorize.error', rest: true, http: false },
  { name: 'wafStatus', variable: '$context.waf.status', rest: true, http: false },
  { name: 'wafError', variable: '$context.waf.error', rest: true, http: false },
  { name: 'errorMessage', variable: '$context.error.message', rest: true, http: true },
  { name: 'errorType', variable: '$context.error.responseType', rest: true, http: true },
  { name: 'validationError', variable: '$context.error.validationErrorString', rest: true, http: false },
  { name: 'xrayTraceId', variable: '$context.xrayTraceId', rest: true, http: false },
  { name: 'routeKey', variable: '$context.routeKey', rest: false, http: true },
  { name: 'path', variable: '$context.path', rest: false, http: true },
  /** The JWT subject (JWT and Cognito user pool authorizers of HTTP APIs). */
  { name: 'jwtSubject', variable: '$context.authorizer.claims.sub', rest: false, http: true },
  { name: 'integrationError', variable: '$context.integrationErrorMessage', rest: false, http: true },
];

/**
 * The access log format of API Gateway stages, written and judged in one place: the JSON line the Secure* API
 * constructs write (`restApiLine`, `httpApiLine`), and the check the audit applies to any stage (`problems`). The line
 * the constructs write passes the check by construction (a test holds them together).
 *
 * The check: the format must be JSON (one object per line, so log queries can read fields) and carry the fields
 * incident response needs.
 */
export class AccessLogFormat {
  /**
   * The JSON access log line of a REST API stage (SecureApi). Every value is a quoted string: API Gateway writes `-`
   * for a missing value, which would make a bare number field invalid JSON. Request bodies, query strings and headers
   * other than the user agent are deliberately not logged (they may carry personal data or credentials).
   */
  public static restApiLine(): string {
    return jsonLine(FIELDS.filter((f) => f.rest));
  }

  /** The JSON access log line of an HTTP API stage (SecureHttpApi): the same field names, where HTTP APIs have them. */
  public static httpApiLine(): string {
    return jsonLine(FIELDS.filter((f) => f.http));
  }

  /** The problems of a format; empty when it is JSON with every required field. */
  public static problems(format: string): AccessLogFormatProblem[] {
    const problems: AccessLogFormatProblem[] = [];
    if (!AccessLogFormat.isJson(format)) {
      problems.push({ id: 'not-json', message: 'is not a JSON object, so log queries cannot read its fields' });
    }
    for (const field of REQUIRED_FIELDS) {
      if (!field.variables.test(format)) problems.push({ id: field.id, message: `does not log the ${field.description}` });
    }
    return problems;
  }

  /**
   * True when the format is a JSON object once its `$context` variables are substituted. Variables may stand
   * unquoted for numbers (`"status": $context.status`), so each is replaced by a number before parsing.
   */
  private static isJson(format: string): boolean {
    const substituted = format.replace(/\$(?:context|stageVariables)\.[A-Za-z0-9_.:-]+/g, '0');
    try {
      const parsed = JSON.parse(substituted);
      return parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed);
    } catch {
      return false;
    }
  }
}

function jsonLine(fields: ReadonlyArray<{ readonly name: string; readonly variable: string }>): string {
  return `{${fields.map((f) => `"${f.name}":"${f.variable}"`).join(',')}}`;
}

/**
 * Judges an access log setting (`AccessLogSetting` of a REST stage, `AccessLogSettings` of an HTTP API stage): both
 * are `{ DestinationArn, Format }`.
 */
export function checkAccessLogSetting(label: string, setting: any, location: string, stack: StackView): Verdict[] {
  if (!setting || setting.DestinationArn === undefined) {
    return [Verdicts.violation(`${label} writes no access logs.`, { location, findingId: 'missing' })];
  }
  const format = readValue(stack, setting.Format);
  if (!format.known) {
    return [Verdicts.undecidable(`The access log format of ${label} is not known at synth time.`, format.unknownReason, { location: `${location}/Format` })];
  }
  if (typeof format.value !== 'string') {
    return [Verdicts.violation(`${label} sends access logs without a format, so API Gateway writes none of the fields incident response needs.`, { location: `${location}/Format`, findingId: 'not-json' })];
  }
  return AccessLogFormat.problems(format.value)
    .map((p) => Verdicts.violation(`The access log format of ${label} ${p.message}.`, { location: `${location}/Format`, findingId: p.id }));
}
