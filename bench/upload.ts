// bench/upload: a file through the LFS multipart path vs a raw baseline to the same
// place, in interleaved rounds of the same run (hub, raw, raw, hub…), each upload of
// fresh content.  S3: parts PUT to the hub, which relays them to the bucket and
// hashes them on the way, + completion (join and check; the object stays where it was joined)
// vs raw parallel presigned part PUTs to the same S3 server, joined.  Disk: parts
// PUT to the hub + completion vs a plain file copy.
//   npm run bench:upload [-- --mb 512 --rounds 5]
import { copyFile, open, rm, writeFile } from "node:fs/promises";
import crypto from "node:crypto";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { parseArgs } from "node:util";
import S3rver from "s3rver";
import { CompleteMultipartUploadCommand, CreateBucketCommand, CreateMultipartUploadCommand, UploadPartCommand } from "@aws-sdk/client-s3";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { benchData, runBench, startHub, stopHub } from "./hub-process";
import { interleaved, median, roundsFrom, Targets, withSpread } from "./report";

const { values } = parseArgs({ options: { mb: { type: "string", default: "512" }, rounds: { type: "string", default: "5" } } });
const ROUNDS = roundsFrom(values.rounds);
const SIZE = Number(values.mb) * 1024 * 1024;
const PART = 16 * 1024 * 1024;
const PARALLEL = 5; // as @huggingface/hub does

async function readPart(file: string, n: number, chunk: number): Promise<Buffer> {
  const fh = await open(file, "r");
  try {
    const len = Math.min(chunk, SIZE - (n - 1) * chunk);
    const buf = Buffer.alloc(len);
    await fh.read(buf, 0, len, (n - 1) * chunk);
    return buf;
  } finally {
    await fh.close();
  }
}

async function inParallel(urls: string[], file: string, chunk: number): Promise<{ partNumber: number; etag: string }[]> {
  const out: { partNumber: number; etag: string }[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: PARALLEL }, async () => {
      while (next < urls.length) {
        const i = next++;
        const res = await fetch(urls[i]!, { method: "PUT", body: new Uint8Array(await readPart(file, i + 1, chunk)) });
        if (!res.ok) throw new Error(`part ${i + 1}: HTTP ${res.status} ${await res.text()}`);
        out.push({ partNumber: i + 1, etag: res.headers.get("etag")! });
      }
    }),
  );
  return out.sort((a, b) => a.partNumber - b.partNumber);
}

/** A fresh file of --mb MiB (new content each call, so the hub never answers "already stored") and its sha256. */
async function freshFile(file: string): Promise<string> {
  const h = crypto.createHash("sha256");
  const fh = await open(file, "w");
  const block = crypto.randomBytes(1 << 20);
  for (let i = 0; i < SIZE >> 20; i++) {
    crypto.randomFillSync(block, 0, 16);
    await fh.write(block);
    h.update(block);
  }
  // On disk before the clock starts: its write-back would otherwise slow whichever side fsyncs (the hub's database commits).
  await fh.sync();
  await fh.close();
  return h.digest("hex");
}

/** Seconds from the last part's answer to the completion's, per upload: what a user waits for after the bar is full. */
const completions: Record<"disk" | "s3", number[]> = { disk: [], s3: [] };
/** Seconds of the parts alone (first part sent to last part answered) per S3 upload, and the raw side's join. */
const partsPhase: Record<"hub" | "raw", number[]> = { hub: [], raw: [] };
const rawJoins: number[] = [];

async function hubUpload(base: string, token: string, repo: string, file: string, oid: string, store: "disk" | "s3"): Promise<number> {
  const t0 = performance.now();
  const batch = await fetch(`${base}/${repo}.git/info/lfs/objects/batch`, {
    method: "POST",
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/vnd.git-lfs+json" },
    body: JSON.stringify({ operation: "upload", transfers: ["basic", "multipart"], objects: [{ oid, size: SIZE }] }),
  });
  const upload = ((await batch.json()) as { objects: { actions: { upload: { href: string; header: Record<string, string> } } }[] }).objects[0]!.actions.upload;
  const keys = Object.keys(upload.header).filter((k) => /^\d+$/.test(k)).sort();
  const tParts = performance.now();
  const parts = await inParallel(keys.map((k) => upload.header[k]!), file, Number(upload.header.chunk_size));
  const t1 = performance.now();
  if (store === "s3") partsPhase.hub.push((t1 - tParts) / 1000);
  const done = await fetch(upload.href, { method: "POST", body: JSON.stringify({ oid, parts }) });
  if (!done.ok) throw new Error(`completion: ${await done.text()}`);
  completions[store].push((performance.now() - t1) / 1000);
  return performance.now() - t0;
}

