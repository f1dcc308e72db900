import { describeChoice } from '../../core/private/resource-variants';
import { Verdict, VerdictKind } from '../../core/rule';
import { Verdicts } from '../../core/verdicts';

/** A rule's verdicts on a resource in one combination of its choices. */
export interface VariantResult {
  /** The option each choice takes in this combination, by choice id. */
  readonly options: ReadonlyMap<string, string>;
  readonly verdicts: Verdict[];
}

/** Most options of one choice listed by name in a message; more are counted. */
const MAX_LISTED_OPTIONS = 4;

/**
 * Merges what a rule concluded in each combination of a resource's choices, as CloudFormation could deploy any of
 * them: a violation in every combination is the violation; a violation in only some is "unable to decide", saying
 * when it holds; an undecidable verdict in any combination stays undecidable.
 */
export class VariantVerdicts {
  public static merge(results: VariantResult[]): Verdict[] {
    if (results.length === 1) return results[0].verdicts;
    const groups = new Map<string, { verdict: Verdict; where: Array<ReadonlyMap<string, string>> }>();
    for (const result of results) {
      const seen = new Set<string>();
      for (const verdict of result.verdicts) {
        const key = `${verdict.kind}\u0000${verdict.findingId ?? ''}\u0000${verdict.location ?? ''}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const group = groups.get(key);
        if (group) group.where.push(result.options);
        else groups.set(key, { verdict, where: [result.options] });
      }
    }
    const merged: Verdict[] = [];
    for (const { verdict, where } of groups.values()) {
      if (verdict.kind !== VerdictKind.VIOLATION || where.length === results.length) {
        merged.push(verdict);
        continue;
      }
      const when = describeWhen(where, results.map((r) => r.options));
      merged.push(Verdicts.undecidable(`${stripPeriod(verdict.detail)}, but only when ${when.condition}.`, when.dependsOn, {
        location: verdict.location, findingId: verdict.findingId, severity: verdict.severity,
      }));
    }
    return merged;
  }
}

/** Which options of which choices a set of combinations takes, in words. */
function describeWhen(where: Array<ReadonlyMap<string, string>>, all: Array<ReadonlyMap<string, string>>):
{ condition: string; dependsOn: string } {
  const parts: string[] = [];
  const involved: string[] = [];
  for (const id of all[0].keys()) {
    const every = new Set(all.map((o) => o.get(id)!));
    const taken = [...new Set(where.map((o) => o.get(id)!))];
    if (taken.length === every.size) continue; // this choice does not matter
    involved.push(describeChoice(id));
    const listed = taken.length > MAX_LISTED_OPTIONS
      ? `one of ${taken.length} values (${taken.slice(0, MAX_LISTED_OPTIONS).join(', ')}, ...)` : taken.join(' or ');
    parts.push(`${describeChoice(id)} is ${listed}`);
  }
  if (parts.length === 0) {
    // Every single choice matters only in combination with another: name them all.
    const names = [...all[0].keys()].map(describeChoice);
    return { condition: `some combinations of ${names.join(', ')}`, dependsOn: names.join(', ') };
  }
  return { condition: parts.join(' and '), dependsOn: involved.join(', ') };
}

function stripPeriod(text: string): string {
  return text.replace(/\.\s*$/, '');
}
