import * as fs from 'fs';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { AuditAcknowledgements } from '../../src/acknowledgements/audit-acknowledgements';
import { SecureServerless } from '../../src/adoption/secure-serverless';
import { AuditBaseline } from '../../src/baseline/audit-baseline';
import { AuditDate } from '../../src/core/audit-date';
import { Severity } from '../../src/core/rule';
import { functionTracingRule, NO_RULES, queueKeyRule, tempDir } from '../reporting/reporting-test-helpers';

const QUIET = { consoleSummary: false };
const testRules = { pack: NO_RULES, additionalRules: [queueKeyRule(), functionTracingRule()], ...QUIET };

function appIn(outdir: string, context?: { [key: string]: any }): App {
  return new App({ outdir, builtinCloudFormationValidation: false, context } as any);
}

/** Synthesizes an app expected to fail validation; returns the error. CDK's exit code is reset for the test run. */
function synthFailure(app: App): string {
  const spy = jest.spyOn(console, 'error').mockImplementation(() => {});
  try {
    app.synth();
  } catch (error) {
    return (error as Error).message;
  } finally {
    spy.mockRestore();
    process.exitCode = undefined;
  }
  throw new Error('expected the synthesis to fail');
}

function synthSuccess(app: App): void {
  const spy = jest.spyOn(console, 'error').mockImplementation(() => {});
  try {
    app.synth();
  } finally {
    spy.mockRestore();
    process.exitCode = undefined;
  }
}

function plainFunction(stack: Stack, id: string): lambda.Function {
  return new lambda.Function(stack, id, { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('x') });
}

