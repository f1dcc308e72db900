import * as fs from 'fs';
import * as path from 'path';
import { FindingIds } from '../../src/core/finding-ids';

describe('FindingIds, the one finding-id scheme', () => {
  test.each([
    ['DB_PASSWORD', 'DB_PASSWORD'],
    ['s3:*', 's3:*'],
    ['template.application/json', 'template.application_json'],
    ['/api/*', '_api_*'],
    ['Allow uploads [prod]', 'Allow_uploads__prod_'],
    ['é', '_'],
    ['', '_'],
  ])('sanitize(%j) is %j, and the result is a valid id', (text, id) => {
    expect(FindingIds.sanitize(text)).toBe(id);
    expect(FindingIds.isValid(FindingIds.sanitize(text))).toBe(true);
  });

  test('a valid id is left as it is', () => {
    for (const id of ['A', 'a-b_c.d:e*', 'Statement0', 'CacheBehaviors.2']) expect(FindingIds.sanitize(id)).toBe(id);
  });

  test('isValid refuses empty ids and any character outside the scheme, naming them', () => {
    for (const id of ['', 'a b', 'x[y]', 'é']) expect(FindingIds.isValid(id)).toBe(false);
    expect(FindingIds.forbiddenCharacters('a b[c] d')).toEqual([' ', '[', ']']);
    expect(FindingIds.forbiddenCharacters('ok')).toEqual([]);
  });

  test('no source file writes a second finding-id sanitiser', () => {
    const src = path.resolve(__dirname, '..', '..', 'src');
    const files = (dir: string): string[] => fs.readdirSync(dir, { withFileTypes: true })
      .flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : []));
    const copies = files(src)
      .filter((file) => !file.endsWith(path.join('core', 'finding-ids.ts')))
      .filter((file) => /A-Za-z0-9\\-_\.:\*/.test(fs.readFileSync(file, 'utf-8')))
      .map((file) => path.relative(src, file));
    expect(copies).toEqual([]);
  });
});
