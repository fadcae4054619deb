// bench/search: p50/p95 of typical catalogue searches and facet queries through
// the HTTP API at growing catalogue sizes (answered by the in-memory index once it
// has loaded), against the raw SQL time of the same queries answered by PostgreSQL
// alone (the hub's fallback SQL, sent with node-postgres) in the same run. Prints
// the ratios the targets are about: p95 at the largest size vs the smallest, and API vs SQL.
// Both sides use Node's plain clients over one kept-alive connection (node:http and
// node-postgres): fetch() would add its own ~0.3 ms of streams and objects per request.
//   npm run bench:search [-- --scales 10000,100000,1000000 --runs 200]
import http from "node:http";
import { parseArgs } from "node:util";
import pg from "pg";
import { benchData, runBench, startHub, stopHub } from "./hub-process";

const { values } = parseArgs({ options: { scales: { type: "string", default: "10000,100000,1000000" }, runs: { type: "string", default: "200" } } });
const PORT = 3293;
const RUNS = Number(values.runs);

// What people type and click: a landing page, words, a partial id, facet filters, combinations.
const QUERIES: { name: string; q: string; facets?: boolean }[] = [
  { name: "trending (landing)", q: "sort=trending" },
  { name: "search 'bert'", q: "search=bert&sort=trending" },
  { name: "search 'whisper small'", q: "search=whisper%20small&sort=downloads" },
  { name: "partial id 'mistr'", q: "search=mistr&sort=trending" },
  { name: "task filter", q: "pipeline_tag=text-classification&sort=downloads" },
  { name: "words + tag + library", q: "search=llama&filter=lora&library=peft&sort=likes" },
  { name: "language + license", q: "language=fr&license=mit&sort=trending" },
  { name: "facets (landing)", q: "sort=trending", facets: true },
  { name: "facets 'bert'", q: "search=bert&sort=trending", facets: true },
  { name: "facets task filter", q: "pipeline_tag=text-classification&sort=downloads", facets: true },
];

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((xs.length - 1) * p))]!;

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

/** GET over the kept-alive connection; resolves once the whole body has arrived. */
function httpGet(url: string): Promise<void> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent }, (res) => {
        if (res.statusCode !== 200) reject(new Error(`${url}: HTTP ${res.statusCode}`));
        res.resume();
        res.on("end", resolve);
        res.on("error", reject);
      })
      .on("error", reject);
  });
}

async function time(fn: () => Promise<unknown>): Promise<number> {
  const t = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
}

type Row = { scale: number; name: string; api: { p50: number; p95: number }; sql: { p50: number; p95: number } };

// How long every query runs, API and SQL, before any is timed: a hub that has just loaded its
// index is still collecting the load's garbage and compiling its hot paths.
const SETTLE_MS = 10_000;
const BLOCK = 20;

async function measure(scale: number, client: pg.Client): Promise<Row[]> {
  const { listOptionsFromQuery } = await import("../lib/hub-api/list-models");
  const { listReposQuery } = await import("../lib/repos/list-repos");
  const { facetsQuery } = await import("../lib/search/facets");
  const cases = QUERIES.map((query) => {
    const opts = { ...listOptionsFromQuery(null, new URLSearchParams(query.q), 30), recentDownloads: !query.facets };
    const sql = query.facets ? facetsQuery(opts) : listReposQuery(opts).sql;
    const url = `http://localhost:${PORT}/api/${query.facets ? "model-facets" : "models"}?${query.q}&limit=30`;
    return { query, api: () => httpGet(url), sql: () => client.query(sql.text, sql.values) };
  });
  // warm caches, plans and the JIT, on both sides
  for (const end = Date.now() + SETTLE_MS; Date.now() < end; ) for (const c of cases) await Promise.all([c.api(), c.sql()]);
  const rows: Row[] = [];
  for (const c of cases) {
    const api: number[] = [];
    const raw: number[] = [];
    // In alternating blocks, so drift on a shared machine hits both alike. Not one by one:
    // PostgreSQL alone spends up to 40 ms of CPU on a search at 1M, and the request right
    // after it paid for that (measured: +1 ms at p50). One untimed request opens each block.
    for (let done = 0; done < RUNS; done += BLOCK) {
      const n = Math.min(BLOCK, RUNS - done);
      await c.api();
      for (let i = 0; i < n; i++) api.push(await time(c.api));
      await c.sql();
      for (let i = 0; i < n; i++) raw.push(await time(c.sql));
    }
    rows.push({ scale, name: c.query.name, api: { p50: pct(api, 0.5), p95: pct(api, 0.95) }, sql: { p50: pct(raw, 0.5), p95: pct(raw, 0.95) } });
  }
  return rows;
}

