/**
 * Synth CPU cost of the audit, against plain synthesis and cdk-nag, for apps of N functions each behind an API route.
 *
 *   npx ts-node --transpile-only bench/audit.bench.ts [--sizes 100,500,1000] [--repeat 1]
 *
 * For each N and variant it builds a fresh app (plain `lambda.Function`s, one `RestApi` method each, split across
 * stacks to stay under CloudFormation's 500-resource limit), synthesizes it with aws-cdk-lib's built-in template
 * validation off, and measures process CPU (user + system) from building the app to the end of `synth()`, after a
 * warm-up that loads every module. Variants:
 *   plain      no validation plugin
 *   no-op      plus a validation plugin that does nothing: what aws-cdk-lib itself costs once any plugin is
 *              registered (it hashes the assembly before and after, and builds a construct tree for its report);
 *              cdk-nag and our plugin both pay it
 *   pack       plus ServerlessSecurityChecks running BuiltInRules.all() (and writing its three reports)
 *   aspect     plain plus ServerlessSecurityAspect (same engine and reports, no validation plugin)
 *   cdk-nag    plus cdk-nag's AwsSolutionsChecks and ServerlessChecks
 * A least-squares line over N gives each variant's cost per function and fixed cost over plain. Results are
 * printed as a table and written to bench/results/.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, IPolicyValidationPlugin, Stack, Validations } from 'aws-cdk-lib';
import * as apigateway from 'aws-cdk-lib/aws-apigateway';
import * as lambda from 'aws-cdk-lib/aws-lambda';

// Module load cost is part of what is measured, so these modules are required here, inside the timer.
/* eslint-disable @typescript-eslint/no-require-imports */
const load = timed(() => ({
  ours: timed(() => require('../src/hosts/serverless-security-checks')),
  aspect: timed(() => require('../src/hosts/serverless-security-aspect')),
  nag: timed(() => require('cdk-nag')),
}));
/* eslint-enable @typescript-eslint/no-require-imports */

/** Functions per stack: each brings a function, a role, an API resource, a method and two permissions. */
const FUNCTIONS_PER_STACK = 60;

interface Variant {
  readonly name: string;
  /** Plugins to register; `ours` collects the CPU spent inside our plugin's validate(). */
  plugins(ours: { cpuMs: number; findings: number }): IPolicyValidationPlugin[];
  /** Applies the variant to the app in another way than a plugin (an Aspect). */
  apply?(app: App): void;
}

const VARIANTS: Variant[] = [
  { name: 'plain', plugins: () => [] },
  { name: 'no-op', plugins: () => [{ name: 'no-op', validate: () => ({ success: true, violations: [] }) }] },
  {
    name: 'pack',
    plugins: (ours) => {
      const plugin = new load.value.ours.value.ServerlessSecurityChecks();
      const validate = plugin.validate.bind(plugin);
      plugin.validate = (context: any) => {
        const { value, cpuMs } = timed(() => validate(context));
        ours.cpuMs += cpuMs;
        ours.findings += value.violations.reduce((n: number, v: any) => n + v.violatingResources.length, 0);
        return value;
      };
      return [plugin];
    },
  },
  {
    name: 'aspect',
    plugins: () => [],
    apply: (app) => { load.value.aspect.value.ServerlessSecurityAspect.applyTo(app); },
  },
  {
    name: 'cdk-nag',
    plugins: () => [new load.value.nag.value.AwsSolutionsChecks(), new load.value.nag.value.ServerlessChecks()],
  },
];

interface Sample { variant: string; functions: number; stacks: number; cpuMs: number; pluginCpuMs?: number; findings?: number }

function buildApp(functions: number, outdir: string): { app: App; stacks: number } {
  const app = new App({ outdir, builtinCloudFormationValidation: false } as any);
  const stackCount = Math.ceil(functions / FUNCTIONS_PER_STACK);
  for (let s = 0; s < stackCount; s++) {
    const stack = new Stack(app, `Service${s}`);
    const api = new apigateway.RestApi(stack, 'Api', { cloudWatchRole: false });
    const count = Math.min(FUNCTIONS_PER_STACK, functions - s * FUNCTIONS_PER_STACK);
    for (let i = 0; i < count; i++) {
      const fn = new lambda.Function(stack, `Fn${i}`, {
        runtime: lambda.Runtime.NODEJS_22_X,
        handler: 'index.handler',
        code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200 });'),
      });
      api.root.addResource(`r${i}`).addMethod('GET', new apigateway.LambdaIntegration(fn));
    }
  }
  return { app, stacks: stackCount };
}

