import { Acknowledgement } from '../acknowledgements/acknowledgement';
import { Finding } from '../core/finding';
import { RuleCategory, Severity } from '../core/rule';

/** What a finding means for this synthesis. */
export enum FindingStatus {
  /**
   * Fails the synthesis: unacknowledged, not in the baseline, at or above `failOn` (or named by an acknowledgement
   * that has expired).
   */
  FAILING = 'failing',
  /** Unacknowledged and not in the baseline, but below `failOn`: reported, does not fail. */
  BELOW_THRESHOLD = 'below-threshold',
  /** Covered by an acknowledgement that is in force. */
  ACKNOWLEDGED = 'acknowledged',
  /** Recorded in the baseline: an old finding being worked off, does not fail. */
  BASELINED = 'baselined',
}

/** Where in the user's source code a construct was created. */
export interface SourceLocation {
  /** Absolute path of the file. */
  readonly file: string;
  /** 1-based line. */
  readonly line: number;
  /**
   * 1-based column.
   *
   * @default - unknown
   */
  readonly column?: number;
}

/** A finding as the reports show it: the engine's finding plus what this synthesis decided about it. */
export interface ReportedFinding extends Finding {
  /** Stable identity for baselines and code scanning: a hash of rule id, finding id, stack path and construct path. */
  readonly fingerprint: string;
  /** Whether it fails the synthesis, and if not, why not. */
  readonly status: FindingStatus;
  /**
   * The acknowledgement that names this finding: the one in force that covers it (status `acknowledged`), or else
   * the closest one that no longer counts, an expired one (the finding fails as an error naming it) or one whose
   * reason was refused (the finding is reported as if it were not there).
   *
   * @default - no acknowledgement names it
   */
  readonly acknowledgement?: Acknowledgement;
  /**
   * The line of the user's code that created the resource: from the creation stack trace aws-cdk-lib records in
   * TypeScript and JavaScript apps, else from the construct's id found in the app's source files (Python, Java, Go,
   * C#).
   *
   * @default - unknown
   */
  readonly sourceLocation?: SourceLocation;
  /**
   * The line of the template where the resource is defined.
   *
   * @default - no template file
   */
  readonly templateLine?: number;
}

/** A rule that ran, as the reports describe it. */
export interface RuleDescription {
  /** Rule id. */
  readonly id: string;
  /** The secure state the rule expects. */
  readonly description: string;
  /** How to fix a violation. */
  readonly remediation: string;
  /** The severity of a violation in the pack that ran. */
  readonly severity: Severity;
  /** The threat the rule answers. */
  readonly category: RuleCategory;
}

/** How the findings compare with the baseline. */
export interface BaselineSummary {
  /**
   * The baseline file.
   *
   * @default - no file
   */
  readonly file?: string;
  /** Whether the file exists. */
  readonly exists: boolean;
  /** True when this synthesis wrote (or refreshed) the file from its findings. */
  readonly written: boolean;
  /** Entries in the baseline. */
  readonly entries: number;
  /** Findings of this synthesis that the baseline holds: what remains to be worked off. */
  readonly remaining: number;
  /** Entries no finding matches any more: fixed, and removable by refreshing the file. */
  readonly fixedEntries: number;
}
