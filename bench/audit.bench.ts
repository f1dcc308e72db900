/**
 * What the serverless security audit costs at synth, against cdk-nag, for an app of N functions each behind a REST
 * API route (plain `lambda.Function`s and `RestApi` methods, split across stacks to stay under CloudFormation's
 * 500-resource limit, aws-cdk-lib's built-in template validation off, the library loaded from `lib/`).
 *
 *   npx projen compile && npx ts-node --transpile-only bench/audit.bench.ts [--functions 1000] [--rounds 7] [--warmup 1]
 *   npx ts-node --transpile-only bench/audit.bench.ts --fresh [--sizes 100,500,1000] [--repeat 3]
 *
 * The default mode prints the two ratios issue #19 asks for, both measured inside ONE Node.js process (a child),
 * because whole-process CPU of identical runs moves by 30% on a shared VM while two figures taken in the same
 * synthesis move together:
 *   ours / cdk-nag   CPU inside our `ServerlessSecurityChecks.validate()` (which writes its JSON, Markdown and SARIF
 *                    reports) over CPU inside cdk-nag's `AwsSolutionsChecks.validate()` + `ServerlessChecks.validate()`,
 *                    all three plugins registered on the same app and timed in the same synthesis; the order the
 *                    plugins are registered in (so run in) alternates between rounds
 *   Aspect / plugin  CPU of `ServerlessSecurityAspect`'s audit (the validations it adds to the stacks and the app during
 *                    synthesis: it renders, audits, reports and annotates there) over CPU of our plugin's validation
 *                    phase (its `validate()` and what aws-cdk-lib does with its report), each host alone in its own
 *                    synthesis of the same app, as an app uses one host, the two rounds side by side; also what
 *                    rendering every template once costs over the same phase: the floor of any audit that must
 *                    annotate before the templates are written
 * The kinds of round alternate (a fresh app each). No garbage collection is forced between them: a forced full
 * collection (`gc()` with `--expose-gc`, which this bench used until 2026-12-05) also throws away V8's optimized
 * code, so every round compiled everything again (about 600 functions, measured with `--trace-opt`), and the
 * compilation, done on background threads but counted in process CPU, landed in whichever plugin ran first on cold
 * code: ours, the larger, paid about 250 ms a round for it (its CPU was 1.6 times its wall time, and equal to it
 * with `--no-concurrent-recompilation`). No real process forces a collection: `cdk synth` compiles once, which the
 * first round of each kind shows (reported apart), and a long-lived process keeps its optimized code.
 * Each ratio is the median over the measured rounds (or pairs of rounds), with its spread (lowest and highest).
 *
 * `--fresh` measures the cost over plain synthesis and the module load, each sample in a fresh Node.js process, as
 * every `cdk synth` is: it loads the modules (timed separately: the fixed cost of using a pack), builds the app and
 * synthesizes it, measuring process CPU (user + system) from building the app to the end of `synth()`. Each figure
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
 * A least-squares line over N gives each variant's cost per function and fixed cost.
 *
 * Both modes print their results and write them to bench/results/.
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
/**
 * The bench app: `functions` plain functions, each behind its own GET route of a RestApi, FUNCTIONS_PER_STACK to a
 * stack (each stack one API). Returns the number of stacks.
 */
function addServices(app: import('aws-cdk-lib').App, functions: number): number {
  const { Stack } = require('aws-cdk-lib') as typeof import('aws-cdk-lib');
  const apigateway = require('aws-cdk-lib/aws-apigateway') as typeof import('aws-cdk-lib/aws-apigateway');
  const lambda = require('aws-cdk-lib/aws-lambda') as typeof import('aws-cdk-lib/aws-lambda');
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
  return stackCount;
}

