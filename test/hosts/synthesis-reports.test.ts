import * as fs from 'fs';
import * as path from 'path';
import { App, Aspects, Stack, Stage, Validations } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { EMPTY_PACK, synthFailure, synthSuccess } from './host-test-helpers';
import { AuditDate } from '../../src/core/audit-date';
import { Severity } from '../../src/core/rule';
import { ServerlessSecurityAspect } from '../../src/hosts/serverless-security-aspect';
import { ServerlessSecurityChecks } from '../../src/hosts/serverless-security-checks';
import { AuditOptions } from '../../src/reporting/audit-options';
import { AlwaysViolatedRule } from '../engine/fake-rules';
import { tempDir } from '../reporting/reporting-test-helpers';

const QUEUE = 'AWS::SQS::Queue';
const REPORTS = ['security-audit.json', 'security-audit.md', 'security-audit.sarif'];

type Host = 'plugin' | 'aspect';
const HOSTS: Host[] = ['plugin', 'aspect'];

function appIn(outdir: string, context: { [key: string]: any } = {}): App {
  return new App({ outdir, builtinCloudFormationValidation: false, context } as any);
}

function audit(host: Host, app: App, options: AuditOptions): void {
  const props = { consoleSummary: false, ...options };
  if (host === 'plugin') new ServerlessSecurityChecks(app, props);
  else ServerlessSecurityAspect.applyTo(app, props);
}

/** Synthesizes an app that must fail (the Aspect's errors fail only when annotations are part of the report). */
function failing(host: Host, outdir: string, context: { [key: string]: any } = {}): App {
  return appIn(outdir, host === 'aspect' ? { '@aws-cdk/core:annotationsInValidationReport': true, ...context } : context);
}

function report(outdir: string): any {
  return JSON.parse(fs.readFileSync(path.join(outdir, 'security-audit.json'), 'utf-8'));
}

/** A construct whose own validation fails, as a construct's prop check does: the synthesis stops before any plugin. */
class Broken extends Construct {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.node.addValidation({ validate: () => ['Broken is misconfigured'] });
  }
}

describe.each(HOSTS)('reports are about this synthesis (%s)', (host) => {
  test('a failing synthesis replaces the previous run\'s reports with its own', () => {
    const outdir = tempDir('assembly');
    for (const name of REPORTS) fs.writeFileSync(path.join(outdir, name), 'stale');
    const app = failing(host, outdir);
    new sqs.Queue(new Stack(app, 'Stack'), 'Queue');
    audit(host, app, { pack: EMPTY_PACK, additionalRules: [new AlwaysViolatedRule('FAKE', [QUEUE])] });
    synthFailure(app);
    expect(report(outdir)).toMatchObject({ passed: false, findings: [{ ruleId: 'FAKE', status: 'failing' }] });
    for (const name of REPORTS) expect(fs.readFileSync(path.join(outdir, name), 'utf-8')).not.toBe('stale');
  });

  test('a passing synthesis writes its own reports', () => {
    const outdir = tempDir('assembly');
    for (const name of REPORTS) fs.writeFileSync(path.join(outdir, name), 'stale');
    const app = appIn(outdir);
    new sqs.Queue(new Stack(app, 'Stack'), 'Queue');
    audit(host, app, { pack: EMPTY_PACK, additionalRules: [new AlwaysViolatedRule('FAKE', [QUEUE], Severity.WARNING)] });
    synthSuccess(app);
    expect(report(outdir)).toMatchObject({ passed: true, findings: [{ ruleId: 'FAKE', status: 'below-threshold' }] });
  });

  test('a synthesis stopped by another construct\'s error: the reports say what this synthesis did', () => {
    const outdir = tempDir('assembly');
    for (const name of REPORTS) fs.writeFileSync(path.join(outdir, name), 'stale');
    const app = appIn(outdir);
    const stack = new Stack(app, 'Stack');
    new sqs.Queue(stack, 'Queue');
    new Broken(stack, 'Broken');
    audit(host, app, { pack: EMPTY_PACK, additionalRules: [new AlwaysViolatedRule('FAKE', [QUEUE])] });
    expect(synthFailure(app)).toMatch(/Broken is misconfigured/);
    if (host === 'aspect') {
      // The Aspect audits during the tree validation that found the error: its reports are complete.
      expect(report(outdir)).toMatchObject({ passed: false, findings: [{ ruleId: 'FAKE' }] });
      return;
    }
    // The plugin runs after the tree validation, so it never ran: the reports say the audit did not complete.
    expect(report(outdir)).toMatchObject({ completed: false, passed: false, summary: null, problem: expect.stringMatching(/stopped before the serverless security audit completed/) });
    expect(fs.readFileSync(path.join(outdir, 'security-audit.md'), 'utf-8')).toMatch(/\*\*Not completed\*\*/);
    const sarif = JSON.parse(fs.readFileSync(path.join(outdir, 'security-audit.sarif'), 'utf-8'));
    expect(sarif.runs[0]).toMatchObject({ invocations: [{ executionSuccessful: false }], results: [] });
  });

  test('an audit that itself fails (a malformed pinned date) fails the synthesis with the reason, and its reports say so', () => {
    const outdir = tempDir('assembly');
    for (const name of REPORTS) fs.writeFileSync(path.join(outdir, name), 'stale');
    const app = failing(host, outdir, { [AuditDate.TODAY_CONTEXT]: 'tomorrow' });
    new sqs.Queue(new Stack(app, 'Stack'), 'Queue');
    audit(host, app, { pack: EMPTY_PACK, additionalRules: [new AlwaysViolatedRule('FAKE', [QUEUE], Severity.WARNING)] });
    expect(synthFailure(app)).toMatch(/The serverless security audit could not complete: Context cdk-secure-serverless:today must be a date written YYYY-MM-DD but was 'tomorrow'/);
    expect(report(outdir)).toMatchObject({ completed: false, problem: expect.stringMatching(/could not complete: Context cdk-secure-serverless:today/) });
  });

  test('an acknowledgement of an unknown rule id fails the synthesis and says which id was meant', () => {
    const app = failing(host, tempDir('assembly'));
    const stack = new Stack(app, 'Stack');
    new sqs.Queue(stack, 'Queue', { encryption: sqs.QueueEncryption.KMS_MANAGED });
    Validations.of(stack).acknowledge({ id: 'ServerlessSecurityChecks::SLS-SQS-ENCRYPTON', reason: 'Queue holds public data only' });
    audit(host, app, {});
    expect(synthFailure(app)).toMatch(/SLS-SQS-ENCRYPTON.*no rule of this audit has the id SLS-SQS-ENCRYPTON; did you mean SLS-SQS-ENCRYPTION\?/);
  });
});

