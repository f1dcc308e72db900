import { Duration, Size, SizeRoundingBehavior, Stack, Token, Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/** One invalid or insecure prop. */
export interface PropProblem {
  /** Stable code (`SF001`): searchable in the docs and safe to match in tests. */
  readonly code: string;
  /** The construct path. */
  readonly path: string;
  /** The prop that is wrong (`timeout`, `environment.DB_PASSWORD`), in the caller's language. */
  readonly prop: string;
  /** What is wrong, naming the offending value when it is not itself a secret. */
  readonly problem: string;
  /** How to fix it. */
  readonly fix: string;
}

/**
 * The language of the program that calls the library. jsii runtimes announce themselves in the `JSII_AGENT`
 * environment variable of the Node.js process they start (`Python/3.11.7`, `Java/17.0.2`, `DotNet/8.0.1`,
 * `Go/1.22.1`); without it the caller is TypeScript or JavaScript.
 */
export enum CallerLanguage {
  TYPESCRIPT = 'typescript',
  PYTHON = 'python',
  JAVA = 'java',
  DOTNET = 'dotnet',
  GO = 'go',
}

/** aws-cdk-lib modules as the messages name them (`lambda.Runtime`), with their Go package names. */
const GO_PACKAGES: { [module: string]: string } = {
  lambda: 'awslambda',
  logs: 'awslogs',
  iam: 'awsiam',
  kms: 'awskms',
  sqs: 'awssqs',
  sns: 'awssns',
  events: 'awsevents',
  dynamodb: 'awsdynamodb',
  cloudwatch: 'awscloudwatch',
  ec2: 'awsec2',
  targets: 'awseventstargets',
  destinations: 'awslambdadestinations',
  sources: 'awslambdaeventsources',
  subscriptions: 'awssnssubscriptions',
  secretsmanager: 'awssecretsmanager',
  ssm: 'awsssm',
};
const MODULE_REF = new RegExp(`\\b(${Object.keys(GO_PACKAGES).join('|')})\\.(?=[A-Z])`, 'g');

/**
 * Writes prop names and code in the caller's language, so a Python user reads `memory_size` and
 * `lambda_.Runtime.NODEJS_22_X`, a Java user `memorySize` and `Runtime.NODEJS_22_X`, a Go or .NET user `MemorySize`.
 * Only identifiers are translated: prop paths, and the code between backticks of a problem or a fix.
 */
export class CallerDialect {
  /** The caller's language, from `JSII_AGENT` (read each time: a process has one caller, tests set it). */
  public static current(): CallerLanguage {
    const agent = (process.env.JSII_AGENT ?? '').toLowerCase();
    if (agent.startsWith('python')) return CallerLanguage.PYTHON;
    if (agent.startsWith('java')) return CallerLanguage.JAVA;
    if (agent.startsWith('dotnet')) return CallerLanguage.DOTNET;
    if (agent.startsWith('go')) return CallerLanguage.GO;
    return CallerLanguage.TYPESCRIPT;
  }

  /**
   * A prop path (`relaxations.notSecret.MY_VAR`, `deadLetterQueue.maxReceiveCount`) in `language`: each segment that
   * is a camelCase identifier is renamed; keys such as environment variable names are left as written.
   */
  public static prop(path: string, language: CallerLanguage = CallerDialect.current()): string {
    return path.split('.').map((segment) => CallerDialect.identifier(segment, language, true)).join('.');
  }

  /** A problem or fix text: the code between backticks, and aws-cdk-lib type references, in `language`. */
  public static text(text: string, language: CallerLanguage = CallerDialect.current()): string {
    if (language === CallerLanguage.TYPESCRIPT) return text;
    return text.split('`').map((part, i) => (i % 2 === 1 ? CallerDialect.code(part, language) : CallerDialect.typeRefs(part, language))).join('`');
  }

  /** One identifier: `memorySize` is `memory_size` in Python and `MemorySize` in Go and .NET. */
  private static identifier(name: string, language: CallerLanguage, isMember: boolean): string {
    if (!/^[a-z][A-Za-z0-9]*$/.test(name)) return name;
    switch (language) {
      case CallerLanguage.PYTHON:
        return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
      case CallerLanguage.GO:
      case CallerLanguage.DOTNET:
        return isMember || /[A-Z]/.test(name) ? name.charAt(0).toUpperCase() + name.substring(1) : name;
      default:
        return name;
    }
  }

  /** A code span: identifiers, literals, `new` and module-qualified types. */
  private static code(code: string, language: CallerLanguage): string {
    // A span that is a prop path (`tracing`, `relaxations.notSecret`) is named like one.
    if (/^[a-z][A-Za-z0-9]*(\.[A-Za-z0-9_]+)*$/.test(code) && !/\.[A-Z][a-z]/.test(code)) return CallerDialect.prop(code, language);
    let out = CallerDialect.typeRefs(code, language);
    if (language === CallerLanguage.PYTHON) {
      out = out.replace(/\bnew\s+/g, '').replace(/\btrue\b/g, 'True').replace(/\bfalse\b/g, 'False').replace(/\bundefined\b/g, 'None');
    } else if (language === CallerLanguage.GO) {
      out = out.replace(/\bnew\s+((?:[a-z]\w*\.)?)([A-Z]\w*)\(/g, '$1New$2(').replace(/\bundefined\b/g, 'nil');
    } else {
      out = out.replace(/\bundefined\b/g, 'null');
    }
    // Members (after a dot) and object keys (before a colon) follow the language's member naming.
    return out.replace(/(\.?)\b([a-z][A-Za-z0-9]*)\b(\s*:)?/g, (match, dot: string, name: string, colon: string | undefined, offset: number) => {
      const before = out.charAt(offset - 1);
      if (before === '\'' || before === '"' || before === '<' || before === '/') return match; // inside a literal
      const isMember = dot === '.' || colon !== undefined;
      return `${dot}${CallerDialect.identifier(name, language, isMember)}${colon ?? ''}`;
    });
  }

  /** `lambda.Runtime.NODEJS_22_X`: `lambda_.` in Python, no module in Java and .NET, `awslambda.Runtime_NODEJS_22_X` in Go. */
  private static typeRefs(text: string, language: CallerLanguage): string {
    switch (language) {
      case CallerLanguage.PYTHON:
        return text.replace(MODULE_REF, (_m, module: string) => (module === 'lambda' ? 'lambda_.' : `${module}.`));
      case CallerLanguage.JAVA:
      case CallerLanguage.DOTNET:
        return text.replace(MODULE_REF, '');
      case CallerLanguage.GO:
        return text.replace(MODULE_REF, (_m, module: string) => `${GO_PACKAGES[module]}.`)
          .replace(/\b([A-Z][A-Za-z0-9]*)\.([A-Z][A-Z0-9_]+)\b/g, '$1_$2')
          .replace(/\b([A-Z][A-Za-z0-9]*)\.([a-z][A-Za-z0-9]*)\(/g, (_m, type: string, method: string) => `${type}_${method.charAt(0).toUpperCase()}${method.substring(1)}(`);
      default:
        return text;
    }
  }

  private constructor() {}
}

/**
 * Thrown once per construct with every prop problem found. Not exported through jsii (jsii cannot carry `Error`
 * subclasses); match on `name === 'SecureConstructValidationError'` and read `problems`.
 */
export class SecureConstructValidationError extends Error {
  public readonly problems: PropProblem[];

  constructor(problems: PropProblem[]) {
    const lines = problems.map((p) => `  ${PropErrors.line(p)}`);
    super(`${problems.length} invalid or insecure prop${problems.length === 1 ? '' : 's'}:\n${lines.join('\n')}`);
    this.name = 'SecureConstructValidationError';
    this.problems = problems;
  }
}

/** An inclusive range of a number prop. */
export interface NumberRange {
  readonly min: number;
  readonly max: number;
  /**
   * Only whole numbers.
   *
   * @default true
   */
  readonly integer?: boolean;
}

/** What a value that may be a token resolved to at synth. */
interface Resolution<T> {
  /** The value, when synth could resolve it to a literal of the expected kind. */
  readonly value?: T;
  /** True when the value is only known at deploy time (a parameter, an import, an attribute). */
  readonly undecidable: boolean;
}

/**
 * Collects prop problems so a construct reports all of them in one error (`[CODE] <path>: <prop> <problem>. <fix>`),
 * and the warnings for values that cannot be decided at synth (tokens that do not resolve to a literal). Prop names
 * and code are written in the caller's language (`CallerDialect`).
 *
 * The checks below cover what every construct receives from JavaScript and other jsii languages: `null` or missing
 * required props, `NaN`, `Infinity`, negative, zero and fractional numbers, `Duration`s that are not whole seconds,
 * and tokens, which are resolved when synth can (a `Lazy` or `Token.asString` of a literal) and otherwise reported as
 * undecidable, never taken as safe.
 */
export class PropErrors {
  /** A collector for the construct at `scope` (its path is used in every message). */
  public static for(scope: IConstruct): PropErrors {
    return new PropErrors(scope.node.path, scope);
  }

  /** A collector for the construct about to be created as child `id` of `scope` (props are checked before `super`). */
  public static forChild(scope: IConstruct, id: string): PropErrors {
    return new PropErrors(scope.node.path ? `${scope.node.path}/${id}` : id, scope);
  }

  /** One problem as a line: `[CODE] <path>: <prop> <problem>. <fix>`, in the caller's language. */
  public static line(p: PropProblem): string {
    const language = CallerDialect.current();
    return `[${p.code}] ${p.path}: ${CallerDialect.prop(p.prop, language)} ${CallerDialect.text(p.problem, language)}. `
      + `${CallerDialect.text(p.fix, language)}`;
  }

  /** A number for messages: `NaN`, `Infinity` and `-0` as such, not as `null` (JSON) or `0`. */
  public static show(value: unknown): string {
    if (typeof value === 'number') return Object.is(value, -0) ? '-0' : String(value);
    if (typeof value === 'string') return `'${value}'`;
    if (value === undefined) return 'undefined';
    if (value === null) return 'null';
    if (value instanceof Duration) return value.toString();
    try {
      const json = JSON.stringify(value);
      return json === undefined ? String(value) : (json.length > 120 ? `${json.substring(0, 117)}...` : json);
    } catch {
      return String(value);
    }
  }

  private readonly items: PropProblem[] = [];
  private readonly undecided: Array<{ id: string; message: string }> = [];

  /**
   * @param path the construct path named in every message
   * @param scope a construct of the stack, to resolve tokens with
   */
  constructor(private readonly path: string, private readonly scope?: IConstruct) {}

  /** Record a problem. */
  public add(code: string, prop: string, problem: string, fix: string): void {
    this.items.push({ code, path: this.path, prop, problem, fix });
  }

  /**
   * Record a value that cannot be decided at synth: a warning (id `warningId`, acknowledgeable) raised by
   * `warnUndecided`, never a silent pass.
   */
  public undecidable(code: string, prop: string, problem: string, fix: string, warningId: string = code): void {
    this.undecided.push({ id: warningId, message: PropErrors.line({ code, path: this.path, prop, problem, fix }) });
  }

  /** The problems recorded so far. */
  public get problems(): PropProblem[] {
    return [...this.items];
  }

  /** True when a problem was recorded. */
  public get hasProblems(): boolean {
    return this.items.length > 0;
  }

  /** Throw one `SecureConstructValidationError` listing every problem, if there is any. */
  public throwIfAny(): void {
    if (this.items.length > 0) {
      throw new SecureConstructValidationError(this.items);
    }
  }

  /** Raise the undecidable values as acknowledgeable warnings on `construct` (once it exists). */
  public warnUndecided(construct: IConstruct): void {
    for (const w of this.undecided.splice(0)) {
      Validations.of(construct).addWarning(w.id, w.message);
    }
  }

  /**
   * A required prop: present (not `undefined` or `null`) and, when `isValid` is given, of the expected kind.
   *
   * @returns true when present and valid
   */
  public required(code: string, prop: string, value: unknown, expected: string, fix: string, isValid?: (v: any) => boolean): boolean {
    if (value === undefined || value === null) {
      this.add(code, prop, `is required but was ${PropErrors.show(value)}`, fix);
      return false;
    }
    if (isValid && !isValid(value)) {
      this.add(code, prop, `must be ${expected} but was ${PropErrors.show(value)}`, fix);
      return false;
    }
    return true;
  }

  /**
   * A number prop within `range` (whole by default). `NaN`, `Infinity`, fractions, non-numbers and values out of range
   * are problems; a token is resolved when synth can, else it is undecidable.
   *
   * @returns the checked number, or undefined (absent, wrong, or undecidable)
   */
  public number(code: string, prop: string, value: unknown, range: NumberRange, fix: string): number | undefined {
    if (value === undefined) return undefined;
    const resolved = this.resolveNumber(value);
    if (resolved.undecidable) {
      this.undecidable(code, prop, `is only known at deploy time, so it cannot be checked to be ${describeRange(range)} at synth`,
        'Use a literal, or acknowledge this warning after checking the deployed value');
      return undefined;
    }
    const n = resolved.value;
    const integer = range.integer ?? true;
    if (n === undefined || !Number.isFinite(n) || (integer && !Number.isInteger(n)) || n < range.min || n > range.max) {
      this.add(code, prop, `must be ${describeRange(range)} but was ${PropErrors.show(n ?? value)}`, fix);
      return undefined;
    }
    return n;
  }

  /**
   * A `Duration` prop of whole seconds within `[min, max]` seconds. Not a `Duration`, `NaN`, `Infinity` and fractions
   * of a second are problems (aws-cdk-lib would throw its own error, or render `NaN`); a token is resolved when synth
   * can, else it is undecidable.
   *
   * @param described the range in words (`between 1 second and 15 minutes`)
   * @returns the checked number of seconds, or undefined
   */
  public seconds(code: string, prop: string, value: unknown, range: NumberRange, described: string, fix: string): number | undefined {
    if (value === undefined) return undefined;
    if (!(value instanceof Duration)) {
      this.add(code, prop, `must be a Duration ${described} but was ${PropErrors.show(value)}`, fix);
      return undefined;
    }
    let resolved: Resolution<number>;
    try {
      resolved = this.resolveNumber(value.toSeconds({ integral: false }));
    } catch {
      // Duration.minutes(token) cannot be converted to seconds at synth, by us or by aws-cdk-lib.
      this.add(code, prop, `must be ${described}, but ${value.toString()} is a value only known at deploy time in a unit other than seconds, which cannot be converted`,
        'Give a deploy-time value in seconds (`Duration.seconds(parameter.valueAsNumber)`), or use a literal');
      return undefined;
    }
    if (resolved.undecidable) {
      this.undecidable(code, prop, `is only known at deploy time, so it cannot be checked to be ${described} at synth`,
        'Use a literal Duration, or acknowledge this warning after checking the deployed value');
      return undefined;
    }
    const s = resolved.value;
    const integer = range.integer ?? true;
    if (s === undefined || !Number.isFinite(s) || (integer && !Number.isInteger(s)) || s < range.min || s > range.max) {
      const shown = s === undefined || !Number.isFinite(s) ? value.toString() : `${s} seconds`;
      const whole = integer && s !== undefined && Number.isFinite(s) && !Number.isInteger(s) ? 'a whole number of seconds ' : '';
      this.add(code, prop, `must be ${whole}${described} but was ${shown}`, fix);
      return undefined;
    }
    return s;
  }

  /**
   * A `Size` prop in mebibytes within `range`. Not a `Size`, `NaN`, `Infinity` and fractions are problems.
   *
   * @returns the checked number of MiB, or undefined
   */
  public mebibytes(code: string, prop: string, value: unknown, range: NumberRange, fix: string): number | undefined {
    if (value === undefined) return undefined;
    if (!(value instanceof Size)) {
      this.add(code, prop, `must be a Size of ${describeRange(range)} MiB but was ${PropErrors.show(value)}`, fix);
      return undefined;
    }
    if (value.isUnresolved()) {
      this.undecidable(code, prop, `is only known at deploy time, so it cannot be checked to be ${describeRange(range)} MiB at synth`,
        'Use a literal Size, or acknowledge this warning after checking the deployed value');
      return undefined;
    }
    let mib: number;
    try {
      mib = value.toMebibytes({ rounding: SizeRoundingBehavior.NONE });
    } catch {
      mib = NaN;
    }
    if (!Number.isFinite(mib) || !Number.isInteger(mib) || mib < range.min || mib > range.max) {
      this.add(code, prop, `must be ${describeRange(range)} MiB but was ${value.toString()}`, fix);
      return undefined;
    }
    return mib;
  }

  /**
   * A string that may be a token: its literal value when synth can resolve it (`Lazy.string`, `Token.asString` of a
   * literal), `undecidable` when it is only known at deploy time.
   */
  public resolveString(value: string): Resolution<string> {
    if (!Token.isUnresolved(value)) return { value, undecidable: false };
    const resolved = this.tryResolve(value);
    return typeof resolved === 'string' && !Token.isUnresolved(resolved) ? { value: resolved, undecidable: false } : { undecidable: true };
  }

  /** Any value that may hold tokens, resolved as far as synth can (intrinsics stay as `{ Ref }`, `{ Fn::... }`). */
  public resolveDeep(value: unknown): unknown {
    const resolved = this.tryResolve(value);
    return resolved === FAILED ? value : resolved;
  }

  private resolveNumber(value: unknown): Resolution<number> {
    if (typeof value !== 'number') return { undecidable: false };
    if (!Token.isUnresolved(value)) return { value, undecidable: false };
    const resolved = this.tryResolve(value);
    return typeof resolved === 'number' && !Token.isUnresolved(resolved) ? { value: resolved, undecidable: false } : { undecidable: true };
  }

  private tryResolve(value: unknown): unknown {
    if (!this.scope) return FAILED;
    try {
      return Stack.of(this.scope).resolve(value);
    } catch {
      return FAILED;
    }
  }
}

const FAILED = Symbol('unresolvable');

function describeRange(range: NumberRange): string {
  const kind = range.integer ?? true ? 'an integer' : 'a number';
  return range.max === Number.MAX_SAFE_INTEGER ? `${kind} of at least ${range.min}` : `${kind} between ${range.min} and ${range.max}`;
}
