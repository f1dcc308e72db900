/** Fields every event carries with a value the rule's own bus already fixes: naming them narrows nothing. */
const ENVELOPE_FIELDS = new Set(['account', 'region', 'id', 'time', 'version']);

/**
 * Decides whether an EventBridge event pattern matches every event. EventBridge matches a field when the event
 * value equals any of the listed matchers, so one permissive matcher (`{"prefix": ""}`, `{"exists": true}`,
 * `{"wildcard": "*"}`, `{"anything-but": ...}`) makes the whole field permissive; a pattern whose every field is
 * permissive, or that only names the account, region, id, time or version (true of every event on a bus), matches
 * everything. `{"prefix": "aws."}` on `source` is every AWS service event.
 */
export class EventPatternBreadth {
  /** True when the pattern (already parsed from JSON) admits every event. */
  public static matchesEverything(pattern: any): boolean {
    return EventPatternBreadth.objectIsPermissive(pattern, true);
  }

  private static objectIsPermissive(pattern: any, topLevel: boolean): boolean {
    if (pattern === null || typeof pattern !== 'object' || Array.isArray(pattern)) return false;
    for (const [field, value] of Object.entries<any>(pattern)) {
      if (field === '$or') {
        if (Array.isArray(value) && !value.some((branch) => EventPatternBreadth.objectIsPermissive(branch, topLevel))) return false;
        continue;
      }
      if (topLevel && ENVELOPE_FIELDS.has(field)) continue;
      if (!EventPatternBreadth.fieldIsPermissive(field, value)) return false;
    }
    return true;
  }

  private static fieldIsPermissive(field: string, value: any): boolean {
    if (Array.isArray(value)) return value.some((matcher) => EventPatternBreadth.matcherIsPermissive(field, matcher));
    if (value !== null && typeof value === 'object') return EventPatternBreadth.objectIsPermissive(value, false);
    return false;
  }

  private static matcherIsPermissive(field: string, matcher: any): boolean {
    if (matcher === null || typeof matcher !== 'object' || Array.isArray(matcher)) return false;
    if ('anything-but' in matcher) return true;
    if (matcher.exists === true) return true;
    if (typeof matcher.wildcard === 'string' && /^\**$/.test(matcher.wildcard)) return true;
    const prefix = typeof matcher.prefix === 'object' && matcher.prefix !== null ? matcher.prefix['equals-ignore-case'] : matcher.prefix;
    if (prefix === '' || (field === 'source' && typeof prefix === 'string' && prefix.toLowerCase() === 'aws.')) return true;
    const suffix = typeof matcher.suffix === 'object' && matcher.suffix !== null ? matcher.suffix['equals-ignore-case'] : matcher.suffix;
    return suffix === '';
  }
}
