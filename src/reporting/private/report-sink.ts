import * as fs from 'fs';

/** Where a report is written, piece by piece. */
export interface ReportSink {
  write(chunk: string): void;
}

/** Collects a report in memory (`render()` of each report). */
export class StringSink implements ReportSink {
  private readonly chunks: string[] = [];

  public write(chunk: string): void {
    this.chunks.push(chunk);
  }

  public toString(): string {
    return this.chunks.join('');
  }
}

/** Flush to disk every 256 K characters: large enough for few system calls, small enough to reuse memory. */
const FLUSH_AT = 256 * 1024;

/**
 * Writes a report to a file in chunks. The reports of a large app run to tens of megabytes; building each as one
 * string (and one buffer to write it) on every synth costs more than rendering it, mostly in fresh memory.
 */
export class FileSink implements ReportSink {
  /** Writes a file through a sink, closing it whatever happens. */
  public static writeFile(file: string, render: (sink: ReportSink) => void): void {
    const sink = new FileSink(file);
    try {
      render(sink);
      sink.flush();
    } finally {
      fs.closeSync(sink.fd);
    }
  }

  private readonly fd: number;
  private pending: string[] = [];
  private pendingLength = 0;

  private constructor(file: string) {
    this.fd = fs.openSync(file, 'w');
  }

  public write(chunk: string): void {
    this.pending.push(chunk);
    this.pendingLength += chunk.length;
    if (this.pendingLength >= FLUSH_AT) this.flush();
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    fs.writeSync(this.fd, this.pending.join(''));
    this.pending = [];
    this.pendingLength = 0;
  }
}

/**
 * Writes `document` as compact JSON (exactly what `JSON.stringify` gives), except that the string `placeholder`
 * inside it stands for an array whose items are serialized one at a time as they are produced, so they never exist
 * all at once as objects or as one string.
 */
export function writeJsonWithStreamedArray(sink: ReportSink, document: unknown, placeholder: string, items: Iterable<unknown>): void {
  const text = JSON.stringify(document);
  const marker = JSON.stringify(placeholder);
  const at = text.indexOf(marker);
  if (at < 0) throw new Error('writeJsonWithStreamedArray: the placeholder is not in the document');
  sink.write(`${text.slice(0, at)}[`);
  let first = true;
  for (const item of items) {
    sink.write(first ? JSON.stringify(item) : `,${JSON.stringify(item)}`);
    first = false;
  }
  sink.write(`]${text.slice(at + marker.length)}\n`);
}
