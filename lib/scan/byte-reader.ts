// Forward-only reads over a byte stream, with skips that never buffer: a pickle
// may carry gigabytes of raw bytes that the scanner must step over, not hold.

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

  /** Bytes up to a newline (not included), at most `max` of them; null if none within reach. */
  async line(max: number): Promise<Buffer | null> {
    let scanned = 0; // bytes already searched: each arrival is searched once
    for (;;) {
      let off = 0;
      for (const c of this.chunks) {
        if (off + c.length > scanned) {
          const i = c.indexOf(0x0a, Math.max(0, scanned - off));
          if (i >= 0) {
            const at = off + i;
            if (at > max) return null;
            const out = Buffer.from(this.head(at));
            this.drop(at + 1);
            return out;
          }
        }
        off += c.length;
      }
      scanned = this.buffered;
      if (scanned > max || !(await this.fill(this.buffered + 1))) return null;
    }
  }
}
