import * as path from 'path';
import { Stack, Validations } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { evaluate, functionTracingRule, newApp, queueKeyRule } from './reporting-test-helpers';
import { AuditAcknowledgements } from '../../src/acknowledgements/audit-acknowledgements';
import { AuditBaseline } from '../../src/baseline/audit-baseline';
import { AuditDate } from '../../src/core/audit-date';
import { StackViews } from '../../src/engine/stack-views';
import { FunctionPermissionsSection } from '../../src/reporting/private/function-permissions';
import { MarkdownReport } from '../../src/reporting/private/markdown-report';
import { AuditResultData } from '../../src/reporting/private/result-data';

const SOURCE_ROOT = path.resolve(__dirname, '..', '..');

/**
 * A known app: stack Api has an unencrypted queue (error) and two functions without tracing whose stack-wide
 * acknowledgement expired; stack Jobs has an acknowledged queue, a baselined function and a stale acknowledgement.
 */
function knownAppResult(): AuditResultData {
  const app = newApp({ [AuditDate.TODAY_CONTEXT]: '2026-06-15' });
  const api = new Stack(app, 'Api');
  const jobs = new Stack(app, 'Jobs');
  new sqs.Queue(api, 'Orders');
  for (const id of ['Create', 'Read']) {
    new lambda.Function(api, id, { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('x') });
  }
  AuditAcknowledgements.of(api).add({ id: 'TEST-FN-TRACING', reason: 'Collector is not deployed yet', expires: '2026-05-31', ticket: 'OPS-7' });
  const audit = new sqs.Queue(jobs, 'Audit');
  AuditAcknowledgements.of(audit).add({ id: 'TEST-QUEUE-KEY', reason: 'Holds only public audit events', expires: '2027-03-31', ticket: 'SEC-123' });
  new lambda.Function(jobs, 'Legacy', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('x') });
  Validations.of(jobs).acknowledge({ id: 'ServerlessSecurityChecks::TEST-QUEUE-KEY[old]', reason: 'Old queue was deleted' });

  const rules = [queueKeyRule(), functionTracingRule()];
  const legacy = evaluate(app, rules).findings.filter((f) => f.constructPath === 'Jobs/Legacy/Resource');
  return evaluate(app, rules, { baseline: AuditBaseline.fromFindings(legacy), sourceRoot: SOURCE_ROOT });
}

