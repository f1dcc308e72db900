import { IConstruct } from 'constructs';

/** One invalid or insecure prop. */
export interface PropProblem {
  /** Stable code (`SF001`): searchable in the docs and safe to match in tests. */
  readonly code: string;
  /** The construct path. */
  readonly path: string;
  /** The prop that is wrong (`timeout`, `environment.DB_PASSWORD`). */
  readonly prop: string;
  /** What is wrong, naming the offending value when it is not itself a secret. */
  readonly problem: string;
  /** How to fix it. */
  readonly fix: string;
}

/**
 * Thrown once per construct with every prop problem found. Not exported through jsii (jsii cannot carry `Error`
 * subclasses); match on `name === 'SecureConstructValidationError'` and read `problems`.
 */
export class SecureConstructValidationError extends Error {
  public readonly problems: PropProblem[];

  constructor(problems: PropProblem[]) {
    const lines = problems.map((p) => `  [${p.code}] ${p.path}: ${p.prop} ${p.problem}. ${p.fix}`);
    super(`${problems.length} invalid or insecure prop${problems.length === 1 ? '' : 's'}:\n${lines.join('\n')}`);
    this.name = 'SecureConstructValidationError';
    this.problems = problems;
  }
}

/**
 * Collects prop problems so a construct reports all of them in one error (`<path>: <prop> <problem>. <fix>`).
 */
export class PropErrors {
  /** A collector for the construct at `scope` (its path is used in every message). */
  public static for(scope: IConstruct): PropErrors {
    return new PropErrors(scope.node.path);
  }

  private readonly items: PropProblem[] = [];

  constructor(private readonly path: string) {}

  /** Record a problem. */
  public add(code: string, prop: string, problem: string, fix: string): void {
    this.items.push({ code, path: this.path, prop, problem, fix });
  }

  /** The problems recorded so far. */
  public get problems(): PropProblem[] {
    return [...this.items];
  }

  /** Throw one `SecureConstructValidationError` listing every problem, if there is any. */
  public throwIfAny(): void {
    if (this.items.length > 0) {
      throw new SecureConstructValidationError(this.items);
    }
  }
}
