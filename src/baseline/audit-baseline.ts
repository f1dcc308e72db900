import * as fs from 'fs';
import * as path from 'path';
import { IConstruct } from 'constructs';
import { Finding } from '../core/finding';
import { BaselineEntry } from './private/baseline-entry';
import { FindingFingerprints } from './private/fingerprint';

/** The format version written into baseline files; a file of another version is rejected with a clear error. */
const FORMAT_VERSION = 1;

/**
 * The findings a team accepted when it adopted the audit on an existing app, so that only new findings fail the
 * synthesis while the old ones are worked off. The file is diff-friendly: one finding per line, sorted by stack,
 * construct and rule, keyed by a fingerprint of rule id, finding id, stack path and construct path.
 *
 * Write or refresh it with `cdk synth -c cdk-secure-serverless:write-baseline=true` (or the environment variable
 * `CDK_SECURE_SERVERLESS_WRITE_BASELINE=true`): every unacknowledged finding of that synthesis is recorded, and the
 * synthesis does not fail on them.
 */
export class AuditBaseline {
  /** Context key that asks the synthesis to write (or refresh) the baseline file instead of failing on its findings. */
  public static readonly WRITE_CONTEXT = 'cdk-secure-serverless:write-baseline';
  /** Environment variable with the same effect as `WRITE_CONTEXT`. */
  public static readonly WRITE_ENVIRONMENT_VARIABLE = 'CDK_SECURE_SERVERLESS_WRITE_BASELINE';

  /** An empty baseline: every finding is new. */
  public static empty(): AuditBaseline {
    return new AuditBaseline([], undefined, false);
  }

  /**
   * Reads a baseline file. A file that does not exist yet gives an empty baseline (`exists` is false), so a team
   * can configure the file before writing it.
   *
   * @throws when the file exists but is not a baseline this library wrote
   */
  public static load(file: string): AuditBaseline {
    const resolved = path.resolve(file);
    if (!fs.existsSync(resolved)) return new AuditBaseline([], resolved, false);
    let parsed: any;
    try {
      parsed = JSON.parse(fs.readFileSync(resolved, 'utf-8'));
    } catch (error) {
      throw new Error(`Audit baseline ${resolved} is not valid JSON (${(error as Error).message}). `
        + `Restore it from version control, or rewrite it with -c ${AuditBaseline.WRITE_CONTEXT}=true.`);
    }
    if (parsed?.version !== FORMAT_VERSION || !Array.isArray(parsed.findings)
      || parsed.findings.some((e: any) => typeof e?.fingerprint !== 'string')) {
      throw new Error(`Audit baseline ${resolved} is not a version ${FORMAT_VERSION} baseline (expected `
        + '{ "version": 1, "findings": [{ "fingerprint": ... }] }). '
        + `Rewrite it with -c ${AuditBaseline.WRITE_CONTEXT}=true.`);
    }
    return new AuditBaseline(parsed.findings as BaselineEntry[], resolved, true);
  }

  /** A baseline recording the given findings. */
  public static fromFindings(findings: Finding[], file?: string): AuditBaseline {
    const entries = findings.map((f): BaselineEntry => ({
      fingerprint: FindingFingerprints.of(f),
      ruleId: f.ruleId,
      findingId: f.findingId,
      stackPath: f.stackPath,
      constructPath: f.constructPath,
      severity: f.severity,
    }));
    return new AuditBaseline(entries, file === undefined ? undefined : path.resolve(file), true);
  }

  /**
   * True when the synthesis was asked to write the baseline: context `cdk-secure-serverless:write-baseline` or
   * environment variable `CDK_SECURE_SERVERLESS_WRITE_BASELINE` set to `true` or `1`.
   */
  public static isWriteRequested(scope: IConstruct): boolean {
    return isTruthy(scope.node.tryGetContext(AuditBaseline.WRITE_CONTEXT))
      || isTruthy(process.env[AuditBaseline.WRITE_ENVIRONMENT_VARIABLE]);
  }

  /**
   * The recorded findings, sorted by stack, construct and rule, without duplicates.
   *
   * @internal
   */
  public readonly _entries: BaselineEntry[];
  /**
   * The absolute path of the file.
   *
   * @default - not read from or meant for a file
   */
  public readonly file?: string;
  /** False only for a baseline file that is configured but does not exist yet. */
  public readonly exists: boolean;
  private readonly fingerprints: Set<string>;

  private constructor(entries: BaselineEntry[], file: string | undefined, exists: boolean) {
    const unique = new Map<string, BaselineEntry>();
    for (const entry of entries) unique.set(entry.fingerprint, entry);
    this._entries = [...unique.values()].sort(compareEntries);
    this.fingerprints = new Set(unique.keys());
    this.file = file;
    this.exists = exists;
  }

  /** How many findings the baseline records. */
  public get size(): number {
    return this._entries.length;
  }

  /** True when the finding was recorded in the baseline. */
  public includes(finding: Finding): boolean {
    return this.fingerprints.has(FindingFingerprints.of(finding));
  }

  /**
   * True when an entry with this fingerprint was recorded.
   *
   * @internal
   */
  public _hasFingerprint(fingerprint: string): boolean {
    return this.fingerprints.has(fingerprint);
  }

  /** The file's content: pretty-printed, one finding per line, ending with a newline. */
  public render(): string {
    const lines = this._entries.map((e) => `    ${JSON.stringify(orderedEntry(e))}`);
    return [
      '{',
      `  "version": ${FORMAT_VERSION},`,
      `  "description": "Audit findings accepted when cdk-secure-serverless was adopted. Only findings not listed here fail the synthesis. Refresh with: cdk synth -c ${AuditBaseline.WRITE_CONTEXT}=true",`,
      lines.length === 0 ? '  "findings": []' : `  "findings": [\n${lines.join(',\n')}\n  ]`,
      '}',
      '',
    ].join('\n');
  }

  /**
   * Writes the baseline to a file (creating its folder).
   *
   * @param file where to write
   * @default - the file it was read from or created for
   */
  public writeTo(file?: string): string {
    const target = file ?? this.file;
    if (target === undefined) throw new Error('AuditBaseline.writeTo: give the file to write the baseline to.');
    const resolved = path.resolve(target);
    fs.mkdirSync(path.dirname(resolved), { recursive: true });
    fs.writeFileSync(resolved, this.render());
    return resolved;
  }
}

function orderedEntry(e: BaselineEntry): BaselineEntry {
  return {
    fingerprint: e.fingerprint,
    ruleId: e.ruleId,
    ...(e.findingId === undefined ? {} : { findingId: e.findingId }),
    stackPath: e.stackPath,
    constructPath: e.constructPath,
    severity: e.severity,
  };
}

function compareEntries(a: BaselineEntry, b: BaselineEntry): number {
  return compare(a.stackPath, b.stackPath) || compare(a.constructPath, b.constructPath)
    || compare(a.ruleId, b.ruleId) || compare(a.findingId ?? '', b.findingId ?? '') || compare(a.fingerprint, b.fingerprint);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function isTruthy(value: unknown): boolean {
  return value === true || (typeof value === 'string' && ['true', '1', 'yes'].includes(value.toLowerCase()));
}
