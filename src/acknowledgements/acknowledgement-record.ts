/** How an acknowledgement was written. */
export enum AcknowledgementOrigin {
  /** With `AuditAcknowledgements.of(scope).add(...)`: it may carry an expiry date and a ticket. */
  AUDIT_ACKNOWLEDGEMENTS = 'audit-acknowledgements',
  /** With the standard `Validations.of(scope).acknowledge(...)`, directly or through a `Secure*` construct. */
  VALIDATIONS = 'validations',
}

/** One acknowledgement found in the construct tree, with the accountability data recorded next to it. */
export interface AcknowledgementRecord {
  /**
   * The id as it was given (`SLS-LAMBDA-TRACING`, `ServerlessSecurityChecks::SLS-LAMBDA-TRACING`,
   * `SLS-LAMBDA-ENV-SECRET[DB_PASSWORD]`, `AwsSolutions-IAM5`).
   */
  readonly id: string;
  /**
   * The rule id it acknowledges without namespace (`SLS-LAMBDA-TRACING`, `SLS-LAMBDA-ENV-SECRET[DB_PASSWORD]`).
   *
   * @default - the id belongs to another tool's namespace (`AwsSolutions::IAM5`)
   */
  readonly ruleId?: string;
  /** Why the finding is accepted. */
  readonly reason: string;
  /** Construct path of the construct it was recorded on; it covers that construct and everything below it. */
  readonly constructPath: string;
  /** How it was written. */
  readonly origin: AcknowledgementOrigin;
  /**
   * The last day (`YYYY-MM-DD`, UTC) the acknowledgement holds.
   *
   * @default - it does not expire
   */
  readonly expires?: string;
  /**
   * The ticket that tracks the fix or owns the exception (`SEC-123`).
   *
   * @default - no ticket
   */
  readonly ticket?: string;
  /**
   * True when the expiry date has passed. An expired acknowledgement is not recorded with
   * `Validations.of(scope).acknowledge`, so no tool honours it, and the findings it covered fail again.
   */
  readonly expired: boolean;
}
