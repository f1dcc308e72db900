/**
 * Synth CPU cost of the audit, against plain synthesis and cdk-nag, for apps of N functions each behind an API route.
 *
 *   npx projen compile && npx ts-node --transpile-only bench/audit.bench.ts [--sizes 100,500,1000] [--repeat 3]
 *
 * Each sample is a fresh Node.js process, as every `cdk synth` is: it loads the modules (timed separately: the fixed
 * cost of using a pack), builds an app of N plain `lambda.Function`s with one `RestApi` method each (split across
 * stacks to stay under CloudFormation's 500-resource limit) and synthesizes it with aws-cdk-lib's built-in template
 * validation off, measuring process CPU (user + system) from building the app to the end of `synth()`. Each figure
 * is the median of `repeat` samples, variants interleaved so a busy machine affects all alike. Variants:
 *   plain       no validation plugin
 *   no-op       plus a validation plugin that does nothing: what aws-cdk-lib itself costs once any plugin is
 *               registered; cdk-nag and our plugin both pay it
 *   pack        plus ServerlessSecurityChecks (the default pack, writing its three reports)
 *   unreported  the same, but the plugin's violations are not handed to aws-cdk-lib: the difference to `pack` is what
 *               aws-cdk-lib spends turning each violation into its validation report (a construct trace per
 *               violating resource), which any plugin pays per violation
 *   aspect      plain plus ServerlessSecurityAspect (same engine and reports, no validation plugin)
 *   cdk-nag     plus cdk-nag's AwsSolutionsChecks and ServerlessChecks
 * Whole-process CPU varies by up to 30% between identical runs on a shared VM, so "over plain" obtained by subtracting
 * two whole-process figures is only an order of magnitude. Two direct measurements are taken as well:
 *   validation phase  CPU from the moment aws-cdk-lib calls the first validation plugin to the end of `synth()`: the
 *                     plugins' own work plus everything aws-cdk-lib does with their reports (its construct tree,
 *                     traces and report files). Plain synthesis has no such phase and registering a plugin changes
 *                     nothing before it, so this is the cost over plain, measured within one process
 *   validate()        CPU inside the plugins' own validate() (ours; cdk-nag's two)
 *   tree validation   CPU of aws-cdk-lib's validation walk over the construct tree, in every variant: the Aspect
 *                     host audits there (it renders each template itself), so the Aspect's figure over plain's is
 *                     its cost. What its annotations add when the assembly is written is not included
 * A least-squares line over N gives each variant's cost per function and fixed cost. The library is loaded from
 * `lib/` (the compiled JavaScript users install). Results are printed and written to bench/results/.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** Functions per stack: each brings a function, a role, an API resource, a method and two permissions. */
const FUNCTIONS_PER_STACK = 60;
const VARIANTS = ['plain', 'no-op', 'pack', 'unreported', 'aspect', 'cdk-nag'] as const;
type VariantName = typeof VARIANTS[number];

interface Sample {
  variant: VariantName;
  functions: number;
  stacks: number;
  cpuMs: number;
  /** CPU of loading the modules the variant needs (our library or cdk-nag), before the timer. */
  loadMs: number;
  /** CPU inside the plugins' validate() (pack, unreported and cdk-nag). */
  pluginCpuMs?: number;
  /** CPU from aws-cdk-lib's call of the first validation plugin to the end of synth() (every plugin variant). */
  validationPhaseMs?: number;
  /** CPU of aws-cdk-lib's validation walk over the construct tree, where the Aspect host audits (every variant). */
  treeValidationMs: number;
  /** Violating resources the plugins reported (pack, unreported and cdk-nag). */
  findings?: number;
}

/** What the bench needs of a validation plugin (ours and cdk-nag's declare their result types apart). */
interface TimedPlugin {
  validate(context: any): { success: boolean; violations: Array<{ violatingResources: unknown[] }> };
}

