// bench/weights: what looking inside weights costs, against simply reading the
// same bytes from the blob store, in the same run:
//   - pickle scan of a legacy torch file (a small pickle, then raw storage bytes)
//     and of a pickle carrying big byte strings, vs a raw read of the file;
//   - tensor diff of two safetensors files (digests of both, byte compare and
//     L2 of the changed tensors), vs a raw read of both files;
//   - a header read (the viewers) vs a raw read.
//   npm run bench:weights [-- --mb 256 --runs 3]
import crypto from "node:crypto";
import { parseArgs } from "node:util";
import { benchData, median, runBench } from "./hub-process";

const { values } = parseArgs({ options: { mb: { type: "string", default: "256" }, runs: { type: "string", default: "3" } } });
const MB = Number(values.mb);
const RUNS = Number(values.runs);

function safetensorsOf(tensors: number, floatsEach: number, tweak: (t: number, data: Buffer) => void): Buffer {
  const header: Record<string, unknown> = {};
  for (let t = 0; t < tensors; t++) header[`layer.${t}.weight`] = { dtype: "F32", shape: [floatsEach], data_offsets: [t * floatsEach * 4, (t + 1) * floatsEach * 4] };
  const json = Buffer.from(JSON.stringify(header));
  const len = Buffer.alloc(8);
  len.writeBigUInt64LE(BigInt(json.length));
  const data = Buffer.alloc(tensors * floatsEach * 4);
  for (let i = 0; i < data.length; i += 4) data.writeFloatLE(Math.sin(i) * 0.02, i);
  for (let t = 0; t < tensors; t++) tweak(t, data.subarray(t * floatsEach * 4, (t + 1) * floatsEach * 4));
  return Buffer.concat([len, json, data]);
}

async function main() {
  const { teardown } = await benchData("weights-data");
  const { storeBytes } = await import("../lib/repos/ingest-blob");
  const { blobStore } = await import("../lib/storage");
  const { scanPickleFile } = await import("../lib/scan/scan-pickle-file");
  const { diffWeightSets } = await import("../lib/diff/tensor-diff");
  const { safetensorsHeader } = await import("../lib/formats/read-blob-header");
  const { db } = await import("../lib/db/client");

  const rawRead = async (...files: { sha256: string }[]) => {
    for (const f of files) for await (const _ of await blobStore().read(f.sha256)) void _;
  };
  const time = async (fn: () => Promise<unknown>) => {
    const xs: number[] = [];
    for (let r = 0; r < RUNS; r++) {
      const t = performance.now();
      await fn();
      xs.push(performance.now() - t);
    }
    return median(xs);
  };
  const report = (what: string, ms: number, base: number, bytes: number) =>
    console.log(`${what.padEnd(44)} ${ms.toFixed(0).padStart(7)} ms  ${(bytes / 1e6 / (ms / 1000)).toFixed(0).padStart(6)} MB/s  ratio vs raw read ${(ms / base).toFixed(2)}`);

  const bytes = MB * 1024 * 1024;
  // legacy torch.save: magic pickle, a state-dict pickle, then raw storage bytes
  const legacy = Buffer.concat([Buffer.from([0x80, 0x02, 0x4b, 0x01, 0x2e]), Buffer.from([0x80, 0x02, 0x7d, 0x2e]), crypto.randomBytes(bytes)]);
  // a pickle that carries its data inline (numpy arrays, BINBYTES8): the scanner must step over it
  const chunk = 64 * 1024 * 1024;
  const parts: Buffer[] = [Buffer.from([0x80, 0x04])];
  for (let left = bytes; left > 0; left -= chunk) {
    const n = Math.min(chunk, left);
    const h = Buffer.alloc(9);
    h[0] = 0x8e;
    h.writeBigUInt64LE(BigInt(n), 1);
    parts.push(h, crypto.randomBytes(n), Buffer.from([0x30]));
  }
  parts.push(Buffer.from([0x4e, 0x2e]));
  const inline = Buffer.concat(parts);
  const floats = 1024 * 1024; // 4 MiB tensors
  const tensors = Math.max(2, Math.floor(bytes / (floats * 4)));
  const a = safetensorsOf(tensors, floats, () => {});
  const b = safetensorsOf(tensors, floats, (t, d) => { if (t % 4 === 0) for (let i = 0; i < d.length; i += 4096) d.writeFloatLE(d.readFloatLE(i) + 0.001, i); });
  const [fl, fi, fa, fb] = await Promise.all([legacy, inline, a, b].map(async (buf) => ({ ...(await storeBytes(buf)), size: buf.length })));

  console.log(`bench/weights: ${MB} MiB files on the ${blobStore().kind} store, median of ${RUNS} runs`);
  const rawLegacy = await time(() => rawRead(fl!));
  report("raw read (legacy torch file)", rawLegacy, rawLegacy, fl!.size);
  report("pickle scan: legacy torch file", await time(() => scanPickleFile(fl!)), rawLegacy, fl!.size);
  const rawInline = await time(() => rawRead(fi!));
  report("raw read (inline-data pickle)", rawInline, rawInline, fi!.size);
  report("pickle scan: inline-data pickle", await time(() => scanPickleFile(fi!)), rawInline, fi!.size);
  const rawPair = await time(() => rawRead(fa!, fb!));
  report("raw read of both safetensors", rawPair, rawPair, fa!.size + fb!.size);
  const diff = async () => {
    await db().tensorDigest.deleteMany({ where: { sha256: { in: [fa!.sha256, fb!.sha256] } } });
    return diffWeightSets([{ path: "m.safetensors", ...fa! }], [{ path: "m.safetensors", ...fb! }]);
  };
  const r = await diff();
  report(`tensor diff, cold (${r.counts.changed}/${tensors} tensors changed)`, await time(diff), rawPair, fa!.size + fb!.size);
  const warm = () => diffWeightSets([{ path: "m.safetensors", ...fa! }], [{ path: "m.safetensors", ...fb! }]);
  report("tensor diff, digests cached", await time(warm), rawPair, fa!.size + fb!.size);
  report("safetensors header read (viewer)", await time(() => safetensorsHeader(fa!)), rawPair / 2, fa!.size);
  await teardown();
}

runBench(main);
