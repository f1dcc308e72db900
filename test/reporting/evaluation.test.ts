import { Stack, Stage, Validations } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { evaluate, functionDescriptionRule, functionTracingRule, newApp, queueKeyRule } from './reporting-test-helpers';
import { AcknowledgementStatus } from '../../src/acknowledgements/acknowledgement';
import { AuditAcknowledgements } from '../../src/acknowledgements/audit-acknowledgements';
import { AuditBaseline } from '../../src/baseline/audit-baseline';
import { AuditDate } from '../../src/core/audit-date';
import { Severity } from '../../src/core/rule';
import { closestId } from '../../src/reporting/private/evaluation';
import { FindingStatus } from '../../src/reporting/report-types';

const TODAY = { [AuditDate.TODAY_CONTEXT]: '2026-06-15' };

function plainFunction(stack: Stack, id: string): lambda.Function {
  return new lambda.Function(stack, id, {
    runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = 1'),
  });
}

describe('evaluation', () => {
  test('an unacknowledged error fails; a warning below failOn does not', () => {
    const app = newApp();
    const stack = new Stack(app, 'Stack');
    new sqs.Queue(stack, 'Queue');
    plainFunction(stack, 'Fn');
    const result = evaluate(app, [queueKeyRule(), functionTracingRule()]);

    expect(result.passed).toBe(false);
    expect(result.findings.map((f) => [f.ruleId, f.status])).toEqual(expect.arrayContaining([
      ['TEST-QUEUE-KEY', FindingStatus.FAILING],
      ['TEST-FN-TRACING', FindingStatus.BELOW_THRESHOLD],
    ]));
    expect(evaluate(app, [functionTracingRule()], { failOn: Severity.WARNING }).passed).toBe(false);
  });

  test('an acknowledged finding carries its reason, expiry and ticket, and the acknowledgement is active', () => {
    const app = newApp(TODAY);
    const queue = new sqs.Queue(new Stack(app, 'Stack'), 'Queue');
    AuditAcknowledgements.of(queue).add({ id: 'TEST-QUEUE-KEY', reason: 'Queue holds public data only', expires: '2027-03-31', ticket: 'SEC-123' });
    const result = evaluate(app, [queueKeyRule()]);

    expect(result.passed).toBe(true);
    expect(result.findings[0]).toMatchObject({
      status: FindingStatus.ACKNOWLEDGED,
      acknowledgement: { id: 'TEST-QUEUE-KEY', reason: 'Queue holds public data only', expires: '2027-03-31', ticket: 'SEC-123', constructPath: 'Stack/Queue' },
    });
    expect(result.acknowledgements).toEqual([expect.objectContaining({ id: 'TEST-QUEUE-KEY', status: AcknowledgementStatus.ACTIVE, findingCount: 1 })]);
  });

  test('an expired acknowledgement turns its finding back into a failing error that names it', () => {
    const app = newApp(TODAY);
    const stack = new Stack(app, 'Stack');
    plainFunction(stack, 'Fn');
    // A warning-level rule: once its acknowledgement lapses the finding is an error, whatever failOn says.
    AuditAcknowledgements.of(stack).add({ id: 'TEST-FN-TRACING', reason: 'Tracing arrives with the new collector', expires: '2026-05-31', ticket: 'OPS-7' });
    const result = evaluate(app, [functionTracingRule()]);

    expect(result.passed).toBe(false);
    const finding = result.findings[0];
    expect(finding).toMatchObject({ status: FindingStatus.FAILING, severity: Severity.ERROR, acknowledged: false });
    expect(finding.message).toMatch(/acknowledgement TEST-FN-TRACING on Stack expired on 2026-05-31 \(ticket OPS-7\); its reason was: Tracing arrives/);
    expect(finding.acknowledgement).toMatchObject({ id: 'TEST-FN-TRACING', expires: '2026-05-31', status: AcknowledgementStatus.EXPIRED });
    expect(result.acknowledgements).toEqual([expect.objectContaining({ status: AcknowledgementStatus.EXPIRED, findingCount: 1 })]);
  });

  test('an acknowledgement that matches no finding is stale', () => {
    const app = newApp(TODAY);
    const stack = new Stack(app, 'Stack');
    const queue = new sqs.Queue(stack, 'Queue', { encryption: sqs.QueueEncryption.KMS });
    AuditAcknowledgements.of(queue).add({ id: 'TEST-QUEUE-KEY', reason: 'Queue holds public data only', ticket: 'SEC-5' });
    Validations.of(stack).acknowledge({ id: 'TEST-FN-TRACING', reason: 'No functions trace in this stack' });
    const result = evaluate(app, [queueKeyRule(), functionTracingRule()]);

    expect(result.findings).toEqual([]);
    expect(result.acknowledgements.map((a) => [a.id, a.constructPath, a.status])).toEqual([
      ['TEST-FN-TRACING', 'Stack', AcknowledgementStatus.STALE],
      ['TEST-QUEUE-KEY', 'Stack/Queue', AcknowledgementStatus.STALE],
    ]);
  });

  test("another tool's acknowledgement is listed but not judged", () => {
    const app = newApp();
    const stack = new Stack(app, 'Stack');
    AuditAcknowledgements.of(stack).add({ id: 'AwsSolutions-IAM5', reason: 'Wildcards reviewed in SEC-77' });
    const result = evaluate(app, [queueKeyRule()]);
    expect(result.acknowledgements).toEqual([expect.objectContaining({ id: 'AwsSolutions-IAM5', status: AcknowledgementStatus.OTHER_TOOL })]);
  });

  test('acknowledgements outside the audited stacks are not reviewed', () => {
    const app = newApp();
    const audited = new Stack(app, 'Audited');
    new sqs.Queue(audited, 'Queue');
    Validations.of(new Stack(app, 'Other')).acknowledge({ id: 'TEST-QUEUE-KEY', reason: 'Not part of this audit' });
    expect(evaluate(audited, [queueKeyRule()]).acknowledgements).toEqual([]);
  });

  test('a baseline suppresses the findings it recorded while a new finding still fails', () => {
    const app = newApp();
    const stack = new Stack(app, 'Stack');
    new sqs.Queue(stack, 'Old');
    const before = evaluate(app, [queueKeyRule()]);
    const baseline = AuditBaseline.fromFindings(before.findings);

    new sqs.Queue(stack, 'New');
    const after = evaluate(app, [queueKeyRule()], { baseline });
    expect(after.findings.map((f) => [f.constructPath, f.status])).toEqual([
      ['Stack/Old/Resource', FindingStatus.BASELINED],
      ['Stack/New/Resource', FindingStatus.FAILING],
    ]);
    expect(after.passed).toBe(false);
    expect(after.baseline).toMatchObject({ entries: 1, remaining: 1, fixedEntries: 0 });
  });

  test('a baseline counts entries whose finding was fixed', () => {
    const app = newApp();
    new sqs.Queue(new Stack(app, 'Stack'), 'Old');
    const baseline = AuditBaseline.fromFindings(evaluate(app, [queueKeyRule()]).findings);

    const fixedApp = newApp();
    new sqs.Queue(new Stack(fixedApp, 'Stack'), 'Old', { encryption: sqs.QueueEncryption.KMS });
    const result = evaluate(fixedApp, [queueKeyRule()], { baseline });
    expect(result.passed).toBe(true);
    expect(result.baseline).toMatchObject({ entries: 1, remaining: 0, fixedEntries: 1 });
  });

  test('the baseline never hides a finding whose acknowledgement expired', () => {
    const app = newApp(TODAY);
    const queue = new sqs.Queue(new Stack(app, 'Stack'), 'Queue');
    const baseline = AuditBaseline.fromFindings(evaluate(app, [queueKeyRule()]).findings);
    AuditAcknowledgements.of(queue).add({ id: 'TEST-QUEUE-KEY', reason: 'Queue holds public data only', expires: '2026-01-01' });
    expect(evaluate(app, [queueKeyRule()], { baseline }).findings[0].status).toBe(FindingStatus.FAILING);
  });

  test('finds the line of the test that created the resource', () => {
    const app = newApp();
    const stack = new Stack(app, 'Stack');
    new sqs.Queue(stack, 'Queue'); const line = currentLine();
    const finding = evaluate(app, [queueKeyRule()]).findings[0];
    expect(finding.sourceLocation).toMatchObject({ file: __filename, line });
  });

  test('finds the resource behind a finding in a stage, whether the app or the stage is audited', () => {
    const app = newApp();
    const stage = new Stage(app, 'Prod');
    new sqs.Queue(new Stack(stage, 'Stack'), 'Queue'); const line = currentLine();
    for (const root of [app, stage]) {
      const [reported] = evaluate(root, [queueKeyRule()]).findings;
      expect(reported.constructPath).toBe('Prod/Stack/Queue/Resource');
      expect(reported.sourceLocation).toMatchObject({ file: __filename, line });
      expect(reported.templatePath).toMatch(/assembly-Prod\/ProdStack[0-9A-F]*\.template\.json$/);
    }
  });
});

