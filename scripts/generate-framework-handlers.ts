/**
 * Generates src/engine/private/cdk-handlers.generated.ts: every Lambda handler aws-cdk-lib ships, enumerated from
 * aws-cdk-lib's own source (node_modules/aws-cdk-lib), so the audit recognises aws-cdk-lib's handlers by what
 * aws-cdk-lib builds (their code directory, their class) rather than by metadata or a scope anyone can use.
 *
 *   npx ts-node --transpile-only scripts/generate-framework-handlers.ts          write the table
 *   npx ts-node --transpile-only scripts/generate-framework-handlers.ts --check  fail when it is stale
 *
 * test/engine/cdk-handlers.test.ts runs the same enumeration and fails when a newer aws-cdk-lib ships a handler the
 * table does not hold.
 */
import * as fs from 'fs';
import * as path from 'path';

export const GENERATED_PATH = path.join(__dirname, '..', 'src', 'engine', 'private', 'cdk-handlers.generated.ts');

/** How aws-cdk-lib deploys a handler (see src/engine/private/cdk-handlers.ts). */
export type HandlerKind = 'singleton-function' | 'function' | 'custom-resource-provider' | 'provider-framework' | 'construct' | 'code-directory';

/** One handler: where its code lives in aws-cdk-lib, and the class that deploys it, when there is one. */
export interface HandlerRow {
  readonly codeDirectory: string;
  readonly kind: HandlerKind;
  readonly module?: string;
  readonly className?: string;
}

const HANDLERS_DIR = 'custom-resource-handlers/dist';
const PROVIDER_FRAMEWORK = 'custom-resources/lib/provider-framework';

/** The aws-cdk-lib installed next to this project. */
export function cdkRoot(): string {
  return path.dirname(require.resolve('aws-cdk-lib/package.json'));
}

/** Every handler of the aws-cdk-lib at `root`, sorted. */
export function enumerateHandlers(root: string): HandlerRow[] {
  const rows = new Map<string, HandlerRow>();
  const add = (row: HandlerRow) => rows.set(`${row.codeDirectory}|${row.className ?? ''}`, row);
  const dist = path.join(root, HANDLERS_DIR);

  // 1. The generated provider classes next to the handlers' code: SingletonFunction, Function or
  //    CustomResourceProviderBase subclasses.
  for (const file of walk(dist).filter((f) => f.endsWith('.generated.js'))) {
    const text = fs.readFileSync(file, 'utf-8');
    const module = rel(root, file).replace(/\.js$/, '');
    for (const m of text.matchAll(/class (\w+) extends ([\w.]+)\{([\s\S]*?)\}exports\./g)) {
      const [, className, base, body] = m;
      const dir = /path\.join\(__dirname,"([^"]+)"\)/.exec(body)?.[1] ?? /path\.join\(__dirname,"([^"]+)"\)/.exec(text)?.[1];
      if (!dir) continue;
      add({ codeDirectory: rel(root, path.join(path.dirname(file), dir)), kind: kindOfBase(base), module, className });
    }
  }
  // 2. Classes of aws-cdk-lib's libraries that build a function from a handler directory themselves (log retention,
  //    bucket notifications, the ECS drain hook...).
  for (const file of walk(root, (d) => !d.includes(`${path.sep}custom-resource-handlers`) && !d.endsWith(`${path.sep}node_modules`))
    .filter((f) => f.endsWith('.js') && !f.endsWith('.generated.js'))) {
    const text = fs.readFileSync(file, 'utf-8');
    if (!text.includes('"custom-resource-handlers"')) continue;
    for (const m of text.matchAll(/"custom-resource-handlers","dist","([^"]+)","([^"]+)"/g)) {
      const before = text.substring(0, m.index);
      const className = [...before.matchAll(/class (\w+)(?: extends [\w().]+)?\{/g)].pop()?.[1];
      add({ codeDirectory: `${HANDLERS_DIR}/${m[1]}/${m[2]}`, kind: 'construct', module: rel(root, file).replace(/\.js$/, ''), className });
    }
  }
  // 3. The custom-resource provider framework's own functions (onEvent, isComplete, onTimeout).
  const framework = path.join(root, PROVIDER_FRAMEWORK, 'runtime');
  if (fs.existsSync(framework)) add({ codeDirectory: rel(root, framework), kind: 'provider-framework', module: `${PROVIDER_FRAMEWORK}/provider`, className: 'Provider' });
  // 4. Every handler directory, whether or not a class above names it, so that a new one fails the test.
  for (const service of fs.readdirSync(dist, { withFileTypes: true }).filter((e) => e.isDirectory())) {
    for (const entry of fs.readdirSync(path.join(dist, service.name), { withFileTypes: true }).filter((e) => e.isDirectory())) {
      const codeDirectory = `${HANDLERS_DIR}/${service.name}/${entry.name}`;
      if (![...rows.values()].some((r) => r.codeDirectory === codeDirectory)) add({ codeDirectory, kind: 'code-directory' });
    }
  }
  return [...rows.values()].sort((a, b) => `${a.codeDirectory}|${a.className ?? ''}`.localeCompare(`${b.codeDirectory}|${b.className ?? ''}`));
}

function kindOfBase(base: string): HandlerKind {
  if (base.endsWith('SingletonFunction')) return 'singleton-function';
  if (base.endsWith('CustomResourceProviderBase')) return 'custom-resource-provider';
  return 'function';
}

function walk(dir: string, enter: (dir: string) => boolean = () => true): string[] {
  const files: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (enter(full)) files.push(...walk(full, enter));
    } else {
      files.push(full);
    }
  }
  return files;
}