/** In the child process: one sample. */
function sample(variant: VariantName, functions: number): Sample {
  const { App, Validations } = require('aws-cdk-lib') as typeof import('aws-cdk-lib');
  const { Construct } = require('constructs') as typeof import('constructs');
  require('aws-cdk-lib/aws-apigateway'); // loaded before the timer, as `cdk synth` loads the app's modules
  require('aws-cdk-lib/aws-lambda');
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
      const stackCount = addServices(app, functions);
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

/**
 * The kinds of round of the in-process comparison: our plugin with cdk-nag's two in one synthesis, and each of our
 * hosts alone in its own synthesis, as an app uses one of them (in one synthesis the second host would find the
 * engine's code warmed by the first over the same app: measured 2026-12-05, the plugin's validate() 0.38 s after the
 * Aspect against 0.45 s on its own).
 */
type RoundKind = 'peer' | 'aspect' | 'plugin';

/** One synthesis of the in-process comparison. */
interface Round {
  kind: RoundKind;
  /** True for the first round of its kind: the JIT warms up. */
  warmup: boolean;
  /** Peer rounds: whether our plugin was registered (so ran) before cdk-nag's. */
  oursFirst?: boolean;
  /** CPU inside our plugin's validate(). */
  oursMs: number;
  /** Peer rounds: CPU inside cdk-nag's two validate()s. */
  nagMs?: number;
  /** Aspect rounds: CPU of the Aspect's validations during synthesis. */
  aspectMs?: number;
  /**
   * Plugin rounds: CPU from aws-cdk-lib's call of our plugin to the end of `synth()`: its validate() and what
   * aws-cdk-lib does with its report (its construct tree, traces, report file), which no plugin avoids.
   */
  pluginPhaseMs?: number;
  /**
   * Aspect rounds: CPU of rendering every stack's template once more after the synthesis (`Stack._toCloudFormation()`,
   * what the Aspect does before aws-cdk-lib renders each template again to write it). The plugin reads the written
   * templates instead, so this is the part of the Aspect's cost that auditing before the write cannot avoid.
   */
  renderMs?: number;
}

/**
 * In the child process: alternating peer, Aspect and plugin rounds on fresh apps of `functions` functions (the Aspect
 * and plugin rounds swap places every other time), with no forced garbage collection (see the file's comment).
 */
function compareInProcess(functions: number, rounds: number, warmup: number): Round[] {
  const { App, Validations } = require('aws-cdk-lib') as typeof import('aws-cdk-lib');
  const ours = require('../lib') as typeof import('../src');
  const nag = require('cdk-nag') as typeof import('cdk-nag');
  console.error = () => {}; // CDK prints every violation report; the bench measures, it does not read them.
  const plan: Array<{ kind: RoundKind; warmup: boolean }> = [];
  const triple = (r: number, isWarmup: boolean) => [
    { kind: 'peer' as const, warmup: isWarmup },
    ...(r % 2 === 0 ? ['aspect', 'plugin'] as const : ['plugin', 'aspect'] as const).map((kind) => ({ kind, warmup: isWarmup })),
  ];
  for (let r = 0; r < warmup; r++) plan.push(...triple(r, true));
  for (let r = 0; r < rounds; r++) plan.push(...triple(r, false));
  const results: Round[] = [];
  let peerRounds = 0;
  for (const [index, step] of plan.entries()) {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'audit-bench-'));
    try {
      const app = new App({ outdir, builtinCloudFormationValidation: false } as any);
      addServices(app, functions);
      const timing = { ours: 0, nag: 0, aspect: 0, phaseStart: undefined as NodeJS.CpuUsage | undefined };
      const oursPlugin = timedValidate(new ours.ServerlessSecurityChecks(), (ms) => { timing.ours += ms; },
        () => { timing.phaseStart ??= process.cpuUsage(); });
      let oursFirst: boolean | undefined;
      if (step.kind === 'peer') {
        const nagPlugins = [new nag.AwsSolutionsChecks(), new nag.ServerlessChecks()].map((p) => timedValidate(p, (ms) => { timing.nag += ms; }));
        oursFirst = peerRounds++ % 2 === 0;
        Validations.of(app).addPlugins(...(oursFirst ? [oursPlugin, ...nagPlugins] : [...nagPlugins, oursPlugin]));
      } else if (step.kind === 'plugin') {
        Validations.of(app).addPlugins(oursPlugin);
      } else {
        ours.ServerlessSecurityAspect.applyTo(app);
        timeValidationsAddedLater([app, ...app.node.children], (ms) => { timing.aspect += ms; });
      }
      try {
        app.synth();
      } catch (error) {
        // Plain functions violate rules: the plugins fail the synthesis after doing all their work, as in `cdk synth`.
        if (!/ValidationFailed|Validation failed/.test(String((error as Error).message) + (error as any).name)) throw error;
      }
      const phaseMs = timing.phaseStart ? cpuMsSince(timing.phaseStart) : 0;
      const renderMs = step.kind === 'aspect' ? timed(() => renderEveryTemplate(app)).cpuMs : undefined;
      results.push({
        kind: step.kind,
        warmup: step.warmup,
        oursFirst,
        oursMs: timing.ours,
        ...(step.kind === 'peer' ? { nagMs: timing.nag } : {}),
        ...(step.kind === 'plugin' ? { pluginPhaseMs: phaseMs } : {}),
        ...(step.kind === 'aspect' ? { aspectMs: timing.aspect, renderMs } : {}),
      });
      process.stderr.write(`  round ${index + 1}/${plan.length} (${step.kind}${step.warmup ? ', warm-up' : ''}) done\n`);
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  }
  return results;
}

