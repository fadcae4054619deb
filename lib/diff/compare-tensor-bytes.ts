// Two same-shaped tensors compared byte by byte, streamed side by side: the
// fraction of bytes that differ and, for float dtypes, the relative L2 norm of
// the difference ||b - a|| / ||a||.
import { blobStore } from "../storage";
import { ByteReader } from "../scan/byte-reader";

export type TensorRef = { sha256: string; start: number; end: number }; // absolute, end exclusive
export type ByteComparison = { changedFraction: number; relativeL2: number | null };

/** Tensors above this are compared by bytes only. */
export const MAX_L2_BYTES = 256 * 1024 * 1024;
const CHUNK = 1 << 20;

const WIDTH: Record<string, number> = { F16: 2, BF16: 2, F32: 4, F64: 8 };

let halfTable: Float32Array | undefined;
let bf16Table: Float32Array | undefined;

/** Every 16-bit pattern decoded once: table lookups instead of per-element bit twiddling. */
function table16(dtype: "F16" | "BF16"): Float32Array {
  if (dtype === "F16") return (halfTable ??= Float32Array.from({ length: 65536 }, (_, h) => half(h)));
  if (!bf16Table) {
    const u = new Uint32Array(65536);
    for (let h = 0; h < 65536; h++) u[h] = h << 16;
    bf16Table = new Float32Array(u.buffer);
  }
  return bf16Table;
}

function half(h: number): number {
  const s = h & 0x8000 ? -1 : 1;
  const e = (h >> 10) & 0x1f;
  const m = h & 0x3ff;
  if (e === 0) return s * m * 2 ** -24;
  if (e === 31) return m ? NaN : s * Infinity;
  return s * (1 + m / 1024) * 2 ** (e - 15);
}

/** Aligned scratch space: chunks are copied in (a memcpy) so typed views can read them (little-endian hosts, as safetensors). */
class Scratch {
  readonly bytes = new Uint8Array(CHUNK);
  readonly u16 = new Uint16Array(this.bytes.buffer);
  readonly u32 = new Uint32Array(this.bytes.buffer);
  readonly f32 = new Float32Array(this.bytes.buffer);
  readonly f64 = new Float64Array(this.bytes.buffer);
}

/** Sums of a² and (b−a)² over a chunk, by dtype. */
function l2Chunk(dtype: string, a: Scratch, b: Scratch, k: number, acc: { base: number; diff: number }) {
  if (dtype === "F32" || dtype === "F64") {
    const [x, y] = dtype === "F32" ? [a.f32, b.f32] : [a.f64, b.f64];
    for (let i = 0, n = k / WIDTH[dtype]!; i < n; i++) {
      const v = x[i]!;
      const d = y[i]! - v;
      acc.base += v * v;
      acc.diff += d * d;
    }
  } else {
    const t = table16(dtype as "F16" | "BF16");
    for (let i = 0, n = k / 2; i < n; i++) {
      const v = t[a.u16[i]!]!;
      const d = t[b.u16[i]!]! - v;
      acc.base += v * v;
      acc.diff += d * d;
    }
  }
}

function changedBytes(a: Scratch, b: Scratch, k: number): number {
  let changed = 0;
  const words = k >> 2;
  for (let i = 0; i < words; i++) {
    const x = a.u32[i]! ^ b.u32[i]!;
    if (x) changed += (x & 0xff ? 1 : 0) + (x & 0xff00 ? 1 : 0) + (x & 0xff0000 ? 1 : 0) + (x & 0xff000000 ? 1 : 0);
  }
  for (let i = words << 2; i < k; i++) if (a.bytes[i] !== b.bytes[i]) changed++;
  return changed;
}

export async function compareTensorBytes(a: TensorRef, b: TensorRef, dtype: string): Promise<ByteComparison> {
  const n = a.end - a.start;
  if (n !== b.end - b.start) throw new Error("compareTensorBytes needs equal sizes");
  if (n === 0) return { changedFraction: 0, relativeL2: null };
  const ra = ByteReader.from(await blobStore().read(a.sha256, { start: a.start, end: a.end - 1 }));
  const rb = ByteReader.from(await blobStore().read(b.sha256, { start: b.start, end: b.end - 1 }));
  const w = WIDTH[dtype];
  const withL2 = w !== undefined && n <= MAX_L2_BYTES && n % w === 0;
  const [sa, sb] = [new Scratch(), new Scratch()];
  const acc = { base: 0, diff: 0 };
  let changed = 0;
  for (let left = n; left > 0; ) {
    const k = Math.min(left, CHUNK);
    const [x, y] = await Promise.all([ra.take(k), rb.take(k)]);
    if (!x || !y) throw new Error("a tensor's bytes end early");
    sa.bytes.set(x);
    sb.bytes.set(y);
    changed += changedBytes(sa, sb, k);
    if (withL2) l2Chunk(dtype, sa, sb, k, acc);
    left -= k;
  }
  return { changedFraction: changed / n, relativeL2: withL2 && acc.base > 0 && Number.isFinite(acc.diff) ? Math.sqrt(acc.diff) / Math.sqrt(acc.base) : null };
}
