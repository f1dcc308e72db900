// Compares the reference app (bin/reference-app.ts, cdk-secure-serverless) with the same service in plain aws-cdk-lib
// (bin/reference-plain-app.ts): code lines, CloudFormation resources, and the findings of our audit and of cdk-nag's
// AwsSolutionsChecks and ServerlessChecks, every number computed here from the two files and their synthesized
// stacks. Writes the result into the root README between the reference-comparison markers.
//
// Usage (in examples/, with the library installed from the packed tarball, as scripts/synth-examples.sh does):
//   npx ts-node --transpile-only scripts/compare.ts           rewrite the README section
//   npx ts-node --transpile-only scripts/compare.ts --check   exit 1 if the README section is stale
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, PolicyValidationPluginReport, Stack } from 'aws-cdk-lib';
import { AwsSolutionsChecks, NagPack, ServerlessChecks } from 'cdk-nag';
import { Finding, ServerlessSecurityChecks, Severity } from 'cdk-secure-serverless';
import { buildReferenceApp } from '../bin/reference-app';
import { buildPlainReferenceApp } from '../bin/reference-plain-app';

const EXAMPLES = path.resolve(__dirname, '..');
const README = path.resolve(EXAMPLES, '..', 'README.md');
const START = '<!-- reference-comparison:start -->';
const END = '<!-- reference-comparison:end -->';

interface RuleCount { open: number; acknowledged: number }
interface Measured {
  readonly label: string;
  readonly file: string;
  readonly source: string;
  readonly codeLines: number;
  readonly resources: number;
  readonly auditErrors: number;
  readonly auditWarnings: number;
  readonly auditAcknowledged: number;
  readonly awsSolutions: number;
  readonly serverless: number;
  readonly nagAcknowledged: number;
  /** Per rule id (ours and cdk-nag's): unacknowledged and acknowledged findings. */
  readonly byRule: Map<string, RuleCount>;
}

/** Lines that are neither blank nor only a comment (`//` lines and `/* ... *\/` blocks). */
export function countCodeLines(source: string): number {
  let inBlock = false;
  let count = 0;
  for (const raw of source.split('\n')) {
    let line = raw.trim();
    if (inBlock) {
      const end = line.indexOf('*/');
      if (end < 0) continue;
      inBlock = false;
      line = line.slice(end + 2).trim();
    }
    while (line.startsWith('/*')) {
      const end = line.indexOf('*/', 2);
      if (end < 0) { inBlock = true; line = ''; break; }
      line = line.slice(end + 2).trim();
    }
    if (line === '' || line.startsWith('//')) continue;
    count++;
  }
  return count;
}

function countRule(byRule: Map<string, RuleCount>, rule: string, acknowledged: boolean, n = 1): void {
  const entry = byRule.get(rule) ?? { open: 0, acknowledged: 0 };
  if (acknowledged) entry.acknowledged += n; else entry.open += n;
  byRule.set(rule, entry);
}

