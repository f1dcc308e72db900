import * as fs from 'fs';
import * as path from 'path';
import { Stack } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { AuditBaseline } from '../../src/baseline/audit-baseline';
import { FindingFingerprints } from '../../src/baseline/private/fingerprint';
import { evaluate, newApp, queueKeyRule, tempDir } from '../reporting/reporting-test-helpers';

function queueFindings(...ids: string[]) {
  const app = newApp();
  const stack = new Stack(app, 'Stack');
  for (const id of ids) new sqs.Queue(stack, id);
  return evaluate(app, [queueKeyRule()]).findings;
}

describe('AuditBaseline', () => {
  test('the file is sorted, one finding per line, keyed by a fingerprint of rule, stack and construct path', () => {
    const text = AuditBaseline.fromFindings(queueFindings('Zeta', 'Alpha')).render();
    const lines = text.split('\n');
    const entryLines = lines.filter((l) => l.trimStart().startsWith('{"fingerprint"'));
    expect(entryLines).toHaveLength(2);
    expect(JSON.parse(entryLines[0].replace(/,$/, ''))).toEqual({
      fingerprint: expect.stringMatching(/^[0-9a-f]{32}$/),
      ruleId: 'TEST-QUEUE-KEY',
      stackPath: 'Stack',
      constructPath: 'Stack/Alpha/Resource',
      severity: 'error',
    });
    expect(entryLines[1]).toContain('Stack/Zeta/Resource');
    expect(JSON.parse(text).version).toBe(1);
    expect(text.endsWith('}\n')).toBe(true);
  });

  test('the same findings always give the same file', () => {
    expect(AuditBaseline.fromFindings(queueFindings('A', 'B')).render()).toEqual(AuditBaseline.fromFindings(queueFindings('B', 'A')).render());
  });

  test('fingerprints ignore logical ids: a renamed logical id keeps the finding baselined', () => {
    const app = newApp();
    const queue = new sqs.Queue(new Stack(app, 'Stack'), 'Queue');
    const before = evaluate(app, [queueKeyRule()]).findings[0];
    (queue.node.defaultChild as sqs.CfnQueue).overrideLogicalId('RenamedQueue');
    const after = evaluate(app, [queueKeyRule()]).findings[0];
    expect(after.logicalId).toBe('RenamedQueue');
    expect(FindingFingerprints.of(after)).toBe(FindingFingerprints.of(before));
  });

  test('writes and reads back', () => {
    const file = path.join(tempDir('baseline'), 'nested', 'audit-baseline.json');
    AuditBaseline.fromFindings(queueFindings('Queue'), file).writeTo();
    const loaded = AuditBaseline.load(file);
    expect(loaded.exists).toBe(true);
    expect(loaded.size).toBe(1);
    expect(loaded.includes(queueFindings('Queue')[0])).toBe(true);
    expect(loaded.includes(queueFindings('Other')[0])).toBe(false);
  });

  test('a missing file is an empty baseline that says it does not exist', () => {
    const baseline = AuditBaseline.load(path.join(tempDir('baseline'), 'none.json'));
    expect(baseline.exists).toBe(false);
    expect(baseline.size).toBe(0);
  });

  test('a file that is not a baseline is an actionable error', () => {
    const dir = tempDir('baseline');
    fs.writeFileSync(path.join(dir, 'broken.json'), '{ not json');
    fs.writeFileSync(path.join(dir, 'other.json'), '{ "findings": "x" }');
    expect(() => AuditBaseline.load(path.join(dir, 'broken.json'))).toThrow(/is not valid JSON .*write-baseline=true/);
    expect(() => AuditBaseline.load(path.join(dir, 'other.json'))).toThrow(/is not a version 1 baseline/);
  });

  test('writing is requested by context or environment variable', () => {
    expect(AuditBaseline.isWriteRequested(newApp())).toBe(false);
    expect(AuditBaseline.isWriteRequested(newApp({ [AuditBaseline.WRITE_CONTEXT]: 'true' }))).toBe(true);
    process.env[AuditBaseline.WRITE_ENVIRONMENT_VARIABLE] = '1';
    try {
      expect(AuditBaseline.isWriteRequested(newApp())).toBe(true);
    } finally {
      delete process.env[AuditBaseline.WRITE_ENVIRONMENT_VARIABLE];
    }
  });
});
