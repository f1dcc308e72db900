import { Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { PropErrors } from './prop-errors';
import { RuleIds } from './rule-ids';

/** The shortest justification accepted (after trimming), so that "ok" or "n/a" cannot relax a default. */
const MIN_JUSTIFICATION_LENGTH = 10;

/**
 * Relaxing a secure default takes a written justification, which is recorded as an acknowledgement of the audit
 * rule (`ServerlessSecurityChecks::<rule id>`) on exactly the resource concerned, so the audit report lists it as an
 * acknowledged exception with its reason.
 */
export class Relaxation {
  /**
   * Check a justification. Records a problem (with `code`) in `errors` and returns false when it is too short.
   *
   * @returns true when the justification is present and acceptable; false when it is absent or rejected
   */
  public static check(errors: PropErrors, code: string, prop: string, justification: string | undefined): boolean {
    if (justification === undefined) {
      return false;
    }
    if (justification.trim().length < MIN_JUSTIFICATION_LENGTH) {
      errors.add(code, prop,
        `must be a written justification of at least ${MIN_JUSTIFICATION_LENGTH} characters but was '${justification}'`,
        'Explain why the secure default does not fit (it is shown in the audit report as an acknowledged exception)');
      return false;
    }
    return true;
  }

  /**
   * Record an accepted relaxation on `resource` as an acknowledgement of the audit rule `ruleId`.
   */
  public static record(resource: IConstruct, ruleId: string, justification: string): void {
    Validations.of(resource).acknowledge({ id: RuleIds.qualified(ruleId), reason: justification.trim() });
  }
}