function measure(variant: Variant, functions: number): Sample {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'audit-bench-'));
  const ours = { cpuMs: 0, findings: 0 };
  try {
    const { value: stacks, cpuMs } = timed(() => {
      const { app, stacks: count } = buildApp(functions, outdir);
      const plugins = variant.plugins(ours);
      if (plugins.length > 0) Validations.of(app).addPlugins(...plugins);
      variant.apply?.(app);
      try {
        app.synth();
      } catch (error) {
        // Plain functions violate rules: the plugins fail the synthesis after doing all their work, as in `cdk synth`.
        if (!/ValidationFailed|Validation failed/.test(String((error as Error).message) + (error as any).name)) throw error;
      } finally {
        process.exitCode = undefined;
      }
      return count;
    });
    return {
      variant: variant.name,
      functions,
      stacks,
      cpuMs,
      ...(variant.name === 'pack' ? { pluginCpuMs: ours.cpuMs, findings: ours.findings } : {}),
    };
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

function timed<T>(fn: () => T): { value: T; cpuMs: number } {
  const start = process.cpuUsage();
  const value = fn();
  const used = process.cpuUsage(start);
  return { value, cpuMs: (used.user + used.system) / 1000 };
}

function round(value: number, digits = 0): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** Least-squares line y = slope * x + intercept. */
function fit(points: Array<[number, number]>): { slope: number; intercept: number } {
  const n = points.length;
  const mx = points.reduce((s, [x]) => s + x, 0) / n;
  const my = points.reduce((s, [, y]) => s + y, 0) / n;
  const sxx = points.reduce((s, [x]) => s + (x - mx) ** 2, 0);
  const slope = sxx === 0 ? 0 : points.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0) / sxx;
  return { slope, intercept: my - slope * mx };
}

function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : fallback;
}

function main(): void {
  const sizes = option('sizes', '100,500,1000').split(',').map(Number);
  const repeat = Number(option('repeat', '1'));
  const silence = console.error;
  console.error = () => {}; // CDK prints every violation report; the bench measures, it does not read them.
  try {
    for (const variant of VARIANTS) measure(variant, 20); // warm-up: load and JIT every code path once
    const samples: Sample[] = [];
    for (const functions of sizes) {
      for (const variant of VARIANTS) {
        // Keep the best of `repeat` runs: the machine is shared, and noise only ever adds CPU.
        const runs = Array.from({ length: repeat }, () => measure(variant, functions));
        samples.push(runs.reduce((best, s) => (s.cpuMs < best.cpuMs ? s : best)));
        process.stdout.write(`  measured ${variant.name} N=${functions}\n`);
      }
    }
    report(samples, sizes);
  } finally {
    console.error = silence;
  }
}

function report(samples: Sample[], sizes: number[]): void {
  const cpu = (variant: string, n: number) => samples.find((s) => s.variant === variant && s.functions === n)!;
  const rows = sizes.map((n) => ({
    functions: n,
    stacks: cpu('plain', n).stacks,
    plainMs: round(cpu('plain', n).cpuMs),
    packMs: round(cpu('pack', n).cpuMs),
    packPluginMs: round(cpu('pack', n).pluginCpuMs!),
    packFindings: cpu('pack', n).findings,
    noopPluginMs: round(cpu('no-op', n).cpuMs),
    aspectMs: round(cpu('aspect', n).cpuMs),
    cdkNagMs: round(cpu('cdk-nag', n).cpuMs),
  }));
  const over = (variant: string, baseline = 'plain') => {
    const line = fit(sizes.map((n) => [n, cpu(variant, n).cpuMs - cpu(baseline, n).cpuMs]));
    return { msPerFunction: round(line.slope, 3), fixedMs: round(line.intercept) };
  };
  const pluginOnly = fit(sizes.map((n) => [n, cpu('pack', n).pluginCpuMs!]));
  const summary = {
    pack: over('pack'),
    packOverNoopPlugin: over('pack', 'no-op'),
    packPluginOnly: { msPerFunction: round(pluginOnly.slope, 3), fixedMs: round(pluginOnly.intercept) },
    aspect: over('aspect'),
    noopPlugin: over('no-op'),
    cdkNag: over('cdk-nag'),
    cdkNagOverNoopPlugin: over('cdk-nag', 'no-op'),
    moduleLoadMs: { ours: round(load.value.ours.cpuMs), cdkNag: round(load.value.nag.cpuMs) },
    target: { msPerFunction: 0.5, fixedMs: 500 },
  };

  console.log('\nSynth CPU (ms), built-in CloudFormation validation off');
  console.table(rows);
  console.log('Cost over plain synth (least-squares fit over N)');
  console.table({
    'aws-cdk-lib, any validation plugin (no-op)': summary.noopPlugin,
    'ServerlessSecurityChecks (plugin)': summary.pack,
    '  ours: over the no-op plugin': summary.packOverNoopPlugin,
    '  of which in validate()': summary.packPluginOnly,
    'ServerlessSecurityAspect': summary.aspect,
    'cdk-nag AwsSolutions + Serverless': summary.cdkNag,
    '  cdk-nag: over the no-op plugin': summary.cdkNagOverNoopPlugin,
  });
  console.log(`Module load CPU: ours ${summary.moduleLoadMs.ours} ms, cdk-nag ${summary.moduleLoadMs.cdkNag} ms`);
  console.log(`Target: <= ${summary.target.msPerFunction} ms/function and < ${summary.target.fixedMs} ms fixed over plain.`);

  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded after the timed module loads above
  const { BuiltInRules } = require('../src/rules/builtin-rules');
  const resultsDir = path.join(__dirname, 'results');
  fs.mkdirSync(resultsDir, { recursive: true });
  const file = path.join(resultsDir, `audit-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  fs.writeFileSync(file, JSON.stringify({
    date: new Date().toISOString(),
    node: process.version,
    cpus: os.cpus().length,
    rules: BuiltInRules.all().map((r: { id: string }) => r.id),
    functionsPerStack: FUNCTIONS_PER_STACK,
    rows,
    summary,
    samples,
  }, undefined, 2));
  console.log(`Results written to ${path.relative(process.cwd(), file)}`);
}

main();
