/**
 * The one judge of written reasons: a relaxation's justification and an acknowledgement's reason must be words a
 * reviewer can weigh. Length alone is not enough, because whitespace, invisible characters and one key held down
 * pass a length check. Used by every `Secure*` construct and by acknowledgements, so both accept the same reasons.
 */
export class Justification {
  /** The fewest visible characters a reason needs (`ok`, `n/a`, `temp` are refused). */
  public static readonly MIN_LENGTH = 10;

  /**
   * What is wrong with a reason, in a phrase that completes "must be a written reason but ..." (`is blank`,
   * `has only 4 visible characters`), or undefined when the reason is acceptable.
   *
   * A reason is acceptable when, after removing whitespace and invisible characters (zero-width spaces and joiners,
   * the byte-order mark, soft hyphens, bidirectional marks), it has at least `MIN_LENGTH` characters, at least
   * three different letters or digits, and is not one short pattern repeated (`abcabcabcabc`).
   *
   * @param reason the text as given (undefined or null from JavaScript counts as missing)
   */
  public static problem(reason: string | undefined): string | undefined {
    if ((reason as unknown) === undefined || (reason as unknown) === null) return 'is missing';
    if (typeof reason !== 'string') return `is a ${typeof reason}, not text`;
    const visible = Justification.visibleText(reason);
    if (visible.length === 0) return 'is blank';
    if (visible.length < Justification.MIN_LENGTH) {
      return `has only ${visible.length} visible character${visible.length === 1 ? '' : 's'} (at least ${Justification.MIN_LENGTH} are needed)`;
    }
    const alphanumerics = visible.toLowerCase().match(/[\p{L}\p{N}]/gu) ?? [];
    if (new Set(alphanumerics).size < 3) return 'is not made of words (fewer than three different letters or digits)';
    if (isRepetition(visible.toLowerCase())) return 'repeats one short pattern instead of explaining';
    return undefined;
  }

  /** True when the reason is acceptable (`problem` finds nothing wrong). */
  public static isAcceptable(reason: string | undefined): boolean {
    return Justification.problem(reason) === undefined;
  }

  /**
   * The reason as it is recorded and shown: trimmed, invisible characters removed, runs of whitespace made one space.
   */
  public static normalize(reason: string): string {
    return reason.replace(INVISIBLE, '').replace(/\s+/gu, ' ').trim();
  }

  /** The visible characters of a text: no whitespace, no invisible format characters. */
  private static visibleText(text: string): string {
    return text.replace(INVISIBLE, '').replace(/\s+/gu, '');
  }

  private constructor() {}
}

/**
 * Characters that render as nothing: Unicode format characters (zero-width space, joiners, the byte-order mark,
 * bidirectional marks...), the soft hyphen, and the Hangul and Braille blanks that some fonts draw empty.
 */
const INVISIBLE = /[\p{Cf}\u00AD\u115F\u1160\u2800\u3164\uFFA0]/gu;

/** True when the text is a pattern of at most a quarter of its length repeated (`abababab`, `xyz xyz xyz xyz`). */
function isRepetition(text: string): boolean {
  const compact = text.replace(/[\s\p{P}]/gu, '');
  for (let size = 1; size <= compact.length / 4; size++) {
    if (compact.length % size !== 0) continue;
    const unit = compact.substring(0, size);
    if (unit.repeat(compact.length / size) === compact) return true;
  }
  return false;
}
