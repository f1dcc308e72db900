/** One place where a mapping template writes request input into the integration request without escaping it. */
export interface UnescapedInput {
  /** The expression as written (`$input.params('id')`, `$input.body`, `$item.name`). */
  readonly expression: string;
  /** The JSONPath of a `$input.path(...)` expression, when it is a literal (`$.name`). */
  readonly jsonPath?: string;
}

/** `$input.body`, `$input.path(...)`, `$input.params(...)`, in quiet (`$!`) and formal (`${...}`) notation. */
const RAW_INPUT = /\$!?\{?input\.(?:body\b\}?|(?:path|params)\s*\((?:[^()]|\([^()]*\))*\)\}?)/g;
/** Functions whose output is safe to place in a JSON string, a query string or a base64 field. */
const ESCAPING_FUNCTIONS = /\$util\.(?:escapeJavaScript|urlEncode|base64Encode|toJson)\s*$/;
/** VTL directives whose parenthesised arguments are evaluated, not written out. */
const DIRECTIVE = /#(set|if|elseif|foreach)\s*\(/g;
/** How far back an escaping call is looked for around an expression. */
const MAX_LOOKBACK = 4000;

interface Directive {
  readonly kind: string;
  /** From the `#` to the closing parenthesis, inclusive. */
  readonly start: number;
  readonly end: number;
  /** The text between the parentheses. */
  readonly body: string;
  /** Where `body` starts in the template. */
  readonly bodyStart: number;
}

/**
 * The request input a VTL mapping template writes out without escaping: `$input.body`, `$input.path(...)` and
 * `$input.params(...)` (raw request data, which can contain quotes, `&` or anything else), and variables assigned from
 * them (`#set($name = $input.path('$.name'))`, `#foreach($item in $input.path('$.items'))`), wherever they are not the
 * argument of `$util.escapeJavaScript`, `$util.urlEncode`, `$util.base64Encode` or `$util.toJson`. `$input.json(...)`
 * writes JSON-encoded text and is safe. Uses inside `#if`, `#elseif`, `#set` and `#foreach` conditions are not
 * written out and do not count (but taint the variable they assign).
 */
export function unescapedInputs(template: string): UnescapedInput[] {
  const directives = directivesOf(template);
  const inDirective = (index: number) => directives.some((d) => index >= d.bodyStart && index < d.end);
  const tainted = new Set<string>();
  for (const directive of directives) {
    const assignment = directive.kind === 'set'
      ? /^\s*\$!?\{?(\w+)\}?\s*=([\s\S]*)$/.exec(directive.body)
      : directive.kind === 'foreach' ? /^\s*\$!?\{?(\w+)\}?\s+in\s+([\s\S]*)$/.exec(directive.body) : null;
    if (!assignment) continue;
    const [, variable, rhs] = assignment;
    const rhsStart = directive.bodyStart + directive.body.length - rhs.length;
    const raw = rawUses(template, rhsStart, rhsStart + rhs.length, tainted);
    if (raw.some((use) => !escaped(template, use.index, rhsStart))) tainted.add(variable);
    else tainted.delete(variable);
  }
  const found: UnescapedInput[] = [];
  const seen = new Set<string>();
  for (const use of rawUses(template, 0, template.length, tainted)) {
    if (inDirective(use.index) || escaped(template, use.index, Math.max(0, use.index - MAX_LOOKBACK))) continue;
    if (seen.has(use.expression)) continue;
    seen.add(use.expression);
    const path = /^\$!?\{?input\.path\s*\(\s*['"]([^'"]*)['"]\s*\)/.exec(use.expression);
    found.push({ expression: use.expression, jsonPath: path?.[1] });
  }
  return found;
}

/** Raw input expressions and uses of tainted variables between `from` and `to`. */
function rawUses(template: string, from: number, to: number, tainted: Set<string>): Array<{ expression: string; index: number }> {
  const text = template.substring(from, to);
  const uses: Array<{ expression: string; index: number }> = [];
  for (const m of text.matchAll(RAW_INPUT)) uses.push({ expression: m[0], index: from + m.index! });
  if (tainted.size > 0) {
    for (const m of text.matchAll(/\$!?\{?(\w+)((?:\.\w+)*)\}?/g)) {
      if (tainted.has(m[1])) uses.push({ expression: m[0], index: from + m.index! });
    }
  }
  return uses.sort((a, b) => a.index - b.index);
}

/** True when the expression at `index` is inside the arguments of an escaping function call that starts after `floor`. */
function escaped(template: string, index: number, floor: number): boolean {
  let depth = 0;
  for (let i = index - 1; i >= floor; i--) {
    const c = template[i];
    if (c === ')') {depth++;} else if (c === '(') {
      if (depth > 0) {
        depth--;
      } else if (ESCAPING_FUNCTIONS.test(template.substring(Math.max(floor, i - 40), i))) {
        return true;
      }
    }
  }
  return false;
}

function directivesOf(template: string): Directive[] {
  const directives: Directive[] = [];
  for (const m of template.matchAll(DIRECTIVE)) {
    const open = m.index! + m[0].length - 1;
    let depth = 0;
    let end = -1;
    let quote: string | undefined;
    for (let i = open; i < template.length; i++) {
      const c = template[i];
      if (quote) {
        if (c === quote) quote = undefined;
      } else if (c === '"' || c === "'") {
        quote = c;
      } else if (c === '(') {
        depth++;
      } else if (c === ')' && --depth === 0) {
        end = i;
        break;
      }
    }
    if (end < 0) continue;
    directives.push({ kind: m[1], start: m.index!, end: end + 1, body: template.substring(open + 1, end), bodyStart: open + 1 });
  }
  return directives;
}
