import { CALLER_SCOPING_KEYS, narrows } from '../../../iam/private/narrowing-conditions';

/**
 * Reads a statement's `Condition` block to tell whether it narrows who the statement admits. The keys and the
 * operator logic are those of the least-privilege analysis (`src/iam/private/narrowing-conditions.ts`): a condition
 * narrows only when it must be present and must match, so `...IfExists` operators, `Null` checks, negated operators
 * (`StringNotEquals`, which admits every other value) and a bare `*` value narrow nothing.
 */
export class ScopingConditions {
  /** The condition keys (as written) that genuinely narrow the callers of a resource policy statement. */
  public static scopingKeys(condition: any): string[] {
    if (condition === null || typeof condition !== 'object' || Array.isArray(condition)) return [];
    const keys: string[] = [];
    for (const [operator, tests] of Object.entries<any>(condition)) {
      if (tests === null || typeof tests !== 'object' || Array.isArray(tests)) continue;
      for (const [key, value] of Object.entries<any>(tests)) {
        if (CALLER_SCOPING_KEYS.has(key.toLowerCase()) && narrows(operator, valueTexts(value))) keys.push(key);
      }
    }
    return keys;
  }
}

/** Literal values as strings; intrinsic functions (not known here) as undefined, which narrow. */
function valueTexts(value: any): Array<string | undefined> {
  const values = Array.isArray(value) ? value : [value];
  return values.map((v) => (typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'boolean' ? String(v) : undefined));
}
