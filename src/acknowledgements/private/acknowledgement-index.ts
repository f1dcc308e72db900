import { Stage, Validations } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { ACCOUNTABILITY_METADATA_KEY, AUDIT_NAMESPACE } from './names';
import { AuditDate } from '../../core/audit-date';
import { Justification } from '../../core/justification';

/** What `AuditAcknowledgements` stores next to the standard acknowledgement (`ACCOUNTABILITY_METADATA_KEY`). */
export interface AccountabilityMetadata {
  readonly id: string;
  readonly reason: string;
  readonly expires?: string;
  readonly ticket?: string;
}

/**
 * One acknowledgement as recorded in the construct tree: by `Validations.of(scope).acknowledge` (directly, through a
 * `Secure*` construct's relaxation, or through `AuditAcknowledgements`, which also records expiry and ticket).
 */
export interface RecordedAcknowledgement {
  /** The id as the user wrote it (`SLS-X`, `ServerlessSecurityChecks::SLS-X[A]`, `AwsSolutions-IAM5`). */
  readonly id: string;
  /** The id exactly as CDK recorded it (`Annotation::SLS-X` for a bare `SLS-X`). */
  readonly recordedId: string;
  /**
   * The rule id it names without namespace (`SLS-X`, `SLS-X[A]`); undefined when it is namespaced for another tool.
   */
  readonly ruleId?: string;
  /** True when the id is written in this audit's namespace (`ServerlessSecurityChecks::`). */
  readonly namespaced: boolean;
  readonly reason: string;
  readonly construct: IConstruct;
  readonly constructPath: string;
  readonly expires?: string;
  readonly ticket?: string;
  /** True when `expires` is before the audit's day. */
  readonly expired: boolean;
  /** What `Justification` finds wrong with the reason (such an acknowledgement acknowledges nothing). */
  readonly reasonProblem?: string;
  /** True when it is recorded on an app or a stage, so it covers every stack below. */
  readonly atStageRoot: boolean;
}

/** The acknowledgements recorded on one construct, by rule id (granular ids included). */
type OwnAcknowledgements = Map<string, RecordedAcknowledgement>;

/**
 * The one acknowledgement index of an audit. It reads the acknowledgements of each construct once (standard ones and
 * the accountability data `AuditAcknowledgements` stores next to them), judges their reasons with `Justification` and
 * their expiry against the audit's day, and answers the two questions the audit asks:
 * - which acknowledgement in force covers a finding (the engine attaches it to the finding), walking up from the
 *   resource so that an acknowledgement on a stack or an app covers everything below; the closest one wins, and on
 *   one construct a granular id (`SLS-X[A]`) wins over the whole rule;
 * - which acknowledgements the audited stacks hold at all (the reports review each one: in force, expired, stale,
 *   refused, unknown rule, another tool's).
 *
 * Both ways of writing an id are accepted, because CDK records them differently: `ServerlessSecurityChecks::SLS-X` is
 * stored as is (and CDK itself drops a plugin's matching violation), a bare `SLS-X` is stored as `Annotation::SLS-X`
 * (`annotation::` before aws-cdk-lib 2.262.1), which CDK never matches against a plugin, so the audit matches it itself.
 */
export class AcknowledgementIndex {
  /**
   * The rule id an acknowledgement id refers to, or undefined when it belongs to another tool.
   * `ServerlessSecurityChecks::SLS-X`, `Annotation::SLS-X`, `annotation::SLS-X` and `SLS-X` all give `SLS-X`.
   */
  public static ruleIdOf(recordedId: string): string | undefined {
    const separator = namespaceSeparator(recordedId);
    if (separator < 0) return recordedId;
    if (!OWN_NAMESPACES.has(recordedId.substring(0, separator).toLowerCase())) return undefined;
    return recordedId.substring(separator + 2);
  }

  /** The rule an acknowledgement id names, without its granular part: `SLS-X[A]` gives `SLS-X`. */
  public static baseRuleId(ruleId: string): string {
    const bracket = ruleId.indexOf('[');
    return bracket < 0 ? ruleId : ruleId.substring(0, bracket);
  }

  /** Acknowledgements of each construct read so far; null for a construct that has none. */
  private readonly byConstruct = new Map<IConstruct, OwnAcknowledgements | null>();
  /** For each construct, the acknowledgements on it and its ancestors, closest first (memoised). */
  private readonly chains = new WeakMap<IConstruct, ReadonlyArray<OwnAcknowledgements>>();

  /** @param today the audit's day (`AuditDate.today`), against which expiry dates are judged */
  constructor(public readonly today: string) {}

  /**
   * Reads the acknowledgements of a construct and of its ancestors (once per construct), so that `all()` lists them.
   */
  public read(construct: IConstruct): void {
    for (let current: IConstruct | undefined = construct; current && !this.byConstruct.has(current); current = current.node.scope) {
      this.own(current);
    }
  }

  /** Every acknowledgement read, in the order their constructs were read. */
  public all(): RecordedAcknowledgement[] {
    const all: RecordedAcknowledgement[] = [];
    for (const own of this.byConstruct.values()) if (own) all.push(...own.values());
    return all;
  }

