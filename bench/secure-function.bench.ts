/* eslint-disable no-console */
/**
 * SecureFunction vs plain lambda.Function: CloudFormation resources, template bytes and synth CPU per function, for
 * N = 100 and 500, builtinCloudFormationValidation off.
 *
 *   npx projen compile && npx ts-node --transpile-only bench/secure-function.bench.ts   (or: npx projen bench)
 *
 * Each sample is a fresh Node.js process, as every `cdk synth` is: it loads the modules (not timed), then builds the
 * app and synthesizes it (timed: user + system CPU). Measuring in one long-lived process instead lets the heap and
 * garbage of earlier runs decide when the next run pays a major garbage collection, which moved the secure figure by
 * +-30% between identical runs. Each figure is the median of 5 samples, plain and secure interleaved, so a busy
 * machine affects both alike. The library is loaded from `lib/` (the compiled JavaScript users install), under
 * ts-node's source-map support, like a TypeScript CDK app.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

type Kind = 'plain' | 'secure';
const FUNCTIONS_PER_STACK = 50; // keeps every stack under the 500-resource limit
const ROUNDS = 5;
const SIZES = [100, 500];

interface Sample { kind: Kind; n: number; resourcesPerFunction: number; templateBytesPerFunction: number; cpuMsPerFunction: number }

/** In the child process: build and synthesize one app, print one sample as JSON. */
function sample(kind: Kind, n: number): Sample {
  /* eslint-disable @typescript-eslint/no-require-imports -- loaded before the timer, as `cdk synth` loads the app */
  const { App, Stack, aws_lambda: lambda } = require('aws-cdk-lib') as typeof import('aws-cdk-lib');
  const { SecureFunction } = require('../lib/constructs') as typeof import('../src/constructs');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const code = lambda.Code.fromInline('exports.handler = async () => 1;');
  const start = process.cpuUsage();
  const app = new App({ builtinCloudFormationValidation: false } as any);
  let stack!: InstanceType<typeof Stack>;
  for (let i = 0; i < n; i++) {
    if (i % FUNCTIONS_PER_STACK === 0) stack = new Stack(app, `S${i / FUNCTIONS_PER_STACK}`);
    const props = { runtime: lambda.Runtime.NODEJS_24_X, handler: 'index.handler', code };
    if (kind === 'plain') new lambda.Function(stack, `F${i}`, props);
    else new SecureFunction(stack, `F${i}`, props);
  }
  const assembly = app.synth();
  const cpu = process.cpuUsage(start);
  let resources = 0;
  let bytes = 0;
  for (const s of assembly.stacks) {
    resources += Object.keys(s.template.Resources ?? {}).length;
    bytes += Buffer.byteLength(JSON.stringify(s.template));
  }
  const cpuMs = (cpu.user + cpu.system) / 1000;
  return { kind, n, resourcesPerFunction: resources / n, templateBytesPerFunction: Math.round(bytes / n), cpuMsPerFunction: +(cpuMs / n).toFixed(2) };
}

/** In the parent: one sample in a fresh process running this file under ts-node. */
function spawnSample(kind: Kind, n: number): Sample {
  const out = execFileSync(process.execPath, ['-r', 'ts-node/register/transpile-only', __filename, 'sample', kind, String(n)], {
    encoding: 'utf8',
    env: { ...process.env, CDK_VALIDATION: 'false' },
  });
  return JSON.parse(out.trim().split('\n').pop()!);
}

function median(samples: Sample[]): Sample {
  return [...samples].sort((a, b) => a.cpuMsPerFunction - b.cpuMsPerFunction)[Math.floor(samples.length / 2)];
}

function main(): void {
  if (!fs.existsSync(path.join(__dirname, '..', 'lib', 'constructs', 'index.js'))) {
    throw new Error('lib/ is missing: run `npx projen compile` first (the bench measures the compiled library)');
  }
  const results: Sample[] = [];
  for (const n of SIZES) {
    const runs: Record<Kind, Sample[]> = { plain: [], secure: [] };
    for (let round = 0; round < ROUNDS; round++) {
      runs.plain.push(spawnSample('plain', n));
      runs.secure.push(spawnSample('secure', n));
    }
    const plain = median(runs.plain);
    const secure = median(runs.secure);
    results.push(plain, secure);
    console.log(`N=${n} (median of ${ROUNDS} fresh processes each)`);
    console.table([plain, secure]);
    console.log(`  secure/plain CPU per function: ${(secure.cpuMsPerFunction / plain.cpuMsPerFunction).toFixed(2)}x`
      + `  (stack key and failure queue counted once per ${FUNCTIONS_PER_STACK}-function stack)`);
  }
  const out = path.join(__dirname, 'results');
  fs.mkdirSync(out, { recursive: true });
  const file = path.join(out, 'secure-function.json');
  fs.writeFileSync(file, JSON.stringify({ date: new Date().toISOString(), node: process.version, method: 'fresh process per sample', results }, null, 2));
  console.log(`written ${file}`);
}

if (process.argv[2] === 'sample') {
  console.log(JSON.stringify(sample(process.argv[3] as Kind, Number(process.argv[4]))));
} else {
  main();
}
