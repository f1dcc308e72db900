/** The characters a finding id may hold, as a regular-expression character class body: the one definition. */
const FINDING_ID_CHARACTERS = 'A-Za-z0-9\\-_.:*';

/** One character a finding id may not hold. */
const FORBIDDEN = new RegExp(`[^${FINDING_ID_CHARACTERS}]`, 'g');

/**
 * The one finding-id scheme of the audit. A verdict's `findingId` (acknowledged as `<ruleId>[<findingId>]`) holds
 * letters, digits, `-`, `_`, `.`, `:` and `*` only, and at least one of them: brackets and spaces would break the
 * acknowledgement id. Every rule that derives an id from user text (a statement's Sid, an environment variable name, a
 * CloudFront path pattern) goes through `sanitize`, so the same text always yields the same id and an acknowledgement
 * written once keeps matching; the engine checks every verdict's id against `PATTERN`, custom rules' included.
 *
 * Internal: not exported from the package (custom rules learn the scheme from the engine's message).
 */
export class FindingIds {
  /** A well-formed finding id, whole. */
  public static readonly PATTERN = new RegExp(`^[${FINDING_ID_CHARACTERS}]+$`);

  /**
   * The text as a finding id: every character outside `[A-Za-z0-9-_.:*]` replaced by `_`, and an empty text
   * giving `_` (an id is never empty).
   */
  public static sanitize(text: string): string {
    return text.replace(FORBIDDEN, '_') || '_';
  }

  /** True when the id follows the scheme (`sanitize` would return it unchanged). */
  public static isValid(id: string): boolean {
    return FindingIds.PATTERN.test(id);
  }

  /** The characters of the id the scheme does not allow, each once, in order (empty for a valid id). */
  public static forbiddenCharacters(id: string): string[] {
    return [...new Set(id.match(FORBIDDEN) ?? [])];
  }

  private constructor() {}
}