/**
 * Renders every stack's template as aws-cdk-lib does before writing it (the private `Stack._toCloudFormation()`, the
 * call the Aspect's audit makes through the library's one accessor), for the rendering floor of the Aspect host.
 */
function renderEveryTemplate(app: import('aws-cdk-lib').App): void {
  const { Stack } = require('aws-cdk-lib') as typeof import('aws-cdk-lib');
  for (const child of app.node.children) {
    if (Stack.isStack(child)) (child as unknown as { _toCloudFormation(): unknown })._toCloudFormation();
  }
}

/** Wraps a validation plugin's validate() to add its CPU to a total. */
function timedValidate<P extends TimedPlugin>(plugin: P, add: (ms: number) => void, starts?: () => void): P {
  const validate = plugin.validate.bind(plugin);
  plugin.validate = (context) => {
    starts?.();
    const { value, cpuMs } = timed(() => validate(context));
    add(cpuMs);
    return value;
  };
  return plugin;
}

/**
 * Times the validations added to these constructs from now on: during synthesis, only the Aspect adds any (one per
 * stack, where it audits, and one on the app, where it replaces an earlier run's reports).
 */
function timeValidationsAddedLater(constructs: import('constructs').IConstruct[], add: (ms: number) => void): void {
  for (const construct of constructs) {
    const node = construct.node;
    const addValidation = node.addValidation.bind(node);
    node.addValidation = (validation) => addValidation({
      validate: () => {
        const { value, cpuMs } = timed(() => validation.validate());
        add(cpuMs);
        return value;
      },
    });
  }
}
/* eslint-enable @typescript-eslint/no-require-imports */

