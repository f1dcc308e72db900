import { Stack, Token, aws_logs as logs } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { Justification } from '../../../core/justification';
import { PropErrors } from '../../../core/prop-errors';
import { JsonSchemaStrictness } from '../../../rules/apigateway/private/json-schema-strictness';

/** Control characters (line breaks included): never part of a name, a header value or a path. */
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;
/** One DNS label: letters, digits and hyphens, not at either end, at most 63 characters. */
const DNS_LABEL = /^(?!-)[A-Za-z0-9-]{1,63}(?<!-)$/;
/** An OAuth scope (RFC 6749 scope token). */
const OAUTH_SCOPE = /^[\x21\x23-\x5B\x5D-\x7E]{1,256}$/;
/** A header name (RFC 9110 token). */
const HEADER_NAME = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/;
/** An origin served over plain http, other than the local machine (a developer's front end). */
const PLAIN_HTTP_ORIGIN = /^http:\/\/(?!(localhost|127\.0\.0\.1|\[::1\])(:\d+)?$)/i;
/** Every finite retention of CloudWatch Logs (`RetentionDays` without `INFINITE`). */
const FINITE_RETENTIONS = new Set<number>(Object.values(logs.RetentionDays)
  .filter((v): v is number => typeof v === 'number' && v !== logs.RetentionDays.INFINITE));

/**
 * The shape checks the API and site constructs share on top of `PropErrors` (numbers, durations, tokens): values as
 * JavaScript and the other jsii languages can pass them (`null`, a string for a boolean, an enum name that does not
 * exist), checked before aws-cdk-lib sees them, so every problem gets our code and none crashes inside aws-cdk-lib.
 */
export class PropChecks {
  /** A value that must be a boolean when given (`'true'` from JavaScript would be written to the template as is). */
  public static boolean(errors: PropErrors, code: string, prop: string, value: unknown): void {
    if (value !== undefined && typeof value !== 'boolean') {
      errors.add(code, prop, `must be true or false but was ${PropErrors.show(value)}`, `Pass a boolean, or remove \`${prop}\` for the default`);
    }
  }

  /** A value that must be one of an enum's values when given. */
  public static oneOf(errors: PropErrors, code: string, prop: string, value: unknown, allowed: readonly unknown[]): void {
    if (value !== undefined && !allowed.includes(value)) {
      errors.add(code, prop, `must be one of ${allowed.join(', ')} but was ${PropErrors.show(value)}`,
        `Use the enum's members, or remove \`${prop}\` for the default`);
    }
  }

  /** A log retention: one of `logs.RetentionDays`, never `INFINITE` (and never a number CloudWatch does not offer). */
  public static retention(errors: PropErrors, code: string, prop: string, value: unknown): void {
    if (value === undefined) return;
    if (value === logs.RetentionDays.INFINITE) {
      errors.add(code, prop, 'must be a finite retention but was INFINITE',
        `Choose a finite \`${prop}\` (default ONE_YEAR); export the logs if they must be kept longer`);
    } else if (typeof value !== 'number' || !FINITE_RETENTIONS.has(value)) {
      errors.add(code, prop, `must be a logs.RetentionDays value but was ${PropErrors.show(value)}`,
        'Use a member of logs.RetentionDays (for example ONE_YEAR)');
    }
  }

  /**
   * A text prop (a name, a description): a string of visible characters, without control characters, at most
   * `maxLength` long, matching `pattern` when given. A token is resolved when synth can; one that cannot be resolved
   * names something decided at deploy time and is accepted.
   *
   * @returns the literal value when it was checked and accepted
   */
  public static text(errors: PropErrors, code: string, prop: string, value: unknown, options: TextOptions): string | undefined {
    if (value === undefined) return undefined;
    if (typeof value !== 'string') {
      errors.add(code, prop, `must be text but was ${PropErrors.show(value)}`, options.fix);
      return undefined;
    }
    const resolved = errors.resolveString(value);
    if (resolved.value === undefined) return undefined;
    const text = resolved.value;
    const problem = text.trim().length === 0 ? 'must not be empty or blank'
      : CONTROL_CHARACTERS.test(text) ? 'must be one line without control characters'
        : text.length > options.maxLength ? `must be at most ${options.maxLength} characters but has ${text.length}`
          : options.pattern && !options.pattern.test(text) ? `must be ${options.patternDescription} but was ${PropErrors.show(text)}`
            : undefined;
    if (problem) {
      errors.add(code, prop, problem, options.fix);
      return undefined;
    }
    return text;
  }

