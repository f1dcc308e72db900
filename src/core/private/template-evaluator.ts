/**
 * Evaluates the intrinsic functions of a template that CloudFormation itself evaluates from what the template holds,
 * so that a rule reading `AuthType` sees `NONE` whether it was written as a literal, `Fn::Select`ed from a list,
 * looked up with `Fn::FindInMap` or assembled with `Fn::Join` / `Fn::Sub`. This is the first half of the value
 * model; `StackView.resolve` is the second (what stays unknown, and why).
 *
 * What is evaluated (bottom-up, once per template):
 * - `Fn::FindInMap` with literal keys over the template's `Mappings` (and with a key that is not literal, such as
 *   `AWS::Region`, when every entry gives the same value);
 * - `Fn::Select`, `Fn::Split`, `Fn::Join`, `Fn::Sub` (with its variable map), `Fn::Length`, `Fn::ToJsonString`
 *   over literals; `Fn::Join` and `Fn::Sub` are simplified as far as their literal parts go;
 * - `Fn::If` whose condition the template decides on its own (`Fn::Equals` of literals, `Fn::And`, `Fn::Or`,
 *   `Fn::Not`, `Condition`), and whose branches are equal;
 * - `AWS::NoValue`, which removes the property or list element that holds it.
 *
 * Everything else stays as written: references (`Ref`, `Fn::GetAtt`), parameters, imports, dynamic references.
 * An `Fn::If` that depends on a parameter, and an `Fn::FindInMap` keyed by one, are choices: `choicesOf` lists them
 * and `choose` evaluates a value in one combination of them, so the engine can judge every branch.
 */
export class TemplateEvaluator {
  private readonly mappings: { [name: string]: any };
  private readonly conditionDefinitions: { [name: string]: any };
  private readonly conditionCache = new Map<string, boolean | undefined>();

  constructor(template: { [key: string]: any }) {
    this.mappings = isObject(template.Mappings) ? template.Mappings : {};
    this.conditionDefinitions = isObject(template.Conditions) ? template.Conditions : {};
  }

  /**
   * The value with every intrinsic the template decides on its own evaluated. Returns the same object when nothing
   * changed (most values), so evaluating a template allocates little. `NO_VALUE` when the value is `AWS::NoValue`.
   */
  public evaluate(value: any, world?: World): any {
    if (value === null || typeof value !== 'object') return value;
    if (Array.isArray(value)) return this.evaluateList(value, world);
    let single: string | undefined;
    let count = 0;
    for (const key in value) {
      if (++count > 1) break;
      single = key;
    }
    if (count === 1 && single !== undefined && (single.startsWith('Fn::') || single === 'Ref')) {
      return this.evaluateIntrinsic(single, value[single], value, world);
    }
    let out: { [key: string]: any } | undefined;
    for (const key of Object.keys(value)) {
      const inner = value[key];
      const evaluated = this.evaluate(inner, world);
      if (evaluated === inner) continue;
      const copy: { [key: string]: any } = out ?? (out = { ...value });
      if (evaluated === NO_VALUE) delete copy[key];
      else copy[key] = evaluated;
    }
    return out ?? value;
  }

  /**
   * The choices a value still holds after `evaluate`: each `Fn::If` on a condition the template cannot decide, and
   * each `Fn::FindInMap` keyed by something only known at deploy time, with the options each can take.
   */
  public choicesOf(value: any): Choice[] {
    const choices = new Map<string, Choice>();
    this.collectChoices(value, choices);
    return [...choices.values()];
  }

  /** The value evaluated in one combination of its choices. */
  public choose(value: any, world: World): any {
    return this.evaluate(value, world);
  }

  /**
   * The truth of a condition of the template: true or false when the template decides it, undefined when it
   * depends on a parameter or on something only known at deploy time (or is not defined).
   */
  public condition(name: string, world?: World): boolean | undefined {
    if (world?.conditions.has(name)) return world.conditions.get(name);
    if (!world && this.conditionCache.has(name)) return this.conditionCache.get(name);
    if (!world) this.conditionCache.set(name, undefined); // guards against a condition defined through itself
    const definition = this.conditionDefinitions[name];
    const result = definition === undefined ? undefined : this.truth(definition, world);
    if (!world) this.conditionCache.set(name, result);
    return result;
  }

  /**
   * The undecided conditions a condition is built from: the conditions it combines with `Fn::And`, `Fn::Or` and
   * `Fn::Not` when it combines nothing else, so that `IsProd` and `Fn::Not IsProd` are never both true in one
   * combination; otherwise the condition itself.
   */
  public leafConditions(name: string, seen = new Set<string>()): string[] {
    if (seen.has(name) || this.condition(name) !== undefined) return [];
    seen.add(name);
    const definition = this.conditionDefinitions[name];
    const references = conditionReferences(definition);
    if (references === undefined) return [name];
    return [...new Set(references.flatMap((ref) => this.leafConditions(ref, seen)))];
  }