async function main() {
  const { dataDir, teardown } = await benchData("upload-data");
  const s3dir = path.join(dataDir, "s3");
  const s3server = new S3rver({ port: 0, address: "127.0.0.1", silent: true, directory: s3dir });
  const { port } = (await s3server.run()) as AddressInfo;
  const s3env = { S3_BUCKET: "bench", S3_ENDPOINT: `http://127.0.0.1:${port}`, S3_ACCESS_KEY_ID: "S3RVER", S3_SECRET_ACCESS_KEY: "S3RVER" };
  const { S3BlobStore } = await import("../lib/storage/s3-store");
  const raw = new S3BlobStore({ bucket: "bench", endpoint: s3env.S3_ENDPOINT, region: "us-east-1", accessKeyId: "S3RVER", secretAccessKey: "S3RVER", forcePathStyle: true });
  await raw.client.send(new CreateBucketCommand({ Bucket: "bench" }));

  const { createUser } = await import("../lib/auth/users");
  const { createToken } = await import("../lib/auth/tokens");
  const { createRepo } = await import("../lib/repos/create-repo");
  const user = await createUser({ username: "uploader", email: "up@example.test", password: "bench password" });
  const { token } = await createToken(user.id, "bench", "write");
  await createRepo({ owner: user, name: "up", private: false });
  const file = path.join(dataDir, "src.bin");

  const mbps = (ms: number) => SIZE / (ms / 1000) / 1e6;
  // Each sample writes new content first (untimed), so nothing is ever "already stored".
  const hubSide = (store: "disk" | "s3") => async () => mbps(await hubUpload("http://localhost:3297", token, "uploader/up", file, await freshFile(file), store));

  // Local disk: the hub's part PUTs + completion vs copying the file.
  // No TF.js demos: seeding them queues minutes of model work for the hub's worker, which took a core from the measurement.
  const quiet = { MODELHUB_SEED_DEMOS: "0" };
  let hub = await startHub(3297, dataDir, quiet);
  const disk = await interleaved(ROUNDS, {
    hub: hubSide("disk"),
    raw: async () => {
      await freshFile(file);
      const t0 = performance.now();
      await copyFile(file, path.join(dataDir, "copy.bin"));
      const ms = performance.now() - t0;
      await rm(path.join(dataDir, "copy.bin"));
      return mbps(ms);
    },
  });
  await stopHub(hub);

  // S3: the hub run with S3_* set, against the same s3rver, vs raw presigned part PUTs there.
  Object.assign(process.env, s3env);
  hub = await startHub(3297, dataDir, quiet);
  const s3 = await interleaved(ROUNDS, {
    hub: hubSide("s3"),
    raw: async () => {
      await freshFile(file);
      const t1 = performance.now();
      const key = `raw/${crypto.randomUUID()}`;
      const { UploadId } = await raw.client.send(new CreateMultipartUploadCommand({ Bucket: "bench", Key: key }));
      const urls = await Promise.all(
        Array.from({ length: Math.ceil(SIZE / PART) }, (_, i) => getSignedUrl(raw.client, new UploadPartCommand({ Bucket: "bench", Key: key, UploadId, PartNumber: i + 1 }), { expiresIn: 3600 })),
      );
      const tParts = performance.now();
      const parts = await inParallel(urls, file, PART);
      const tJoin = performance.now();
      partsPhase.raw.push((tJoin - tParts) / 1000);
      await raw.client.send(new CompleteMultipartUploadCommand({ Bucket: "bench", Key: key, UploadId, MultipartUpload: { Parts: parts.map((p) => ({ PartNumber: p.partNumber, ETag: p.etag })) } }));
      const ms = performance.now() - t1;
      rawJoins.push((t1 + ms - tJoin) / 1000);
      return mbps(ms);
    },
  });
  await stopHub(hub);

  console.log(`\nbench/upload (${SIZE >> 20} MiB, ${PARALLEL} parts in flight, ${ROUNDS} interleaved rounds after a warm-up, MB/s median (min–max))`);
  console.log(`  S3 (s3rver): hub multipart path ${withSpread(s3.hub, 0)}   raw presigned part PUTs ${withSpread(s3.raw, 0)}`);
  console.log(`  local disk:  hub multipart path ${withSpread(disk.hub, 0)}   raw file copy ${withSpread(disk.raw, 0)}`);
  console.log("  (the hub path includes verification: the sha256 of every byte is checked before the object can be committed)");
  console.log(`  completion after the last part (s): S3 ${withSpread(completions.s3.slice(1), 2)}   local disk ${withSpread(completions.disk.slice(1), 2)} (both hash parts as they arrive)`);
  console.log(`  S3, parts alone (s): hub ${withSpread(partsPhase.hub.slice(1), 2)}   raw ${withSpread(partsPhase.raw.slice(1), 2)}; the raw side's join ${withSpread(rawJoins.slice(1), 2)} s (the hub's completion is the same join and its check)`);
  const targets = new Targets();
  const s3ratio = median(s3.hub) / median(s3.raw);
  targets.check("S3: hub multipart path vs raw part PUTs", s3ratio >= 0.8, `ratio of medians ${s3ratio.toFixed(2)} (target >= 0.80)`);
  const diskRatio = median(disk.hub) / median(disk.raw);
  console.log(`  local disk ratio of medians ${diskRatio.toFixed(2)} (no target: a copy within one disk skips the network and the hash)`);
  await s3server.close();
  await writeFile(path.join(dataDir, "done"), "");
  await teardown();
  targets.done();
}

runBench(main);
