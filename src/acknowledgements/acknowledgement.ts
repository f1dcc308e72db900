/** What the audit concluded about an acknowledgement. */
export enum AcknowledgementStatus {
  /** In force and covering at least one finding. */
  ACTIVE = 'active',
  /** Its expiry date has passed and it names findings, which fail again as errors that name it. */
  EXPIRED = 'expired',
  /** It covers no finding of the audit: the problem was fixed, or it is in the wrong place. Remove it. */
  STALE = 'stale',
  /**
   * Its reason is not a written reason (blank, invisible characters, one key held down; see `Justification`), so it
   * acknowledges nothing: the findings it names are reported as if it were not there.
   */
  REFUSED = 'refused',
  /** It names a rule id of this audit that no rule has (a typo or a retired rule): an error that fails the synthesis. */
  UNKNOWN_RULE = 'unknown-rule',
  /** It acknowledges another tool's rule (cdk-nag, CDK): listed, but this audit cannot tell whether it is used. */
  OTHER_TOOL = 'other-tool',
}

/**
 * An acknowledgement found in the construct tree, as the reports list it: written with
 * `Validations.of(scope).acknowledge({ id, reason })`, with `AuditAcknowledgements.of(scope).add(...)` (which adds an
 * expiry date and a ticket), or by a `Secure*` construct for a justified relaxation.
 */
export interface Acknowledgement {
  /**
   * The id as it was written (`SLS-LAMBDA-TRACING`, `ServerlessSecurityChecks::SLS-LAMBDA-TRACING`,
   * `SLS-LAMBDA-ENV-SECRET[DB_PASSWORD]`, `AwsSolutions-IAM5`).
   */
  readonly id: string;
  /**
   * The rule (and granular finding) it names, without namespace (`SLS-LAMBDA-ENV-SECRET[DB_PASSWORD]`).
   *
   * @default - the id is written in another tool's namespace (`AwsSolutions::IAM5`)
   */
  readonly ruleId?: string;
  /** Why the finding is accepted, as written. */
  readonly reason: string;
  /** Construct path of the construct it is recorded on (empty for the app); it covers everything below it. */
  readonly constructPath: string;
  /** True when it is recorded on the app or a stage, where it covers every stack below. */
  readonly atStageRoot: boolean;
  /**
   * The last day (`YYYY-MM-DD`, UTC) it holds.
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
  /** What the audit concluded about it. */
  readonly status: AcknowledgementStatus;
  /** How many findings of this audit it covers (expired or refused: names). */
  readonly findingCount: number;
  /**
   * What is wrong with it, for the statuses that need fixing (`refused`: what is wrong with the reason;
   * `unknown-rule`: the closest rule id).
   *
   * @default - nothing
   */
  readonly problem?: string;
}
