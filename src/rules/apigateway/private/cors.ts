import { Severity, Verdict } from '../../../core/rule';
import { Verdicts } from '../../../core/verdicts';

/** What a CORS configuration lets any web origin do. */
export interface CorsExposure {
  /** `*`, or an origin reflected from the request (`method.request.header.Origin`): every site is allowed. */
  readonly anyOrigin: boolean;
  /** How "any origin" is expressed, for the finding (`'*'`, `the request's Origin header`). */
  readonly originLabel: string;
  /** `Access-Control-Allow-Credentials: true`. */
  readonly credentials: boolean;
}

/**
 * The CORS verdict shared by REST and HTTP API rules. Any origin together with credentials lets every web site read
 * authenticated responses with the victim's cookies or client certificate: an error (`wildcard-with-credentials`).
 * Browsers refuse a literal `*` with credentials, but an origin reflected from the request is accepted by them, which
 * is exactly why it is the dangerous variant. Any origin alone is a warning (`wildcard-origin`): acceptable for a
 * truly public read-only API, a leak for anything else.
 */
export function corsVerdicts(exposure: CorsExposure, subject: string, location: string): Verdict[] {
  if (!exposure.anyOrigin) return [];
  if (exposure.credentials) {
    return [Verdicts.violation(`${subject} allows any origin (${exposure.originLabel}) together with credentials, so any web site can make authenticated calls and read the answers.`, { location, findingId: 'wildcard-with-credentials' })];
  }
  return [Verdicts.violation(`${subject} allows any origin (${exposure.originLabel}).`, { location, findingId: 'wildcard-origin', severity: Severity.WARNING })];
}

/**
 * Reads the CORS headers of a mapping from header name to value (`ResponseParameters` of an integration response or
 * a gateway response), where literal values are single-quoted (`'*'`).
 *
 * @param prefix the key prefix before the header name (`method.response.header.`, `gatewayresponse.header.`)
 */
export function corsFromResponseParameters(parameters: { [key: string]: any } | undefined, prefix: string): CorsExposure {
  const header = (name: string): string | undefined => {
    const key = Object.keys(parameters ?? {}).find((k) => k.toLowerCase() === `${prefix}${name}`.toLowerCase());
    const value = key === undefined ? undefined : parameters![key];
    return typeof value === 'string' ? value.trim() : undefined;
  };
  const origin = header('Access-Control-Allow-Origin');
  const credentials = header('Access-Control-Allow-Credentials');
  const reflected = origin !== undefined && /^method\.request\.header\.origin$/i.test(origin);
  return {
    anyOrigin: origin === "'*'" || reflected,
    originLabel: reflected ? "the request's Origin header, reflected" : "'*'",
    credentials: credentials !== undefined && /^'\s*true\s*'$/i.test(credentials),
  };
}
