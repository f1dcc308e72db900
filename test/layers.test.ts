import * as fs from 'fs';
import * as path from 'path';

/**
 * The source folders form layers (docs/ARCHITECTURE.md): imports point down only, and no two files or folders import
 * each other, directly or through others. A cycle makes a change in one place ripple unpredictably and breaks
 * module loading order; an upward import means a lower layer knows about a higher one.
 */
const SRC = path.resolve(__dirname, '..', 'src');

/** Each top-level folder's layer: a folder may import its own layer's folders (without cycles) and lower ones. */
const LAYER: { [folder: string]: number } = {
  core: 0,
  engine: 1,
  shared: 2,
  iam: 2,
  rules: 3,
  packs: 4,
  constructs: 5,
  acknowledgements: 1,
  baseline: 5,
  reporting: 6,
  hosts: 7,
  adoption: 8,
};

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

/** The files a file imports (relative imports, re-exports included), resolved to paths. */
function importsOf(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const targets: string[] = [];
  for (const match of text.matchAll(/(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\sfrom\s+)?['"](\.[^'"]+)['"]/g)) {
    const base = path.resolve(path.dirname(file), match[1]);
    const candidate = [`${base}.ts`, path.join(base, 'index.ts')].find((p) => fs.existsSync(p));
    if (candidate) targets.push(candidate);
  }
  return targets;
}

/** The top-level folder of a source file (`rules` for src/rules/lambda/url-auth.ts); '.' for src/index.ts. */
function folderOf(file: string): string {
  const relative = path.relative(SRC, file).split(path.sep);
  return relative.length === 1 ? '.' : relative[0];
}

/** Strongly connected components with more than one node (or a self-loop): the cycles of a graph. */
function cycles(graph: Map<string, string[]>): string[][] {
  let index = 0;
  const indexes = new Map<string, number>();
  const lows = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const connect = (node: string): void => {
    indexes.set(node, index);
    lows.set(node, index++);
    stack.push(node);
    onStack.add(node);
    for (const next of graph.get(node) ?? []) {
      if (!indexes.has(next)) {
        connect(next);
        lows.set(node, Math.min(lows.get(node)!, lows.get(next)!));
      } else if (onStack.has(next)) {
        lows.set(node, Math.min(lows.get(node)!, indexes.get(next)!));
      }
    }
    if (lows.get(node) !== indexes.get(node)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== node);
    if (component.length > 1 || (graph.get(node) ?? []).includes(node)) found.push(component.sort());
  };
  for (const node of graph.keys()) if (!indexes.has(node)) connect(node);
  return found;
}

const files = sourceFiles(SRC);
// Barrels (index.ts) only re-export; a barrel importing its own folder's files is not a cycle of code.
const code = files.filter((f) => path.basename(f) !== 'index.ts');
const fileGraph = new Map(code.map((f) => [f, importsOf(f).filter((t) => path.basename(t) !== 'index.ts')]));
const relative = (f: string) => path.relative(SRC, f);

test('no import cycle between files', () => {
  expect(cycles(fileGraph).map((c) => c.map(relative).join(' <-> '))).toEqual([]);
});

test('no import cycle between top-level folders', () => {
  const folderGraph = new Map<string, string[]>();
  for (const file of files.filter((f) => folderOf(f) !== '.')) {
    const from = folderOf(file);
    const targets = new Set(folderGraph.get(from) ?? []);
    for (const target of importsOf(file).map(folderOf)) if (target !== from) targets.add(target);
    folderGraph.set(from, [...targets]);
  }
  expect(cycles(folderGraph).map((c) => c.join(' <-> '))).toEqual([]);
});

test('every import points to the same layer or a lower one', () => {
  const upward: string[] = [];
  for (const file of files.filter((f) => folderOf(f) !== '.')) {
    const from = folderOf(file);
    expect(LAYER).toHaveProperty([from]); // a new top-level folder needs a layer
    for (const target of importsOf(file)) {
      const to = folderOf(target);
      if (LAYER[to] > LAYER[from]) upward.push(`${relative(file)} -> ${relative(target)}`);
    }
  }
  expect(upward).toEqual([]);
});
