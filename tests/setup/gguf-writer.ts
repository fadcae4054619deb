// Builds GGUF files byte by byte for tests.
export class GgufWriter {
  parts: Buffer[] = [];
  u32(n: number) {
    const b = Buffer.alloc(4);
    b.writeUInt32LE(n);
    this.parts.push(b);
    return this;
  }
  u64(n: bigint | number) {
    const b = Buffer.alloc(8);
    b.writeBigUInt64LE(BigInt(n));
    this.parts.push(b);
    return this;
  }
  str(s: string) {
    this.u64(Buffer.byteLength(s));
    this.parts.push(Buffer.from(s));
    return this;
  }
  raw(b: Buffer) {
    this.parts.push(b);
    return this;
  }
  done(pad = 64) {
    return Buffer.concat([...this.parts, Buffer.alloc(pad)]);
  }
}

export const ggufHead = (tensors: number, kvs: number, version = 3) => new GgufWriter().raw(Buffer.from("GGUF")).u32(version).u64(tensors).u64(kvs);