function rel(root: string, file: string): string {
  return path.relative(root, file).split(path.sep).join('/');
}

/** The text of the generated table for these rows. */
export function renderTable(rows: HandlerRow[], version: string): string {
  const lines = [
    '// Generated by scripts/generate-framework-handlers.ts from aws-cdk-lib ' + version + '. Do not edit by hand.',
    '',
    '/** One Lambda handler aws-cdk-lib ships: where its code lives, and the class that deploys it. */',
    'export interface CdkHandlerRow {',
    '  /** The handler\'s code directory, relative to aws-cdk-lib\'s root. */',
    '  readonly codeDirectory: string;',
    '  /** How aws-cdk-lib deploys it. */',
    '  readonly kind: \'singleton-function\' | \'function\' | \'custom-resource-provider\' | \'provider-framework\' | \'construct\' | \'code-directory\';',
    '  /** The module (relative to aws-cdk-lib\'s root, without `.js`) defining the class that deploys it. */',
    '  readonly module?: string;',
    '  /** That class. */',
    '  readonly className?: string;',
    '}',
    '',
    '/** Every handler of aws-cdk-lib ' + version + ', by code directory. */',
    'export const CDK_HANDLERS: CdkHandlerRow[] = [',
    ...rows.map((r) => `  { ${[
      `codeDirectory: '${r.codeDirectory}'`,
      `kind: '${r.kind}'`,
      ...(r.module ? [`module: '${r.module}'`] : []),
      ...(r.className ? [`className: '${r.className}'`] : []),
    ].join(', ')} },`),
    '];',
    '',
  ];
  return lines.join('\n');
}

function main(argv: string[]): number {
  const root = cdkRoot();
  const version = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf-8')).version;
  const expected = renderTable(enumerateHandlers(root), version);
  if (argv.includes('--check')) {
    const actual = fs.existsSync(GENERATED_PATH) ? fs.readFileSync(GENERATED_PATH, 'utf-8') : '';
    if (actual === expected) return 0;
    console.error('src/engine/private/cdk-handlers.generated.ts is stale: run `npx ts-node --transpile-only scripts/generate-framework-handlers.ts`.');
    return 1;
  }
  fs.writeFileSync(GENERATED_PATH, expected);
  console.log(`Wrote ${path.relative(process.cwd(), GENERATED_PATH)}.`);
  return 0;
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
