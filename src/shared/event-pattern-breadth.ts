/** Fields every event carries with a value the rule's own bus already fixes: naming them narrows nothing. */
const ENVELOPE_FIELDS = new Set(['account', 'region', 'id', 'time', 'version']);

/** How much of the events on a bus an event pattern, or one field of it, admits. */
export enum PatternBreadth {
  /** It selects some events only. */
  SPECIFIC = 'specific',
  /** It admits every event. */
  EVERYTHING = 'everything',
  /** It depends on a value that is not known at synth time (a token), which could make it admit every event. */
  UNKNOWN = 'unknown',
}

/** Tells which values of a pattern are unknown at synth time; by default none are. */
export type UnknownValue = (value: any) => boolean;

const NOTHING_UNKNOWN: UnknownValue = () => false;

/**
 * Decides whether an EventBridge event pattern matches every event. One class serves both halves of the library:
 * `SecureEventRule` refuses such a pattern at synth time, and the audit (`SLS-EVENTS-PATTERN-SPECIFIC`) reports it
 * in any app.
 *
 * EventBridge matches a field when the event value equals any of the listed matchers, so one permissive matcher
 * (`{"prefix": ""}`, `{"exists": true}`, `{"wildcard": "*"}`, `{"anything-but": ...}`) makes the whole field
 * permissive; a pattern whose every field is permissive, or that only names the account, region, id, time or version
 * (true of every event on a bus), matches everything. `{"prefix": "aws."}` on `source` is every AWS service event.
 *
 * With an `isUnknown` test, a value it flags (a token) counts as possibly permissive: a pattern is `EVERYTHING` only
 * when its known part already admits everything, `SPECIFIC` when its known part already narrows it, and `UNKNOWN`
 * otherwise.
 */
export class EventPatternBreadth {
  /** True when the pattern (already parsed from JSON, every value known) admits every event. */
  public static matchesEverything(pattern: any): boolean {
    return EventPatternBreadth.of(pattern) === PatternBreadth.EVERYTHING;
  }

  /** How much the whole pattern (already parsed from JSON, top-level keys as in CloudFormation) admits. */
  public static of(pattern: any, isUnknown: UnknownValue = NOTHING_UNKNOWN): PatternBreadth {
    return EventPatternBreadth.objectBreadth(pattern, true, isUnknown);
  }

  /**
   * How much one top-level field (`source`, `detail-type`) admits, or undefined when the pattern does not name it.
   * Under `$or` the field counts as named only when every branch names it.
   */
  public static ofField(pattern: any, field: string, isUnknown: UnknownValue = NOTHING_UNKNOWN): PatternBreadth | undefined {
    if (pattern === null || typeof pattern !== 'object' || Array.isArray(pattern) || isUnknown(pattern)) return undefined;
    if (field in pattern) return EventPatternBreadth.fieldBreadth(field, pattern[field], isUnknown);
    const branches = pattern.$or;
    if (!Array.isArray(branches) || branches.length === 0) return undefined;
    const perBranch = branches.map((branch) => EventPatternBreadth.ofField(branch, field, isUnknown));
    if (perBranch.some((b) => b === undefined)) return undefined;
    return EventPatternBreadth.anyOf(perBranch as PatternBreadth[]);
  }

  /** An object admits everything when every field does (envelope fields aside at the top level). */
  private static objectBreadth(pattern: any, topLevel: boolean, isUnknown: UnknownValue): PatternBreadth {
    if (isUnknown(pattern)) return PatternBreadth.UNKNOWN;
    if (pattern === null || typeof pattern !== 'object' || Array.isArray(pattern)) return PatternBreadth.SPECIFIC;
    let result = PatternBreadth.EVERYTHING;
    for (const [field, value] of Object.entries<any>(pattern)) {
      let breadth: PatternBreadth;
      if (field === '$or') {
        if (isUnknown(value)) breadth = PatternBreadth.UNKNOWN;
        else if (!Array.isArray(value)) continue;
        else breadth = EventPatternBreadth.anyOf(value.map((branch) => EventPatternBreadth.objectBreadth(branch, topLevel, isUnknown)));
      } else if (topLevel && ENVELOPE_FIELDS.has(field)) {
        continue;
      } else {
        breadth = EventPatternBreadth.fieldBreadth(field, value, isUnknown);
      }
      if (breadth === PatternBreadth.SPECIFIC) return PatternBreadth.SPECIFIC;
      if (breadth === PatternBreadth.UNKNOWN) result = PatternBreadth.UNKNOWN;
    }
    return result;
  }

  /** A field admits everything when any of its matchers does (or, for a nested object, when the object does). */
  private static fieldBreadth(field: string, value: any, isUnknown: UnknownValue): PatternBreadth {
    if (isUnknown(value)) return PatternBreadth.UNKNOWN;
    if (Array.isArray(value)) return EventPatternBreadth.anyOf(value.map((matcher) => EventPatternBreadth.matcherBreadth(field, matcher, isUnknown)));
    if (value !== null && typeof value === 'object') return EventPatternBreadth.objectBreadth(value, false, isUnknown);
    return PatternBreadth.SPECIFIC;
  }

  private static matcherBreadth(field: string, matcher: any, isUnknown: UnknownValue): PatternBreadth {
    if (isUnknown(matcher)) return PatternBreadth.UNKNOWN;
    if (matcher === null || typeof matcher !== 'object' || Array.isArray(matcher)) return PatternBreadth.SPECIFIC;
    if (EventPatternBreadth.matcherIsPermissive(field, matcher)) return PatternBreadth.EVERYTHING;
    return EventPatternBreadth.containsUnknown(matcher, isUnknown) ? PatternBreadth.UNKNOWN : PatternBreadth.SPECIFIC;
  }

  private static matcherIsPermissive(field: string, matcher: any): boolean {
    if ('anything-but' in matcher) return true;
    if (matcher.exists === true) return true;
    if (typeof matcher.wildcard === 'string' && /^\**$/.test(matcher.wildcard)) return true;
    const prefix = typeof matcher.prefix === 'object' && matcher.prefix !== null ? matcher.prefix['equals-ignore-case'] : matcher.prefix;
    if (prefix === '' || (field === 'source' && typeof prefix === 'string' && prefix.toLowerCase() === 'aws.')) return true;
    const suffix = typeof matcher.suffix === 'object' && matcher.suffix !== null ? matcher.suffix['equals-ignore-case'] : matcher.suffix;
    return suffix === '';
  }

  /** Whether any value inside a matcher (`{"prefix": <token>}`) is unknown: then it might be permissive. */
  private static containsUnknown(value: any, isUnknown: UnknownValue): boolean {
    if (isUnknown(value)) return true;
    if (value === null || typeof value !== 'object') return false;
    return Object.values<any>(value).some((v) => EventPatternBreadth.containsUnknown(v, isUnknown));
  }

  /** The breadth of "any of these": everything if one admits everything, else unknown if one is unknown. */
  private static anyOf(breadths: PatternBreadth[]): PatternBreadth {
    if (breadths.includes(PatternBreadth.EVERYTHING)) return PatternBreadth.EVERYTHING;
    if (breadths.includes(PatternBreadth.UNKNOWN)) return PatternBreadth.UNKNOWN;
    return PatternBreadth.SPECIFIC;
  }
}
