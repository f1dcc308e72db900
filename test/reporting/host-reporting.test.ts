import * as fs from 'fs';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { Annotations, Match } from 'aws-cdk-lib/assertions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { NO_RULES, queueKeyRule, tempDir } from './reporting-test-helpers';
import { AuditAcknowledgements } from '../../src/acknowledgements/audit-acknowledgements';
import { AuditDate } from '../../src/core/audit-date';
import { ServerlessSecurityAspect } from '../../src/hosts/serverless-security-aspect';
import { ServerlessSecurityChecks } from '../../src/hosts/serverless-security-checks';
import { FindingStatus } from '../../src/reporting/report-types';
import { synthFailure } from '../hosts/host-test-helpers';

const TODAY = { [AuditDate.TODAY_CONTEXT]: '2026-06-15' };
const options = { pack: NO_RULES, additionalRules: [queueKeyRule()], consoleSummary: false };

describe('reporting through the hosts', () => {
  test('the Aspect reports an expired acknowledgement as an error naming it, and writes the reports of every stack', () => {
    const outdir = tempDir('assembly');
    const app = new App({ outdir, builtinCloudFormationValidation: false, context: TODAY } as any);
    const first = new Stack(app, 'First');
    const second = new Stack(app, 'Second');
    AuditAcknowledgements.of(new sqs.Queue(first, 'Queue')).add({ id: 'TEST-QUEUE-KEY', reason: 'Queue holds public data only', expires: '2026-01-31' });
    AuditAcknowledgements.of(new sqs.Queue(second, 'Queue')).add({ id: 'TEST-QUEUE-KEY', reason: 'Queue holds public data only', expires: '2027-01-31' });
    const aspect = ServerlessSecurityAspect.applyTo(app, options);

    Annotations.fromStack(first).hasError('/First/Queue/Resource',
      Match.stringLikeRegexp('acknowledgement TEST-QUEUE-KEY on First/Queue expired on 2026-01-31'));
    Annotations.fromStack(second).hasNoError('*', Match.anyValue());
    expect(aspect.result?.findings.map((f) => [f.stackPath, f.status])).toEqual([
      ['First', FindingStatus.FAILING],
      ['Second', FindingStatus.ACKNOWLEDGED],
    ]);
    const json = JSON.parse(fs.readFileSync(path.join(outdir, 'security-audit.json'), 'utf-8'));
    expect(json.stacks.map((s: any) => s.stackPath)).toEqual(['First', 'Second']);
  });

  test('the plugin reports each finding at the template line its resource starts on', () => {
    const outdir = tempDir('assembly');
    const app = new App({ outdir, builtinCloudFormationValidation: false } as any);
    for (const name of ['First', 'Second']) {
      const stack = new Stack(app, name);
      new sqs.Queue(stack, 'Padding', { encryption: sqs.QueueEncryption.KMS_MANAGED });
      new sqs.Queue(stack, 'Queue');
    }
    new ServerlessSecurityChecks(app, options);
    expect(synthFailure(app)).toMatch(/TEST-QUEUE-KEY/);

    const json = JSON.parse(fs.readFileSync(path.join(outdir, 'security-audit.json'), 'utf-8'));
    expect(json.findings.map((f: any) => f.stackPath)).toEqual(['First', 'Second']);
    for (const finding of json.findings) {
      // A finding's template is its stack's (written once, in `stacks`).
      const templatePath = json.stacks.find((s: any) => s.stackPath === finding.stackPath).templatePath;
      const lines = fs.readFileSync(templatePath, 'utf-8').split('\n');
      expect(lines[finding.templateLine - 1].trim()).toBe(`"${finding.logicalId}": {`);
    }
  });

  test('the plugin evaluates a scope without synthesizing or writing files', () => {
    const app = new App({ builtinCloudFormationValidation: false, context: TODAY } as any);
    const stack = new Stack(app, 'Stack');
    AuditAcknowledgements.of(new sqs.Queue(stack, 'Queue')).add({ id: 'TEST-QUEUE-KEY', reason: 'Queue holds public data only', expires: '2026-01-31' });
    const result = new ServerlessSecurityChecks(undefined, options).evaluate(app);
    expect(result.passed).toBe(false);
    expect(result.findings[0].acknowledgement).toMatchObject({ id: 'TEST-QUEUE-KEY', expires: '2026-01-31', status: 'expired' });
    expect(new ServerlessSecurityChecks(undefined, options).validateScope(app).success).toBe(false);
  });
});