test('the Aspect on a stage: the stage\'s reports are replaced when the synthesis starts, then written by the audit', () => {
  const outdir = tempDir('assembly');
  const app = appIn(outdir);
  const stage = new Stage(app, 'Prod');
  new sqs.Queue(new Stack(stage, 'Stack'), 'Queue');
  ServerlessSecurityAspect.applyTo(stage, { pack: EMPTY_PACK, additionalRules: [new AlwaysViolatedRule('FAKE', [QUEUE], Severity.WARNING)], consoleSummary: false });
  const assembly = app.synth();
  const stageFolder = assembly.getNestedAssembly(stage.artifactId).directory;
  expect(report(stageFolder)).toMatchObject({ passed: true, findings: [{ ruleId: 'FAKE' }] });
  expect(fs.existsSync(path.join(outdir, 'security-audit.json'))).toBe(false);
});

describe('each problem is printed once', () => {
  /**
   * Five distinct mistakes on plain aws-cdk-lib resources: a deprecated runtime, a literal secret, a wildcard grant and
   * a public function URL (errors: the URL gives two findings, its auth and its permission), and an unencrypted queue
   * (a warning).
   */
  function fiveMistakes(app: App): void {
    const stack = new Stack(app, 'FiveMistakes');
    const orders = new lambda.Function(stack, 'Orders', {
      runtime: lambda.Runtime.NODEJS_20_X,
      handler: 'index.handler',
      code: lambda.Code.fromInline('exports.handler = async () => 1;'),
      environment: { DB_PASSWORD: 'hunter2-correct-horse-battery' },
    });
    orders.addToRolePolicy(new iam.PolicyStatement({ actions: ['dynamodb:*'], resources: ['*'] }));
    orders.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE });
    new sqs.Queue(stack, 'Events', { encryption: sqs.QueueEncryption.UNENCRYPTED });
  }

  test('the plugin: one line per failing finding and one for its fix, grouped by construct, one closing line', () => {
    const app = appIn(tempDir('assembly'), { [AuditDate.TODAY_CONTEXT]: '2026-12-01' });
    fiveMistakes(app);
    new ServerlessSecurityChecks(app, { consoleSummary: true });
    const printed: string[] = [];
    const spy = jest.spyOn(console, 'error').mockImplementation((...args: any[]) => { printed.push(args.join(' ')); });
    let message: string;
    try {
      message = synthFailure(app);
    } finally {
      spy.mockRestore();
    }
    expect(printed).toEqual([]); // everything is in CDK's report, nothing printed besides
    const lines = message.split('\n');
    const findingLines = lines.filter((l) => /^ {2}ERROR SLS-/.test(l));
    const fixLines = lines.filter((l) => /^ {4}Fix: /.test(l));
    const constructLines = lines.filter((l) => /^FiveMistakes\//.test(l));
    expect(findingLines.length).toBeGreaterThanOrEqual(5);
    expect(fixLines).toHaveLength(findingLines.length);
    expect(constructLines.length).toBeLessThan(findingLines.length);
    expect(lines.filter((l) => l.startsWith('Serverless security audit FAILED'))).toHaveLength(1);
    // Besides those: the block's own header, CDK's construct and rule lines, and its pointer to its report file.
    expect(lines.length).toBeLessThanOrEqual(findingLines.length * 2 + constructLines.length + 8);
    for (const rule of ['SLS-LAMBDA-RUNTIME', 'SLS-LAMBDA-ENV-SECRET[DB_PASSWORD]', 'SLS-IAM-WILDCARD-ACTION', 'SLS-LAMBDA-URL-AUTH', 'SLS-LAMBDA-PERMISSION-PUBLIC']) {
      expect(findingLines.filter((l) => l.startsWith(`  ERROR ${rule}`))).toHaveLength(1);
    }
  });

  test('one entry per failing stack, so that `cdk deploy <stack>` judges only that stack', () => {
    const app = appIn(tempDir('assembly'));
    new sqs.Queue(new Stack(app, 'One'), 'Queue');
    new sqs.Queue(new Stack(app, 'Two'), 'Queue');
    new Stack(app, 'Clean');
    const plugin = new ServerlessSecurityChecks(undefined, { pack: EMPTY_PACK, additionalRules: [new AlwaysViolatedRule('FAKE', [QUEUE])] });
    const cdkReport = plugin.validateScope(app);
    expect(cdkReport.violations.map((v) => [v.violatingResources[0].constructPath, v.severity])).toEqual([['One', 'fatal'], ['Two', 'fatal']]);
    expect(cdkReport.violations[0].description).not.toMatch(/Serverless security audit FAILED/);
    expect(cdkReport.violations[1].description).toMatch(/\nServerless security audit FAILED: 2 findings fail/);
  });

  test('the Aspect: errors are annotations (printed once by CDK); it prints only the closing line', () => {
    const app = appIn(tempDir('assembly'));
    const stack = new Stack(app, 'Stack');
    new sqs.Queue(stack, 'Queue');
    const aspect = new ServerlessSecurityAspect({ pack: EMPTY_PACK, additionalRules: [new AlwaysViolatedRule('FAKE', [QUEUE]), new AlwaysViolatedRule('QUIET', [QUEUE], Severity.INFO)], consoleSummary: true });
    Aspects.of(app).add(aspect);
    const printed: string[] = [];
    const spy = jest.spyOn(console, 'error').mockImplementation((...args: any[]) => { printed.push(args.join(' ')); });
    try {
      app.synth();
      expect(printed).toEqual([expect.stringMatching(/^Serverless security audit FAILED: 1 finding fails \(failOn error\); 0 open warnings, 1 open info/)]);
      const annotations = Annotations.fromStack(stack); // synthesizes again
      annotations.hasError('/Stack/Queue/Resource', '[FAKE] It is always violated. Fix: Fix FAKE.');
      expect(annotations.findInfo('*', Match.anyValue())).toEqual([]);
      expect(annotations.findWarning('*', Match.stringLikeRegexp('QUIET'))).toEqual([]);
    } finally {
      spy.mockRestore();
      process.exitCode = undefined;
    }
  });

  test('the Aspect, passing: each open warning once, then the closing line', () => {
    const app = appIn(tempDir('assembly'));
    new sqs.Queue(new Stack(app, 'Stack'), 'Queue');
    ServerlessSecurityAspect.applyTo(app, { pack: EMPTY_PACK, additionalRules: [new AlwaysViolatedRule('HYGIENE', [QUEUE], Severity.WARNING)], consoleSummary: true });
    expect(synthSuccess(app).printed.split('\n')).toEqual([
      expect.stringMatching(/^Stack\/Queue \(/),
      '  warning HYGIENE: It is always violated.',
      expect.stringMatching(/^Serverless security audit passed: 1 open warning, /),
    ]);
  });
});
