// Builds safetensors files from named F32 (or other dtype) tensors for tests.
export function safetensors(tensors: Record<string, { shape: number[]; values?: number[]; dtype?: "F32" | "F16" }>, metadata?: Record<string, string>): Buffer {
  const header: Record<string, unknown> = metadata ? { __metadata__: metadata } : {};
  const datas: Buffer[] = [];
  let offset = 0;
  for (const [name, t] of Object.entries(tensors)) {
    const n = t.shape.reduce((a, b) => a * b, 1);
    const dtype = t.dtype ?? "F32";
    const width = dtype === "F32" ? 4 : 2;
    const data = Buffer.alloc(n * width);
    for (let i = 0; i < n; i++) {
      const v = t.values?.[i] ?? 0;
      if (dtype === "F32") data.writeFloatLE(v, i * 4);
      else data.writeUInt16LE(v, i * 2); // F16 given as raw bits
    }
    header[name] = { dtype, shape: t.shape, data_offsets: [offset, offset + data.length] };
    datas.push(data);
    offset += data.length;
  }
  const json = Buffer.from(JSON.stringify(header));
  const len = Buffer.alloc(8);
  len.writeBigUInt64LE(BigInt(json.length));
  return Buffer.concat([len, json, ...datas]);
}
