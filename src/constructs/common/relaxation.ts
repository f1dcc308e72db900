import { Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { RuleIds } from './rule-ids';
import { Justification } from '../../core/justification';
import { PropErrors } from '../../core/prop-errors';

/**
 * Relaxing a secure default takes a written justification, which is recorded as an acknowledgement of the audit
 * rule (`ServerlessSecurityChecks::<rule id>`) on exactly the resource concerned, so the audit report lists it as an
 * acknowledged exception with its reason.
 */
export class Relaxation {
  /**
   * Check a justification with the one judge of reasons (`Justification`). Records a problem (with `code`) in
   * `errors` and returns false when it is blank, too short, invisible or not made of words.
   *
   * @returns true when the justification is present and acceptable; false when it is absent or rejected
   */
  public static check(errors: PropErrors, code: string, prop: string, justification: string | undefined): boolean {
    if (justification === undefined) {
      return false;
    }
    const problem = Justification.problem(justification);
    if (problem !== undefined) {
      errors.add(code, prop, `must be a written justification but ${problem} (was ${JSON.stringify(justification)})`,
        'Explain in words why the secure default does not fit (it is shown in the audit report as an acknowledged exception)');
      return false;
    }
    return true;
  }

  /**
   * Record an accepted relaxation on `resource` as an acknowledgement of the audit rule `ruleId`.
   */
  public static record(resource: IConstruct, ruleId: string, justification: string): void {
    Validations.of(resource).acknowledge({ id: RuleIds.qualified(ruleId), reason: Justification.normalize(justification) });
  }
}

/** A problem to report when an insecure setting comes without the justification that would relax it. */
export interface MissingJustification {
  /** Stable error code. */
  readonly code: string;
  /** The prop holding the insecure setting. */
  readonly prop: string;
  /** What is wrong. */
  readonly problem: string;
  /** How to fix it. */
  readonly fix: string;
}

/**
 * The relaxations one construct (or one route) accepts: each justification is checked once, and accepted ones are
 * kept as `[ruleId, justification]` so the construct can record them on the resource they concern.
 */
export class RelaxationLedger {
  private readonly entries: Array<[string, string]> = [];

  /**
   * @param errors where rejected justifications are reported
   * @param code the error code for a justification that is too short
   * @param propPrefix prepended to prop names in messages (a route label, for example)
   */
  constructor(private readonly errors: PropErrors, private readonly code: string, private readonly propPrefix = '') {}

  /** The accepted relaxations, as `[ruleId, justification]`. */
  public get accepted(): Array<[string, string]> {
    return [...this.entries];
  }

  /**
   * Accept `justification` for relaxing rule `ruleId`, if it is given and long enough.
   *
   * @returns true when accepted
   */
  public accept(prop: string, justification: string | undefined, ruleId: string): boolean {
    if (!Relaxation.check(this.errors, this.code, `${this.propPrefix}${prop}`, justification)) return false;
    this.entries.push([ruleId, Justification.normalize(justification!)]);
    return true;
  }

  /**
   * An insecure setting is present: accept its justification, or report `missing` when none was given (a
   * justification that was given but rejected is already reported by `accept`).
   */
  public require(prop: string, justification: string | undefined, ruleId: string, missing: MissingJustification): void {
    if (!this.accept(prop, justification, ruleId) && justification === undefined) {
      this.errors.add(missing.code, missing.prop, missing.problem, missing.fix);
    }
  }
}
