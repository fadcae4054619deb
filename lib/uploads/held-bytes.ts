// Bytes kept for a few seconds (a relayed part waiting its turn to be hashed),
// copied into reusable slabs. Keeping the socket's own buffers instead would let
// them outlive V8's young generation: freed only by full collections, which V8
// then starts for every few tens of megabytes passing through (external memory).
const SLAB = 1 << 20;
const KEEP = 64; // slabs kept for reuse (64 MiB); more are left to the collector
const spare: Buffer[] = [];

export class HeldBytes {
  private slabs: Buffer[] = [];
  /** Bytes written into the last slab. */
  private used = 0;
  length = 0;

  append(b: Buffer): void {
    for (let off = 0; off < b.length; ) {
      if (this.slabs.length === 0 || this.used === SLAB) {
        this.slabs.push(spare.pop() ?? Buffer.allocUnsafeSlow(SLAB));
        this.used = 0;
      }
      const n = b.copy(this.slabs[this.slabs.length - 1]!, this.used, off, Math.min(b.length, off + SLAB - this.used));
      this.used += n;
      off += n;
    }
    this.length += b.length;
  }

  /** What was appended, in order, as views on the slabs (valid until release). */
  *views(): Generator<Buffer> {
    for (let i = 0; i < this.slabs.length; i++) yield this.slabs[i]!.subarray(0, i === this.slabs.length - 1 ? this.used : SLAB);
  }

  release(): void {
    for (const s of this.slabs) if (spare.length < KEEP) spare.push(s);
    this.slabs = [];
    this.used = 0;
    this.length = 0;
  }
}
