/** One finding recorded in a baseline file. */
export interface BaselineEntry {
  /** The finding's fingerprint (`FindingFingerprints.of`): what matching is done on. */
  readonly fingerprint: string;
  /** Rule id, for people reading the file. */
  readonly ruleId: string;
  /**
   * Granular finding id, for people reading the file.
   *
   * @default - the finding is identified by its rule id alone
   */
  readonly findingId?: string;
  /** Construct path of the stack. */
  readonly stackPath: string;
  /** Construct path of the resource. */
  readonly constructPath: string;
  /** Severity when it was recorded. */
  readonly severity: string;
}
