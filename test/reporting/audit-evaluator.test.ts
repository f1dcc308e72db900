import { Stack, Stage, Validations } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { evaluate, functionTracingRule, newApp, NO_RULES, queueKeyRule } from './reporting-test-helpers';
import { AuditAcknowledgements } from '../../src/acknowledgements/audit-acknowledgements';
import { AuditBaseline } from '../../src/baseline/audit-baseline';
import { AuditDate } from '../../src/core/audit-date';
import { Severity } from '../../src/core/rule';
import { ServerlessSecurityChecks } from '../../src/hosts/serverless-security-checks';
import { AuditEvaluator } from '../../src/reporting/audit-evaluator';
import { AcknowledgementStatus } from '../../src/reporting/audit-result';
import { FindingStatus } from '../../src/reporting/reported-finding';

const TODAY = { [AuditDate.TODAY_CONTEXT]: '2026-06-15' };

function plainFunction(stack: Stack, id: string): lambda.Function {
  return new lambda.Function(stack, id, {
    runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = 1'),
  });
}

describe('AuditEvaluator', () => {
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
    expect(finding.expiredAcknowledgement).toMatchObject({ id: 'TEST-FN-TRACING', expires: '2026-05-31' });
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
    const findings = evaluate(app, [queueKeyRule()]).findings;
    const result = AuditEvaluator.evaluate({ findings, root: app, stackPaths: ['Audited'], rules: [queueKeyRule()] });
    expect(result.acknowledgements).toEqual([]);
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
    expect(after.baseline).toMatchObject({ entries: 1, remaining: 1, fixed: 0 });
  });

  test('a baseline counts entries whose finding was fixed', () => {
    const app = newApp();
    new sqs.Queue(new Stack(app, 'Stack'), 'Old');
    const baseline = AuditBaseline.fromFindings(evaluate(app, [queueKeyRule()]).findings);

    const fixedApp = newApp();
    new sqs.Queue(new Stack(fixedApp, 'Stack'), 'Old', { encryption: sqs.QueueEncryption.KMS });
    const result = evaluate(fixedApp, [queueKeyRule()], { baseline });
    expect(result.passed).toBe(true);
    expect(result.baseline).toMatchObject({ entries: 1, remaining: 0, fixed: 1 });
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

  test('finds the resource behind a finding in a stage, and when the root given is a stage rather than the app', () => {
    const app = newApp();
    const stage = new Stage(app, 'Prod');
    new sqs.Queue(new Stack(stage, 'Stack'), 'Queue'); const line = currentLine();
    const findings = new ServerlessSecurityChecks(undefined, { pack: NO_RULES, additionalRules: [queueKeyRule()] }).audit(app);
    expect(findings.map((f) => f.constructPath)).toEqual(['Prod/Stack/Queue/Resource']);
    for (const root of [app, stage]) {
      const [reported] = AuditEvaluator.evaluate({ findings, root, rules: [queueKeyRule()] }).findings;
      expect(reported.sourceLocation).toMatchObject({ file: __filename, line });
      expect(reported.templatePath).toMatch(/assembly-Prod\/ProdStack[0-9A-F]*\.template\.json$/);
    }
    const [outside] = AuditEvaluator.evaluate({ findings, root: new Stack(newApp(), 'Other'), rules: [queueKeyRule()] }).findings;
    expect(outside.sourceLocation).toBeUndefined(); // a root that does not hold the resource finds nothing, and says so
  });
});

function currentLine(): number {
  const frame = new Error().stack!.split('\n')[2];
  return Number(/:(\d+):\d+\)?$/.exec(frame)![1]);
}

describe('AuditEvaluator stale detection of mistyped ids', () => {
  test('an acknowledgement of an SLS id no rule has is stale, not another tool\'s', () => {
    const app = newApp();
    Validations.of(new Stack(app, 'Stack')).acknowledge({ id: 'SLS-LAMBDA-TRACNG', reason: 'Typo in the rule id here' });
    expect(evaluate(app, [queueKeyRule()]).acknowledgements).toEqual([
      expect.objectContaining({ id: 'SLS-LAMBDA-TRACNG', status: AcknowledgementStatus.STALE }),
    ]);
  });
});
