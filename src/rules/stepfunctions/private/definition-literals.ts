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
const PSEUDO_PARAMETERS = /^AWS::/;

/**
 * Reads the strings of a state machine definition as deployed: `Definition` (an object), `DefinitionString` (a JSON
 * string, often a `Fn::Join` of literal pieces and ARNs, or a `Fn::Sub` with its variable map) and
 * `DefinitionSubstitutions`. Pieces that CloudFormation fills in are replaced by markers before parsing, so that every
 * literal is found under its JSON key and every unknown piece (a parameter, an import) is known by the key it fills.
 * Step Functions then replaces each `${name}` of the definition by its substitution: a substituted value is judged
 * under the JSON key it lands on; a substitution the definition does not use is judged under its own name.
 */
export function definitionEntries(properties: { [key: string]: any }, stack: StackView): DefinitionEntries {
  const entries: DefinitionEntry[] = [];
  const unparsedFragments: string[] = [];
  const unknowns: (string | undefined)[] = [];
  const substitutions = isPlainObject(properties.DefinitionSubstitutions) ? properties.DefinitionSubstitutions as { [name: string]: any } : {};
  const used = new Set<string>();
  const substitute = (text: string): string => text.replace(/\$\{([^}]+)\}/g, (match, name: string) => {
    if (!(name in substitutions)) return match;
    used.add(name);
    return markedText(substitutions[name], stack, unknowns);
  });
  if (properties.Definition !== undefined) walk(properties.Definition, 'Definition', '', stack, unknowns, entries, substitute);
  if (properties.DefinitionString !== undefined) {
    const text = substitute(markedText(properties.DefinitionString, stack, unknowns));
    let parsed: any;
    try {
      parsed = JSON.parse(text);
    } catch {
      unparsedFragments.push(...text.split(MARKER).filter((_piece, i) => i % 2 === 0));
    }
    if (parsed !== undefined) walk(parsed, 'DefinitionString', '', stack, unknowns, entries, (t) => t);
  }
  for (const [name, value] of Object.entries<any>(substitutions)) {
    if (!used.has(name)) walk(value, `DefinitionSubstitutions.${name}`, name, stack, unknowns, entries, (t) => t);
  }
  return { entries, unparsedFragments };
}

/**
 * The definition text with every piece CloudFormation fills in replaced by a marker `@@SLS<n>@@`, which JSON accepts
 * inside strings. `Fn::Join` and `Fn::Sub` are opened so that their literal pieces stay text.
 */
function markedText(value: any, stack: StackView, unknowns: (string | undefined)[]): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  const join = value?.['Fn::Join'];
  if (Array.isArray(join) && join.length === 2 && Array.isArray(join[1]) && typeof join[0] === 'string') {
    return join[1].map((piece: any) => markedText(piece, stack, unknowns)).join(join[0]);
  }
  const sub = value?.['Fn::Sub'];
  if (sub !== undefined && Object.keys(value).length === 1) {
    const [text, variables] = Array.isArray(sub) ? sub : [sub, {}];
    if (typeof text === 'string') {
      const vars: { [name: string]: any } = isPlainObject(variables) ? variables : {};
      return text.replace(/\$\{(!?)([^}]*)\}/g, (_match, bang: string, name: string) => {
        if (bang) return '${' + name + '}'; // `${!Literal}`: CloudFormation writes `${Literal}`, for Step Functions to substitute
        if (name in vars) return markedText(vars[name], stack, unknowns);
        const [id, attribute] = name.split(/\.(.*)/);
        const reference = attribute ? { 'Fn::GetAtt': [id, attribute] } : { Ref: id };
        if (PSEUDO_PARAMETERS.test(id)) return marker(undefined, unknowns);
        return markedText(reference, stack, unknowns);
      });
    }
  }
  const resolved = stack.resolve(value);
  if (resolved.kind === ValueKind.LITERAL && typeof resolved.value === 'string') return resolved.value;
  return marker(resolved.kind === ValueKind.EXTERNAL ? resolved.unknownReason : undefined, unknowns);
}

function marker(unknownReason: string | undefined, unknowns: (string | undefined)[]): string {
  unknowns.push(unknownReason);
  return `@@SLS${unknowns.length - 1}@@`;
}

function walk(value: any, path: string, name: string, stack: StackView, unknowns: (string | undefined)[],
  into: DefinitionEntry[], substitute: (text: string) => string): void {
  if (typeof value === 'string') {
    const text = substitute(value);
    const reasons = [...text.matchAll(MARKER)].map((m) => unknowns[Number(m[1])]).filter((r): r is string => r !== undefined);
    const literal = text.replace(MARKER, '');
    into.push({ path, name, literal: literal.length > 0 ? literal : undefined, unknownReason: reasons.length > 0 ? reasons.join(', ') : undefined });
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((item, index) => walk(item, `${path}.${index}`, '', stack, unknowns, into, substitute));
    return;
  }
  if (value === null || typeof value !== 'object') return;
  if (!isPlainObject(value)) {
    const text = markedText(value, stack, unknowns);
    walk(text, path, name, stack, unknowns, into, substitute);
    return;
  }
  for (const [key, child] of Object.entries<any>(value)) walk(child, `${path}.${key}`, key, stack, unknowns, into, substitute);
}