/* eslint-disable @typescript-eslint/no-require-imports -- the child loads modules itself, to time the load */
/** In the child process: one sample. */
function sample(variant: VariantName, functions: number): Sample {
  const { App, Stack, Validations } = require('aws-cdk-lib') as typeof import('aws-cdk-lib');
  const { Construct } = require('constructs') as typeof import('constructs');
  const apigateway = require('aws-cdk-lib/aws-apigateway') as typeof import('aws-cdk-lib/aws-apigateway');
  const lambda = require('aws-cdk-lib/aws-lambda') as typeof import('aws-cdk-lib/aws-lambda');
  const load = timed(() => {
    if (variant === 'cdk-nag') return { nag: require('cdk-nag') as typeof import('cdk-nag') };
    if (variant === 'pack' || variant === 'unreported' || variant === 'aspect') return { ours: require('../lib') as typeof import('../src') };
    return {};
  });
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'audit-bench-'));
  const plugins = { cpuMs: 0, findings: 0, phaseStart: undefined as NodeJS.CpuUsage | undefined };
  /** Called first thing in every plugin's validate(): the validation phase starts with the first plugin called. */
  const phaseStarts = () => { plugins.phaseStart ??= process.cpuUsage(); };
  const treeValidation = { start: undefined as NodeJS.CpuUsage | undefined, cpuMs: 0 };
  console.error = () => {}; // CDK prints every violation report; the bench measures, it does not read them.
  try {
    const { value: { stackCount: stacks, validationPhaseMs }, cpuMs } = timed(() => {
      const app = new App({ outdir, builtinCloudFormationValidation: false } as any);
      // aws-cdk-lib validates the tree in pre-order: the app's own validation runs first, and that of the app's last
      // child last. The Aspect host audits in between, in its stacks' validations.
      app.node.addValidation({ validate: () => { treeValidation.start = process.cpuUsage(); return []; } });
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
      new Construct(app, 'BenchTreeValidationEnd').node.addValidation({
        validate: () => { treeValidation.cpuMs = cpuMsSince(treeValidation.start!); return []; },
      });
      if (variant === 'no-op') {
        Validations.of(app).addPlugins({ name: 'no-op', validate: () => { phaseStarts(); return { success: true, violations: [] }; } });
      }
      /** Times the plugin's own `validate()`: steadier than the whole process, whose CPU moves with the VM. */
      const timedPlugin = <P extends TimedPlugin>(plugin: P, reported: boolean): P => {
        const validate = plugin.validate.bind(plugin);
        plugin.validate = (context) => {
          phaseStarts();
          const { value, cpuMs: pluginMs } = timed(() => validate(context));
          plugins.cpuMs += pluginMs;
          plugins.findings += value.violations.reduce((n, v) => n + v.violatingResources.length, 0);
          return reported ? value : { ...value, success: true, violations: [] };
        };
        return plugin;
      };
      if (variant === 'pack' || variant === 'unreported') {
        Validations.of(app).addPlugins(timedPlugin(new load.value.ours!.ServerlessSecurityChecks(), variant === 'pack'));
      }
      if (variant === 'aspect') load.value.ours!.ServerlessSecurityAspect.applyTo(app);
      if (variant === 'cdk-nag') {
        Validations.of(app).addPlugins(timedPlugin(new load.value.nag!.AwsSolutionsChecks(), true),
          timedPlugin(new load.value.nag!.ServerlessChecks(), true));
      }
      try {
        app.synth();
      } catch (error) {
        // Plain functions violate rules: the plugins fail the synthesis after doing all their work, as in `cdk synth`.
        if (!/ValidationFailed|Validation failed/.test(String((error as Error).message) + (error as any).name)) throw error;
      }
      return { stackCount, validationPhaseMs: plugins.phaseStart ? cpuMsSince(plugins.phaseStart) : undefined };
    });
    return {
      variant,
      functions,
      stacks,
      cpuMs,
      loadMs: load.cpuMs,
      ...(variant === 'pack' || variant === 'unreported' || variant === 'cdk-nag' ? { pluginCpuMs: plugins.cpuMs, findings: plugins.findings } : {}),
      ...(validationPhaseMs !== undefined ? { validationPhaseMs } : {}),
      treeValidationMs: treeValidation.cpuMs,
    };
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}
/* eslint-enable @typescript-eslint/no-require-imports */

