/** Where a Lambda runtime stands on a given date. */
export enum RuntimeStatus {
  /** Supported, and deprecation (if scheduled) is more than the warning window away. */
  SUPPORTED = 'supported',
  /** Still supported, but deprecated within the warning window (90 days by default). */
  DEPRECATION_SOON = 'deprecation-soon',
  /** Deprecated on or before the date: no security patches, and AWS blocks creating then updating such functions. */
  DEPRECATED = 'deprecated',
  /**
   * Not yet in the table: a newer version of a runtime family the table knows (`nodejs26.x`, `python3.15` when the
   * table stops at `nodejs24.x` and `python3.14`). AWS announces deprecation years after a launch, so such a runtime
   * is supported; the audit reports it at the quiet INFO level until the table is reviewed.
   */
  NEWER_THAN_TABLE = 'newer-than-table',
  /** Not in the table and not a newer version of a known family: a typo, an unknown family, or a container image. */
  UNKNOWN = 'unknown',
}

/** One row of the runtime table. */
export interface LambdaRuntimeInfo {
  /** The runtime identifier (`nodejs22.x`). */
  readonly name: string;
  /**
   * The deprecation date (ISO `YYYY-MM-DD`), after which Lambda no longer applies security patches.
   *
   * @default - no deprecation scheduled
   */
  readonly deprecationDate?: string;
  /** Whether the date was checked against a public source when the table was last reviewed. */
  readonly verified: boolean;
}

/** How a runtime was classified. */
export interface RuntimeClassification {
  /** The runtime identifier that was classified. */
  readonly runtime: string;
  /** The status at the date of classification. */
  readonly status: RuntimeStatus;
  /**
   * The deprecation date from the table (ISO `YYYY-MM-DD`).
   *
   * @default - unknown runtime, or no deprecation scheduled
   */
  readonly deprecationDate?: string;
  /**
   * Days from the classification date to the deprecation date (negative once deprecated).
   *
   * @default - unknown runtime, or no deprecation scheduled
   */
  readonly daysUntilDeprecation?: number;
}

/**
 * The dated runtime table. Sources: the AWS Lambda runtimes page
 * (https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html, "Supported runtimes" and "Deprecated runtimes"),
 * cross-checked with https://endoflife.date/aws-lambda. `verified: false` marks dates that could not be re-checked
 * against a source at the last review; they are the dates last published by AWS as far as the reviewer knows.
 */
