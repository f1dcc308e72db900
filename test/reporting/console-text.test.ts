import { Stack, Validations } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { evaluate, functionDescriptionRule, functionTracingRule, newApp, queueKeyRule } from './reporting-test-helpers';
import { AuditAcknowledgements } from '../../src/acknowledgements/audit-acknowledgements';
import { ConsoleText } from '../../src/reporting/private/console-text';

function fn(stack: Stack, id: string): lambda.Function {
  return new lambda.Function(stack, id, { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('x') });
}

describe('ConsoleText', () => {
  const app = newApp();
  const stack = new Stack(app, 'Service');
  new sqs.Queue(stack, 'Queue');
  for (let i = 0; i < 12; i++) fn(stack, `Fn${i}`);
  AuditAcknowledgements.of(stack).add({ id: 'SLS-LAMBDA-TRACING', reason: 'Kept from an old rule name' });
  const result = { ...evaluate(app, [queueKeyRule(), functionTracingRule(), functionDescriptionRule()]), reportFiles: ['/x/cdk.out/security-audit.md'] };
  const lines = ConsoleText.render(result).split('\n');

  test('a failing finding: its construct (with the line that created it), the finding, its fix', () => {
    expect(lines[0]).toMatch(/^Service\/Queue \(test\/reporting\/console-text\.test\.ts:\d+\)$/);
    expect(lines[1]).toBe('  ERROR TEST-QUEUE-KEY: KmsMasterKeyId is not set.');
    expect(lines[2]).toBe('    Fix: Set KmsMasterKeyId.');
  });

  test('open warnings one line each, capped; info never printed', () => {
    const warnings = lines.filter((l) => l.startsWith('  warning TEST-FN-TRACING: '));
    expect(warnings.length).toBeLessThan(12);
    expect(lines).toContain(`  ... and ${12 - warnings.length} more warnings in the reports.`);
    expect(lines.join('\n')).not.toMatch(/TEST-FN-DESCRIPTION/);
  });

  test('names stale acknowledgements, and closes with one line: verdict, counts, where the details are', () => {
    expect(lines).toContain('Acknowledgement SLS-LAMBDA-TRACING on Service matches no finding: remove it.');
    expect(lines[lines.length - 1]).toBe('Serverless security audit FAILED: 1 finding fails (failOn error); 12 open warnings, 12 open info, '
      + '0 acknowledged, 0 baselined in 1 stack. Details: /x/cdk.out/security-audit.md.');
  });

  test('groups several findings of one construct under it', () => {
    const other = newApp();
    const s = new Stack(other, 'S');
    const f = fn(s, 'Fn');
    new lambda.CfnPermission(s, 'Perm', { action: 'lambda:InvokeFunction', functionName: f.functionName, principal: '*' });
    const rules = [queueKeyRule(), functionTracingRule(), functionDescriptionRule()];
    const failing = ConsoleText.failing(evaluate(other, rules, { failOn: 'info' as any }), evaluate(other, rules, { failOn: 'info' as any }).findings, []);
    expect(failing.filter((l) => !l.startsWith(' '))).toEqual([expect.stringMatching(/^S\/Fn \(/)]);
    expect(failing.filter((l) => l.startsWith('  ') && !l.startsWith('    '))).toEqual([
      '  WARNING TEST-FN-TRACING: TracingConfig is not set.',
      '  INFO TEST-FN-DESCRIPTION: Description is not set.',
    ]);
  });

  test('an app whose only findings are info prints one closing line', () => {
    const quiet = newApp();
    fn(new Stack(quiet, 'Quiet'), 'Fn');
    expect(ConsoleText.render(evaluate(quiet, [functionDescriptionRule()])))
      .toBe('Serverless security audit passed: 0 open warnings, 1 open info, 0 acknowledged, 0 baselined in 1 stack.');
  });

  test('each error acknowledged at the app root is a line of its own', () => {
    const broad = newApp();
    new sqs.Queue(new Stack(broad, 'A'), 'Queue');
    new sqs.Queue(new Stack(broad, 'B'), 'Queue');
    Validations.of(broad).acknowledge({ id: 'TEST-QUEUE-KEY', reason: 'Every queue holds public data only' });
    expect(ConsoleText.notes(evaluate(broad, [queueKeyRule()]), false)).toEqual([
      'Acknowledged for all of the app: ERROR TEST-QUEUE-KEY on A/Queue/Resource (Every queue holds public data only)',
      'Acknowledged for all of the app: ERROR TEST-QUEUE-KEY on B/Queue/Resource (Every queue holds public data only)',
    ]);
  });
});

test('a fix is printed once, under the first finding of its rule', () => {
  const app = newApp();
  const stack = new Stack(app, 'Many');
  for (const id of ['A', 'B', 'C']) new sqs.Queue(stack, id);
  const lines = ConsoleText.failing(evaluate(app, [queueKeyRule()]), evaluate(app, [queueKeyRule()]).findings, []);
  expect(lines.filter((l) => l.startsWith('  ERROR TEST-QUEUE-KEY'))).toHaveLength(3);
  expect(lines.filter((l) => l === '    Fix: Set KmsMasterKeyId.')).toHaveLength(1);
});