  /**
   * A list of strings (header names, identity sources, scopes): an array whose entries are strings that
   * `entryProblem` accepts. Entries that are tokens are resolved when synth can, and skipped otherwise.
   *
   * @returns the literal entries, or undefined when the list is absent or not a list
   */
  public static strings(errors: PropErrors, code: string, prop: string, value: unknown, fix: string,
    entryProblem: (entry: string) => string | undefined): string[] | undefined {
    if (value === undefined) return undefined;
    if (!Array.isArray(value)) {
      errors.add(code, prop, `must be a list but was ${PropErrors.show(value)}`, fix);
      return undefined;
    }
    const literals: string[] = [];
    for (const entry of value) {
      if (typeof entry !== 'string') {
        errors.add(code, prop, `must contain only text but contains ${PropErrors.show(entry)}`, fix);
        continue;
      }
      const resolved = errors.resolveString(entry);
      if (resolved.value === undefined) continue;
      const problem = entryProblem(resolved.value);
      if (problem) errors.add(code, prop, problem, fix);
      else literals.push(resolved.value);
    }
    return literals;
  }

  /**
   * A domain name (`api.example.com`): at least two labels of letters, digits and hyphens, at most 253 characters;
   * `*.` first only when `wildcard` is allowed; lower case only when `lowerCase` (API Gateway).
   *
   * @returns what is wrong, or undefined
   */
  public static domainNameProblem(name: string, options: { wildcard: boolean; lowerCase: boolean }): string | undefined {
    if (Token.isUnresolved(name)) return undefined;
    const bare = options.wildcard && name.startsWith('*.') ? name.slice(2) : name;
    const labels = bare.split('.');
    if (name.length === 0 || name.length > 253 || labels.length < 2 || !labels.every((l) => DNS_LABEL.test(l))) {
      return `must be a domain name like ${options.wildcard ? '*.example.com or ' : ''}www.example.com but was ${PropErrors.show(name)}`;
    }
    if (options.lowerCase && /[A-Z]/.test(name)) return `must be lower case (API Gateway refuses capitals) but was ${PropErrors.show(name)}`;
    return undefined;
  }

  /**
   * Every written justification under `relaxations`, used or not, is judged by `Justification`: a relaxation the
   * construct does not need right now is still recorded as text a reviewer reads. Justifications the construct
   * already judged (a problem recorded for that prop) are not reported twice.
   */
  public static justifications(errors: PropErrors, code: string, prefix: string, relaxations: unknown): void {
    if (relaxations === undefined || relaxations === null) return;
    if (typeof relaxations !== 'object' || Array.isArray(relaxations)) {
      errors.add(code, prefix.replace(/\.$/, ''), `must be an object of written justifications but was ${PropErrors.show(relaxations)}`,
        'Pass { <relaxation>: \'<why the secure default does not fit>\' }');
      return;
    }
    for (const [key, justification] of Object.entries(relaxations)) {
      const prop = `${prefix}${key}`;
      if (justification === undefined || errors.problems.some((p) => p.prop === prop)) continue;
      const problem = Justification.problem(justification as string);
      if (problem !== undefined) {
        errors.add(code, prop, `must be a written justification but ${problem} (was ${PropErrors.show(justification)})`,
          'Explain in words why the secure default does not fit (it is shown in the audit report as an acknowledged exception)');
      }
    }
  }

  /**
   * CORS origins before the shared origin checks (`CorsOrigins`): a list, tokens resolved when synth can (one that
   * resolves to `*` is then refused like `*`; one known only at deploy time is an acknowledgeable warning), and https
   * only (http is accepted for the local machine).
   *
   * @returns the origins with their tokens resolved, for `CorsOrigins.check`
   */
  public static corsOrigins(errors: PropErrors, codes: CorsOriginCodes, origins: unknown): string[] | undefined {
    if (origins === undefined || origins === null) return undefined;
    if (!Array.isArray(origins)) {
      errors.add(codes.CORS_ORIGIN_INVALID, 'corsAllowOrigins', `must be a list of origins but was ${PropErrors.show(origins)}`, "Pass ['https://app.example.com']");
      return undefined;
    }
    return origins.map((origin) => {
      if (typeof origin !== 'string') return origin;
      const literal = errors.resolveString(origin).value;
      if (literal === undefined) {
        errors.undecidable(codes.CORS_ORIGIN_UNDECIDABLE, 'corsAllowOrigins', 'contains an origin known only at deploy time, so it cannot be checked not to be \'*\' at synth',
          'Use literal origins, or acknowledge this warning after checking the deployed value');
        return origin;
      }
      if (PLAIN_HTTP_ORIGIN.test(literal)) {
        errors.add(codes.CORS_ORIGIN_INVALID, 'corsAllowOrigins', `must be https origins but contains ${PropErrors.show(literal)} (a page served over http can be altered in transit and then call the API with the user's credentials)`,
          'Serve the front end over https and list its https:// origin (http:// is accepted for localhost only)');
      }
      return literal;
    });
  }

