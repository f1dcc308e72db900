import { Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { evaluate, functionTracingRule, newApp, queueKeyRule } from './reporting-test-helpers';
import { AuditAcknowledgements } from '../../src/acknowledgements/audit-acknowledgements';
import { ConsoleSummary } from '../../src/reporting/console-summary';

describe('ConsoleSummary', () => {
  const app = newApp();
  const stack = new Stack(app, 'Service');
  new sqs.Queue(stack, 'Queue');
  for (let i = 0; i < 12; i++) {
    new lambda.Function(stack, `Fn${i}`, { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('x') });
  }
  AuditAcknowledgements.of(stack).add({ id: 'SLS-LAMBDA-TRACING', reason: 'Kept from an old rule name' });
  const summary = ConsoleSummary.render(evaluate(app, [queueKeyRule(), functionTracingRule()]), { reportFiles: ['cdk.out/security-audit.md'] });
  const lines = summary.split('\n');

  test('is a few grouped lines, not one line per finding', () => {
    expect(lines.length).toBeLessThan(15);
    expect(lines[0]).toBe('Serverless security audit FAILED: 13 findings in 1 stack; 1 failing (failOn error), 1 open error, '
      + '12 open warnings, 0 acknowledged, 0 baselined.');
    expect(lines[1]).toBe('  Service: 1 error, 12 warnings, 0 acknowledged, 0 baselined');
  });

  test('lists failing rules first, with a count, a few resources and the fix', () => {
    const top = lines.indexOf('Top findings:');
    expect(lines[top + 1]).toMatch(/^ {2}FAIL ERROR TEST-QUEUE-KEY x1: Service\/Queue\/Resource \(test\/reporting\/console-summary\.test\.ts:\d+\)$/);
    expect(lines[top + 3]).toBe('      Fix: Set KmsMasterKeyId.');
    expect(lines[top + 4]).toMatch(/^ {2}warn WARNING TEST-FN-TRACING x12: Service\/Fn0\/Resource .*, Service\/Fn2\/Resource .* and 9 more$/);
  });

  test('names stale acknowledgements and where the reports are', () => {
    expect(summary).toContain('Stale acknowledgement: SLS-LAMBDA-TRACING on Service matches no finding; remove it.');
    expect(lines[lines.length - 1]).toBe('Reports: cdk.out/security-audit.md');
  });
});