function currentLine(): number {
  const frame = new Error().stack!.split('\n')[2];
  return Number(/:(\d+):\d+\)?$/.exec(frame)![1]);
}

describe('acknowledgements that name no rule', () => {
  test.each([
    ['ServerlessSecurityChecks::SLS-LAMBDA-TRACNG'],
    ['SLS-LAMBDA-TRACNG'],
    ['Annotation::SLS-LAMBDA-TRACNG'],
    ['ServerlessSecurityChecks::SLS-LAMBDA-TRACNG[x]'],
  ])('%s is an error that fails the audit and names the closest registered id', (id) => {
    const app = newApp();
    const stack = new Stack(app, 'Stack');
    new sqs.Queue(stack, 'Queue', { encryption: sqs.QueueEncryption.KMS });
    Validations.of(stack).acknowledge({ id, reason: 'Tracing is sampled upstream' });
    const result = evaluate(app, [queueKeyRule()]);
    expect(result.passed).toBe(false);
    expect(result.acknowledgements).toEqual([expect.objectContaining({
      status: AcknowledgementStatus.UNKNOWN_RULE,
      problem: 'no rule of this audit has the id SLS-LAMBDA-TRACNG; did you mean SLS-LAMBDA-TRACING?',
    })]);
  });

  test('a namespaced id of any form is ours; a bare id of another form is another tool\'s', () => {
    const app = newApp();
    const stack = new Stack(app, 'Stack');
    Validations.of(stack).acknowledge({ id: 'ServerlessSecurityChecks::TEST-QUEUE-KY', reason: 'Queue holds public data only' });
    Validations.of(stack).acknowledge({ id: 'AwsSolutions-IAM5', reason: 'Wildcards reviewed in SEC-77' });
    const result = evaluate(app, [queueKeyRule()]);
    expect(result.acknowledgements.map((a) => [a.id, a.status, a.problem])).toEqual([
      ['ServerlessSecurityChecks::TEST-QUEUE-KY', AcknowledgementStatus.UNKNOWN_RULE, 'no rule of this audit has the id TEST-QUEUE-KY; did you mean TEST-QUEUE-KEY?'],
      ['AwsSolutions-IAM5', AcknowledgementStatus.OTHER_TOOL, undefined],
    ]);
  });

  test('a registered rule the pack leaves out is not unknown: its acknowledgement is stale', () => {
    const app = newApp();
    Validations.of(new Stack(app, 'Stack')).acknowledge({ id: 'SLS-LAMBDA-TRACING', reason: 'Tracing is sampled upstream' });
    expect(evaluate(app, [queueKeyRule()]).acknowledgements).toEqual([expect.objectContaining({ status: AcknowledgementStatus.STALE })]);
  });

  test('closestId: the nearest id by edit distance, none when nothing is close', () => {
    const known = ['SLS-LAMBDA-TRACING', 'SLS-LAMBDA-RUNTIME', 'SLS-APIGW-TRACING'];
    expect(closestId('SLS-LAMBDA-TRACNG', known)).toBe('SLS-LAMBDA-TRACING');
    expect(closestId('sls-lambda-runtme', known)).toBe('SLS-LAMBDA-RUNTIME');
    expect(closestId('SLS-COMPLETELY-DIFFERENT-THING', known)).toBeUndefined();
  });
});