function violationsByRule(report: PolicyValidationPluginReport): Map<string, number> {
  const counts = new Map<string, number>();
  for (const violation of report.violations) {
    // Granular findings (`AwsSolutions-IAM5[Resource::*]`) count under their rule.
    const rule = violation.ruleName.replace(/\[.*$/, '');
    counts.set(rule, (counts.get(rule) ?? 0) + violation.violatingResources.length);
  }
  return counts;
}

/** Unacknowledged violations of a cdk-nag pack, and how many more it finds when acknowledgements are ignored. */
function runNag(makePack: () => NagPack, stack: Stack, byRule: Map<string, RuleCount>): RuleCount {
  const open = violationsByRule(makePack().validateScope(stack));
  // cdk-nag reports only unacknowledged violations; the same pack with its (private) acknowledgement check turned
  // off gives every violation, so the difference is what was acknowledged.
  const everything = makePack();
  Object.assign(everything, { isAcknowledged: () => false });
  const all = violationsByRule(everything.validateScope(stack));
  let openTotal = 0;
  let acknowledgedTotal = 0;
  for (const [rule, total] of all) {
    const unacknowledged = open.get(rule) ?? 0;
    openTotal += unacknowledged;
    acknowledgedTotal += total - unacknowledged;
    if (unacknowledged > 0) countRule(byRule, rule, false, unacknowledged);
    if (total > unacknowledged) countRule(byRule, rule, true, total - unacknowledged);
  }
  return { open: openTotal, acknowledged: acknowledgedTotal };
}

function measure(label: string, file: string, build: (app: App) => Stack, context: Record<string, unknown>): Measured {
  const source = fs.readFileSync(path.join(EXAMPLES, file), 'utf8');
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'reference-compare-'));
  try {
    // The same context the cdk CLI passes (cdk.json), no validation plugins: the checks below run directly.
    const app = new App({ outdir, context, autoSynth: false });
    const stack = build(app);
    const template = app.synth().getStackByName(stack.stackName).template;
    const resources = Object.keys(template.Resources ?? {}).length;

    const byRule = new Map<string, RuleCount>();
    const findings: Finding[] = new ServerlessSecurityChecks().audit(stack);
    for (const finding of findings) countRule(byRule, finding.ruleId, finding.acknowledged);
    const open = findings.filter((f) => !f.acknowledged);
    const awsSolutions = runNag(() => new AwsSolutionsChecks(), stack, byRule);
    const serverless = runNag(() => new ServerlessChecks(), stack, byRule);
    return {
      label,
      file,
      source,
      codeLines: countCodeLines(source),
      resources,
      auditErrors: open.filter((f) => f.severity === Severity.ERROR).length,
      auditWarnings: open.filter((f) => f.severity === Severity.WARNING).length,
      auditAcknowledged: findings.length - open.length,
      awsSolutions: awsSolutions.open,
      serverless: serverless.open,
      nagAcknowledged: awsSolutions.acknowledged + serverless.acknowledged,
      byRule,
    };
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

function cell(count: RuleCount | undefined): string {
  if (!count) return '0';
  return count.acknowledged > 0 ? `${count.open} (+${count.acknowledged} acknowledged)` : String(count.open);
}

function render(hardened: Measured, plain: Measured): string {
  const link = (m: Measured) => `[\`${path.basename(m.file)}\`](examples/${m.file})`;
  const row = (what: string, f: (m: Measured) => string | number) => `| ${what} | ${f(hardened)} | ${f(plain)} |`;
  const rules = [...new Set([...hardened.byRule.keys(), ...plain.byRule.keys()])].sort((a, b) => {
    const group = (r: string) => (r.startsWith('SLS-') ? 0 : r.startsWith('AwsSolutions-') ? 1 : 2);
    return group(a) - group(b) || a.localeCompare(b);
  });
  const sourceBlock = (m: Measured) => [
    `<details><summary><code>examples/${m.file}</code> (${m.codeLines} code lines)</summary>`,
    '',
    '```tsx',
    m.source.trimEnd(),
    '```',
    '',
    '</details>',
  ];
  return [
    START,
    '<!-- Generated by examples/scripts/compare.ts from the two apps and their synthesized stacks: do not edit. -->',
    '',
    `| | ${link(hardened)} (${hardened.label}) | ${link(plain)} (${plain.label}) |`,
    '|---|---:|---:|',
    row('Code lines (non-blank, non-comment)', (m) => m.codeLines),
    row('CloudFormation resources', (m) => m.resources),
    row('Our audit: unacknowledged errors / warnings', (m) => `${m.auditErrors} / ${m.auditWarnings}`),
    row('cdk-nag `AwsSolutionsChecks`: unacknowledged findings', (m) => m.awsSolutions),
    row('cdk-nag `ServerlessChecks`: unacknowledged findings', (m) => m.serverless),
    row('Acknowledged with a written reason: our audit / cdk-nag',
      (m) => `${m.auditAcknowledged} / ${m.nagAcknowledged}`),
    '',
    '<details><summary>Findings by rule</summary>',
    '',
    `| Rule | ${path.basename(hardened.file)} | ${path.basename(plain.file)} |`,
    '|---|---:|---:|',
    ...rules.map((rule) => `| \`${rule}\` | ${cell(hardened.byRule.get(rule))} | ${cell(plain.byRule.get(rule))} |`),
    '',
    '</details>',
    '',
    ...sourceBlock(hardened),
    '',
    ...sourceBlock(plain),
    END,
  ].join('\n');
}

function main(): void {
  const check = process.argv.includes('--check');
  // The apps load their handlers from `handlers/`, relative to examples/ as under the cdk CLI.
  process.chdir(EXAMPLES);
  const context = JSON.parse(fs.readFileSync(path.join(EXAMPLES, 'cdk.json'), 'utf8')).context ?? {};
  const hardened = measure('cdk-secure-serverless', 'bin/reference-app.ts', buildReferenceApp, context);
  const plain = measure('plain aws-cdk-lib', 'bin/reference-plain-app.ts', buildPlainReferenceApp, context);
  const section = render(hardened, plain);
  console.log(section.split('\n').slice(3, 11).join('\n'));

  const readme = fs.readFileSync(README, 'utf8');
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) {
    console.error(`compare: ${README} has no ${START} ... ${END} section; add the markers where the comparison goes`);
    process.exit(1);
  }
  const current = readme.slice(start, end + END.length);
  if (current === section) {
    console.log('compare: the README comparison is current');
    return;
  }
  if (check) {
    console.error('compare: the README comparison is stale (the apps or the library changed): run '
      + '`npx ts-node --transpile-only scripts/compare.ts` in examples/ and commit README.md');
    process.exit(1);
  }
  fs.writeFileSync(README, readme.slice(0, start) + section + readme.slice(end + END.length));
  console.log(`compare: wrote the comparison into ${README}`);
}

if (require.main === module) main();
