import * as fs from 'fs';
import * as path from 'path';
import { Stack } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { NO_RULES, newApp, queueKeyRule, stackPathsOf, tempDir } from './reporting-test-helpers';
import { AuditBaseline } from '../../src/baseline/audit-baseline';
import { ServerlessSecurityChecks } from '../../src/hosts/serverless-security-checks';
import { AuditReporting } from '../../src/reporting/audit-reporting';
import { JsonReport } from '../../src/reporting/json-report';
import { FindingStatus } from '../../src/reporting/reported-finding';
import { SarifReport } from '../../src/reporting/sarif-report';

function inputFor(app: ReturnType<typeof newApp>, outdir?: string) {
  const rules = [queueKeyRule()];
  const findings = new ServerlessSecurityChecks(undefined, { pack: NO_RULES, additionalRules: rules }).audit(app);
  return { findings, root: app, stackPaths: stackPathsOf(app), rules, outdir };
}

describe('AuditReporting', () => {
  test('writes the JSON, Markdown and SARIF reports into the output folder', () => {
    const app = newApp();
    new sqs.Queue(new Stack(app, 'Stack'), 'Queue');
    const outdir = tempDir('reports');
    const result = new AuditReporting({ consoleSummary: false }).process(inputFor(app, outdir));

    expect(fs.readdirSync(outdir).sort()).toEqual(['security-audit.json', 'security-audit.md', 'security-audit.sarif']);
    const json = JSON.parse(fs.readFileSync(path.join(outdir, 'security-audit.json'), 'utf-8'));
    expect(json).toMatchObject({
      formatVersion: JsonReport.FORMAT_VERSION,
      passed: false,
      failOn: 'error',
      summary: { total: 1, failing: 1, errors: 1 },
      stacks: [{ stackPath: 'Stack', total: 1 }],
      findings: [{ ruleId: 'TEST-QUEUE-KEY', status: FindingStatus.FAILING, fingerprint: result.findings[0].fingerprint }],
      functionPermissions: null,
    });
    expect(fs.readFileSync(path.join(outdir, 'security-audit.md'), 'utf-8')).toContain('`TEST-QUEUE-KEY`');
    expect(JSON.parse(fs.readFileSync(path.join(outdir, 'security-audit.sarif'), 'utf-8')).version).toBe('2.1.0');
    // Written in chunks, the files are exactly what the reports render.
    expect(fs.readFileSync(path.join(outdir, 'security-audit.json'), 'utf-8')).toBe(JsonReport.render(result));
    expect(fs.readFileSync(path.join(outdir, 'security-audit.sarif'), 'utf-8')).toBe(SarifReport.render(result));
    expect(JsonReport.render(result)).toBe(`${JSON.stringify(JsonReport.document(result))}\n`);
  });

  test('prints only when asked (or under the CDK CLI), and writes nothing when reports are off', () => {
    const app = newApp();
    new sqs.Queue(new Stack(app, 'Stack'), 'Queue');
    const outdir = tempDir('reports');
    const spy = jest.spyOn(console, 'error').mockImplementation(() => {});
    try {
      new AuditReporting({ writeReports: false }).process(inputFor(app, outdir));
      expect(spy).not.toHaveBeenCalled();
      new AuditReporting({ consoleSummary: true, reportName: 'audit' }).process(inputFor(app, outdir));
      expect(spy).toHaveBeenCalledTimes(1);
      expect(String(spy.mock.calls[0][0])).toMatch(/^Serverless security audit FAILED[\s\S]*Reports: .*audit\.json/);
    } finally {
      spy.mockRestore();
    }
    expect(fs.readdirSync(outdir).sort()).toEqual(['audit.json', 'audit.md', 'audit.sarif']);
  });

  test('with write-baseline requested, records the open findings and does not fail on them', () => {
    const file = path.join(tempDir('baseline'), 'audit-baseline.json');
    const app = newApp({ [AuditBaseline.WRITE_CONTEXT]: 'true' });
    new sqs.Queue(new Stack(app, 'Stack'), 'Queue');
    const result = new AuditReporting({ consoleSummary: false, baselineFile: file }).process(inputFor(app));

    expect(result.passed).toBe(true);
    expect(result.baseline).toMatchObject({ file, written: true, entries: 1, remaining: 1 });
    expect(AuditBaseline.load(file).entries).toEqual([expect.objectContaining({ ruleId: 'TEST-QUEUE-KEY', constructPath: 'Stack/Queue/Resource' })]);

    // The next synthesis, without the flag, passes on the old finding and fails on a new one.
    const next = newApp();
    const stack = new Stack(next, 'Stack');
    new sqs.Queue(stack, 'Queue');
    new sqs.Queue(stack, 'Added');
    const after = new AuditReporting({ consoleSummary: false, baselineFile: file }).process(inputFor(next));
    expect(after.findings.map((f) => [f.constructPath, f.status])).toEqual([
      ['Stack/Queue/Resource', FindingStatus.BASELINED],
      ['Stack/Added/Resource', FindingStatus.FAILING],
    ]);
  });

  test('a configured baseline file that does not exist yet fails nothing extra and says how to write it', () => {
    const app = newApp();
    new sqs.Queue(new Stack(app, 'Stack'), 'Queue');
    const outdir = tempDir('reports');
    const result = new AuditReporting({ consoleSummary: false, baselineFile: path.join(outdir, 'missing.json') }).process(inputFor(app, outdir));
    expect(result.baseline).toMatchObject({ exists: false, entries: 0 });
    expect(fs.readFileSync(path.join(outdir, 'security-audit.md'), 'utf-8'))
      .toMatch(/missing\.json` does not exist yet: write it with `cdk synth -c cdk-secure-serverless:write-baseline=true`/);
  });
});