describe('acknowledgement reasons (Justification is the judge)', () => {
  test.each([
    ['blank', '   '],
    ['zero-width', '\u200b\u200b\u200b\u200b\u200b\u200b\u200b\u200b\u200b\u200b\u200b\u200b'],
    ['repeated', 'aaaaaaaaaaaaaaaa'],
    ['short', 'ok'],
  ])('a %s reason acknowledges nothing, and the report says why', (_kind, reason) => {
    const app = newApp();
    const queue = new sqs.Queue(new Stack(app, 'Stack'), 'Queue');
    Validations.of(queue).acknowledge({ id: 'ServerlessSecurityChecks::TEST-QUEUE-KEY', reason });
    const result = evaluate(app, [queueKeyRule()]);
    expect(result.passed).toBe(false);
    const [finding] = result.findings;
    expect(finding).toMatchObject({ status: FindingStatus.FAILING, acknowledged: false });
    expect(finding.message).toMatch(/The acknowledgement ServerlessSecurityChecks::TEST-QUEUE-KEY on Stack\/Queue does not count: its reason /);
    expect(result.acknowledgements).toEqual([expect.objectContaining({
      status: AcknowledgementStatus.REFUSED, findingCount: 1, problem: expect.stringMatching(/^its reason .*, so it acknowledges nothing$/),
    })]);
  });

  test('a refused acknowledgement does not hide one in force further up', () => {
    const app = newApp();
    const stack = new Stack(app, 'Stack');
    const queue = new sqs.Queue(stack, 'Queue');
    Validations.of(stack).acknowledge({ id: 'TEST-QUEUE-KEY', reason: 'Queues of this stack hold public data only' });
    Validations.of(queue).acknowledge({ id: 'TEST-QUEUE-KEY', reason: 'n/a' });
    const result = evaluate(app, [queueKeyRule()]);
    expect(result.findings[0]).toMatchObject({ status: FindingStatus.ACKNOWLEDGED, acknowledgement: { constructPath: 'Stack' } });
  });
});

