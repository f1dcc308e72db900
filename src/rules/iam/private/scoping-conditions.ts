import { StackView } from '../../../core/stack-view';
import { PolicyReader } from '../../../iam/policy-reader';
import { CALLER_SCOPING_KEYS, conditionMeaning, Narrowing } from '../../../iam/private/narrowing-conditions';

/** Values outside any template: intrinsics and tokens in them are unknown, never specific. */
let detached: StackView | undefined;

/**
 * Reads a statement's `Condition` block (outside a template, as `SecureTopic` checks the statements it is given) to
 * tell whether it narrows who the statement admits, with the one judgement of the audit (`conditionMeaning`): a
 * condition narrows only when it must be present, must match, and its value names someone (not `*`, `0.0.0.0/0`,
 * `arn:aws:iam::*:*`, an `...IfExists`, `Null` or negated operator, or a value unknown at synth time).
 */
export class ScopingConditions {
  /** The condition keys (as written) that genuinely narrow the callers of a resource policy statement. */
  public static scopingKeys(condition: any): string[] {
    if (!detached) detached = new StackView('', {});
    const statement = PolicyReader.readStatement({ Effect: 'Allow', Condition: condition }, detached, '', 0);
    return statement.conditions.filter((c) => CALLER_SCOPING_KEYS.has(c.key.toLowerCase())
      && conditionMeaning(c).narrowing === Narrowing.NARROWS).map((c) => c.key);
  }
}
