/* eslint-disable no-console */
/**
 * SecureFunction vs plain lambda.Function: CloudFormation resources, template bytes and synth CPU per function,
 * for N = 100 and 500, measured in the same run (warm-up first, builtinCloudFormationValidation off). Each figure is
 * the median of 5 runs, plain and secure interleaved, so a busy machine affects both alike.
 *
 *   npx ts-node --transpile-only bench/secure-function.bench.ts
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, Stack, aws_lambda as lambda } from 'aws-cdk-lib';
import { SecureFunction } from '../src/constructs';

type Kind = 'plain' | 'secure';
const code = lambda.Code.fromInline('exports.handler = async () => 1;');
const FUNCTIONS_PER_STACK = 50; // keeps every stack under the 500-resource limit

function run(kind: Kind, n: number) {
  const start = process.cpuUsage();
  const app = new App({ builtinCloudFormationValidation: false } as any);
  let stack!: Stack;
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

/** The run with the median CPU of `rounds` runs, interleaved with the other kind so both see the same machine load. */
function median(runs: Array<ReturnType<typeof run>>) {
  return [...runs].sort((a, b) => a.cpuMsPerFunction - b.cpuMsPerFunction)[Math.floor(runs.length / 2)];
}
const ROUNDS = 5;

run('plain', 20); run('secure', 20); // warm-up: module loading and JIT
const results = [] as ReturnType<typeof run>[];
for (const n of [100, 500]) {
  const plainRuns = [] as ReturnType<typeof run>[];
  const secureRuns = [] as ReturnType<typeof run>[];
  for (let round = 0; round < ROUNDS; round++) {
    plainRuns.push(run('plain', n));
    secureRuns.push(run('secure', n));
  }
  const plain = median(plainRuns);
  const secure = median(secureRuns);
  results.push(plain, secure);
  console.log(`N=${n}`);
  console.table([plain, secure]);
  console.log(`  secure/plain CPU per function: ${(secure.cpuMsPerFunction / plain.cpuMsPerFunction).toFixed(2)}x`
    + `  (stack key counted once per ${FUNCTIONS_PER_STACK}-function stack)`);
}
const out = path.join(__dirname, 'results');
fs.mkdirSync(out, { recursive: true });
const file = path.join(out, 'secure-function.json');
fs.writeFileSync(file, JSON.stringify({ date: new Date().toISOString(), node: process.version, results }, null, 2));
console.log(`written ${file}`);
