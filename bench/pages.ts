// bench/pages: req/s of the model page and /models (with 10k repos) vs a trivial
// dynamic Next.js page (/ping) in the same build and run. Prints the ratios.
//   npm run bench:pages [-- --repos 10000 --seconds 10]
import { rm } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { ROOT, median, startHub } from "./hub-process";

const { values } = parseArgs({ options: { repos: { type: "string", default: "10000" }, seconds: { type: "string", default: "5" } } });
const dataDir = path.join(ROOT, "bench/.out/pages-data");
const PORT = 3292;

async function rps(url: string): Promise<number> {
  const r = await autocannon({ url, connections: 20, duration: Number(values.seconds) });
  if (r.non2xx) throw new Error(`${url}: ${r.non2xx} non-2xx answers`);
  return r.requests.average;
}

async function main() {
  await rm(dataDir, { recursive: true, force: true });
  process.env.MODELHUB_DATA_DIR = dataDir;
  const { prepareRuntime } = await import("../scripts/runtime");
  const rt = await prepareRuntime();
  const { seedSyntheticRepos } = await import("../lib/demo/seed-synthetic");
  console.log(`Seeding ${values.repos} repos…`);
  await seedSyntheticRepos(Number(values.repos));
  const hub = await startHub(PORT, dataDir); // also seeds the demo model used below
  try {
    const base = `http://localhost:${PORT}`;
    const urls = { ping: `${base}/ping`, models: `${base}/models`, model: `${base}/modelhub/tiny-mlp-demo` };
    for (const u of Object.values(urls)) await rps(u); // warm-up: caches, JIT, connection pools
    // Interleaved rounds, so drift on a shared machine hits all three alike.
    const runs: Record<keyof typeof urls, number[]> = { ping: [], models: [], model: [] };
    for (let round = 0; round < 3; round++) {
      for (const [k, u] of Object.entries(urls) as [keyof typeof urls, string][]) runs[k].push(await rps(u));
    }
    const [ping, models, model] = [median(runs.ping), median(runs.models), median(runs.model)];
    console.log(`\nbench/pages (${values.repos} repos, 20 connections, ${values.seconds}s per run, median of 3 interleaved rounds)`);
    console.log(`  /ping (trivial page)    ${ping.toFixed(0)} req/s`);
    console.log(`  /models                 ${models.toFixed(0)} req/s   ratio ${(models / ping).toFixed(2)}   (target >= 0.50)`);
    console.log(`  model page              ${model.toFixed(0)} req/s   ratio ${(model / ping).toFixed(2)}   (target >= 0.50)`);
  } finally {
    hub.kill("SIGTERM");
    await new Promise((r) => hub.once("exit", r));
    await rt.db.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().then(
  () => process.exit(0),
  (e) => {
    console.error(e);
    process.exit(1);
  },
);
