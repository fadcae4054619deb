// bench/git: `git clone` (git-lfs smudging the weights) of a repo with 2,000 files
// and 1 GiB of LFS content, from the hub and from a baseline serving the same
// content in the same run: `git http-backend` behind a bare Node server, LFS
// objects streamed from disk. Rounds alternate between the two; medians and spread
// are printed, and the hub's resident memory is sampled while it serves.
//   npm run bench:git [-- --files 2000 --lfs-mb 1024 --rounds 5]
import { spawn, spawnSync } from "node:child_process";
import crypto from "node:crypto";
import { mkdir, readFile, rm } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { parseArgs } from "node:util";
import { ROOT, benchData, runBench, startHub, stopHub, waitFor } from "./hub-process";
import { median, roundsFrom } from "./report";

const { values } = parseArgs({ options: { files: { type: "string", default: "2000" }, "lfs-mb": { type: "string", default: "1024" }, rounds: { type: "string", default: "5" } } });
const FILES = Number(values.files);
const LFS_MB = Number(values["lfs-mb"]);
const ROUNDS = roundsFrom(values.rounds);
const LFS_PARTS = 4;
const HUB_PORT = 3292;
const BASE_PORT = 3293;

function git(cwd: string, args: string[], home: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const env: Record<string, string> = { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: home, GIT_TERMINAL_PROMPT: "0", LANG: "C" };
    const child = spawn("git", args, { cwd, env: env as NodeJS.ProcessEnv, stdio: ["ignore", "ignore", "pipe"] });
    let err = "";
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve(Number(process.hrtime.bigint() - t0) / 1e9) : reject(new Error(`git ${args.join(" ")}: ${err}`))));
  });
}

/** One MiB blocks, each different, streamed without a temporary file. */
function generated(mib: number, seed: number): Readable {
  const block = crypto.randomBytes(1 << 20);
  return Readable.from(
    (function* () {
      for (let i = 0; i < mib; i++) {
        block.writeUInt32LE(i, 0);
        block.writeUInt32LE(seed, 4);
        yield Buffer.from(block);
      }
    })(),
  );
}

async function rssOf(pid: number): Promise<number> {
  const status = await readFile(`/proc/${pid}/status`, "utf8").catch(() => "");
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024;
}

function spread(xs: number[]): string {
  return `${Math.min(...xs).toFixed(1)}–${Math.max(...xs).toFixed(1)} s`;
}

