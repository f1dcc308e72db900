import * as fs from 'fs';
import * as path from 'path';
import { Stack, Validations } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { describeRules, newApp, queueKeyRule, tempDir } from './reporting-test-helpers';
import { AuditBaseline } from '../../src/baseline/audit-baseline';
import { AuditEngine } from '../../src/engine/audit-engine';
import { StackViews } from '../../src/engine/stack-views';
import { AuditOptions } from '../../src/reporting/audit-options';
import { JSON_FORMAT_VERSION, JsonReport } from '../../src/reporting/private/json-report';
import { AuditReporter } from '../../src/reporting/private/reporter';
import { SarifReport } from '../../src/reporting/private/sarif-report';
import { FindingStatus } from '../../src/reporting/report-types';

function reporter(options: AuditOptions = {}): AuditReporter {
  return new AuditReporter({ consoleSummary: false, ...options }, describeRules([queueKeyRule()]), new Set(['TEST-QUEUE-KEY']));
}

function inputFor(app: ReturnType<typeof newApp>, outdir?: string) {
  const stacks = StackViews.fromConstructTree(app);
  return { findings: new AuditEngine({ rules: [queueKeyRule()] }).audit(stacks), stacks, root: app, outdir };
}

describe('AuditReporter', () => {
  test('writes the JSON, Markdown and SARIF reports into the output folder, exactly as the result renders them', () => {
    const app = newApp();
    new sqs.Queue(new Stack(app, 'Stack'), 'Queue');
    const outdir = tempDir('reports');
    const result = reporter().report(inputFor(app, outdir));

    expect(fs.readdirSync(outdir).sort()).toEqual(['security-audit.json', 'security-audit.md', 'security-audit.sarif']);
    const json = JSON.parse(fs.readFileSync(path.join(outdir, 'security-audit.json'), 'utf-8'));
    expect(json).toMatchObject({
      formatVersion: JSON_FORMAT_VERSION,
      passed: false,
      failOn: 'error',
      summary: { total: 1, failing: 1, errors: 1, warnings: 0, info: 0 },
      stacks: [{ stackPath: 'Stack', total: 1, templatePath: expect.stringMatching(/Stack\.template\.json$/) }],
      rules: [{ id: 'TEST-QUEUE-KEY', remediation: 'Set KmsMasterKeyId.' }],
      findings: [{ ruleId: 'TEST-QUEUE-KEY', status: FindingStatus.FAILING, fingerprint: result.findings[0].fingerprint }],
      functionPermissions: [{ stackPath: 'Stack', functions: [] }],
    });
    // Written once: the rule's remediation and the stack's template are not repeated in the finding.
    expect(json.findings[0].remediation).toBeUndefined();
    expect(json.findings[0].templatePath).toBeUndefined();
    expect(fs.readFileSync(path.join(outdir, 'security-audit.md'), 'utf-8')).toBe(result.renderMarkdown());
    expect(fs.readFileSync(path.join(outdir, 'security-audit.json'), 'utf-8')).toBe(result.renderJson());
    expect(fs.readFileSync(path.join(outdir, 'security-audit.sarif'), 'utf-8')).toBe(result.renderSarif());
    expect(result.renderJson()).toBe(`${JSON.stringify(JsonReport.document(result._data))}\n`);
    expect(result.renderSarif()).toBe(`${JSON.stringify(SarifReport.document(result._data))}\n`);
  });

  test('a finding refers to its acknowledgement by index, and keeps a remediation of its own', () => {
    const app = newApp();
    const stack = new Stack(app, 'Stack');
    new sqs.Queue(stack, 'Queue');
    Validations.of(stack).acknowledge({ id: 'TEST-QUEUE-KEY', reason: 'Queues of this stack hold public data only' });
    const json = JSON.parse(reporter().report(inputFor(app)).renderJson());
    expect(json.acknowledgements).toEqual([expect.objectContaining({ id: 'TEST-QUEUE-KEY', status: 'active', findingCount: 1 })]);
    expect(json.findings[0]).toMatchObject({ status: 'acknowledged', acknowledgement: 0 });
  });

  test('prints only when asked, and writes nothing when reports are off', () => {
    const app = newApp();
    new sqs.Queue(new Stack(app, 'Stack'), 'Queue');
    const outdir = tempDir('reports');
    const spy = jest.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const off = reporter({ writeReports: false });
      off.print(off.report(inputFor(app, outdir)).renderConsole());
      expect(spy).not.toHaveBeenCalled();
      const on = reporter({ consoleSummary: true, reportName: 'audit' });
      on.print(on.report(inputFor(app, outdir)).renderConsole());
      expect(spy).toHaveBeenCalledTimes(1);
      expect(String(spy.mock.calls[0][0])).toMatch(/^Stack\/Queue[\s\S]*Serverless security audit FAILED: .*Details: .*audit\.md\.$/);
    } finally {
      spy.mockRestore();
    }
    expect(fs.readdirSync(outdir).sort()).toEqual(['audit.json', 'audit.md', 'audit.sarif']);
  });

  test('with write-baseline requested, a synthesis records the open findings and does not fail on them', () => {
    const file = path.join(tempDir('baseline'), 'audit-baseline.json');
    const app = newApp({ [AuditBaseline.WRITE_CONTEXT]: 'true' });
    new sqs.Queue(new Stack(app, 'Stack'), 'Queue');
    const result = reporter({ baselineFile: file }).report(inputFor(app, tempDir('assembly')));

    expect(result.passed).toBe(true);
    expect(result.baseline).toMatchObject({ file, written: true, entries: 1, remaining: 1 });
    expect(AuditBaseline.load(file)._entries).toEqual([expect.objectContaining({ ruleId: 'TEST-QUEUE-KEY', constructPath: 'Stack/Queue/Resource' })]);

    // The next synthesis, without the flag, passes on the old finding and fails on a new one.
    const next = newApp();
    const stack = new Stack(next, 'Stack');
    new sqs.Queue(stack, 'Queue');
    new sqs.Queue(stack, 'Added');
    const after = reporter({ baselineFile: file }).report(inputFor(next));
    expect(after.findings.map((f) => [f.constructPath, f.status])).toEqual([
      ['Stack/Queue/Resource', FindingStatus.BASELINED],
      ['Stack/Added/Resource', FindingStatus.FAILING],
    ]);
    // A direct evaluation (no synthesis) never writes the baseline.
    fs.rmSync(file);
    reporter({ baselineFile: file }).report(inputFor(app));
    expect(fs.existsSync(file)).toBe(false);
  });

  test('a configured baseline file that does not exist yet fails nothing extra and says how to write it', () => {
    const app = newApp();
    new sqs.Queue(new Stack(app, 'Stack'), 'Queue');
    const outdir = tempDir('reports');
    const result = reporter({ baselineFile: path.join(outdir, 'missing.json') }).report(inputFor(app, outdir));
    expect(result.baseline).toMatchObject({ exists: false, entries: 0 });
    expect(fs.readFileSync(path.join(outdir, 'security-audit.md'), 'utf-8'))
      .toMatch(/missing\.json` does not exist yet: write it with `cdk synth -c cdk-secure-serverless:write-baseline=true`/);
  });

  test('reports of an audit that did not complete say so, in all three files', () => {
    const outdir = tempDir('reports');
    reporter().writeIncomplete(outdir, 'The synthesis stopped before the audit completed.');
    const json = JSON.parse(fs.readFileSync(path.join(outdir, 'security-audit.json'), 'utf-8'));
    expect(json).toMatchObject({ completed: false, passed: false, problem: 'The synthesis stopped before the audit completed.', summary: null, findings: [] });
    expect(fs.readFileSync(path.join(outdir, 'security-audit.md'), 'utf-8')).toContain('**Not completed**: The synthesis stopped');
    const sarif = JSON.parse(fs.readFileSync(path.join(outdir, 'security-audit.sarif'), 'utf-8'));
    expect(sarif.runs[0].invocations[0]).toEqual({
      executionSuccessful: false,
      toolExecutionNotifications: [{ level: 'error', message: { text: 'The synthesis stopped before the audit completed.' } }],
    });
  });
});
