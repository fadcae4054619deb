// bench/pages: req/s of the model page and /models (with 10k repos) vs a trivial
// dynamic Next.js page (/ping) in the same build and run. Prints the ratios.
//   npm run bench:pages [-- --repos 10000 --seconds 10]
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { benchData, median, runBench, startHub, stopHub } from "./hub-process";

const { values } = parseArgs({ options: { repos: { type: "string", default: "10000" }, seconds: { type: "string", default: "5" } } });
const PORT = 3292;

async function rps(url: string): Promise<number> {
  const r = await autocannon({ url, connections: 20, duration: Number(values.seconds) });
  if (r.non2xx) throw new Error(`${url}: ${r.non2xx} non-2xx answers`);
  return r.requests.average;
}

async function main() {
  const { dataDir, teardown } = await benchData("pages-data");
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
    await stopHub(hub);
    await teardown();
  }
}

runBench(main);
