import { ValueKind } from '../../../core/resolved-value';
import { StackView } from '../../../core/stack-view';
import { isPlainObject } from '../../iam/private/policy-document';

/** One string of a state machine definition, with the JSON key it sits under. */
export interface DefinitionEntry {
  /** Dotted path of the value in the definition (`States.CallApi.Parameters.Headers.Authorization`). */
  readonly path: string;
  /** The JSON key the value sits under (`Authorization`); empty for array items. */
  readonly name: string;
  /** The literal text, without the parts CloudFormation fills in; undefined when the value is not literal at all. */
  readonly literal?: string;
  /** Set when (part of) the value comes from a parameter, an import or a condition: what is unknown. */
  readonly unknownReason?: string;
}

/** The entries of a definition, and whether it could be parsed as JSON. */
export interface DefinitionEntries {
  readonly entries: DefinitionEntry[];
  /** Literal fragments of a definition that could not be parsed as JSON: inspected as values only. */
  readonly unparsedFragments: string[];
}

const MARKER = /@@SLS(\d+)@@/g;

/**
 * Reads the strings of a state machine definition as deployed: `Definition` (an object), `DefinitionString` (a JSON
 * string, often a `Fn::Join` of literal pieces and ARNs) and `DefinitionSubstitutions`. Pieces that CloudFormation
 * fills in are replaced by markers before parsing, so that every literal is found under its JSON key and every
 * unknown piece (a parameter, an import) is known by the key it fills.
 */
export function definitionEntries(properties: { [key: string]: any }, stack: StackView): DefinitionEntries {
  const entries: DefinitionEntry[] = [];
  const unparsedFragments: string[] = [];
  const unknowns: (string | undefined)[] = [];
  if (properties.Definition !== undefined) walk(properties.Definition, 'Definition', '', stack, unknowns, entries);
  if (properties.DefinitionString !== undefined) {
    const text = markedText(properties.DefinitionString, stack, unknowns);
    let parsed: any;
    try {
      parsed = JSON.parse(text);
    } catch {
      unparsedFragments.push(...text.split(MARKER).filter((_piece, i) => i % 2 === 0));
    }
    if (parsed !== undefined) walk(parsed, 'DefinitionString', '', stack, unknowns, entries);
  }
  const substitutions = properties.DefinitionSubstitutions;
  if (isPlainObject(substitutions)) {
    for (const [name, value] of Object.entries<any>(substitutions)) {
      walk(value, `DefinitionSubstitutions.${name}`, name, stack, unknowns, entries);
    }
  }
  return { entries, unparsedFragments };
}

/** The definition text with every piece CloudFormation fills in replaced by a marker `@@SLS<n>@@`, which JSON accepts inside strings. */
function markedText(value: any, stack: StackView, unknowns: (string | undefined)[]): string {
  if (typeof value === 'string') return value;
  const join = value?.['Fn::Join'];
  if (Array.isArray(join) && join.length === 2 && Array.isArray(join[1])) {
    return join[1].map((piece: any) => markedText(piece, stack, unknowns)).join(String(join[0]));
  }
  const resolved = stack.resolve(value);
  unknowns.push(resolved.kind === ValueKind.EXTERNAL ? resolved.unknownReason : undefined);
  return `@@SLS${unknowns.length - 1}@@`;
}

function walk(value: any, path: string, name: string, stack: StackView, unknowns: (string | undefined)[],
  into: DefinitionEntry[]): void {
  if (typeof value === 'string') {
    const reasons = [...value.matchAll(MARKER)].map((m) => unknowns[Number(m[1])]).filter((r): r is string => r !== undefined);
    const literal = value.replace(MARKER, '');
    into.push({ path, name, literal: literal.length > 0 ? literal : undefined, unknownReason: reasons.length > 0 ? reasons.join(', ') : undefined });
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((item, index) => walk(item, `${path}.${index}`, '', stack, unknowns, into));
    return;
  }
  if (value === null || typeof value !== 'object') return;
  if (!isPlainObject(value)) {
    const resolved = stack.resolve(value);
    if (resolved.kind === ValueKind.EXTERNAL) into.push({ path, name, unknownReason: resolved.unknownReason });
    return;
  }
  for (const [key, child] of Object.entries<any>(value)) walk(child, `${path}.${key}`, key, stack, unknowns, into);
}
