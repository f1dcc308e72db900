import { judgeSecret, SecretHolding, SecretJudgeOptions } from './secret-values';
import { FindingIds } from '../../core/finding-ids';
import { isIntrinsic, readValue } from '../../core/private/values';
import { Verdict } from '../../core/rule';
import { StackView } from '../../core/stack-view';
import { Verdicts } from '../../core/verdicts';

/** How findings about a map of named entries read. */
export interface EntryMapOptions extends SecretJudgeOptions {
  /** What one entry is called in a finding, with its owner: `Stage variable apiToken of Stage prod (ApiStage)`. */
  readonly label: (name: string) => string;
  /** Who can read the entries in clear, to end the finding: `by anyone allowed apigateway:GET`. */
  readonly readers: string;
  /** The property path of the map (`Properties/Variables`); each entry's location is `<location>/<name>`. */
  readonly location: string;
  /** What the map is, for a map unknown as a whole: `the stage variables of Stage prod`. */
  readonly mapLabel: string;
}

/**
 * The verdicts for a map of named configuration entries (stage variables, connection parameters...): one finding per
 * entry that holds, or may hold, a secret, identified by the entry's name. A map that is itself unknown at synth time
 * (a condition, a parameter) is one "unable to decide".
 */
export function secretEntryVerdicts(map: any, stack: StackView, options: EntryMapOptions): Verdict[] {
  if (map === undefined || map === null) return [];
  if (isIntrinsic(map)) {
    const known = readValue(stack, map);
    if (!known.known) return [Verdicts.undecidable(`Whether ${options.mapLabel} hold a secret is not known.`, known.unknownReason, { location: options.location })];
    return secretEntryVerdicts(known.value, stack, options);
  }
  if (typeof map !== 'object' || Array.isArray(map)) return [];
  const verdicts: Verdict[] = [];
  for (const name of Object.keys(map)) {
    const verdict = secretEntryVerdict(name, map[name], stack, { ...options, location: `${options.location}/${name}` });
    if (verdict) verdicts.push(verdict);
  }
  return verdicts;
}

/** The verdict for one named entry at `options.location`, or undefined when nothing suggests a secret. */
export function secretEntryVerdict(name: string, value: any, stack: StackView, options: EntryMapOptions): Verdict | undefined {
  const judgement = judgeSecret(name, value, stack, options);
  if (!judgement) return undefined;
  const where = { location: options.location, findingId: FindingIds.sanitize(name) };
  if (judgement.holding === SecretHolding.UNKNOWN) {
    return Verdicts.undecidable(`${options.label(name)} may hold a secret readable in clear ${options.readers}: it holds ${judgement.what}.`, judgement.unknownReason!, where);
  }
  return Verdicts.violation(`${options.label(name)} holds ${judgement.what}, readable in clear ${options.readers}.`, where);
}