  /**
   * The closest acknowledgement in force (not expired, with an acceptable reason) that covers a finding of `ruleId`
   * (and `findingId`) on the construct.
   */
  public inForce(construct: IConstruct, ruleId: string, findingId?: string): RecordedAcknowledgement | undefined {
    return this.closest(construct, ruleId, findingId, true);
  }

  /** The closest acknowledgement naming the finding whatever its state: in force, expired or refused. */
  public naming(construct: IConstruct, ruleId: string, findingId?: string): RecordedAcknowledgement | undefined {
    return this.closest(construct, ruleId, findingId, false);
  }

  private closest(construct: IConstruct, ruleId: string, findingId: string | undefined, inForce: boolean): RecordedAcknowledgement | undefined {
    const chain = this.chain(construct);
    if (chain.length === 0) return undefined; // the usual case
    const granular = findingId === undefined ? undefined : `${ruleId}[${findingId}]`;
    for (const own of chain) {
      for (const key of granular === undefined ? [ruleId] : [granular, ruleId]) {
        const ack = own.get(key);
        if (ack && (!inForce || (!ack.expired && ack.reasonProblem === undefined))) return ack;
      }
    }
    return undefined;
  }

  private chain(construct: IConstruct): ReadonlyArray<OwnAcknowledgements> {
    const cached = this.chains.get(construct);
    if (cached) return cached;
    const parent = construct.node.scope;
    const inherited = parent ? this.chain(parent) : NONE;
    const own = this.own(construct);
    const chain = own ? [own, ...inherited] : inherited;
    this.chains.set(construct, chain);
    return chain;
  }

  /** The acknowledgements recorded on the construct itself, parsed once. */
  private own(construct: IConstruct): OwnAcknowledgements | null {
    const known = this.byConstruct.get(construct);
    if (known !== undefined) return known;
    const parsed = this.parse(construct);
    this.byConstruct.set(construct, parsed);
    return parsed;
  }

  private parse(construct: IConstruct): OwnAcknowledgements | null {
    const metadata = construct.node.metadata; // a copy on every read: read once
    if (metadata.length === 0) return null; // the usual case
    const accountable = new Map<string, AccountabilityMetadata>();
    const standard: Array<[string, string]> = [];
    for (const entry of metadata) {
      if (!entry.data || typeof entry.data !== 'object') continue;
      if (entry.type === ACCOUNTABILITY_METADATA_KEY) {
        const data = entry.data as AccountabilityMetadata;
        if (typeof data.id === 'string') accountable.set(keyOf(data.id), data);
      } else if (entry.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY) {
        for (const [recordedId, reason] of Object.entries<unknown>(entry.data)) standard.push([recordedId, String(reason ?? '')]);
      }
    }
    if (accountable.size === 0 && standard.length === 0) return null;
    const constructPath = construct.node.path;
    const atStageRoot = Stage.isStage(construct);
    const own: OwnAcknowledgements = new Map();
    const add = (ack: RecordedAcknowledgement): void => {
      if (ack.ruleId !== undefined) own.set(ack.ruleId, ack);
      else own.set(`\u0000${ack.id}`, ack); // another tool's: listed, never matched
    };
    for (const [recordedId, reason] of standard) {
      const key = keyOf(recordedId);
      const extra = accountable.get(key);
      accountable.delete(key);
      add(this.record(recordedId, extra?.reason ?? reason, construct, constructPath, atStageRoot, extra));
    }
    // Accountable acknowledgements without a standard entry: expired ones (AuditAcknowledgements records no standard
    // acknowledgement once the expiry date has passed).
    for (const extra of accountable.values()) add(this.record(extra.id, extra.reason, construct, constructPath, atStageRoot, extra));
    return own;
  }

  private record(recordedId: string, reason: string, construct: IConstruct, constructPath: string, atStageRoot: boolean,
    extra: AccountabilityMetadata | undefined): RecordedAcknowledgement {
    const ruleId = AcknowledgementIndex.ruleIdOf(recordedId);
    const expires = extra?.expires;
    return {
      id: displayId(recordedId),
      recordedId,
      ruleId,
      namespaced: recordedId.toLowerCase().startsWith(`${AUDIT_NAMESPACE.toLowerCase()}::`),
      reason,
      construct,
      constructPath,
      expires,
      ticket: extra?.ticket,
      expired: expires !== undefined && AuditDate.hasExpired(expires, this.today),
      reasonProblem: Justification.problem(reason),
      atStageRoot,
    };
  }
}

const NONE: ReadonlyArray<OwnAcknowledgements> = Object.freeze([]);

/** Namespaces (lower case) under which CDK may have stored an acknowledgement of one of our rules. */
const OWN_NAMESPACES = new Set([AUDIT_NAMESPACE.toLowerCase(), 'annotation', 'construct-annotations']);

/** What makes two spellings of an id the same acknowledgement (`Annotation::SLS-X` and `SLS-X`). */
function keyOf(id: string): string {
  return AcknowledgementIndex.ruleIdOf(id) ?? id;
}

/** CDK stores a bare id as `Annotation::<id>`; show it as the user wrote it. */
function displayId(recordedId: string): string {
  const match = /^(?:annotation|construct-annotations)::(.*)$/i.exec(recordedId);
  return match ? match[1] : recordedId;
}

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
