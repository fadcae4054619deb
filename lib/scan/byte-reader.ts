// Forward-only reads over a byte stream, with skips that never buffer: a pickle
// may carry gigabytes of raw bytes that the scanner must step over, not hold.
import { Readable } from "node:stream";

export class ByteReader {
  // Pending chunks, kept as received: joined only when a read spans several
  // (joining on every arrival made 1 MiB reads over 64 KiB chunks quadratic).
  private chunks: Buffer[] = [];
  private buffered = 0;
  private done = false;
  /** Bytes consumed so far. */
  pos = 0;

  constructor(private readonly it: AsyncIterator<Buffer | Uint8Array>) {}

  static from(stream: AsyncIterable<Buffer | Uint8Array>): ByteReader {
    return new ByteReader(stream[Symbol.asyncIterator]());
  }

  private async fill(n: number): Promise<boolean> {
    while (this.buffered < n && !this.done) {
      const next = await this.it.next();
      if (next.done) this.done = true;
      else if (next.value.length) {
        const b = Buffer.isBuffer(next.value) ? next.value : Buffer.from(next.value.buffer, next.value.byteOffset, next.value.length);
        this.chunks.push(b);
        this.buffered += b.length;
      }
    }
    return this.buffered >= n;
  }

  /** The first n buffered bytes as one Buffer (n <= buffered). */
  private head(n: number): Buffer {
    if (this.chunks[0]!.length < n) {
      let k = 0;
      for (let sum = 0; sum < n; k++) sum += this.chunks[k]!.length;
      this.chunks.splice(0, k, Buffer.concat(this.chunks.slice(0, k)));
    }
    return this.chunks[0]!.subarray(0, n);
  }

  private drop(n: number): void {
    this.buffered -= n;
    this.pos += n;
    while (n > 0) {
      const c = this.chunks[0]!;
      if (c.length <= n) {
        this.chunks.shift();
        n -= c.length;
      } else {
        this.chunks[0] = c.subarray(n);
        n = 0;
      }
    }
  }

  /** True when no byte is left. */
  async atEnd(): Promise<boolean> {
    return !(await this.fill(1));
  }

  async peek(): Promise<number | undefined> {
    return (await this.fill(1)) ? this.chunks[0]![0] : undefined;
  }

  /** Exactly n bytes (n is kept small by callers), or null at end of data. */
  async take(n: number): Promise<Buffer | null> {
    if (!(await this.fill(n))) return null;
    if (n === 0) return Buffer.alloc(0);
    const out = this.head(n);
    this.drop(n);
    return out;
  }

  /** Steps over n bytes; false when the data ends first. */
  async skip(n: number): Promise<boolean> {
    while (n > 0) {
      if (!this.buffered && !(await this.fill(1))) return false;
      const k = Math.min(n, this.buffered);
      this.drop(k);
      n -= k;
    }
    return true;
  }

  /**
   * A text line of any length, read up to and past its newline: only its first
   * `keep` bytes are held (`kept` says whether that was all of it). At the end of
   * data without a newline, what was there (`newline: false`).
   */
  async lineOf(keep: number): Promise<{ bytes: Buffer; length: number; kept: boolean; newline: boolean }> {
    const head: Buffer[] = [];
    let held = 0;
    let length = 0;
    for (;;) {
      if (!this.buffered && !(await this.fill(1))) return { bytes: Buffer.concat(head), length, kept: length <= keep, newline: false };
      const c = this.chunks[0]!;
      const i = c.indexOf(0x0a);
      const part = i >= 0 ? c.subarray(0, i) : c;
      if (held < keep) {
        const k = part.subarray(0, keep - held);
        head.push(Buffer.from(k));
        held += k.length;
      }
      length += part.length;
      this.drop(i >= 0 ? i + 1 : c.length);
      if (i >= 0) return { bytes: Buffer.concat(head), length, kept: length <= keep, newline: true };
    }
  }

  /** Up to n bytes from the current position, left unread. */
  async peekBytes(n: number): Promise<Buffer> {
    await this.fill(n);
    return this.buffered ? Buffer.from(this.head(Math.min(n, this.buffered))) : Buffer.alloc(0);
  }

  /** Everything that is left, or null when it is more than `max` bytes. */
  async readAll(max: number): Promise<Buffer | null> {
    if (await this.fill(max + 1)) return null;
    const out = this.head(this.buffered);
    this.drop(this.buffered);
    return Buffer.from(out);
  }

  /** The unread rest as a stream (for a decompressor or an archive reader). */
  stream(): Readable {
    return Readable.from(this.rest());
  }

  private async *rest(): AsyncGenerator<Buffer> {
    while (this.buffered || (await this.fill(1))) {
      const c = this.chunks[0]!;
      this.drop(c.length);
      yield c;
    }
  }
}
