import * as fs from 'fs';
import * as path from 'path';
import { cdkRoot, enumerateHandlers, GENERATED_PATH, renderTable } from '../../scripts/generate-framework-handlers';
import { FrameworkResources } from '../../src/engine/framework-resources';
import { CDK_HANDLERS } from '../../src/engine/private/cdk-handlers.generated';

describe('the table of aws-cdk-lib handlers', () => {
  const root = cdkRoot();
  const version = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf-8')).version;

  test('lists every handler the installed aws-cdk-lib ships (a new one fails this test: regenerate and review)', () => {
    const expected = renderTable(enumerateHandlers(root), version);
    const actual = fs.readFileSync(GENERATED_PATH, 'utf-8');
    // Compared row by row first, for a readable failure, then as text (the header names the version).
    const rows = (text: string) => text.split('\n').filter((l) => l.startsWith('  { codeDirectory'));
    expect(rows(actual)).toEqual(rows(expected));
    expect(actual).toEqual(expected);
  });

  test('enumerates handlers of every kind, from aws-cdk-lib\'s own source', () => {
    const kinds = new Set(CDK_HANDLERS.map((r) => r.kind));
    for (const kind of ['singleton-function', 'custom-resource-provider', 'provider-framework', 'function', 'construct']) expect(kinds).toContain(kind);
    expect(CDK_HANDLERS.map((r) => r.codeDirectory)).toEqual(expect.arrayContaining([
      'custom-resource-handlers/dist/aws-s3/notifications-resource-handler',
      'custom-resource-handlers/dist/aws-logs/log-retention-handler',
      'custom-resource-handlers/dist/aws-s3-deployment/bucket-deployment-handler',
      'custom-resource-handlers/dist/custom-resources/aws-custom-resource-handler',
      'custom-resources/lib/provider-framework/runtime',
    ]));
  });

  test('every handler directory exists and every kind has a decision', () => {
    for (const row of CDK_HANDLERS) {
      expect(fs.existsSync(path.join(root, row.codeDirectory)) ? row.codeDirectory : `missing ${row.codeDirectory}`).toBe(row.codeDirectory);
      expect(FrameworkResources.DECISIONS.filter((d) => d.handlerKinds.includes(row.kind)).map((d) => d.name)).toHaveLength(1);
    }
  });
});
