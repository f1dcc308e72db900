import { Duration, Token } from 'aws-cdk-lib';
import { PropErrors } from '../../core/prop-errors';

/** `scheme://host[:port]`: what a browser sends as `Origin`; no path, no wildcard. */
const ORIGIN_PATTERN = /^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$/;

/** The CORS props SecureApi and SecureHttpApi share. */
export interface CorsOriginProps {
  readonly corsAllowOrigins?: string[];
  readonly corsAllowCredentials?: boolean;
  readonly corsAllowHeaders?: string[];
  readonly corsAllowMethods?: unknown[];
  readonly corsMaxAge?: Duration;
}

/** Each construct's error codes for the CORS problems (its own prefix, the same meaning). */
export interface CorsErrorCodes {
  readonly CORS_OPTIONS_WITHOUT_ORIGINS: string;
  readonly CORS_ANY_ORIGIN_WITH_CREDENTIALS: string;
  readonly CORS_ANY_ORIGIN: string;
  readonly CORS_ORIGIN_INVALID: string;
}

/**
 * The CORS origin checks of the API constructs (T3): CORS only with explicit origins written as browsers send them;
 * `*` never with credentials, and otherwise only with a written justification (`relaxations.anyCorsOrigin`).
 */
export class CorsOrigins {
  /**
   * Checks the props; problems go to `errors`.
   *
   * @param acceptAnyOrigin records (or rejects, when too short) the justification for `*`; called only when given
   */
  public static check(props: CorsOriginProps, anyOriginJustification: string | undefined, codes: CorsErrorCodes, errors: PropErrors,
    acceptAnyOrigin: (justification: string) => void): void {
    const origins = props.corsAllowOrigins;
    const hasOtherCors = props.corsAllowCredentials !== undefined || props.corsAllowHeaders !== undefined
      || props.corsAllowMethods !== undefined || props.corsMaxAge !== undefined;
    if (!origins || origins.length === 0) {
      if (hasOtherCors || origins) {
        errors.add(codes.CORS_OPTIONS_WITHOUT_ORIGINS, 'corsAllowOrigins', 'must list the allowed origins when CORS is configured',
          "List the browser origins that may call the API (`['https://app.example.com']`), or remove the CORS props");
      }
      return;
    }
    for (const origin of origins) {
      if (Token.isUnresolved(origin)) continue;
      if (origin === '*') {
        if (props.corsAllowCredentials) {
          errors.add(codes.CORS_ANY_ORIGIN_WITH_CREDENTIALS, 'corsAllowOrigins', "must not contain '*' when `corsAllowCredentials` is true (any web site could make credentialed calls for your users)",
            'List the exact origins of your front ends');
        } else if (anyOriginJustification === undefined) {
          errors.add(codes.CORS_ANY_ORIGIN, 'corsAllowOrigins', "must list explicit origins but contains '*'",
            'List the exact origins of your front ends, or set `relaxations.anyCorsOrigin` to a written justification (public, credential-free API)');
        } else {
          acceptAnyOrigin(anyOriginJustification);
        }
      } else if (!ORIGIN_PATTERN.test(origin)) {
        errors.add(codes.CORS_ORIGIN_INVALID, 'corsAllowOrigins', `must contain origins like https://app.example.com but contains '${origin}'`,
          'Write each origin as scheme://host[:port], without path or wildcard');
      }
    }
  }
}