  /** OAuth scopes (RFC 6749 scope tokens): `orders/read`. */
  public static scopeProblem(scope: string): string | undefined {
    return OAUTH_SCOPE.test(scope) ? undefined : `contains ${PropErrors.show(scope)}, which is not an OAuth scope`;
  }

  /**
   * A route's request schema, checked before anything is created with the library's one checker
   * (`JsonSchemaStrictness`, which the audit rule SLS-APIGW-MODEL-SCHEMA uses on deployed models): its size and shape
   * first (no recursion), then its tokens resolved as the model will deploy them (values known only at deploy time
   * make it undecidable: an acknowledgeable warning), then malformed (error) and permissive (error when
   * `permissiveIsError`) parts.
   *
   * @returns the schema as deployed, or undefined when it was refused
   */
  public static requestSchema(scope: IConstruct, errors: PropErrors, codes: RequestSchemaCodes, prop: string, schema: object,
    permissiveIsError: boolean, permissiveFix: string): Record<string, unknown> | undefined {
    const bounds = JsonSchemaStrictness.boundsProblem(schema);
    let deployed: unknown;
    if (!bounds) {
      try {
        deployed = Stack.of(scope).resolve(JsonSchemaStrictness.deployedForm(schema));
      } catch (e) {
        deployed = e; // a token that cannot be resolved (or resolves to something unbounded)
      }
    }
    const shape = bounds ?? (deployed instanceof Error ? { pointer: '#', message: `holds a token that cannot be resolved (${deployed.message})` }
      : JsonSchemaStrictness.boundsProblem(deployed));
    if (shape) {
      errors.add(codes.ROUTE_SCHEMA_MALFORMED, prop, `at ${shape.pointer} ${shape.message}`,
        'Shorten the schema (share definitions under #/definitions, flatten deep nesting) and write it with literal values');
      return undefined;
    }
    const unknown = deployTimeValues(deployed);
    if (unknown.length > 0) {
      errors.undecidable(codes.ROUTE_SCHEMA_UNDECIDABLE, prop,
        `holds values only known at deploy time (at ${unknown.slice(0, 3).join(', ')}), so its strictness cannot be checked at synth`,
        'Use literal values in the schema, or acknowledge this warning after reviewing the deployed schema');
      return deployed as Record<string, unknown>;
    }
    const report = JsonSchemaStrictness.check(deployed);
    for (const e of report.errors) {
      errors.add(codes.ROUTE_SCHEMA_MALFORMED, prop, `at ${e.pointer} ${e.message}`, 'Fix the JSON Schema (draft-04): API Gateway would reject or misread it');
    }
    if (permissiveIsError) {
      for (const p of report.problems) {
        errors.add(codes.ROUTE_SCHEMA_PERMISSIVE, prop, `is permissive at ${p.pointers.join(', ')}: it ${p.explanation}`, permissiveFix);
      }
    }
    return report.errors.length > 0 ? undefined : deployed as Record<string, unknown>;
  }

  /** Request header names (RFC 9110 tokens): `Content-Type`, `X-Request-Id`. */
  public static headerNameProblem(name: string): string | undefined {
    return HEADER_NAME.test(name) ? undefined : `contains an invalid header name ${PropErrors.show(name)}`;
  }

  private constructor() {}
}

/** The error codes `requestSchema` reports with (each construct's own). */
export interface RequestSchemaCodes {
  readonly ROUTE_SCHEMA_MALFORMED: string;
  readonly ROUTE_SCHEMA_PERMISSIVE: string;
  readonly ROUTE_SCHEMA_UNDECIDABLE: string;
}

/** Where a resolved value holds CloudFormation intrinsics (values only known at deploy time), as JSON pointers. */
function deployTimeValues(value: unknown, pointer = '#', found: string[] = []): string[] {
  if (value === null || typeof value !== 'object') return found;
  const keys = Object.keys(value);
  if (keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::'))) {
    // A reference to another model of an API, assembled at deploy time, is the one intrinsic a schema may hold.
    if (!pointer.endsWith('/$ref')) found.push(pointer);
    return found;
  }
  for (const key of keys) deployTimeValues((value as Record<string, unknown>)[key], `${pointer}/${key}`, found);
  return found;
}

/** The error codes `corsOrigins` reports with (each construct's own). */
export interface CorsOriginCodes {
  readonly CORS_ORIGIN_INVALID: string;
  readonly CORS_ORIGIN_UNDECIDABLE: string;
}

/** How a text prop is checked. */
export interface TextOptions {
  readonly maxLength: number;
  readonly fix: string;
  readonly pattern?: RegExp;
  readonly patternDescription?: string;
}