/** Waits (up to 5 minutes) until PostgreSQL's autovacuum rests: a worker going through a million fresh rows loads the whole machine. */
async function autovacuumIdle(client: pg.Client): Promise<void> {
  for (const end = Date.now() + 300_000; Date.now() < end; ) {
    const { rows } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE backend_type = 'autovacuum worker'`);
    if (rows[0]!.n === 0) return;
    await new Promise((r) => setTimeout(r, 1000));
  }
}

/** Waits until the hub's catalogue index has loaded (or is off); returns its state. */
async function indexReady(): Promise<string> {
  for (;;) {
    const res = await fetch(`http://localhost:${PORT}/api/models?limit=1`);
    const state = res.headers.get("x-catalogue-index") ?? "off";
    await res.arrayBuffer();
    if (state !== "loading") return state;
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function main() {
  const scales = values.scales.split(",").map(Number).sort((a, b) => a - b);
  const { dataDir, teardown } = await benchData("search-data");
  const { seedSyntheticRepos } = await import("../lib/demo/seed-synthetic");
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  let hub: Awaited<ReturnType<typeof startHub>> | null = null;
  const results: Row[] = [];
  try {
    let have = 0;
    for (const scale of scales) {
      // the previous size's hub would follow the seeding through the change log meanwhile
      if (hub) await stopHub(hub);
      hub = null;
      console.log(`Seeding to ${scale.toLocaleString("en-US")} models…`);
      const t = Date.now();
      await seedSyntheticRepos(scale - have, { owners: Math.ceil((scale - have) / 200) });
      have = scale;
      console.log(`  seeded in ${((Date.now() - t) / 1000).toFixed(0)} s`);
      await autovacuumIdle(client);
      // a fresh hub at each size: its search index loads what is there
      const started = Date.now();
      // no worker: the trending refresh (every 15 minutes) rewrites every seeded score at once
      hub = await startHub(PORT, dataDir, { MODELHUB_WORKER: "0" });
      const ready = await indexReady();
      console.log(`  hub up, catalogue index ${ready} ${((Date.now() - started) / 1000).toFixed(0)} s after start`);
      results.push(...(await measure(scale, client)));
    }
  } finally {
    await client.end();
    if (hub) await stopHub(hub);
    await teardown();
  }
  const [small, large] = [scales[0]!, scales[scales.length - 1]!];
  console.log(`\nbench/search (${RUNS} runs per query and size, limit 30, ms; API = HTTP GET /api/models or /api/model-facets (node:http, kept alive), SQL = the same search by PostgreSQL alone, via node-postgres)`);
  console.log(`${"query".padEnd(26)}${scales.map((s) => `p50/p95 API @${s / 1000}k`.padStart(20)).join("")}${`SQL p95 @${large / 1000}k`.padStart(16)}${"p95 ratio".padStart(11)}${"API/SQL".padStart(9)}`);
  for (const q of QUERIES) {
    const at = (s: number) => results.find((r) => r.scale === s && r.name === q.name)!;
    const cells = scales.map((s) => `${at(s).api.p50.toFixed(1)}/${at(s).api.p95.toFixed(1)}`.padStart(20)).join("");
    const growth = at(large).api.p95 / at(small).api.p95;
    const overhead = at(large).api.p95 / at(large).sql.p95;
    console.log(`${q.name.padEnd(26)}${cells}${at(large).sql.p95.toFixed(1).padStart(16)}${growth.toFixed(2).padStart(11)}${overhead.toFixed(2).padStart(9)}`);
  }
  console.log(`\nTargets: p95 at ${large / 1000}k <= 2 x p95 at ${small / 1000}k (p95 ratio <= 2.00); API <= 1.5 x SQL (API/SQL <= 1.50).`);
}

runBench(main);
