import * as fs from 'fs';
import * as path from 'path';
import { FileSink, StringSink, writeJsonWithStreamedArray } from '../../src/reporting/private/report-sink';
import { tempDir } from '../support/temp-dirs';

const PLACEHOLDER = '\u0000items\u0000';

function streamed(document: unknown, items: unknown[]): string {
  const sink = new StringSink();
  writeJsonWithStreamedArray(sink, document, PLACEHOLDER, items);
  return sink.toString();
}

describe('report sinks', () => {
  let dir: string;
  beforeEach(() => {
    dir = tempDir('reports');
  });

  test('a streamed array gives exactly JSON.stringify of the whole document, for no, one, a few and many items', () => {
    const many = Array.from({ length: 100 }, (_, i) => ({ index: i, text: `item "${i}"` })); // several batches, the last partial
    for (const items of [[], [{ a: 1 }], [{ a: 1, b: 'x"y' }, { c: [1, 2] }, { d: null }], many, many.slice(0, 64)]) {
      const document = { before: 1, items: PLACEHOLDER, after: { nested: 'z' } };
      expect(streamed(document, items)).toBe(`${JSON.stringify({ ...document, items })}\n`);
    }
  });

  test('a document without the placeholder is a programming error, said plainly', () => {
    expect(() => streamed({ items: [] }, [])).toThrow(/placeholder is not in the document/);
  });

  test('a file sink writes everything, across many flushes, and closes the file when rendering fails', () => {
    const file = path.join(dir, 'big.json');
    const items = Array.from({ length: 20000 }, (_, i) => ({ index: i, text: 'x'.repeat(40) }));
    FileSink.writeFile(file, (sink) => writeJsonWithStreamedArray(sink, { items: PLACEHOLDER }, PLACEHOLDER, items));
    expect(fs.statSync(file).size).toBeGreaterThan(1024 * 1024);
    expect(JSON.parse(fs.readFileSync(file, 'utf-8'))).toEqual({ items });

    const failing = path.join(dir, 'failing.json');
    expect(() => FileSink.writeFile(failing, (sink) => {
      sink.write('{');
      throw new Error('render failed');
    })).toThrow('render failed');
    fs.rmSync(failing); // the descriptor was closed: the file can be removed and the folder too
  });

  test('a file sink streams array items exactly: multi-byte characters, buffer boundaries, a batch larger than the buffer', () => {
    const file = path.join(dir, 'items.json');
    const items: unknown[] = Array.from({ length: 5000 }, (_, i) => ({ index: i, text: `é${i}€😀 "q"` }));
    items.splice(2500, 0, { huge: 'ü'.repeat(300 * 1024) }); // its batch does not fit the buffer
    const document = { before: 'ä', items: PLACEHOLDER, after: 1 };
    FileSink.writeFile(file, (sink) => writeJsonWithStreamedArray(sink, document, PLACEHOLDER, items));
    expect(fs.readFileSync(file, 'utf-8')).toBe(`${JSON.stringify({ ...document, items })}\n`);
  });

  test('a file sink encodes multi-byte characters exactly, across buffer boundaries and in chunks larger than its buffer', () => {
    const file = path.join(dir, 'unicode.txt');
    const small = Array.from({ length: 30000 }, (_, i) => `é${i}€😀|`); // 2-, 3- and 4-byte characters
    const large = `${'ü'.repeat(200 * 1024)}😀`; // one chunk longer than the buffer
    FileSink.writeFile(file, (sink) => {
      for (const chunk of small) sink.write(chunk);
      sink.write(large);
      sink.write('end');
    });
    expect(fs.readFileSync(file, 'utf-8')).toBe(`${small.join('')}${large}end`);

    const second = path.join(dir, 'second.txt'); // the reused buffer carries nothing over from the last file
    FileSink.writeFile(second, (sink) => sink.write('only this'));
    expect(fs.readFileSync(second, 'utf-8')).toBe('only this');
  });
});
