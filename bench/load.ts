// bench/load: the whole hub as `npm start` runs it (in-process worker included), with
// 100k models, under 50 and then 200 concurrent keep-alive clients on a realistic mix:
// catalogue pages with filters and sorts, model pages, file pages, search and model-info
// API calls, small and ranged /resolve downloads, HEADs, and a steady trickle of writes
// (likes and commits, by several users). Against the same clients asking a bare dynamic
// Next.js page (/ping), in interleaved rounds. Every answer that is not 2xx/3xx, and
// every socket error, is an error. Prints req/s and p50/p99 per route class.
//   npm run bench:load [-- --models 100000 --seconds 60 --rounds 5 --clients 50,200]
import http from "node:http";
import { parseArgs } from "node:util";
import { benchData, runBench, startHub, stopHub } from "./hub-process";
import { median, percentile, roundsFrom, Targets } from "./report";
import { rng } from "../lib/finetune/trainer";

const { values } = parseArgs({
  options: { models: { type: "string", default: "100000" }, seconds: { type: "string", default: "60" }, rounds: { type: "string", default: "5" }, clients: { type: "string", default: "50,200" } },
});
const PORT = 3294;
const BASE = `http://127.0.0.1:${PORT}`;

const CLASSES = ["catalogue page", "model page", "file page", "search API", "model info API", "small download", "ranged download", "HEAD", "write", "ping"];
type Req = { cls: string; method: "GET" | "HEAD" | "POST" | "DELETE"; path: string; headers?: Record<string, string>; body?: string };
type Tally = { latencies: Map<string, number[]>; errors: Map<string, number>; firstErrors: string[]; count: number };

/** A Zipf-like pick: item k with weight 1/(k+1). */
function zipf<T>(xs: T[], next: () => number): T {
  const h = Math.log(xs.length + 1);
  return xs[Math.min(xs.length - 1, Math.floor(Math.exp(next() * h) - 1))]!;
}