function spawnSample(variant: VariantName, functions: number): Sample {
  const out = execFileSync(process.execPath, ['-r', 'ts-node/register/transpile-only', __filename, 'sample', variant, String(functions)], {
    encoding: 'utf8',
    env: { ...process.env, CDK_VALIDATION: 'false' },
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(out.trim().split('\n').pop()!);
}

function timed<T>(fn: () => T): { value: T; cpuMs: number } {
  const start = process.cpuUsage();
  const value = fn();
  return { value, cpuMs: cpuMsSince(start) };
}

/** Process CPU (user + system) since `start`, in milliseconds. */
function cpuMsSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

function round(value: number, digits = 0): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

function medianBy<T>(items: T[], key: (item: T) => number): T {
  return [...items].sort((a, b) => key(a) - key(b))[Math.floor(items.length / 2)];
}

/** One variant at one N: each measurement is its own median over the samples (they need not come from one sample). */
function medianSample(samples: Sample[]): Sample {
  const median = (key: 'cpuMs' | 'loadMs' | 'pluginCpuMs' | 'validationPhaseMs' | 'treeValidationMs') =>
    samples[0][key] === undefined ? undefined : medianBy(samples, (s) => s[key]!)[key];
  return {
    ...samples[0],
    cpuMs: median('cpuMs')!,
    loadMs: median('loadMs')!,
    pluginCpuMs: median('pluginCpuMs'),
    validationPhaseMs: median('validationPhaseMs'),
    treeValidationMs: median('treeValidationMs')!,
  };
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
  if (!fs.existsSync(path.join(__dirname, '..', 'lib', 'index.js'))) {
    throw new Error('lib/ is missing: run `npx projen compile` first (the bench measures the compiled library)');
  }
  const sizes = option('sizes', '100,500,1000').split(',').map(Number);
  const repeat = Number(option('repeat', '3'));
  const samples: Sample[] = [];
  for (const functions of sizes) {
    const runs = new Map<VariantName, Sample[]>(VARIANTS.map((v) => [v, []]));
    for (let r = 0; r < repeat; r++) {
      for (const variant of VARIANTS) runs.get(variant)!.push(spawnSample(variant, functions));
    }
    for (const variant of VARIANTS) samples.push(medianSample(runs.get(variant)!));
    process.stdout.write(`  measured N=${functions} (${repeat} fresh processes per variant)\n`);
  }
  report(samples, sizes, repeat);
}

function report(samples: Sample[], sizes: number[], repeat: number): void {
  const cpu = (variant: VariantName, n: number) => samples.find((s) => s.variant === variant && s.functions === n)!;
  const rows = sizes.map((n) => ({
    functions: n,
    stacks: cpu('plain', n).stacks,
    plainMs: round(cpu('plain', n).cpuMs),
    noopPluginMs: round(cpu('no-op', n).cpuMs),
    noopPhaseMs: round(cpu('no-op', n).validationPhaseMs!),
    packMs: round(cpu('pack', n).cpuMs),
    packPhaseMs: round(cpu('pack', n).validationPhaseMs!),
    packPluginMs: round(cpu('pack', n).pluginCpuMs!),
    packViolations: cpu('pack', n).findings,
    unreportedMs: round(cpu('unreported', n).cpuMs),
    unreportedPhaseMs: round(cpu('unreported', n).validationPhaseMs!),
    aspectMs: round(cpu('aspect', n).cpuMs),
    plainTreeValidationMs: round(cpu('plain', n).treeValidationMs),
    aspectTreeValidationMs: round(cpu('aspect', n).treeValidationMs),
    cdkNagMs: round(cpu('cdk-nag', n).cpuMs),
    cdkNagPhaseMs: round(cpu('cdk-nag', n).validationPhaseMs!),
    cdkNagPluginMs: round(cpu('cdk-nag', n).pluginCpuMs!),
    cdkNagViolations: cpu('cdk-nag', n).findings,
  }));
  const line = (points: Array<[number, number]>) => {
    const { slope, intercept } = fit(points);
    return { msPerFunction: round(slope, 3), fixedMs: round(intercept) };
  };
  /** Whole-process CPU of a variant minus that of another: noisy, see the header. */
  const over = (variant: VariantName, baseline: VariantName = 'plain') =>
    line(sizes.map((n) => [n, cpu(variant, n).cpuMs - cpu(baseline, n).cpuMs]));
  const measured = (variant: VariantName, key: 'validationPhaseMs' | 'pluginCpuMs') =>
    line(sizes.map((n) => [n, cpu(variant, n)[key]!]));
  const loadMs = (variant: VariantName) => round(medianBy(samples.filter((s) => s.variant === variant), (s) => s.loadMs).loadMs);
  const summary = {
    validationPhase: {
      noopPlugin: measured('no-op', 'validationPhaseMs'),
      pack: measured('pack', 'validationPhaseMs'),
      packUnreported: measured('unreported', 'validationPhaseMs'),
      cdkNag: measured('cdk-nag', 'validationPhaseMs'),
    },
    /** The Aspect audits during aws-cdk-lib's tree validation: that walk's CPU over plain's, measured directly. */
    aspectTreeValidation: line(sizes.map((n) => [n, cpu('aspect', n).treeValidationMs - cpu('plain', n).treeValidationMs])),
    validate: {
      pack: measured('pack', 'pluginCpuMs'),
      cdkNag: measured('cdk-nag', 'pluginCpuMs'),
    },
    wholeProcess: {
      noopPlugin: over('no-op'),
      pack: over('pack'),
      packUnreported: over('unreported'),
      aspect: over('aspect'),
      cdkNag: over('cdk-nag'),
    },
    moduleLoadMs: { ours: loadMs('pack'), cdkNag: loadMs('cdk-nag') },
    target: { msPerFunction: 0.5, fixedMs: 500 },
  };
  const direct = summary.validationPhase;
  const whole = summary.wholeProcess;
  type Line = { msPerFunction: number; fixedMs: number };
  const both = (phase: Line | undefined, wholeProcess: Line | undefined) => ({
    'phase ms/fn': phase?.msPerFunction ?? '-',
    'phase fixed ms': phase?.fixedMs ?? '-',
    'whole ms/fn': wholeProcess?.msPerFunction ?? '-',
    'whole fixed ms': wholeProcess?.fixedMs ?? '-',
  });

  console.log(`\nSynth CPU (ms), built-in CloudFormation validation off, median of ${repeat} fresh processes`);
  console.table(rows);
  console.log('Cost over plain synth (least-squares fit over N): the validation phase measured directly (steady), and');
  console.log('whole-process CPU minus plain (noisy on a shared VM). Module load is not included in either');
  console.table({
    'aws-cdk-lib, any validation plugin (no-op)': both(direct.noopPlugin, whole.noopPlugin),
    'ServerlessSecurityChecks (plugin)': both(direct.pack, whole.pack),
    '  violations not handed to aws-cdk-lib': both(direct.packUnreported, whole.packUnreported),
    '  of which in our validate()': both(summary.validate.pack, undefined),
    'ServerlessSecurityAspect (phase: tree validation)': both(summary.aspectTreeValidation, whole.aspect),
    'cdk-nag AwsSolutions + Serverless': both(direct.cdkNag, whole.cdkNag),
    '  of which in their validate()': both(summary.validate.cdkNag, undefined),
  });
  console.log(`Module load CPU: ours ${summary.moduleLoadMs.ours} ms, cdk-nag ${summary.moduleLoadMs.cdkNag} ms`);
  console.log(`Target: <= ${summary.target.msPerFunction} ms/function and < ${summary.target.fixedMs} ms fixed over plain.`);

  const resultsDir = path.join(__dirname, 'results');
  fs.mkdirSync(resultsDir, { recursive: true });
  const file = path.join(resultsDir, `audit-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  fs.writeFileSync(file, JSON.stringify({
    date: new Date().toISOString(),
    node: process.version,
    cpus: os.cpus().length,
    method: `fresh process per sample, median of ${repeat}`,
    functionsPerStack: FUNCTIONS_PER_STACK,
    rows,
    summary,
    samples,
  }, undefined, 2));
  console.log(`Results written to ${path.relative(process.cwd(), file)}`);
}

if (process.argv[2] === 'sample') {
  console.log(JSON.stringify(sample(process.argv[3] as VariantName, Number(process.argv[4]))));
} else {
  main();
}
