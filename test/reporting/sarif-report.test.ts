import * as fs from 'fs';
import * as path from 'path';
import Ajv from 'ajv-draft-04';
import { Stack, Validations } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { evaluate, functionTracingRule, newApp, queueKeyRule } from './reporting-test-helpers';
import { AuditAcknowledgements } from '../../src/acknowledgements/audit-acknowledgements';
import { AuditBaseline } from '../../src/baseline/audit-baseline';
import { FindingFingerprints } from '../../src/baseline/private/fingerprint';
import { StackViews } from '../../src/engine/stack-views';
import { AuditRun } from '../../src/hosts/private/audit-run';
import { SarifReport } from '../../src/reporting/private/sarif-report';

/**
 * The official SARIF 2.1.0 schema (OASIS, as published on SchemaStore: `sarif-2.1.0-rtm.5.json`, whose `version` enum is
 * exactly "2.1.0"), shipped by the MIT-licensed `@microsoft/jest-sarif` package. It is a draft-04 schema, hence
 * `ajv-draft-04`.
 */
const SCHEMA_PATH = require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');

function sarifValidator() {
  const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
  // unicodeRegExp: false because the schema's language pattern (`^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$`) is only valid
  // without the `u` flag, as JSON Schema draft-04 validators compiled it.
  // The schema uses these formats; validate them instead of ignoring them.
  ajv.addFormat('uri', (text: string) => { try { new URL(text); return true; } catch { return false; } });
  ajv.addFormat('uri-reference', (text: string) => { try { new URL(text, 'file:///'); return true; } catch { return false; } });
  ajv.addFormat('date-time', (text: string) => !Number.isNaN(Date.parse(text)) && /^\d{4}-\d{2}-\d{2}T/.test(text));
  return ajv.compile(JSON.parse(fs.readFileSync(SCHEMA_PATH, 'utf-8')));
}

function knownApp() {
  const app = newApp();
  const stack = new Stack(app, 'Stack');
  new sqs.Queue(stack, 'Open');
  const acknowledged = new sqs.Queue(stack, 'Accepted');
  AuditAcknowledgements.of(acknowledged).add({ id: 'TEST-QUEUE-KEY', reason: 'Queue holds public data only', expires: '2099-01-01', ticket: 'SEC-1' });
  new lambda.Function(stack, 'Fn', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('x') });
  return app;
}