  private evaluateList(list: any[], world: World | undefined): any[] {
    let out: any[] | undefined;
    for (let i = 0; i < list.length; i++) {
      const evaluated = this.evaluate(list[i], world);
      if (evaluated === list[i] && !out) continue;
      out ??= list.slice(0, i);
      if (evaluated !== NO_VALUE) out.push(evaluated);
    }
    return out ?? list;
  }

  private evaluateIntrinsic(fn: string, arg: any, original: any, world: World | undefined): any {
    switch (fn) {
      case 'Ref':
        return arg === 'AWS::NoValue' ? NO_VALUE : original;
      case 'Fn::If':
        return this.evaluateIf(arg, original, world);
      case 'Fn::FindInMap':
        return this.evaluateFindInMap(arg, original, world);
      case 'Fn::Join':
        return this.evaluateJoin(arg, original, world);
      case 'Fn::Sub':
        return this.evaluateSub(arg, original, world);
      case 'Fn::Select':
        return this.evaluateSelect(arg, original, world);
      case 'Fn::Split': {
        const args = this.evaluate(arg, world);
        if (Array.isArray(args) && args.length === 2 && typeof args[0] === 'string' && typeof args[1] === 'string') {
          return args[1].split(args[0]);
        }
        return args === arg ? original : { [fn]: args };
      }
      case 'Fn::Length': {
        const list = this.evaluate(arg, world);
        if (Array.isArray(list) && list.every(isLiteral)) return list.length;
        return list === arg ? original : { [fn]: list };
      }
      case 'Fn::ToJsonString': {
        const content = this.evaluate(arg, world);
        if (isLiteral(content)) return JSON.stringify(content);
        return content === arg ? original : { [fn]: content };
      }
      default: {
        // GetAtt, ImportValue, Base64, GetAZs, Cidr, Transform...: evaluate inside, keep the function.
        const args = this.evaluate(arg, world);
        return args === arg ? original : { [fn]: args };
      }
    }
  }

  private evaluateIf(arg: any, original: any, world: World | undefined): any {
    if (!Array.isArray(arg) || arg.length !== 3 || typeof arg[0] !== 'string') return original;
    const truth = this.condition(arg[0], world);
    if (truth !== undefined) return this.evaluate(truth ? arg[1] : arg[2], world);
    const whenTrue = this.evaluate(arg[1], world);
    const whenFalse = this.evaluate(arg[2], world);
    if (sameValue(whenTrue, whenFalse)) return whenTrue;
    if (whenTrue === arg[1] && whenFalse === arg[2]) return original;
    return { 'Fn::If': [arg[0], whenTrue, whenFalse] };
  }

  private evaluateFindInMap(arg: any, original: any, world: World | undefined): any {
    if (!Array.isArray(arg) || arg.length < 3) return original;
    const args = this.evaluateList(arg, world);
    const [mapName, top, second, options] = args;
    const map = typeof mapName === 'string' ? this.mappings[mapName] : undefined;
    const unchanged = args === arg ? original : { 'Fn::FindInMap': args };
    if (!isObject(map)) return unchanged;
    const topKey = isKey(top) ? String(top) : world?.keys.get(keyOf(top));
    const secondKey = isKey(second) ? String(second) : world?.keys.get(keyOf(second));
    if (topKey !== undefined && secondKey !== undefined) {
      const level = map[topKey];
      if (isObject(level) && secondKey in level) return this.evaluate(level[secondKey], world);
      // AWS::LanguageExtensions lets a lookup fall back to a default; without one the deployment fails.
      if (isObject(options) && 'DefaultValue' in options) return this.evaluate(options.DefaultValue, world);
      return unchanged;
    }
    // A key known only at deploy time (the region, a parameter): the lookup has one value when every entry agrees.
    const candidates: any[] = [];
    for (const top1 of topKey !== undefined ? [topKey] : Object.keys(map)) {
      const level = map[top1];
      if (!isObject(level)) continue;
      for (const second1 of secondKey !== undefined ? [secondKey] : Object.keys(level)) {
        if (second1 in level) candidates.push(level[second1]);
      }
    }
    if (candidates.length > 0 && candidates.every((c) => sameValue(c, candidates[0]))) return this.evaluate(candidates[0], world);
    return unchanged;
  }