const TABLE: LambdaRuntimeInfo[] = [
  // Node.js
  { name: 'nodejs24.x', deprecationDate: '2028-04-30', verified: true },
  { name: 'nodejs22.x', deprecationDate: '2027-04-30', verified: true },
  { name: 'nodejs20.x', deprecationDate: '2026-04-30', verified: true },
  { name: 'nodejs18.x', deprecationDate: '2025-09-01', verified: true },
  { name: 'nodejs16.x', deprecationDate: '2024-06-12', verified: true },
  { name: 'nodejs14.x', deprecationDate: '2023-12-04', verified: true },
  { name: 'nodejs12.x', deprecationDate: '2023-03-31', verified: true },
  { name: 'nodejs10.x', deprecationDate: '2021-07-30', verified: true },
  { name: 'nodejs8.10', deprecationDate: '2020-03-06', verified: false },
  { name: 'nodejs', deprecationDate: '2016-10-31', verified: false },
  // Python
  { name: 'python3.14', deprecationDate: '2029-06-30', verified: true },
  { name: 'python3.13', deprecationDate: '2029-06-30', verified: true },
  { name: 'python3.12', deprecationDate: '2028-10-31', verified: true },
  { name: 'python3.11', deprecationDate: '2026-06-30', verified: true },
  { name: 'python3.10', deprecationDate: '2026-06-30', verified: true },
  { name: 'python3.9', deprecationDate: '2025-12-15', verified: true },
  { name: 'python3.8', deprecationDate: '2024-10-14', verified: true },
  { name: 'python3.7', deprecationDate: '2023-12-04', verified: true },
  { name: 'python3.6', deprecationDate: '2022-07-18', verified: true },
  { name: 'python2.7', deprecationDate: '2021-07-15', verified: true },
  // Java
  { name: 'java25', deprecationDate: '2029-06-30', verified: true },
  { name: 'java21', deprecationDate: '2029-06-30', verified: false },
  { name: 'java17', deprecationDate: '2026-06-30', verified: false },
  { name: 'java11', deprecationDate: '2026-06-30', verified: false },
  { name: 'java8.al2', deprecationDate: '2026-06-30', verified: false },
  { name: 'java8', deprecationDate: '2024-01-08', verified: true },
  // .NET
  { name: 'dotnet10', deprecationDate: '2028-11-14', verified: true },
  { name: 'dotnet8', deprecationDate: '2026-11-10', verified: true },
  { name: 'dotnet7', deprecationDate: '2024-05-14', verified: false },
  { name: 'dotnet6', deprecationDate: '2024-12-20', verified: true },
  { name: 'dotnetcore3.1', deprecationDate: '2023-04-03', verified: true },
  { name: 'dotnetcore2.1', deprecationDate: '2022-01-05', verified: false },
  // Ruby
  { name: 'ruby3.4', deprecationDate: '2028-03-31', verified: true },
  { name: 'ruby3.3', deprecationDate: '2027-03-31', verified: true },
  { name: 'ruby3.2', deprecationDate: '2026-03-31', verified: true },
  { name: 'ruby2.7', deprecationDate: '2023-12-07', verified: true },
  { name: 'ruby2.5', deprecationDate: '2021-07-30', verified: false },
  // OS-only
  { name: 'provided.al2023', deprecationDate: '2029-06-30', verified: false },
  { name: 'provided.al2', deprecationDate: '2026-06-30', verified: false },
  { name: 'provided', deprecationDate: '2024-01-08', verified: true },
  { name: 'go1.x', deprecationDate: '2024-01-08', verified: true },
];

const INDEX = new Map(TABLE.map((r) => [r.name, r]));

/**
 * The families whose newer versions are recognised, with the exact shape of their identifiers and how far past the
 * table's newest version a version may be and still be believed (a larger jump is more likely a typo, `nodejs240.x`).
 * Node.js ships a new Lambda major every year (even numbers); Python a minor; Java and .NET an LTS every two years
 * (Java 25, 29; .NET 10, 12); Ruby a minor, and now and then a major.
 */
const FAMILIES: Array<{ family: string; pattern: RegExp; maxStep: number[] }> = [
  { family: 'nodejs', pattern: /^nodejs(\d+)\.x$/, maxStep: [6] },
  { family: 'python', pattern: /^python(3)\.(\d+)$/, maxStep: [0, 4] },
  { family: 'java', pattern: /^java(\d+)$/, maxStep: [8] },
  { family: 'dotnet', pattern: /^dotnet(\d+)$/, maxStep: [6] },
  { family: 'ruby', pattern: /^ruby(\d+)\.(\d+)$/, maxStep: [1, 9] },
];

/** The version numbers of `runtime` when it has the shape of `family` (`python3.15` gives [3, 15]). */
function versionOf(runtime: string, pattern: RegExp): number[] | undefined {
  const m = pattern.exec(runtime);
  return m ? m.slice(1).map(Number) : undefined;
}

/** Compare two version number lists: negative when a is older. */
function compareVersions(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * True when `runtime` is a plausible newer version of a family of the table: same shape, newer than the family's
 * newest row, and within the family's usual step (the first component that grows by at most its step; a major that
 * grows resets the minor).
 */