describe('SarifReport', () => {
  test('validates against the SARIF 2.1.0 schema, with and without a baseline', () => {
    const validate = sarifValidator();
    const app = knownApp();
    const result = evaluate(app, [queueKeyRule(), functionTracingRule()]);
    const plain = JSON.parse(SarifReport.render(result));
    expect(validate(plain) ? [] : validate.errors).toEqual([]);
    // The validator does reject what is not SARIF 2.1.0.
    expect(validate({ ...plain, version: '2.0.0' })).toBe(false);
    expect(validate({ ...plain, runs: [{ ...plain.runs[0], results: [{ ...plain.runs[0].results[0], level: 'fatal' }] }] })).toBe(false);

    const baseline = AuditBaseline.fromFindings(result.findings.slice(0, 1));
    const withBaseline = evaluate(app, [queueKeyRule(), functionTracingRule()], { baseline });
    const log = SarifReport.document(withBaseline);
    expect(validate(log) ? [] : validate.errors).toEqual([]);
    expect(log.runs[0].results.map((r: any) => r.baselineState)).toContain('unchanged');
  });

  test('render (results serialized one by one) writes exactly the document, for no, one and many results', () => {
    const app = knownApp();
    const result = evaluate(app, [queueKeyRule(), functionTracingRule()]);
    expect(result.findings.length).toBeGreaterThan(1);
    for (const findings of [[], result.findings.slice(0, 1), result.findings]) {
      const subset = { ...result, findings };
      expect(JSON.parse(SarifReport.render(subset))).toEqual(SarifReport.document(subset));
    }
  });

  test('validates a synthesized app with real rules, template locations included', () => {
    const app = newApp();
    const stack = new Stack(app, 'Stack');
    const fn = new lambda.Function(stack, 'Fn', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('x') });
    fn.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.NONE });
    const assembly = app.synth();
    const stacks = StackViews.fromTemplates([path.join(assembly.directory, 'Stack.template.json')], app);
    const result = new AuditRun({ consoleSummary: false }).auditAndReport(stacks, app, undefined);
    const log = SarifReport.document(result._data);
    const validate = sarifValidator();
    expect(validate(log) ? [] : validate.errors).toEqual([]);
    const urlAuth = log.runs[0].results.find((r: any) => r.ruleId === 'SLS-LAMBDA-URL-AUTH');
    expect(urlAuth.level).toBe('error');
    const templateLines = fs.readFileSync(path.join(assembly.directory, 'Stack.template.json'), 'utf-8').split('\n');
    const line = templateLines[urlAuth.relatedLocations[0].physicalLocation.region.startLine - 1];
    expect(line.trim()).toBe(`"${urlAuth.locations[0].logicalLocations[0].name}": {`);
  });

  test('rules carry id, descriptions, help and default level; results point at the line that created the resource', () => {
    const result = evaluate(knownApp(), [queueKeyRule(), functionTracingRule()], { sourceRoot: path.resolve(__dirname, '..', '..') });
    const run = SarifReport.document(result).runs[0];

    expect(run.tool.driver.rules).toEqual([
      expect.objectContaining({
        id: 'TEST-QUEUE-KEY',
        shortDescription: { text: 'The resource sets KmsMasterKeyId.' },
        fullDescription: { text: expect.stringContaining('The resource sets KmsMasterKeyId.') },
        help: expect.objectContaining({ text: 'Fix: Set KmsMasterKeyId.' }),
        defaultConfiguration: { level: 'error' },
      }),
      expect.objectContaining({ id: 'TEST-FN-TRACING', defaultConfiguration: { level: 'warning' } }),
    ]);
    const open = run.results.find((r: any) => r.locations[0].logicalLocations[0].fullyQualifiedName === 'Stack/Open/Resource');
    expect(open).toMatchObject({
      ruleId: 'TEST-QUEUE-KEY',
      ruleIndex: 0,
      level: 'error',
      locations: [{
        physicalLocation: { artifactLocation: { uri: 'test/reporting/sarif-report.test.ts', uriBaseId: '%SRCROOT%' }, region: { startLine: expect.any(Number) } },
        logicalLocations: [{ name: expect.stringMatching(/^Open/), fullyQualifiedName: 'Stack/Open/Resource', kind: 'resource' }],
      }],
    });
    const line = fs.readFileSync(__filename, 'utf-8').split('\n')[open.locations[0].physicalLocation.region.startLine - 1];
    expect(line).toContain("new sqs.Queue(stack, 'Open')");
  });

  test('acknowledged findings carry a suppression with the reason; fingerprints are the stable ones', () => {
    const result = evaluate(knownApp(), [queueKeyRule()]);
    const results = SarifReport.document(result).runs[0].results;
    const accepted = results.find((r: any) => r.locations[0].logicalLocations[0].fullyQualifiedName === 'Stack/Accepted/Resource');
    expect(accepted.suppressions).toEqual([expect.objectContaining({
      kind: 'inSource', status: 'accepted', justification: 'Queue holds public data only; expires 2099-01-01; ticket SEC-1',
    })]);
    const finding = result.findings.find((f) => f.constructPath === 'Stack/Accepted/Resource')!;
    expect(accepted.partialFingerprints).toEqual({ 'cdkSecureServerlessFinding/v1': FindingFingerprints.of(finding) });
  });

  test('the fix is the rule\'s help, not repeated in each result, unless the finding\'s own fix differs', () => {
    const result = evaluate(knownApp(), [queueKeyRule()]);
    const open = result.findings.find((f) => f.constructPath === 'Stack/Open/Resource')!;
    const renewed = { ...open, remediation: `${open.remediation} Or renew the acknowledgement.` };
    const results = SarifReport.document({ ...result, findings: [open, renewed] }).runs[0].results;
    expect(results[0].message.text).toBe(`${open.message} Resource: Stack/Open/Resource (AWS::SQS::Queue).`);
    // What the logical location says is not repeated in the properties.
    expect(results[0].properties).toEqual({ kind: 'violation', status: 'failing', propertyPath: 'Properties/KmsMasterKeyId' });
    expect(results[1].message.text).toMatch(/ Fix: Set KmsMasterKeyId\. Or renew the acknowledgement\.$/);
  });

  test('an acknowledgement that names no rule is a configuration error of the run', () => {
    const app = knownApp();
    Validations.of(app).acknowledge({ id: 'ServerlessSecurityChecks::TEST-QUEUE-KY', reason: 'Public queues only in this app' });
    const log = SarifReport.document(evaluate(app, [queueKeyRule()]));
    expect(sarifValidator()(log)).toBe(true);
    expect(log.runs[0].invocations).toEqual([{
      executionSuccessful: true,
      toolConfigurationNotifications: [expect.objectContaining({
        level: 'error',
        message: { text: 'The acknowledgement ServerlessSecurityChecks::TEST-QUEUE-KY on (app): no rule of this audit has the id TEST-QUEUE-KY; did you mean TEST-QUEUE-KEY?' },
      })],
    }]);
  });

  test('info findings are notes', () => {
    const result = evaluate(knownApp(), [queueKeyRule()]);
    const info = { ...result, findings: result.findings.map((f) => ({ ...f, severity: 'info' as any })) };
    expect(SarifReport.document(info).runs[0].results.map((r: any) => r.level)).toEqual(['note', 'note']);
  });
});
