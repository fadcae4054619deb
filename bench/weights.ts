// bench/weights: what looking inside weights costs, against simply reading the
// same bytes from the blob store, in the same run:
//   - pickle scan of a legacy torch file (a small pickle, then raw storage bytes)
//     and of a pickle carrying big byte strings, vs a raw read of the file;
//   - tensor diff of two safetensors files (digests of both, byte compare and
//     L2 of the changed tensors), vs a raw read of both files;
//   - a header read (the viewers) vs a raw read.
//   npm run bench:weights [-- --mb 256 --runs 5]
import crypto from "node:crypto";
import { parseArgs } from "node:util";
import { benchData, runBench } from "./hub-process";
import { interleaved, median, roundsFrom, Targets, withSpread } from "./report";

const { values } = parseArgs({ options: { mb: { type: "string", default: "256" }, runs: { type: "string", default: "5" } } });
const MB = Number(values.mb);
const RUNS = roundsFrom(values.runs, "--runs");

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
  /** Milliseconds a call, over `calls` calls in a row (a call of a millisecond or two is otherwise mostly the pause of a collection that lands in it). */
  const timed = (fn: () => Promise<unknown>, calls = 1) => async () => {
    const t = performance.now();
    for (let i = 0; i < calls; i++) await fn();
    return (performance.now() - t) / calls;
  };
  const targets = new Targets();
  /** The operation and the raw read of the same bytes in interleaved rounds; prints both medians and checks op/raw against `max`. */
  const compare = async (what: string, op: () => Promise<unknown>, raw: () => Promise<unknown>, bytes: number, max: number, opCalls = 1) => {
    const runs = await interleaved(RUNS, { op: timed(op, opCalls), raw: timed(raw) });
    const [ms, base] = [median(runs.op), median(runs.raw)];
    console.log(`${what.padEnd(44)} ${withSpread(runs.op).padStart(20)} ms  ${(bytes / 1e6 / (ms / 1000)).toFixed(0).padStart(6)} MB/s  raw read ${withSpread(runs.raw, 0).padStart(14)} ms  ratio ${(ms / base).toFixed(3)}`);
    targets.check(what, ms / base <= max, `${(ms / base).toFixed(3)} of a raw read of the same bytes (target <= ${max})`);
  };

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

  console.log(`bench/weights: ${MB} MiB files on the ${blobStore().kind} store, median (min–max) of ${RUNS} interleaved rounds against a raw read of the same bytes`);
  // scanning streams the file once: it may cost little more than reading it
  await compare("pickle scan: legacy torch file", () => scanPickleFile(fl!), () => rawRead(fl!), fl!.size, 1.5);
  await compare("pickle scan: inline-data pickle", () => scanPickleFile(fi!), () => rawRead(fi!), fi!.size, 1.5);
  const diff = async () => {
    await db().tensorDigest.deleteMany({ where: { sha256: { in: [fa!.sha256, fb!.sha256] } } });
    return diffWeightSets([{ path: "m.safetensors", ...fa! }], [{ path: "m.safetensors", ...fb! }]);
  };
  const r = await diff();
  // a cold diff reads both files once and hashes each tensor
  await compare(`tensor diff, cold (${r.counts.changed}/${tensors} tensors changed)`, diff, () => rawRead(fa!, fb!), fa!.size + fb!.size, 2);
  const warm = () => diffWeightSets([{ path: "m.safetensors", ...fa! }], [{ path: "m.safetensors", ...fb! }]);
  // with digests stored, a diff skips hashing; it still reads and compares the changed tensors (a quarter of both files here)
  await compare("tensor diff, digests cached", warm, () => rawRead(fa!, fb!), fa!.size + fb!.size, 0.05);
  // the viewer reads the header by range: a fixed cost, not the file's (timed as the mean of 20 reads a round)
  await compare("safetensors header read (viewer)", () => safetensorsHeader(fa!), () => rawRead(fa!), fa!.size, 0.02, 20);
  await teardown();
  targets.done();
}

runBench(main);