function isNewerThanTable(runtime: string): boolean {
  for (const { pattern, maxStep } of FAMILIES) {
    const version = versionOf(runtime, pattern);
    if (!version) continue;
    const newest = TABLE.map((r) => versionOf(r.name, pattern)).filter((v): v is number[] => v !== undefined)
      .sort(compareVersions).pop();
    if (!newest || compareVersions(version, newest) <= 0) return false;
    for (let i = 0; i < version.length; i++) {
      const step = version[i] - newest[i];
      if (step === 0) continue;
      return step > 0 && step <= maxStep[i] && (i === version.length - 1 || version.slice(i + 1).every((n) => n <= maxStep[i + 1]));
    }
    return false;
  }
  return false;
}
const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A dated table of AWS Lambda runtimes and their deprecation dates, kept in the library instead of inferred from
 * "the newest runtime aws-cdk-lib knows" (which flags a perfectly supported `python3.12` the day `python3.14` ships).
 * Pure and synchronous: safe to call from constructs and from audit rules.
 */
export class LambdaRuntimeSupport {
  /** The date (ISO `YYYY-MM-DD`) on which the table was last reviewed against the AWS documentation. */
  public static readonly LAST_REVIEWED = '2026-11-28';

  /** Days before the deprecation date from which a runtime is `DEPRECATION_SOON`. */
  public static readonly WARNING_WINDOW_DAYS = 90;

  /** Every runtime in the table, newest family first. */
  public static all(): LambdaRuntimeInfo[] {
    return TABLE.map((r) => ({ ...r }));
  }

  /**
   * The table row for a runtime identifier.
   *
   * @returns the row, or undefined when the runtime is not in the table
   */
  public static lookup(runtime: string): LambdaRuntimeInfo | undefined {
    const row = INDEX.get(runtime);
    return row ? { ...row } : undefined;
  }

  /**
   * Classify a runtime at a date. Constructs and the audit pass the one day of the app, `AuditDate.today(scope)`
   * (context `cdk-secure-serverless:today`, else the current UTC day).
   *
   * @param runtime the runtime identifier (`nodejs20.x`)
   * @param at the date to classify at, ISO `YYYY-MM-DD`
   * @param warningWindowDays how many days before deprecation a runtime counts as DEPRECATION_SOON
   * @default warningWindowDays 90
   */
  public static classify(runtime: string, at: string, warningWindowDays?: number): RuntimeClassification {
    const row = INDEX.get(runtime);
    if (!row) {
      return { runtime, status: isNewerThanTable(runtime) ? RuntimeStatus.NEWER_THAN_TABLE : RuntimeStatus.UNKNOWN };
    }
    if (!row.deprecationDate) {
      return { runtime, status: RuntimeStatus.SUPPORTED };
    }
    const atMs = LambdaRuntimeSupport.parseDate(at);
    const depMs = LambdaRuntimeSupport.parseDate(row.deprecationDate);
    const days = Math.round((depMs - atMs) / DAY_MS);
    const window = warningWindowDays ?? LambdaRuntimeSupport.WARNING_WINDOW_DAYS;
    const status = days <= 0
      ? RuntimeStatus.DEPRECATED
      : days <= window ? RuntimeStatus.DEPRECATION_SOON : RuntimeStatus.SUPPORTED;
    return { runtime, status, deprecationDate: row.deprecationDate, daysUntilDeprecation: days };
  }

  /**
   * The supported runtimes of the same family as `runtime` (`nodejs20.x` gives `nodejs24.x`, `nodejs22.x`), newest
   * first, to suggest an upgrade.
   */
  public static supportedAlternatives(runtime: string, at: string): string[] {
    const family = /^[a-z]+/.exec(runtime)?.[0] ?? runtime;
    return TABLE
      .filter((r) => r.name.startsWith(family) && r.name !== runtime)
      .filter((r) => LambdaRuntimeSupport.classify(r.name, at).status === RuntimeStatus.SUPPORTED)
      .map((r) => r.name);
  }

  private static parseDate(iso: string): number {
    const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
    if (!m) {
      throw new Error(`LambdaRuntimeSupport: date must be ISO YYYY-MM-DD but was '${iso}'.`);
    }
    return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  }
}