async function main() {
  if (spawnSync("git", ["lfs", "version"]).status !== 0) throw new Error("bench/git needs git and git-lfs (apt-get install git git-lfs)");
  const { dataDir, teardown } = await benchData("git-data");
  const work = path.join(dataDir, "work");
  const home = path.join(dataDir, "home");
  await mkdir(work, { recursive: true });
  await mkdir(home, { recursive: true });
  spawnSync("git", ["lfs", "install", "--skip-repo"], { env: { ...process.env, HOME: home } });
  const { createUser } = await import("../lib/auth/users");
  const { createRepo } = await import("../lib/repos/create-repo");
  const { ingestBlob, storeBytes } = await import("../lib/repos/ingest-blob");
  const { commitFiles } = await import("../lib/repos/commit-files");

  console.log(`Preparing ${FILES} files and ${LFS_MB} MiB of LFS content…`);
  const user = await createUser({ username: "bench", email: "bench@example.test", password: "bench password" });
  const repo = await createRepo({ owner: user, name: "big", private: false });
  const operations: { op: "put"; path: string; sha256: string }[] = [];
  for (let i = 0; i < FILES; i++) {
    const text = `# file ${i}\n${crypto.randomBytes(600).toString("base64")}\n`;
    operations.push({ op: "put", path: `src/d${i % 40}/file-${i}.txt`, sha256: (await storeBytes(Buffer.from(text))).sha256 });
  }
  for (let k = 0; k < LFS_PARTS; k++) {
    const mib = Math.floor(LFS_MB / LFS_PARTS);
    const blob = await ingestBlob(generated(mib, k), { size: mib << 20, maxBytes: Number.MAX_SAFE_INTEGER });
    operations.push({ op: "put", path: `weights/model-0000${k + 1}-of-0000${LFS_PARTS}.safetensors`, sha256: blob.sha256 });
  }
  await commitFiles({ contentOf: "trusted", repoId: repo.id, branch: "main", author: user, title: "bench content", operations });

  console.log("Starting the hub…");
  const hub = await startHub(HUB_PORT, dataDir, { MODELHUB_WORKER: "0" });
  const hubUrl = `http://127.0.0.1:${HUB_PORT}/bench/big`;
  let baseline: ReturnType<typeof spawn> | undefined;
  try {
    // The baseline holds what a clone from the hub holds: a bare copy and its LFS objects.
    const baseRoot = path.join(dataDir, "baseline");
    await mkdir(baseRoot, { recursive: true });
    const cold = await git(baseRoot, ["clone", "-q", "--bare", hubUrl, "repo.git"], home);
    await git(path.join(baseRoot, "repo.git"), ["lfs", "fetch", "--all", "origin"], home);
    spawnSync("git", ["-C", path.join(baseRoot, "repo.git"), "gc", "-q", "--aggressive"], { stdio: "ignore" });
    baseline = spawn(process.execPath, ["--import", "tsx", "bench/git-backend-server.ts", baseRoot, String(BASE_PORT)], { cwd: ROOT, stdio: ["ignore", "ignore", "inherit"] });
    await waitFor(`http://127.0.0.1:${BASE_PORT}/`);
    const baseUrl = `http://127.0.0.1:${BASE_PORT}/repo.git`;

    const hubTimes: number[] = [];
    const baseTimes: number[] = [];
    const rssBefore = await rssOf(hub.pid!);
    let rssPeak = rssBefore;
    const sampler = setInterval(() => void rssOf(hub.pid!).then((r) => (rssPeak = Math.max(rssPeak, r))), 100);
    const cloneInto = async (url: string, name: string) => {
      const dir = path.join(work, name);
      const seconds = await git(work, ["clone", "-q", url, dir], home);
      const files = spawnSync("git", ["-C", dir, "ls-files"], { encoding: "utf8" }).stdout.split("\n").filter(Boolean).length;
      if (files !== FILES + LFS_PARTS + 1) throw new Error(`${url} cloned ${files} files`);
      const weights = spawnSync("git", ["-C", dir, "lfs", "ls-files"], { encoding: "utf8" }).stdout.split("\n").filter(Boolean).length;
      if (weights !== LFS_PARTS) throw new Error(`${url}: ${weights} LFS files checked out`);
      await rm(dir, { recursive: true, force: true });
      return seconds;
    };
    for (let i = 0; i < ROUNDS; i++) {
      // alternate which side goes first, so neither always meets a warmer page cache
      if (i % 2 === 0) {
        hubTimes.push(await cloneInto(hubUrl, `hub-${i}`));
        baseTimes.push(await cloneInto(baseUrl, `base-${i}`));
      } else {
        baseTimes.push(await cloneInto(baseUrl, `base-${i}`));
        hubTimes.push(await cloneInto(hubUrl, `hub-${i}`));
      }
      console.log(`  round ${i + 1}: hub ${hubTimes[i]!.toFixed(1)} s, baseline ${baseTimes[i]!.toFixed(1)} s`);
    }
    clearInterval(sampler);
    const hubMedian = median(hubTimes);
    const baseMedian = median(baseTimes);
    const speed = baseMedian / hubMedian;
    const rssGrowth = (rssPeak - rssBefore) / 2 ** 20;
    const rssBound = 256;
    console.log(`\nbench/git (${FILES} files + ${LFS_MB} MiB LFS in ${LFS_PARTS} files, ${ROUNDS} interleaved rounds)`);
    console.log(`  first clone from the hub (writes its git cache)  ${cold.toFixed(1)} s (git only, no LFS)`);
    console.log(`  hub clone       median ${hubMedian.toFixed(1)} s (${spread(hubTimes)})`);
    console.log(`  baseline clone  median ${baseMedian.toFixed(1)} s (${spread(baseTimes)})`);
    console.log(`  speed hub/baseline  ${speed.toFixed(3)}   (target >= 0.70)`);
    console.log(`  hub resident memory ${(rssBefore / 2 ** 20).toFixed(0)} MiB before, peak ${(rssPeak / 2 ** 20).toFixed(0)} MiB while serving (+${rssGrowth.toFixed(0)} MiB, target < +${rssBound} MiB for ${LFS_MB} MiB served)`);
    const met = [speed >= 0.7, rssGrowth < rssBound].filter(Boolean).length;
    console.log(`targets met: ${met} of 2`);
  } finally {
    baseline?.kill();
    await stopHub(hub);
    await teardown();
  }
}

runBench(main);
