// bench/pages: req/s of a model page (of an unchanged model) and of /models at 100k
// repos vs a trivial dynamic Next.js page (/ping) in the same build and run, in
// interleaved rounds (each round starts from the next page). Prints medians with
// their spread and the ratios of medians. Signed-out visitors get these pages from the
// page cache while they are unchanged (lib/http/page-cache); the same pages rendered on
// every request are measured alongside, for what the cache saves.
//   npm run bench:pages [-- --repos 100000 --seconds 5 --rounds 5]
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { benchData, runBench, startHub, stopHub } from "./hub-process";
import { interleaved, median, roundsFrom, Targets, withSpread } from "./report";

const { values } = parseArgs({ options: { repos: { type: "string", default: "100000" }, seconds: { type: "string", default: "5" }, rounds: { type: "string", default: "5" } } });
const PORT = 3292;

// A session cookie that names no session: the page renders as for a signed-out visitor, but
// the page cache (which serves only requests without credentials) stays out of the way.
const UNCACHED = { cookie: "next-auth.session-token=bench-no-such-session" };

async function rps(url: string, headers: Record<string, string> = {}): Promise<number> {
  const r = await autocannon({ url, connections: 20, duration: Number(values.seconds), headers });
  if (r.non2xx || r.errors) throw new Error(`${url}: ${r.non2xx} non-2xx answers, ${r.errors} errors`);
  return r.requests.average;
}

async function main() {
  const rounds = roundsFrom(values.rounds);
  const { dataDir, teardown } = await benchData("pages-data");
  const { seedSyntheticRepos } = await import("../lib/demo/seed-synthetic");
  console.log(`Seeding ${values.repos} repos…`);
  await seedSyntheticRepos(Number(values.repos), { log: console.log });
  const hub = await startHub(PORT, dataDir); // also seeds the demo model used below
  try {
    const base = `http://localhost:${PORT}`;
    const urls = { ping: `${base}/ping`, models: `${base}/models`, model: `${base}/modelhub/tiny-mlp-demo` };
    const runs = await interleaved(rounds, {
      ping: () => rps(urls.ping),
      models: () => rps(urls.models),
      model: () => rps(urls.model),
      modelsRendered: () => rps(urls.models, UNCACHED),
      modelRendered: () => rps(urls.model, UNCACHED),
    });
    const [ping, models, model] = [median(runs.ping), median(runs.models), median(runs.model)];
    console.log(`\nbench/pages (${values.repos} repos, 20 connections, ${values.seconds}s per run, ${rounds} interleaved rounds after a warm-up, req/s median (min–max))`);
    console.log(`  /ping (trivial page)    ${withSpread(runs.ping, 0)}`);
    console.log(`  /models                 ${withSpread(runs.models, 0)}`);
    console.log(`  model page              ${withSpread(runs.model, 0)}`);
    // what the page cache saves: the same pages rendered for every request (no target)
    console.log(`  /models, rendered       ${withSpread(runs.modelsRendered, 0)}  (${(median(runs.modelsRendered) / ping).toFixed(2)} of /ping)`);
    console.log(`  model page, rendered    ${withSpread(runs.modelRendered, 0)}  (${(median(runs.modelRendered) / ping).toFixed(2)} of /ping)`);
    const targets = new Targets();
    targets.check("/models vs a trivial dynamic page", models / ping >= 0.6, `ratio ${(models / ping).toFixed(2)} (target >= 0.60)`);
    targets.check("model page of an unchanged model vs a trivial dynamic page", model / ping >= 0.8, `ratio ${(model / ping).toFixed(2)} (target >= 0.80)`);
    targets.done();
  } finally {
    await stopHub(hub);
    await teardown();
  }
}

runBench(main);