  private evaluateJoin(arg: any, original: any, world: World | undefined): any {
    if (!Array.isArray(arg) || arg.length !== 2) return original;
    const separator = this.evaluate(arg[0], world);
    const parts = this.evaluate(arg[1], world);
    if (typeof separator === 'string' && Array.isArray(parts)) {
      if (parts.every(isScalar)) return parts.join(separator);
      // Fold runs of literal parts, so a literal split across parts reads as one string.
      const folded: any[] = [];
      for (const part of parts) {
        const last = folded.length - 1;
        if (isScalar(part) && last >= 0 && typeof folded[last] === 'string' && separator === '') folded[last] += String(part);
        else folded.push(isScalar(part) ? String(part) : part);
      }
      if (folded.length === parts.length && separator === arg[0] && parts === arg[1]) return original;
      return { 'Fn::Join': [separator, folded] };
    }
    return separator === arg[0] && parts === arg[1] ? original : { 'Fn::Join': [separator, parts] };
  }

  private evaluateSub(arg: any, original: any, world: World | undefined): any {
    const [text, rawVariables] = Array.isArray(arg) ? arg : [arg, undefined];
    if (typeof text !== 'string') return original;
    const variables = isObject(rawVariables) ? this.evaluate(rawVariables, world) : {};
    let remaining = false;
    const substituted = text.replace(/\$\{([^}]*)\}/g, (match, name: string) => {
      if (name.startsWith('!')) return match; // an escaped literal `${!Name}`, kept until the end
      if (isObject(variables) && name in variables) {
        const value = variables[name];
        if (isScalar(value)) return String(value).replace(/\$\{/g, '${!');
      }
      remaining = true;
      return match;
    });
    if (!remaining) return substituted.replace(/\$\{!/g, '${');
    const keptVariables: { [name: string]: any } = {};
    for (const match of substituted.matchAll(/\$\{([^!}][^}]*)\}/g)) {
      if (isObject(variables) && match[1] in variables) keptVariables[match[1]] = variables[match[1]];
    }
    if (substituted === text && variables === rawVariables) return original;
    return Object.keys(keptVariables).length > 0 ? { 'Fn::Sub': [substituted, keptVariables] } : { 'Fn::Sub': substituted };
  }

  private evaluateSelect(arg: any, original: any, world: World | undefined): any {
    if (!Array.isArray(arg) || arg.length !== 2) return original;
    const index = this.evaluate(arg[0], world);
    const list = this.evaluate(arg[1], world);
    const position = typeof index === 'number' ? index : typeof index === 'string' && /^\d+$/.test(index) ? Number(index) : undefined;
    if (position !== undefined && Array.isArray(list) && position < list.length) return list[position];
    return index === arg[0] && list === arg[1] ? original : { 'Fn::Select': [index, list] };
  }

  /** True, false or undefined (undecided) for a condition definition. */
  private truth(definition: any, world: World | undefined): boolean | undefined {
    if (typeof definition === 'boolean') return definition;
    if (typeof definition === 'string') return definition.toLowerCase() === 'true' ? true : definition.toLowerCase() === 'false' ? false : undefined;
    if (!isObject(definition)) return undefined;
    const keys = Object.keys(definition);
    if (keys.length !== 1) return undefined;
    const arg = definition[keys[0]];
    switch (keys[0]) {
      case 'Condition':
        return typeof arg === 'string' ? this.condition(arg, world) : undefined;
      case 'Fn::Not': {
        const inner = this.truth(Array.isArray(arg) ? arg[0] : arg, world);
        return inner === undefined ? undefined : !inner;
      }
      case 'Fn::And':
      case 'Fn::Or': {
        if (!Array.isArray(arg)) return undefined;
        const values = arg.map((a) => this.truth(a, world));
        const decisive = keys[0] === 'Fn::And' ? false : true;
        if (values.includes(decisive)) return decisive;
        return values.includes(undefined) ? undefined : !decisive;
      }
      case 'Fn::Equals': {
        if (!Array.isArray(arg) || arg.length !== 2) return undefined;
        const [a, b] = arg.map((v) => this.evaluate(v, world));
        if (isLiteral(a) && isLiteral(b)) return sameValue(normalizeScalar(a), normalizeScalar(b));
        return undefined;
      }
      default:
        return undefined;
    }
  }

  private collectChoices(value: any, into: Map<string, Choice>): void {
    if (value === null || typeof value !== 'object') return;
    if (Array.isArray(value)) {
      for (const v of value) this.collectChoices(v, into);
      return;
    }
    const keys = Object.keys(value);
    if (keys.length === 1 && keys[0] === 'Fn::If' && Array.isArray(value['Fn::If']) && typeof value['Fn::If'][0] === 'string') {
      for (const leaf of this.leafConditions(value['Fn::If'][0])) {
        if (!into.has(`condition:${leaf}`)) into.set(`condition:${leaf}`, { kind: ChoiceKind.CONDITION, name: leaf, options: ['true', 'false'] });
      }
    } else if (keys.length === 1 && keys[0] === 'Fn::FindInMap' && Array.isArray(value['Fn::FindInMap'])) {
      const [mapName, top, second] = value['Fn::FindInMap'];
      const map = typeof mapName === 'string' ? this.mappings[mapName] : undefined;
      if (isObject(map)) {
        if (!isKey(top)) addKeyOptions(into, top, Object.keys(map));
        if (!isKey(second)) {
          const seconds = new Set<string>();
          for (const level of Object.values<any>(map)) if (isObject(level)) Object.keys(level).forEach((k) => seconds.add(k));
          addKeyOptions(into, second, [...seconds]);
        }
      }
    }
    for (const key of keys) this.collectChoices(value[key], into);
  }
}