describe('MarkdownReport', () => {
  const markdown = MarkdownReport.render(knownAppResult());

  test('opens with the verdict and the counts', () => {
    expect(markdown).toMatch(/^## Serverless security audit\n\n\*\*Failed\*\*: 3 findings at or above `failOn: error` must be fixed or acknowledged\./);
    expect(markdown).toContain('5 findings in 2 stacks: 3 open errors, 0 open warnings, 0 open info, 1 acknowledged, 1 baselined.');
  });

  test('counts findings per stack and severity', () => {
    expect(markdown).toContain('| Stack | Errors | Warnings | Info | Acknowledged | Baselined |');
    expect(markdown).toContain('| Api | 3 | 0 | 0 | 0 | 0 |');
    expect(markdown).toContain('| Jobs | 0 | 0 | 0 | 1 | 1 |');
    expect(markdown).toContain('| **Total** | **3** | **0** | **0** | **1** | **1** |');
  });

  test('lists each finding to fix with where it was created and its fix', () => {
    expect(markdown).toContain('### Findings to fix (3)');
    expect(markdown).toMatch(new RegExp('\\| \\*\\*Error\\*\\* \\(fails\\) \\| `TEST-QUEUE-KEY` \\| `Api/Orders/Resource` at '
      + '`test/reporting/markdown-report.test.ts:\\d+` \\| KmsMasterKeyId is not set\\. \\| Set KmsMasterKeyId\\. \\|'));
    expect(markdown).toMatch(/`TEST-FN-TRACING` \| `Api\/Create\/Resource`.*acknowledgement TEST-FN-TRACING on Api expired on 2026-05-31 \(ticket OPS-7\)/);
    expect(markdown).not.toMatch(/\| `Jobs\/Legacy\/Resource`/);
    expect(markdown).not.toMatch(/\| `Jobs\/Audit\/Resource`/);
  });

  test('lists every acknowledgement with reason, expiry, ticket and status', () => {
    expect(markdown).toContain('### Acknowledgements (3)');
    expect(markdown).toContain('| TEST-FN-TRACING | `Api` | Collector is not deployed yet | 2026-05-31 | OPS-7 | **expired** | 2 |');
    expect(markdown).toContain('| TEST-QUEUE-KEY | `Jobs/Audit` | Holds only public audit events | 2027-03-31 | SEC-123 | active | 1 |');
    expect(markdown).toContain('| ServerlessSecurityChecks::TEST-QUEUE-KEY[old] | `Jobs` | Old queue was deleted | never | - | **stale**: matches no finding, remove it | 0 |');
  });

  test('shows how many baselined findings remain', () => {
    expect(markdown).toMatch(/### Baseline\n\n1 baselined finding remains of 1 in the baseline\./);
  });

  test('leaves out the permissions section when the analysis provides none, and caps the findings table', () => {
    expect(markdown).not.toContain('### Function permissions');
    const result = knownAppResult();
    const many = { ...result, reportName: 'audit', findings: Array.from({ length: 26 }, () => result.findings).flat() };
    const capped = MarkdownReport.render(many);
    expect(capped.match(/\(fails\)/g)).toHaveLength(50);
    expect(capped).toContain('28 more in `audit.json`.');
  });

  test('lists each error acknowledged at the app or a stage, and the acknowledgements the audit refused', () => {
    const app = newApp();
    const queue = new sqs.Queue(new Stack(app, 'Stack'), 'Queue');
    Validations.of(app).acknowledge({ id: 'TEST-QUEUE-KEY', reason: 'Every queue holds public data only' });
    Validations.of(queue).acknowledge({ id: 'TEST-QUEUE-KEY', reason: '...' });
    const rendered = MarkdownReport.render(evaluate(app, [queueKeyRule()]));
    expect(rendered).toContain('### Errors acknowledged at the app or stage root (1)');
    expect(rendered).toContain('| `TEST-QUEUE-KEY` | `Stack/Queue/Resource` | `(app)` | Every queue holds public data only |');
    expect(rendered).toMatch(/\| TEST-QUEUE-KEY \| `Stack\/Queue` \| \.\.\. \| never \| - \| \*\*refused\*\*: its reason has only 3 visible characters \(at least 10 are needed\), so it acknowledges nothing \| 1 \|/);
  });

  test('renders what each function can do, from the least-privilege analysis', () => {
    const app = newApp();
    const stack = new Stack(app, 'Api');
    const fn = new lambda.Function(stack, 'Reader', { runtime: lambda.Runtime.NODEJS_22_X, handler: 'index.handler', code: lambda.Code.fromInline('x') });
    new s3.Bucket(stack, 'Data').grantRead(fn);
    const views = StackViews.fromConstructTree(app).map((s) => s.view);
    const result = { ...evaluate(app, []), functionPermissions: FunctionPermissionsSection.of(views) };
    const rendered = MarkdownReport.render(result);

    expect(rendered).toContain('### Function permissions');
    expect(rendered).toMatch(/\| `Api\/Reader\/Resource` \| s3 \| List, Read \| \$\{Data[0-9A-F]+\.Arn\}, \$\{Data[0-9A-F]+\.Arn\}\/\* \(specific\) \|/);
  });

  test('escapes table cells', () => {
    const result = knownAppResult();
    const tricky = MarkdownReport.render({ ...result, findings: result.findings.map((f) => ({ ...f, remediation: 'Use a | b\nthen c.' })) });
    expect(tricky).toContain('Use a \\| b then c. |');
  });
});
