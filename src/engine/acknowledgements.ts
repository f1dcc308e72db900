import { Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';

/** One acknowledgement recorded in the construct tree with `Validations.of(scope).acknowledge({ id, reason })`. */
export interface Acknowledgement {
  /** The id exactly as recorded (`ServerlessSecurityChecks::SLS-LAMBDA-TRACING`, `Annotation::SLS-LAMBDA-TRACING`). */
  readonly recordedId: string;
  /** The rule id it acknowledges, without namespace (`SLS-LAMBDA-TRACING` or `SLS-LAMBDA-ENV-SECRET[DB_PASSWORD]`). */
  readonly ruleId: string;
  /** The reason given. */
  readonly reason: string;
  /** Construct path of the construct the acknowledgement was recorded on. */
  readonly acknowledgedAt: string;
}

/**
 * Reads the acknowledgements that cover a resource from the construct tree, walking up from the resource to the
 * root so that an acknowledgement on a stack (or any ancestor) covers everything below it; the closest one wins.
 *
 * Both ways of writing an id are accepted, because CDK records them differently:
 * - `Validations.of(scope).acknowledge({ id: 'ServerlessSecurityChecks::SLS-X' })` is stored as is, and CDK itself
 *   also drops the plugin's matching violation;
 * - `acknowledge({ id: 'SLS-X' })` is stored as `Annotation::SLS-X` (`annotation::SLS-X` before aws-cdk-lib
 *   2.262.1), which CDK never matches against a plugin, so the audit matches it itself.
 *
 * A granular finding `SLS-X[findingId]` is covered by an acknowledgement of exactly that id or of the whole rule.
 * Ids recorded under another tool's namespace (`AwsSolutions::...`) are ignored.
 */
export class Acknowledgements {
  /** The namespace of the audit's own acknowledgements: the validation plugin's name. */
  public static readonly NAMESPACE = 'ServerlessSecurityChecks';

  /**
   * The rule id an acknowledgement id refers to, or undefined when it belongs to another tool.
   * `ServerlessSecurityChecks::SLS-X`, `Annotation::SLS-X`, `annotation::SLS-X` and `SLS-X` all give `SLS-X`.
   */
  public static ruleIdOf(recordedId: string): string | undefined {
    const separator = namespaceSeparator(recordedId);
    if (separator < 0) return recordedId;
    const namespace = recordedId.substring(0, separator).toLowerCase();
    if (!OWN_NAMESPACES.has(namespace)) return undefined;
    return recordedId.substring(separator + 2);
  }

  /**
   * For each construct, the acknowledgements recorded on it and on its ancestors, closest first (one map per
   * construct that has any), memoised: the tree is final, and most findings of a resource share its ancestors.
   */
  private readonly chainCache = new WeakMap<IConstruct, ReadonlyArray<Map<string, Acknowledgement>>>();

  /**
   * The acknowledgement covering a finding of `ruleId` (optionally the granular finding `findingId`) on the
   * given construct, or undefined when none does.
   */
  public find(construct: IConstruct, ruleId: string, findingId?: string): Acknowledgement | undefined {
    const chain = this.chain(construct);
    if (chain.length === 0) return undefined; // the usual case
    const granular = findingId === undefined ? undefined : `${ruleId}[${findingId}]`;
    for (const own of chain) {
      const match = (granular !== undefined ? own.get(granular) : undefined) ?? own.get(ruleId);
      if (match) return match;
    }
    return undefined;
  }

  private chain(construct: IConstruct): ReadonlyArray<Map<string, Acknowledgement>> {
    const cached = this.chainCache.get(construct);
    if (cached) return cached;
    const parent = construct.node.scope;
    const inherited = parent ? this.chain(parent) : NO_ACKNOWLEDGEMENTS;
    const own = this.own(construct);
    const chain = own ? [own, ...inherited] : inherited;
    this.chainCache.set(construct, chain);
    return chain;
  }

  /** Acknowledgements recorded on the construct itself (not its ancestors). */
  private own(construct: IConstruct): Map<string, Acknowledgement> | null {
    let result: Map<string, Acknowledgement> | null = null;
    for (const entry of construct.node.metadata) {
      if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY || !entry.data || typeof entry.data !== 'object') continue;
      for (const [recordedId, reason] of Object.entries<any>(entry.data)) {
        const ruleId = Acknowledgements.ruleIdOf(recordedId);
        if (ruleId === undefined) continue;
        result ??= new Map();
        result.set(ruleId, { recordedId, ruleId, reason: String(reason ?? ''), acknowledgedAt: construct.node.path });
      }
    }
    return result;
  }
}

const NO_ACKNOWLEDGEMENTS: ReadonlyArray<Map<string, Acknowledgement>> = Object.freeze([]);

/** Namespaces (lower case) under which CDK may have stored an acknowledgement of one of our rules. */
const OWN_NAMESPACES = new Set([
  Acknowledgements.NAMESPACE.toLowerCase(),
  'annotation',
  'construct-annotations',
]);

/** Index of the `::` that separates a namespace from a rule id, ignoring any inside `[...]`; -1 when there is none. */
function namespaceSeparator(id: string): number {
  let depth = 0;
  for (let i = 0; i < id.length - 1; i++) {
    const c = id[i];
    if (c === '[' || c === '(' || c === '{') depth++;
    else if (c === ']' || c === ')' || c === '}') depth--;
    else if (depth === 0 && c === ':' && id[i + 1] === ':') return i;
  }
  return -1;
}
