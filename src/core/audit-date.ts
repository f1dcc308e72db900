import { IConstruct } from 'constructs';

/**
 * The calendar day an audit judges expiry dates against. Expiry is decided by day, in UTC, so a synthesis gives the
 * same answer wherever it runs; the day can be pinned with a context value so that CI runs and tests are
 * reproducible (`cdk synth -c cdk-secure-serverless:today=2027-01-15`).
 */
export class AuditDate {
  /** Context key that pins the day the audit judges expiry dates against (`YYYY-MM-DD`). */
  public static readonly TODAY_CONTEXT = 'cdk-secure-serverless:today';

  /**
   * Today's date as `YYYY-MM-DD`: the `cdk-secure-serverless:today` context value when set, otherwise the current
   * UTC day.
   *
   * @throws when the context value is not a valid `YYYY-MM-DD` date
   */
  public static today(scope: IConstruct): string {
    const pinned = scope.node.tryGetContext(AuditDate.TODAY_CONTEXT);
    if (pinned === undefined || pinned === null || pinned === '') return new Date().toISOString().substring(0, 10);
    const text = String(pinned);
    if (!AuditDate.isIsoDate(text)) {
      throw new Error(`Context ${AuditDate.TODAY_CONTEXT} must be a date written YYYY-MM-DD but was '${text}'. `
        + 'Fix the value in cdk.json or on the command line (-c), or remove it to use the current date.');
    }
    return text;
  }

  /** True when the text is a real calendar date written `YYYY-MM-DD` (`2027-02-30` is not). */
  public static isIsoDate(text: string): boolean {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
    const parsed = new Date(`${text}T00:00:00Z`);
    return !Number.isNaN(parsed.getTime()) && parsed.toISOString().substring(0, 10) === text;
  }

  /**
   * True when an acknowledgement that expires on `expires` no longer applies on `today`. An acknowledgement holds
   * through its expiry day and lapses the day after. Both dates are `YYYY-MM-DD`, which compare as text.
   */
  public static hasExpired(expires: string, today: string): boolean {
    return expires < today;
  }
}
