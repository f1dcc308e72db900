import { IamAccessLevel } from '../access-level';
import { ActionTableCodec, EncodedActionTable } from './action-table-codec';

/** An action of the catalogue with its service, decoded once and shared by every caller. */
export class IndexedAction {
  /** `service:Name`, with the catalogue's capitalisation. */
  public readonly action: string;

  constructor(
    public readonly service: string,
    public readonly name: string,
    public readonly accessLevel: IamAccessLevel,
    public readonly supportsResourceLevelPermissions: boolean) {
    this.action = `${service}:${name}`;
  }
}

interface DecodedService {
  readonly actions: IndexedAction[];
  readonly byLowerName: Map<string, IndexedAction>;
}

/**
 * The decoded action table. The table module (about 400 kB of source) is only required on first use, and services
 * are decoded the first time they are asked for, so loading the library costs nothing and an audit that meets a
 * dozen services never pays for the other four hundred.
 */
export class ActionIndex {
  /** The index over the committed table, created on first use. */
  public static shared(): ActionIndex {
    if (!ActionIndex.instance) {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- deferred on purpose, see the class comment
      const generated = require('./iam-action-table.generated') as typeof import('./iam-action-table.generated');
      ActionIndex.instance = new ActionIndex(generated.IAM_ACTION_TABLE);
    }
    return ActionIndex.instance;
  }

  private static instance?: ActionIndex;

  public readonly catalogVersion: string;
  public readonly catalogUpdatedAt: string;
  private readonly encoded: { readonly [prefix: string]: string };
  private readonly decoded = new Map<string, DecodedService>();
  private readonly prefixes: string[];

  constructor(table: EncodedActionTable) {
    this.catalogVersion = table.catalogVersion;
    this.catalogUpdatedAt = table.catalogUpdatedAt;
    this.encoded = table.services;
    this.prefixes = Object.keys(table.services).sort();
  }

  /** Every service prefix, lower case, sorted. */
  public services(): string[] {
    return [...this.prefixes];
  }

  /** The services a service prefix (exact, case-insensitive) or a wildcard regular expression names. */
  public servicesMatching(servicePattern: RegExp | string): string[] {
    if (typeof servicePattern === 'string') {
      const lower = servicePattern.toLowerCase();
      return Object.prototype.hasOwnProperty.call(this.encoded, lower) ? [lower] : [];
    }
    return this.prefixes.filter((p) => servicePattern.test(p));
  }

  /** All actions of one service (empty for an unknown service). */
  public actionsOf(service: string): IndexedAction[] {
    return this.decode(service.toLowerCase())?.actions ?? [];
  }

  /** One action by service and name, case-insensitively. */
  public find(service: string, name: string): IndexedAction | undefined {
    return this.decode(service.toLowerCase())?.byLowerName.get(name.toLowerCase());
  }

  private decode(service: string): DecodedService | undefined {
    const cached = this.decoded.get(service);
    if (cached) return cached;
    if (!Object.prototype.hasOwnProperty.call(this.encoded, service)) return undefined;
    const actions: IndexedAction[] = [];
    const byLowerName = new Map<string, IndexedAction>();
    ActionTableCodec.forEachAction(this.encoded[service], (name, level, scoped) => {
      const action = new IndexedAction(service, name, level, scoped);
      actions.push(action);
      byLowerName.set(name.toLowerCase(), action);
    });
    const result = { actions, byLowerName };
    this.decoded.set(service, result);
    return result;
  }
}