/** What a choice of a template depends on. */
export enum ChoiceKind {
  /** A condition (`Fn::If`) that depends on a parameter. */
  CONDITION = 'condition',
  /** A mapping key (`Fn::FindInMap`) known only at deploy time, such as the region or a parameter. */
  MAPPING_KEY = 'mapping-key',
}

/** One choice of a template and the options it can take. */
export interface Choice {
  readonly kind: ChoiceKind;
  /** The condition name, or the key expression as JSON (`{"Ref":"AWS::Region"}`). */
  readonly name: string;
  /** `true`/`false` for a condition, the mapping's keys for a key. */
  readonly options: string[];
}

/** One combination of choices: a truth value per condition and a key per key expression. */
export interface World {
  readonly conditions: Map<string, boolean>;
  readonly keys: Map<string, string>;
}

/** Marks a value that is `AWS::NoValue`: the property or element holding it is removed. */
export const NO_VALUE: any = Object.freeze({ Ref: 'AWS::NoValue' });

/** The key expression as the text that identifies it across the template (`{"Ref":"AWS::Region"}`). */
export function keyOf(expression: any): string {
  return JSON.stringify(expression);
}

/** A human name for a key expression: `AWS::Region`, `parameter Env`, or its JSON. */
export function describeKey(expression: string): string {
  const parsed = JSON.parse(expression);
  if (isObject(parsed) && typeof parsed.Ref === 'string' && Object.keys(parsed).length === 1) return parsed.Ref;
  return expression;
}

function addKeyOptions(into: Map<string, Choice>, expression: any, options: string[]): void {
  const name = keyOf(expression);
  const id = `key:${name}`;
  const existing = into.get(id);
  const merged = new Set([...(existing?.options ?? []), ...options]);
  into.set(id, { kind: ChoiceKind.MAPPING_KEY, name, options: [...merged] });
}

/**
 * The conditions a definition combines, when it is made only of `Fn::And`, `Fn::Or`, `Fn::Not` over `Condition`s
 * (and literals); undefined when it holds anything else (an `Fn::Equals` on a parameter, say).
 */
function conditionReferences(definition: any): string[] | undefined {
  if (typeof definition === 'boolean' || typeof definition === 'string') return [];
  if (!isObject(definition)) return undefined;
  const keys = Object.keys(definition);
  if (keys.length !== 1) return undefined;
  const arg = definition[keys[0]];
  if (keys[0] === 'Condition') return typeof arg === 'string' ? [arg] : undefined;
  if (!['Fn::And', 'Fn::Or', 'Fn::Not'].includes(keys[0]) || !Array.isArray(arg)) return undefined;
  const parts = arg.map(conditionReferences);
  return parts.some((p) => p === undefined) ? undefined : parts.flat() as string[];
}

function isObject(value: any): value is { [key: string]: any } {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A string, number or boolean. */
function isScalar(value: any): boolean {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean';
}

/** A value usable as a mapping key. */
function isKey(value: any): boolean {
  return typeof value === 'string' || typeof value === 'number';
}

/** JSON with no intrinsic function anywhere in it. */
function isLiteral(value: any): boolean {
  if (value === null || typeof value !== 'object') return true;
  if (Array.isArray(value)) return value.every(isLiteral);
  const keys = Object.keys(value);
  if (keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::') || keys[0] === 'Condition')) return false;
  return keys.every((k) => isLiteral(value[k]));
}

function normalizeScalar(value: any): any {
  return typeof value === 'number' || typeof value === 'boolean' ? String(value) : value;
}

function sameValue(a: any, b: any): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  return JSON.stringify(a) === JSON.stringify(b);
}