describe('errors acknowledged at the app or stage root', () => {
  test('are visible: each finding names the acknowledgement on the root', () => {
    const app = newApp();
    const stage = new Stage(app, 'Prod');
    new sqs.Queue(new Stack(stage, 'A'), 'Queue');
    new sqs.Queue(new Stack(stage, 'B'), 'Queue');
    Validations.of(stage).acknowledge({ id: 'TEST-QUEUE-KEY', reason: 'All queues hold public data only' });
    const result = evaluate(app, [queueKeyRule()]);
    expect(result.passed).toBe(true);
    expect(result.findings.map((f) => [f.constructPath, f.status, f.acknowledgement?.atStageRoot])).toEqual([
      ['Prod/A/Queue/Resource', FindingStatus.ACKNOWLEDGED, true],
      ['Prod/B/Queue/Resource', FindingStatus.ACKNOWLEDGED, true],
    ]);
    expect(result.acknowledgements).toEqual([expect.objectContaining({ constructPath: 'Prod', atStageRoot: true, findingCount: 2 })]);
  });
});

describe('the quiet level (info)', () => {
  test('an info finding is reported, and fails only with failOn INFO', () => {
    const app = newApp();
    new lambda.Function(new Stack(app, 'Stack'), 'Fn', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('x') });
    const quiet = evaluate(app, [functionDescriptionRule()]);
    expect(quiet.passed).toBe(true);
    expect(quiet.findings).toEqual([expect.objectContaining({ severity: Severity.INFO, status: FindingStatus.BELOW_THRESHOLD })]);
    expect(evaluate(app, [functionDescriptionRule()], { failOn: Severity.WARNING }).passed).toBe(true);
    expect(evaluate(app, [functionDescriptionRule()], { failOn: Severity.INFO }).findings[0].status).toBe(FindingStatus.FAILING);
  });

  test('a baseline records info findings only when they can fail', () => {
    const app = newApp();
    new lambda.Function(new Stack(app, 'Stack'), 'Fn', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('x') });
    const rules = [functionDescriptionRule(), functionTracingRule()];
    const written = evaluate(app, rules, { writingBaseline: true, baseline: AuditBaseline.empty() });
    expect(written.findings.map((f) => [f.ruleId, f.status])).toEqual([
      ['TEST-FN-DESCRIPTION', FindingStatus.BELOW_THRESHOLD],
      ['TEST-FN-TRACING', FindingStatus.BASELINED],
    ]);
    const strict = evaluate(app, rules, { writingBaseline: true, baseline: AuditBaseline.empty(), failOn: Severity.INFO });
    expect(strict.findings.every((f) => f.status === FindingStatus.BASELINED)).toBe(true);
  });
});
