import { AcknowledgementRecord } from '../acknowledgements/acknowledgement-record';
import { Finding } from '../core/finding';

/** What a finding means for this synthesis. */
export enum FindingStatus {
  /** Unacknowledged, not in the baseline, at or above `failOn` (or covered only by an expired acknowledgement). */
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
  /** Stable identity for baselines and code scanning (`FindingFingerprints.of`). */
  readonly fingerprint: string;
  /** Whether it fails the synthesis, and if not, why not. */
  readonly status: FindingStatus;
  /**
   * The acknowledgement in force that covers it, with its expiry date and ticket when it has them.
   *
   * @default - not acknowledged
   */
  readonly acknowledgement?: AcknowledgementRecord;
  /**
   * The lapsed acknowledgement that used to cover it. Such a finding is reported as an error naming it.
   *
   * @default - no expired acknowledgement covers it
   */
  readonly expiredAcknowledgement?: AcknowledgementRecord;
  /**
   * The line of the user's code that created the resource, from the creation stack trace aws-cdk-lib records.
   *
   * @default - unknown (no construct, or creation stack traces disabled)
   */
  readonly sourceLocation?: SourceLocation;
  /**
   * The line of the template where the resource is defined.
   *
   * @default - no template file
   */
  readonly templateLine?: number;
}