function send(agent: http.Agent, r: Req): Promise<{ status: number }> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${BASE}${r.path}`, { method: r.method, agent, headers: r.headers }, (res) => {
      res.resume();
      res.on("end", () => resolve({ status: res.statusCode ?? 0 }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(r.body);
  });
}

/** `clients` loops, each sending the next request as soon as the last answered, for `seconds`. */
async function drive(clients: number, seconds: number, next: () => Req, agent: http.Agent): Promise<Tally> {
  const tally: Tally = { latencies: new Map(), errors: new Map(), firstErrors: [], count: 0 };
  const end = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < end) {
        const r = next();
        const t0 = performance.now();
        let problem: string | null = null;
        try {
          const { status } = await send(agent, r);
          if (status < 200 || status >= 400) problem = `${r.method} ${r.path}: HTTP ${status}`;
        } catch (e) {
          problem = `${r.method} ${r.path}: ${(e as Error).message}`;
        }
        const ms = performance.now() - t0;
        tally.count++;
        if (problem) {
          tally.errors.set(r.cls, (tally.errors.get(r.cls) ?? 0) + 1);
          if (tally.firstErrors.length < 5) tally.firstErrors.push(problem);
        } else {
          const xs = tally.latencies.get(r.cls) ?? [];
          xs.push(ms);
          tally.latencies.set(r.cls, xs);
        }
      }
    }),
  );
  return tally;
}

async function main() {
  const rounds = roundsFrom(values.rounds);
  const seconds = Number(values.seconds);
  const levels = values.clients.split(",").map(Number);
  if (!(seconds >= 5) || levels.some((c) => !Number.isSafeInteger(c) || c < 1)) throw new Error("--seconds >= 5; --clients: whole numbers");
  const { dataDir, teardown } = await benchData("load-data");
  const { seedSyntheticRepos } = await import("../lib/demo/seed-synthetic");
  const { createUser } = await import("../lib/auth/users");
  const { createToken } = await import("../lib/auth/tokens");
  const { createRepo } = await import("../lib/repos/create-repo");
  const { db } = await import("../lib/db/client");
  console.log(`Seeding ${Number(values.models).toLocaleString("en-US")} models…`);
  await seedSyntheticRepos(Number(values.models), { log: console.log });
  // writers: several users (each well within the per-user write limits), each with a repo to commit to
  const writers: { token: string; repo: string }[] = [];
  for (let i = 0; i < 8; i++) {
    const u = await createUser({ username: `load-writer-${i}`, email: `w${i}@example.test`, password: "load writer password" });
    const repo = await createRepo({ owner: u, name: "notes", private: false });
    writers.push({ token: (await createToken(u.id, "load", "write")).token, repo: `${u.username}/${repo.name}` });
  }
  const sample = await db().$queryRawUnsafe<{ id: string }[]>(`SELECT u.username || '/' || r.name AS id FROM "Repo" r JOIN "User" u ON u.id = r."ownerId" WHERE r.id LIKE 'syn%' ORDER BY md5(r.id) LIMIT 5000`);
  const ids = sample.map((r) => r.id);
  const hub = await startHub(PORT, dataDir); // as npm start: worker in-process, demo models seeded
  const agent = new http.Agent({ keepAlive: true, maxSockets: Math.max(...levels) });
  // measured once the catalogue index has loaded, as a hub that has been up a while
  for (;;) {
    const res = await fetch(`${BASE}/api/models?limit=1`);
    await res.arrayBuffer();
    if (res.headers.get("x-catalogue-index") !== "loading") break;
    await new Promise((r) => setTimeout(r, 500));
  }
  try {
    const next = rng(7);
    const words = ["bert", "llama", "whisper", "vit", "resnet", "gemma", "clip", "t5", "yolo", "mistral", "phi", "qwen", "small", "base", "lora", "chat", "instruct", "gguf"];
    const tasks = ["text-generation", "text-classification", "image-classification", "automatic-speech-recognition", "translation"];
    const sorts = ["trending", "downloads", "likes", "lastModified", "createdAt"];
    const demo = "modelhub/tiny-mlp-demo";
    let writeTurn = 0;
    // the mix, by share of requests (sums to 1)
    const mix: [number, () => Req][] = [
      [0.14, () => ({ cls: "catalogue page", method: "GET", path: `/models?sort=${zipf(sorts, next)}${next() < 0.5 ? `&pipeline_tag=${zipf(tasks, next)}` : ""}${next() < 0.3 ? `&search=${zipf(words, next)}` : ""}` })],
      [0.2, () => ({ cls: "model page", method: "GET", path: `/${zipf(ids, next)}` })],
      [0.08, () => ({ cls: "file page", method: "GET", path: next() < 0.5 ? `/${demo}/blob/main/config.json` : `/${demo}/tree/main` })],
      [0.14, () => ({ cls: "search API", method: "GET", path: `/api/models?search=${zipf(words, next)}${next() < 0.5 ? `%20${zipf(words, next)}` : ""}&sort=${zipf(sorts, next)}&limit=20` })],
      [0.14, () => ({ cls: "model info API", method: "GET", path: `/api/models/${zipf(ids, next)}` })],
      [0.12, () => ({ cls: "small download", method: "GET", path: `/${demo}/resolve/main/${next() < 0.5 ? "config.json" : "README.md"}` })],
      [0.06, () => ({ cls: "ranged download", method: "GET", path: `/${demo}/resolve/main/model.safetensors`, headers: { Range: `bytes=${Math.floor(next() * 64)}-${64 + Math.floor(next() * 512)}` } })],
      [0.1, () => ({ cls: "HEAD", method: "HEAD", path: `/${demo}/resolve/main/config.json` })],
      [
        0.02,
        () => {
          // writer i in turn: like its model, unlike it, then a one-file commit to its own repo
          const turn = writeTurn++;
          const i = turn % writers.length;
          const step = Math.floor(turn / writers.length) % 3;
          const w = writers[i]!;
          const auth = { Authorization: `Bearer ${w.token}` };
          if (step === 2) {
            const lines = [{ key: "header", value: { summary: `note ${turn}` } }, { key: "file", value: { path: `notes/${turn}.md`, content: Buffer.from(`note ${turn}\n`).toString("base64"), encoding: "base64" } }];
            return { cls: "write", method: "POST", path: `/api/models/${w.repo}/commit/main`, headers: { ...auth, "Content-Type": "application/x-ndjson" }, body: lines.map((l) => JSON.stringify(l)).join("\n") + "\n" };
          }
          return { cls: "write", method: step === 0 ? "POST" : "DELETE", path: `/api/models/${ids[i]}/like`, headers: auth };
        },
      ],
    ];
    const pickMix = (): Req => {
      let x = next();
      for (const [share, make] of mix) if ((x -= share) <= 0) return make();
      return mix[0]![1]();
    };
    const ping = (): Req => ({ cls: "ping", method: "GET", path: "/ping" });
    const perRound = seconds / rounds;
    const targets = new Targets();
    for (const clients of levels) {
      // warm-up: JIT, caches, connection pools
      await drive(clients, 5, pickMix, agent);
      await drive(clients, 3, ping, agent);
      const mixT: Tally[] = [];
      const pingT: Tally[] = [];
      for (let r = 0; r < rounds; r++) {
        const order = r % 2 ? ["ping", "mix"] : ["mix", "ping"];
        for (const side of order) (side === "mix" ? mixT : pingT).push(await drive(clients, perRound, side === "mix" ? pickMix : ping, agent));
      }
      const rate = (ts: Tally[]) => ts.map((t) => t.count / perRound);
      const [mixRps, pingRps] = [median(rate(mixT)), median(rate(pingT))];
      const errors = [...mixT, ...pingT].reduce((a, t) => a + [...t.errors.values()].reduce((x, y) => x + y, 0), 0);
      console.log(`\nbench/load: ${clients} clients, ${Number(values.models).toLocaleString("en-US")} models, ${rounds} interleaved rounds of ${perRound.toFixed(0)} s per side`);
      console.log(`  mix   ${mixRps.toFixed(0).padStart(6)} req/s (median of rounds; ${Math.min(...rate(mixT)).toFixed(0)}–${Math.max(...rate(mixT)).toFixed(0)})`);
      console.log(`  /ping ${pingRps.toFixed(0).padStart(6)} req/s (${Math.min(...rate(pingT)).toFixed(0)}–${Math.max(...rate(pingT)).toFixed(0)})`);
      console.log(`  ${"route class".padEnd(18)}${"requests".padStart(10)}${"p50 ms".padStart(9)}${"p99 ms".padStart(9)}${"errors".padStart(8)}`);
      for (const cls of CLASSES) {
        const all = [...mixT, ...pingT];
        const xs = all.flatMap((t) => t.latencies.get(cls) ?? []);
        const errs = all.reduce((a, t) => a + (t.errors.get(cls) ?? 0), 0);
        if (!xs.length && !errs) continue;
        console.log(`  ${cls.padEnd(18)}${String(xs.length + errs).padStart(10)}${(xs.length ? percentile(xs, 0.5).toFixed(1) : "-").padStart(9)}${(xs.length ? percentile(xs, 0.99).toFixed(1) : "-").padStart(9)}${String(errs).padStart(8)}`);
      }
      for (const e of [...mixT, ...pingT].flatMap((t) => t.firstErrors).slice(0, 5)) console.log(`  error: ${e}`);
      targets.check(`${clients} clients: no errors`, errors === 0, `${errors} errors or answers outside 2xx/3xx (target 0)`);
      targets.check(`${clients} clients: throughput of the mix vs a bare dynamic page`, mixRps / pingRps >= 0.5, `ratio ${(mixRps / pingRps).toFixed(2)} (target >= 0.50)`);
    }
    targets.done();
  } finally {
    agent.destroy();
    await stopHub(hub);
    await teardown();
  }
}

runBench(main);
