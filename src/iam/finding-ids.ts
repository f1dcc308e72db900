/**
 * The one finding-id scheme of the audit. A verdict's `findingId` (acknowledged as `<ruleId>[<findingId>]`) accepts
 * letters, digits, `-`, `_`, `.`, `:` and `*` only; every rule that derives an id from user text (a statement's Sid,
 * an environment variable name, a CloudFront path pattern) goes through `sanitize`, so the same text always yields the
 * same id and an acknowledgement written once keeps matching.
 */
export class FindingIds {
  /** The text with every character outside `[A-Za-z0-9-_.:*]` replaced by `_`. */
  public static sanitize(text: string): string {
    return text.replace(/[^A-Za-z0-9\-_.:*]/g, '_');
  }

  private constructor() {}
}
