// Sequential reads over a file reachable only by range reads: fetched in 1 MiB
// windows, with a cap on how far a header may go, so hostile sizes cannot make
// the hub read or allocate without bound.
import { FormatError } from "./safetensors";

export type ReadRange = (start: number, end: number) => Promise<Buffer>; // inclusive end

const WINDOW = 1 << 20;

export class RangeCursor {
  pos = 0;
  private buf: Buffer = Buffer.alloc(0);
  private bufStart = 0;

  constructor(
    private readonly read: ReadRange,
    private readonly size: number,
    private readonly limit: number,
  ) {}

  async take(n: number): Promise<Buffer> {
    if (!Number.isSafeInteger(n) || n < 0) throw new FormatError("cannot parse: a length is out of range");
    if (this.pos + n > this.size) throw new FormatError(`cannot parse: a field at byte ${this.pos} runs past the end of the file`);
    if (this.pos + n > this.limit) throw new FormatError(`cannot parse: the header is larger than ${this.limit} bytes`);
    const end = this.pos + n;
    if (this.pos < this.bufStart || end > this.bufStart + this.buf.length) {
      const from = this.pos;
      const to = Math.min(this.size, Math.max(end, from + WINDOW)) - 1;
      this.buf = await this.read(from, to);
      this.bufStart = from;
    }
    const out = this.buf.subarray(this.pos - this.bufStart, end - this.bufStart);
    this.pos = end;
    return out;
  }

  /** Steps over n bytes without reading them. */
  skip(n: number): void {
    if (!Number.isSafeInteger(n) || n < 0 || this.pos + n > this.size) throw new FormatError(`cannot parse: a field at byte ${this.pos} runs past the end of the file`);
    this.pos += n;
  }

  /** A protobuf base-128 varint (up to 64 bits). */
  async varint(): Promise<bigint> {
    let out = 0n;
    for (let shift = 0n; shift < 70n; shift += 7n) {
      const b = (await this.take(1))[0]!;
      out |= BigInt(b & 0x7f) << shift;
      if (!(b & 0x80)) return out;
    }
    throw new FormatError(`cannot parse: a varint at byte ${this.pos} is longer than 10 bytes`);
  }

  async u32(): Promise<number> {
    return (await this.take(4)).readUInt32LE(0);
  }

  async u64(): Promise<bigint> {
    return (await this.take(8)).readBigUInt64LE(0);
  }
}