/** Runs the in-process comparison in a child and prints the two ratios. */
function compare(): void {
  const functions = Number(option('functions', '1000'));
  const rounds = Number(option('rounds', '7'));
  const warmup = Number(option('warmup', '1'));
  process.stdout.write(`Audit validate() CPU at N=${functions}: ${warmup} warm-up and ${rounds} measured rounds of each kind, one process\n`);
  const out = execFileSync(process.execPath, ['-r', 'ts-node/register/transpile-only', __filename, 'compare-child',
    String(functions), String(rounds), String(warmup)], {
    encoding: 'utf8',
    env: { ...process.env, CDK_VALIDATION: 'false' },
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 * 1024 * 1024,
  });
  const rows: Round[] = JSON.parse(out.trim().split('\n').pop()!);
  const ratios = (kind: RoundKind, warm: boolean, of: (r: Round) => number) =>
    rows.filter((r) => r.kind === kind && r.warmup === warm).map(of);
  const peer = (r: Round) => r.oursMs / r.nagMs!;
  /** The Aspect round and the plugin round of each triple, side by side: the hosts' ratios are taken per pair. */
  const pairs = (warm: boolean) => {
    const aspects = rows.filter((r) => r.kind === 'aspect' && r.warmup === warm);
    const plugins = rows.filter((r) => r.kind === 'plugin' && r.warmup === warm);
    return aspects.map((aspect, i) => ({ aspect, plugin: plugins[i] })).filter((p) => p.plugin !== undefined);
  };
  const hosts = (warm: boolean, of: (aspect: Round, plugin: Round) => number) => spread(pairs(warm).map((p) => of(p.aspect, p.plugin)));
  const measured = {
    oursOverNag: spread(ratios('peer', false, peer)),
    aspectOverPlugin: hosts(false, (a, p) => a.aspectMs! / p.pluginPhaseMs!),
    aspectOverPluginValidate: hosts(false, (a, p) => a.aspectMs! / p.oursMs),
    oursMs: spread(ratios('peer', false, (r) => r.oursMs)),
    nagMs: spread(ratios('peer', false, (r) => r.nagMs!)),
    pluginMs: spread(ratios('plugin', false, (r) => r.oursMs)),
    pluginPhaseMs: spread(ratios('plugin', false, (r) => r.pluginPhaseMs!)),
    aspectMs: spread(ratios('aspect', false, (r) => r.aspectMs!)),
    renderMs: spread(ratios('aspect', false, (r) => r.renderMs!)),
    renderOverPlugin: hosts(false, (a, p) => a.renderMs! / p.pluginPhaseMs!),
    aspectBesidesRenderOverPlugin: hosts(false, (a, p) => (a.aspectMs! - a.renderMs!) / p.pluginPhaseMs!),
  };
  const first = {
    oursOverNag: spread(ratios('peer', true, peer)),
    aspectOverPlugin: hosts(true, (a, p) => a.aspectMs! / p.pluginPhaseMs!),
  };
  const show = (s: Spread | undefined, digits = 2) => (s ? `${round(s.median, digits)} (rounds ${round(s.min, digits)} to ${round(s.max, digits)})` : '-');
  const ms = (s: Spread | undefined) => (s ? `${round(s.median)} ms (${round(s.median / functions, 2)} ms per function)` : '-');
  console.log(`\n  ours / cdk-nag   ${show(measured.oursOverNag)}`);
  console.log(`      CPU inside validate(): ours ${ms(measured.oursMs)}, cdk-nag's AwsSolutions + Serverless ${ms(measured.nagMs)}`);
  console.log(`  Aspect / plugin  ${show(measured.aspectOverPlugin)}`);
  console.log(`      what each host adds to a synthesis of its own: the Aspect's audit ${ms(measured.aspectMs)}; the plugin's validation phase`
    + ` ${ms(measured.pluginPhaseMs)}, of which its validate() ${ms(measured.pluginMs)} and the rest aws-cdk-lib's handling of`
    + ` its report. The Aspect over the plugin's validate() alone: ${show(measured.aspectOverPluginValidate)}`);
  console.log(`      rendering every template once (after the synthesis, as the Aspect does before the write) ${ms(measured.renderMs)}:`
    + ` ${show(measured.renderOverPlugin)} times the plugin's phase on its own, a floor for an audit that must annotate before`
    + ` the templates are written; the Aspect's audit besides it: ${show(measured.aspectBesidesRenderOverPlugin)} times`);
  console.log('  ours / cdk-nag is taken within one synthesis, Aspect / plugin between the two hosts\' synthesis side by side; median'
    + ` over ${rounds} rounds. The first synthesis of the process (JIT cold):`
    + ` ours / cdk-nag ${show(first.oursOverNag)}, Aspect / plugin ${show(first.aspectOverPlugin)}`);
  console.log('  Targets (issue #19): ours / cdk-nag <= 1, Aspect / plugin <= 1.5');
  const resultsDir = path.join(__dirname, 'results');
  fs.mkdirSync(resultsDir, { recursive: true });
  const file = path.join(resultsDir, `audit-compare-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  fs.writeFileSync(file, JSON.stringify({
    date: new Date().toISOString(),
    node: process.version,
    cpus: os.cpus().length,
    method: `one process, no forced garbage collection, ${warmup} warm-up + ${rounds} measured rounds of each kind, kinds alternating`,
    functions,
    functionsPerStack: FUNCTIONS_PER_STACK,
    measured,
    firstSynthesis: first,
    rounds: rows,
  }, undefined, 2));
  console.log(`Results written to ${path.relative(process.cwd(), file)}`);
}

interface Spread { median: number; min: number; max: number }

function spread(values: number[]): Spread | undefined {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { median, min: sorted[0], max: sorted[sorted.length - 1] };
}

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
} else if (process.argv[2] === 'compare-child') {
  console.log(JSON.stringify(compareInProcess(Number(process.argv[3]), Number(process.argv[4]), Number(process.argv[5]))));
} else if (process.argv.includes('--fresh')) {
  main();
} else {
  compare();
}
