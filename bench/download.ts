// bench/download: /resolve throughput on a 1 GiB file vs a bare Node server
// streaming the same file, in interleaved rounds of the same run (hub, bare, bare,
// hub…: one after the other, two runs here once gave 0.42 and 1.06). Prints the
// medians with their spread and the ratio of medians.
//   npm run bench:download [-- --mb 1024 --rounds 7]
import { spawn } from "node:child_process";
import { createReadStream, createWriteStream } from "node:fs";
import { rm } from "node:fs/promises";
import http from "node:http";
import path from "node:path";
import crypto from "node:crypto";
import { parseArgs } from "node:util";
import { ROOT, benchData, runBench, startHub, stopHub, waitFor } from "./hub-process";
import { interleaved, median, roundsFrom, Targets, withSpread } from "./report";

const { values } = parseArgs({ options: { mb: { type: "string", default: "1024" }, rounds: { type: "string", default: "7" } } });
const MB = Number(values.mb);
const ROUNDS = roundsFrom(values.rounds);

function download(url: string): Promise<{ bytes: number; seconds: number }> {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    http.get(url, (res) => {
      let bytes = 0;
      res.on("data", (c: Buffer) => (bytes += c.length));
      res.on("end", () => resolve({ bytes, seconds: Number(process.hrtime.bigint() - t0) / 1e9 }));
      res.on("error", reject);
    }).on("error", reject);
  });
}

async function writeTestFile(file: string): Promise<void> {
  const out = createWriteStream(file);
  const block = crypto.randomBytes(1 << 20);
  for (let i = 0; i < MB; i++) {
    block.writeUInt32LE(i, 0); // every MiB differs
    if (!out.write(block)) await new Promise<void>((r) => out.once("drain", () => r()));
  }
  await new Promise<void>((r) => out.end(() => r()));
}

async function main() {
  const { dataDir, teardown } = await benchData("download-data");
  const { createUser } = await import("../lib/auth/users");
  const { createRepo } = await import("../lib/repos/create-repo");
  const { ingestBlob } = await import("../lib/repos/ingest-blob");
  const { commitFiles } = await import("../lib/repos/commit-files");
  const { DiskBlobStore } = await import("../lib/storage/disk-store");

  console.log(`Preparing a ${MB} MiB file…`);
  const user = await createUser({ username: "bench", email: "bench@example.test", password: "bench password" });
  const repo = await createRepo({ owner: user, name: "big", private: false });
  const src = path.join(dataDir, "source.bin");
  await writeTestFile(src);
  const blob = await ingestBlob(createReadStream(src, { highWaterMark: 1 << 20 }), { size: MB << 20, maxBytes: Number.MAX_SAFE_INTEGER });
  await rm(src);
  await commitFiles({ contentOf: "trusted",  repoId: repo.id, branch: "main", author: user, title: "big file", operations: [{ op: "put", path: "weights.bin", sha256: blob.sha256 }] });
  const blobPath = new DiskBlobStore(path.join(dataDir, "blobs")).pathOf(blob.sha256);

  const bare = spawn(process.execPath, ["--import", "tsx", "bench/bare-file-server.ts", blobPath, "3291"], { cwd: ROOT, stdio: "ignore" });
  await waitFor("http://127.0.0.1:3291/");
  console.log("Starting the hub…");
  const hub = await startHub(3290, dataDir);
  try {
    const rate = (url: string) => async () => {
      const r = await download(url);
      if (r.bytes !== MB << 20) throw new Error(`short download from ${url}: ${r.bytes}`);
      return r.bytes / r.seconds / 1e9;
    };
    // the warm-up round fills the page cache and opens the connection paths of both
    const runs = await interleaved(ROUNDS, { hub: rate("http://127.0.0.1:3290/bench/big/resolve/main/weights.bin"), bare: rate("http://127.0.0.1:3291/") });
    const ratio = median(runs.hub) / median(runs.bare);
    console.log(`\nbench/download (${MB} MiB, ${ROUNDS} interleaved rounds, GB/s median (min–max))`);
    console.log(`  hub /resolve        ${withSpread(runs.hub, 2)}`);
    console.log(`  bare Node server    ${withSpread(runs.bare, 2)}`);
    const targets = new Targets();
    targets.check("hub /resolve vs a bare Node server", ratio >= 0.9, `ratio of medians ${ratio.toFixed(2)} (target >= 0.90)`);
    targets.done();
  } finally {
    bare.kill();
    await stopHub(hub);
    await teardown();
  }
}

runBench(main);
