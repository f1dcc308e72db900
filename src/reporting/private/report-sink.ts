import * as fs from 'fs';

/** Where a report is written, piece by piece. */
export interface ReportSink {
  write(chunk: string): void;
  /** Writes the items of a JSON array text without its brackets: `[a,b]` writes `a,b`. */
  writeArrayItems(arrayJson: string): void;
}

/** Collects a report in memory (`render()` of each report). */
export class StringSink implements ReportSink {
  private readonly chunks: string[] = [];

  public write(chunk: string): void {
    this.chunks.push(chunk);
  }

  public writeArrayItems(arrayJson: string): void {
    this.chunks.push(arrayJson.slice(1, -1));
  }

  public toString(): string {
    return this.chunks.join('');
  }
}

/** Bytes buffered before a write to disk: large enough for few system calls, small enough to stay in cache. */
const BUFFER_BYTES = 256 * 1024;
/** UTF-8 takes at most 3 bytes per UTF-16 code unit (a surrogate pair: 4 bytes for 2 units). */
const MAX_UTF8_BYTES_PER_UNIT = 3;

/**
 * Writes a report to a file through one reused buffer. The reports of a large app run to tens of megabytes; joining
 * chunks into strings and converting each to a fresh buffer touches that much new memory on every synth, which
 * costs more than rendering the report (a page fault per 4 KiB, and on virtual machines page faults are slow).
 * Encoding each chunk straight into a buffer that is allocated once keeps the memory touched constant.
 */
export class FileSink implements ReportSink {
  /** Writes a file through a sink, closing it whatever happens. */
  public static writeFile(file: string, render: (sink: ReportSink) => void): void {
    const sink = new FileSink(file, FileSink.takeBuffer());
    try {
      render(sink);
      sink.flush();
    } finally {
      fs.closeSync(sink.fd);
      FileSink.idleBuffer = sink.buffer;
    }
  }

  /** The buffer of the last sink that finished, for the next one (undefined while a sink uses it). */
  private static idleBuffer: Buffer | undefined;

  private static takeBuffer(): Buffer {
    const buffer = FileSink.idleBuffer ?? Buffer.allocUnsafe(BUFFER_BYTES);
    FileSink.idleBuffer = undefined;
    return buffer;
  }

  private readonly fd: number;
  private used = 0;

  private constructor(file: string, private readonly buffer: Buffer) {
    this.fd = fs.openSync(file, 'w');
  }

  public write(chunk: string): void {
    const worstCase = chunk.length * MAX_UTF8_BYTES_PER_UNIT;
    if (worstCase > this.buffer.length - this.used) {
      this.flush();
      if (worstCase > this.buffer.length) {
        writeAll(this.fd, Buffer.from(chunk, 'utf8')); // rare: a single chunk larger than the buffer
        return;
      }
    }
    this.used += this.buffer.write(chunk, this.used, 'utf8');
  }

  /**
   * Encodes the whole array text and then drops its brackets inside the buffer (one byte each in UTF-8): slicing the
   * string first would copy every report item once more, about as many bytes as the reports themselves.
   */
  public writeArrayItems(arrayJson: string): void {
    const worstCase = arrayJson.length * MAX_UTF8_BYTES_PER_UNIT;
    if (worstCase > this.buffer.length - this.used) {
      this.flush();
      if (worstCase > this.buffer.length) {
        this.write(arrayJson.slice(1, -1)); // rare: a batch larger than the buffer
        return;
      }
    }
    const start = this.used;
    const bytes = this.buffer.write(arrayJson, start, 'utf8');
    this.buffer.copyWithin(start, start + 1, start + bytes - 1);
    this.used = start + bytes - 2;
  }

  private flush(): void {
    writeAll(this.fd, this.buffer.subarray(0, this.used));
    this.used = 0;
  }
}

/** `fs.writeSync` may write fewer bytes than asked: write until all are written. */
function writeAll(fd: number, bytes: Buffer): void {
  for (let offset = 0; offset < bytes.length;) offset += fs.writeSync(fd, bytes, offset, bytes.length - offset);
}

/**
 * Items serialized per `JSON.stringify` call. One call per item costs a third more: V8 builds each result from parts
 * that start small and grow, then copies them into one string; a few dozen report items (tens of kilobytes) amortize
 * that while staying below the size from which V8 allocates strings outside the young generation.
 */
const ITEMS_PER_STRINGIFY = 32;

/**
 * Writes `document` as compact JSON (exactly what `JSON.stringify` gives), except that the string `placeholder`
 * inside it stands for an array whose items are serialized a few at a time as they are produced, so they never exist
 * all at once as objects or as one string.
 */
export function writeJsonWithStreamedArray(sink: ReportSink, document: unknown, placeholder: string, items: Iterable<unknown>): void {
  const text = JSON.stringify(document);
  const marker = JSON.stringify(placeholder);
  const at = text.indexOf(marker);
  if (at < 0) throw new Error('writeJsonWithStreamedArray: the placeholder is not in the document');
  sink.write(`${text.slice(0, at)}[`);
  let first = true;
  let batch: unknown[] = [];
  const writeBatch = (): void => {
    if (batch.length === 0) return;
    if (!first) sink.write(',');
    sink.writeArrayItems(JSON.stringify(batch)); // `[a,b,c]`: its inside is exactly the items joined by commas
    first = false;
    batch = [];
  };
  for (const item of items) {
    batch.push(item);
    if (batch.length === ITEMS_PER_STRINGIFY) writeBatch();
  }
  writeBatch();
  sink.write(`]${text.slice(at + marker.length)}\n`);
}