describe('SecureServerless.audit', () => {
  test('one line: the synthesis fails on an error and writes the three reports into the cloud assembly', () => {
    const outdir = tempDir('assembly');
    const app = appIn(outdir);
    const stack = new Stack(app, 'Stack');
    new sqs.Queue(stack, 'Queue');
    SecureServerless.audit(app, testRules);

    expect(synthFailure(app)).toMatch(/\nStack\/Queue \([^)]*\)\n {2}ERROR TEST-QUEUE-KEY: /);
    for (const name of ['security-audit.json', 'security-audit.md', 'security-audit.sarif']) {
      expect(fs.existsSync(path.join(outdir, name))).toBe(true);
    }
    const sarif = JSON.parse(fs.readFileSync(path.join(outdir, 'security-audit.sarif'), 'utf-8'));
    expect(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri)
      .toBe(path.relative(process.cwd(), __filename).split(path.sep).join('/'));
    expect(sarif.runs[0].results[0].relatedLocations[0].physicalLocation.artifactLocation.uri).toMatch(/Stack\.template\.json$/);
  });

  test('warnings pass by default and fail with failOn WARNING', () => {
    const make = (failOn?: Severity) => {
      const app = appIn(tempDir('assembly'));
      plainFunction(new Stack(app, 'Stack'), 'Fn');
      SecureServerless.audit(app, { ...testRules, failOn });
      return app;
    };
    expect(() => synthSuccess(make())).not.toThrow();
    expect(synthFailure(make(Severity.WARNING))).toMatch(/TEST-FN-TRACING/);
  });

  test('an expired acknowledgement fails the synthesis and names the acknowledgement', () => {
    const app = appIn(tempDir('assembly'), { [AuditDate.TODAY_CONTEXT]: '2026-06-15' });
    const queue = new sqs.Queue(new Stack(app, 'Stack'), 'Queue');
    AuditAcknowledgements.of(queue).add({ id: 'TEST-QUEUE-KEY', reason: 'Queue holds public data only', expires: '2026-06-01', ticket: 'SEC-123' });
    SecureServerless.audit(app, testRules);
    expect(synthFailure(app)).toMatch(/acknowledgement TEST-QUEUE-KEY on Stack\/Queue expired on 2026-06-01 \(ticket SEC-123\)/);
  });

  test('an acknowledgement in force passes, and a stale one is reported', () => {
    const outdir = tempDir('assembly');
    const app = appIn(outdir, { [AuditDate.TODAY_CONTEXT]: '2026-06-15' });
    const stack = new Stack(app, 'Stack');
    const queue = new sqs.Queue(stack, 'Queue');
    AuditAcknowledgements.of(queue).add({ id: 'TEST-QUEUE-KEY', reason: 'Queue holds public data only', expires: '2026-06-15' });
    AuditAcknowledgements.of(stack).add({ id: 'TEST-FN-TRACING', reason: 'No function here traces yet', ticket: 'OPS-1' });
    SecureServerless.audit(app, testRules);
    synthSuccess(app);

    const markdown = fs.readFileSync(path.join(outdir, 'security-audit.md'), 'utf-8');
    expect(markdown).toContain('| TEST-FN-TRACING | `Stack` | No function here traces yet | never | OPS-1 | **stale**: matches no finding, remove it | 0 |');
    expect(markdown).toContain('| TEST-QUEUE-KEY | `Stack/Queue` | Queue holds public data only | 2026-06-15 | - | active | 1 |');
    const json = JSON.parse(fs.readFileSync(path.join(outdir, 'security-audit.json'), 'utf-8'));
    expect(json.acknowledgements.map((a: any) => a.status)).toEqual(['stale', 'active']);
  });

  test('a baseline written on one synthesis suppresses its findings, while a new finding still fails', () => {
    const baselineFile = path.join(tempDir('repo'), 'audit-baseline.json');
    const first = appIn(tempDir('assembly'), { [AuditBaseline.WRITE_CONTEXT]: 'true' });
    new sqs.Queue(new Stack(first, 'Stack'), 'Old');
    SecureServerless.audit(first, { ...testRules, baselineFile });
    synthSuccess(first);
    expect(AuditBaseline.load(baselineFile)._entries.map((e) => e.constructPath)).toEqual(['Stack/Old/Resource']);

    const outdir = tempDir('assembly');
    const second = appIn(outdir);
    const stack = new Stack(second, 'Stack');
    new sqs.Queue(stack, 'Old');
    new sqs.Queue(stack, 'New');
    SecureServerless.audit(second, { ...testRules, baselineFile });
    const message = synthFailure(second);
    expect(message).toMatch(/\nStack\/New \(/);
    expect(message).not.toMatch(/Stack\/Old/);
    expect(fs.readFileSync(path.join(outdir, 'security-audit.md'), 'utf-8')).toMatch(/1 baselined finding remains of 1 in `.*audit-baseline\.json`\./);
  });

  test('cdkNag: true adds cdk-nag\'s AwsSolutions and Serverless packs', () => {
    const app = appIn(tempDir('assembly'));
    plainFunction(new Stack(app, 'Stack'), 'Fn');
    SecureServerless.audit(app, { ...testRules, cdkNag: true });
    const message = synthFailure(app);
    expect(message).toMatch(/AwsSolutions-IAM4/);
    expect(message).toMatch(/Serverless-/);
  });

  test('prints each open warning once, and one closing line, per synthesis when asked', () => {
    const app = appIn(tempDir('assembly'));
    plainFunction(new Stack(app, 'Stack'), 'Fn');
    SecureServerless.audit(app, { ...testRules, consoleSummary: true });
    const printed: string[] = [];
    const spy = jest.spyOn(console, 'error').mockImplementation((...args: any[]) => { printed.push(args.join(' ')); });
    try {
      app.synth();
    } finally {
      spy.mockRestore();
      process.exitCode = undefined;
    }
    expect(printed).toHaveLength(1);
    expect(printed[0].split('\n')).toEqual([
      expect.stringMatching(/^Stack\/Fn \(/),
      '  warning TEST-FN-TRACING: TracingConfig is not set.',
      expect.stringMatching(/^Serverless security audit passed: 1 open warning, /),
    ]);
  });

  test('every option reaches the reports: one options object from the host to the report', () => {
    const outdir = tempDir('assembly');
    const sourceRoot = tempDir('repo');
    const app = appIn(outdir);
    plainFunction(new Stack(app, 'Stack'), 'Fn');
    SecureServerless.audit(app, { ...testRules, reportName: 'audit', functionPermissions: false, sourceRoot, failOn: Severity.WARNING });
    synthFailure(app);
    const json = JSON.parse(fs.readFileSync(path.join(outdir, 'audit.json'), 'utf-8'));
    expect(json).toMatchObject({ failOn: 'warning', functionPermissions: null, sourceRoot });
    expect(fs.existsSync(path.join(outdir, 'audit.md'))).toBe(true);
    expect(fs.existsSync(path.join(outdir, 'security-audit.json'))).toBe(false);
  });
});
