import * as fs from 'fs';
import * as path from 'path';
import { StackView } from '../../src/core/stack-view';
import { TemplateLines } from '../../src/engine/private/template-lines';
import { tempDir } from '../support/temp-dirs';

describe('TemplateLines', () => {
  let dir: string;
  beforeEach(() => {
    dir = tempDir('template-lines');
  });

  function write(name: string, text: string): string {
    const file = path.join(dir, name);
    fs.writeFileSync(file, text);
    return file;
  }

  test('finds the line each resource starts on in a template written as aws-cdk-lib writes it', () => {
    const template = {
      Parameters: { Resources: { Type: 'String' } }, // a key named Resources elsewhere is not the section
      Resources: {
        'Fn': { Type: 'AWS::Lambda::Function', Properties: { Environment: { Variables: { Nested: {} } } } },
        'Odd"Id': { Type: 'AWS::SNS::Topic', Properties: {} },
        'Last': { Type: 'AWS::SQS::Queue' },
      },
      Outputs: { Out: { Value: 'x' } },
    };
    const text = JSON.stringify(template, undefined, 1);
    const file = write('t.json', text);
    const lines = text.split('\n');
    const expected = (key: string) => lines.findIndex((l) => l === `  ${JSON.stringify(key)}: {`) + 1;
    const index = new TemplateLines();

    expect(index.lineOf(file, 'Fn')).toBe(expected('Fn'));
    expect(index.lineOf(file, 'Odd"Id')).toBe(expected('Odd"Id'));
    expect(index.lineOf(file, 'Last')).toBe(expected('Last'));
    expect(lines[index.lineOf(file, 'Last')! - 1]).toBe('  "Last": {');
    // keys deeper inside a resource, and keys of other sections, are not resources
    for (const key of ['Properties', 'Environment', 'Variables', 'Nested', 'Out', 'Type']) {
      expect(index.lineOf(file, key)).toBeUndefined();
    }
  });

  test('copes with blank lines, tabs, Windows line endings and a last line without a newline', () => {
    const text = ['{', '\t"Resources": {', '', '\t\t"A": {', '\t\t\t"Type": "X"', '\t\t},', '   ', '\t\t"B": {}', '\t}', '}']
      .join('\r\n');
    const file = write('crlf.json', text);
    const index = new TemplateLines();
    expect(index.lineOf(file, 'A')).toBe(4);
    expect(index.lineOf(file, 'B')).toBe(8);
  });

  test('knows no line when the file is missing, minified or has no Resources section', () => {
    const index = new TemplateLines();
    expect(index.lineOf(path.join(dir, 'missing.json'), 'Fn')).toBeUndefined();
    expect(index.lineOf(write('min.json', JSON.stringify({ Resources: { Fn: { Type: 'X' } } })), 'Fn')).toBeUndefined();
    expect(index.lineOf(write('none.json', JSON.stringify({ Outputs: { Fn: {} } }, undefined, 1)), 'Fn')).toBeUndefined();
  });

  test('a view that already knows its template lines spares reading the file; other files are still read', () => {
    const text = JSON.stringify({ Resources: { Fn: { Type: 'AWS::Lambda::Function' }, Topic: { Type: 'AWS::SNS::Topic' } } }, undefined, 1);
    expect([...TemplateLines.index(text)]).toEqual([['Fn', 3], ['Topic', 6]]);

    const known = new StackView('Known', JSON.parse(text), { templatePath: path.join(dir, 'not-written.json') });
    known._resourceLines = new Map([['Fn', 42]]);
    const other = write('other.json', text);
    const index = new TemplateLines([known, new StackView('Rendered', {})]);
    expect(index.lineOf(known.templatePath!, 'Fn')).toBe(42); // from the view: the file does not exist
    expect(index.lineOf(known.templatePath!, 'Topic')).toBeUndefined();
    expect(index.lineOf(other, 'Topic')).toBe(6);
  });
});
