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
 * Checks an API Gateway access log format string: it must be JSON (one object per line, so log queries can read
 * fields) and carry the fields incident response needs.
 */
export class AccessLogFormat {
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
