// bench/search: catalogue searches as users send them, at growing catalogue sizes, through
// the HTTP API (answered by the in-memory index once it has loaded) and by PostgreSQL alone
// (the hub's fallback SQL, sent with node-postgres) on the same queries, in the same run.
// A query log, not a loop: at least 5,000 distinct queries (words drawn from the catalogue's
// own names with a Zipf-like popularity, one to three of them, with and without facet
// filters, every sort, first pages and pages reached by following the API's next link, and
// facet counts), each sent once per size and side, the sizes taking turns query by query.
// Meanwhile a writer changes every catalogue at a steady rate through the API (new models
// with cards, card edits, likes, counted downloads), so the index's caches are invalidated
// as in real life. Prints p50/p95/p99 per query class, the hub's resident memory and the
// index's load time at each size, and `targets met: N of M`.
// PostgreSQL alone takes seconds per query at a million models, so by default it answers every
// 10th query of the log (the API answers all); the API-vs-SQL ratio compares the two on exactly
// those queries.
//   npm run bench:search [-- --scales 10000,100000,1000000 --queries 5000 --writes-per-second 4 --sql-every 10]
import { type ChildProcess, spawn, spawnSync } from "node:child_process";
import { readFile, rm } from "node:fs/promises";
import http from "node:http";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { type RunningDb, startEmbeddedPostgres } from "../lib/db/embedded";
import { ROOT, runBench, startHub, stopHub } from "./hub-process";
import { rng } from "../lib/finetune/trainer";
import { percentile, Targets } from "./report";

const { values } = parseArgs({ options: { scales: { type: "string", default: "10000,100000,1000000" }, queries: { type: "string", default: "5000" }, "writes-per-second": { type: "string", default: "4" }, "sql-every": { type: "string", default: "10" } } });
const PORT = 3293;
const QUERIES = Number(values.queries);
const WRITES_PER_SECOND = Number(values["writes-per-second"]);
const SQL_EVERY = Number(values["sql-every"]);

/** GET over a kept-alive connection; resolves with the next page's link once the whole body has arrived. */
function httpGet(url: string, agent: http.Agent): Promise<string | null> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent }, (res) => {
        if (res.statusCode !== 200) reject(new Error(`${url}: HTTP ${res.statusCode}`));
        const link = /<([^>]+)>;\s*rel="next"/.exec(String(res.headers.link ?? ""))?.[1] ?? null;
        res.resume();
        res.on("end", () => resolve(link));
        res.on("error", reject);
      })
      .on("error", reject);
  });
}

async function time<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t = process.hrtime.bigint();
  const value = await fn();
  return { ms: Number(process.hrtime.bigint() - t) / 1e6, value };
}

/** One catalogue size: its data folder, database, hub, clients and writer's token. */
type Site = { scale: number; dataDir: string; port: number; db: RunningDb; client: pg.Client; agent: http.Agent; hub: ChildProcess | null; token: string; readySeconds: number; loadSeconds: number; startPeak: number };

const CLASSES = ["landing (sort only)", "words", "words + filters", "filters only", "deeper page", "facet counts"] as const;
type QueryClass = (typeof CLASSES)[number];
type Query = { cls: QueryClass; q: string; pages: number };
type Vocabulary = { words: string[]; facets: [string, string][] };


/** Item k of a popularity-ordered list with probability about 1/(k+1) (Zipf-like). */
const zipf = <T,>(xs: T[], next: () => number): T => xs[Math.min(xs.length - 1, Math.floor(Math.exp(next() * Math.log(xs.length + 1)) - 1))]!;

/** The catalogue's own vocabulary, most common first: words of model names, and facet values (as query parameters). */
async function vocabulary(client: pg.Client): Promise<Vocabulary> {
  const { rows } = await client.query<{ name: string }>(`SELECT name FROM "Repo" WHERE type = 'model' ORDER BY md5(id) LIMIT 20000`);
  const counts = new Map<string, number>();
  for (const r of rows) for (const w of r.name.toLowerCase().split(/[-_.]+/)) if (/^[a-z][a-z0-9]+$/.test(w)) counts.set(w, (counts.get(w) ?? 0) + 1);
  const words = [...counts.entries()].sort((x, y) => y[1] - x[1]).map(([w]) => w);
  const facet = async (param: string, sql: string) => (await client.query<{ v: string }>(sql)).rows.map((r): [string, string] => [param, r.v]);
  const groups = [
    (await facet("pipeline_tag", `SELECT "pipelineTag" AS v FROM "Repo" WHERE "pipelineTag" IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 30`)),
    (await facet("library", `SELECT "libraryName" AS v FROM "Repo" WHERE "libraryName" IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 20`)),
    (await facet("license", `SELECT license AS v FROM "Repo" WHERE license IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC LIMIT 20`)),
    (await facet("language", `SELECT l AS v FROM "Repo", unnest(languages) l GROUP BY 1 ORDER BY count(*) DESC LIMIT 20`)),
    (await facet("filter", `SELECT t AS v FROM "Repo", unnest(tags) t WHERE t NOT LIKE '%:%' GROUP BY 1 ORDER BY count(*) DESC LIMIT 40`)),
  ];
  // merged by popularity rank, so a Zipf pick favours each facet's common values alike
  const facets = Array.from({ length: Math.max(...groups.map((g) => g.length)) }, (_, r) => groups.flatMap((g) => (g[r] ? [g[r]] : []))).flat();
  return { words, facets };
}

/** `n` distinct queries: words by popularity, one to three; filters; every sort; some followed to deeper pages; facet counts. */
function queryLog(v: Vocabulary, n: number, seed: number): Query[] {
  const next = rng(seed);
  const sorts = ["trending", "trending", "downloads", "downloads", "likes", "lastModified", "createdAt"];
  const words = () => Array.from({ length: 1 + Math.floor(next() * next() * 3) }, () => zipf(v.words, next)).join(" ");
  const filters = () => {
    const picked = new Map<string, string>();
    for (let k = 1 + Math.floor(next() * next() * 3); k > 0; k--) {
      const [param, value] = zipf(v.facets, next);
      picked.set(param, value);
    }
    return [...picked].map(([p, x]) => `${p}=${encodeURIComponent(x)}`).join("&");
  };
  const out = new Map<string, Query>();
  for (let guard = 0; out.size < n && guard < n * 50; guard++) {
    const sort = `sort=${sorts[Math.floor(next() * sorts.length)]}`;
    const r = next();
    const query: Query =
      r < 0.05 ? { cls: "landing (sort only)", q: sort, pages: 1 }
      : r < 0.45 ? { cls: "words", q: `search=${encodeURIComponent(words())}&${sort}`, pages: 1 }
      : r < 0.7 ? { cls: "words + filters", q: `search=${encodeURIComponent(words())}&${filters()}&${sort}`, pages: 1 }
      : r < 0.85 ? { cls: "filters only", q: `${filters()}&${sort}`, pages: 1 }
      : { cls: "facet counts", q: next() < 0.5 ? `search=${encodeURIComponent(words())}` : filters(), pages: 1 };
    // a quarter of the lists are read further: one to three more pages, by the API's next link
    if (query.cls !== "facet counts" && next() < 0.25) query.pages = 2 + Math.floor(next() * 3);
    const key = `${query.cls === "facet counts" ? "facets" : "list"}?${query.q}`;
    if (!out.has(key)) out.set(key, query);
  }
  return [...out.values()];
}

/** Per class: the API's times for every query, PostgreSQL's for every SQL_EVERY-th, and the API's for those same queries (`paired`). */
type Samples = Map<string, { api: number[]; sql: number[]; paired: number[] }>;

/** Sends every query of the log once to each size and side, the sizes and sides taking turns; returns the samples per size and class. */
async function measure(sites: Site[], log: Query[], record: boolean): Promise<Map<number, Samples>> {
  const { listOptionsFromQuery } = await import("../lib/hub-api/list-models");
  const { listReposQuery } = await import("../lib/repos/list-query");
  const { facetsQuery } = await import("../lib/search/facets");
  const out = new Map(sites.map((s) => [s.scale, new Map(CLASSES.map((c) => [c as string, { api: [] as number[], sql: [] as number[], paired: [] as number[] }]))]));
  const sqlOf = (facets: boolean, q: string) => {
    const opts = { ...listOptionsFromQuery(null, new URLSearchParams(q), 30), recentDownloads: !facets };
    return facets ? facetsQuery(opts) : listReposQuery(opts).sql;
  };
  for (const [i, query] of log.entries()) {
    const facets = query.cls === "facet counts";
    const withSql = i % SQL_EVERY === 0;
    for (let k = 0; k < sites.length; k++) {
      const site = sites[(i + k) % sites.length]!;
      const bucket = (cls: string) => out.get(site.scale)!.get(cls)!;
      let url: string | null = `http://localhost:${site.port}/api/${facets ? "model-facets" : "models"}?${query.q}&limit=30`;
      for (let page = 0; page < query.pages && url; page++) {
        const cls = page === 0 ? query.cls : "deeper page";
        const q = new URL(url).search.slice(1);
        const sql = sqlOf(facets, q);
        const api = async () => {
          const r = await time(() => httpGet(url!, site.agent));
          if (record) bucket(cls).api.push(r.ms);
          if (record && withSql) bucket(cls).paired.push(r.ms);
          return r.value;
        };
        const raw = async () => {
          const r = await time(() => site.client.query(sql.text, sql.values));
          if (record) bucket(cls).sql.push(r.ms);
        };
        let nextUrl: string | null;
        if (!withSql) nextUrl = await api();
        else if ((i + page) % 2) {
          await raw();
          nextUrl = await api();
        } else {
          nextUrl = await api();
          await raw();
        }
        url = nextUrl ? new URL(nextUrl, `http://localhost:${site.port}`).toString() : null;
      }
    }
  }
  return out;
}

/**
 * Changes a site's catalogue at a steady rate, through the API as users do: a new model
 * with a card, a card edit (new words and tags: the index's postings change), a like or
 * an unlike, a counted download. Returns a stop function that resolves with the counts.
 */
function startWriter(site: Site, v: Vocabulary, ids: string[], perSecond: number): () => Promise<{ writes: number; failures: string[] }> {
  const next = rng(site.scale);
  const base = `http://localhost:${site.port}`;
  const auth = { Authorization: `Bearer ${site.token}` };
  const owner = "search-writer";
  let stop = false;
  let writes = 0;
  const failures: string[] = [];
  const mine: string[] = [];
  const check = async (what: string, res: Response) => {
    if (!res.ok) failures.push(`${what}: HTTP ${res.status} ${(await res.text()).slice(0, 200)}`);
    else await res.arrayBuffer();
  };
  const card = () => `---\nlicense: mit\npipeline_tag: ${zipf(v.facets.filter(([p]) => p === "pipeline_tag"), next)[1]}\ntags: [${zipf(v.words, next)}, ${zipf(v.words, next)}]\n---\n# ${zipf(v.words, next)} ${zipf(v.words, next)}\n\nWritten during the search benchmark.\n`;
  const commit = (repo: string) => {
    const lines = [{ key: "header", value: { summary: "card" } }, { key: "file", value: { path: "README.md", content: Buffer.from(card()).toString("base64"), encoding: "base64" } }];
    return fetch(`${base}/api/models/${owner}/${repo}/commit/main`, { method: "POST", headers: { ...auth, "Content-Type": "application/x-ndjson" }, body: lines.map((l) => JSON.stringify(l)).join("\n") + "\n" });
  };
  const actions = [
    async () => {
      const name = `written-${site.scale}-${writes}`;
      await check("create", await fetch(`${base}/api/repos/create`, { method: "POST", headers: { ...auth, "Content-Type": "application/json" }, body: JSON.stringify({ name }) }));
      mine.push(name);
      await check("first card", await commit(name));
    },
    async () => mine.length && (await check("card edit", await commit(mine[Math.floor(next() * mine.length)]!))),
    async () => {
      const id = ids[Math.floor(next() * ids.length)]!;
      await check("like", await fetch(`${base}/api/models/${id}/like`, { method: "POST", headers: auth }));
      await check("unlike", await fetch(`${base}/api/models/${id}/like`, { method: "DELETE", headers: auth }));
    },
    async () => check("download", await fetch(`${base}/${ids[Math.floor(next() * ids.length)]}/resolve/main/.gitattributes`)),
  ];
  const loop = (async () => {
    for (let k = 0; !stop; k++) {
      const t0 = Date.now();
      await actions[k % actions.length]!().catch((e: Error) => failures.push(e.message));
      writes++;
      await new Promise((r) => setTimeout(r, Math.max(0, 1000 / perSecond - (Date.now() - t0))));
    }
  })();
  return async () => {
    stop = true;
    await loop;
    return { writes, failures };
  };
}

/** The hub process's resident memory now and at its peak (VmRSS, VmHWM), in MiB. */
async function memoryOf(pid: number): Promise<{ rss: number; peak: number }> {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  const kb = (k: string) => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN) / 1024;
  return { rss: kb("VmRSS"), peak: kb("VmHWM") };
}

/** A hub's writer account and write token, made with hubctl against the site's database. */
function writerToken(site: { dataDir: string; db: RunningDb }): string {
  const r = spawnSync(process.execPath, ["--import", "tsx", "scripts/hubctl.ts", "user", "create", "--email", "writer@example.test", "--username", "search-writer", "--password", "search writer password", "--token"], {
    cwd: ROOT,
    encoding: "utf8",
    env: { ...process.env, MODELHUB_DATA_DIR: site.dataDir, DATABASE_URL: site.db.url },
  });
  if (r.status !== 0) throw new Error(`hubctl: ${r.stderr}`);
  return r.stdout.trim().split("\n").pop()!;
}

/** Waits (up to 5 minutes) until PostgreSQL's autovacuum rests: a worker going through a million fresh rows loads the whole machine. */
async function autovacuumIdle(client: pg.Client): Promise<void> {
  for (const end = Date.now() + 300_000; Date.now() < end; ) {
    const { rows } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE backend_type = 'autovacuum worker'`);
    if (rows[0]!.n === 0) return;
    await new Promise((r) => setTimeout(r, 1000));
  }
}

/** Waits until a hub's catalogue index has loaded (or is off); returns its state. */
async function indexReady(port: number): Promise<string> {
  for (;;) {
    const res = await fetch(`http://localhost:${port}/api/models?limit=1`);
    const state = res.headers.get("x-catalogue-index") ?? "off";
    await res.arrayBuffer();
    if (state !== "loading") return state;
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** A hub's Prometheus samples, by name with labels (`name{label="v"}`); NaN for one it does not report. The bench runs on loopback, which may read /metrics. */
async function hubMetrics(port: number): Promise<(sample: string) => number> {
  const text = await (await fetch(`http://localhost:${port}/metrics`)).text();
  const values = new Map(
    text
      .split("\n")
      .filter((line) => line && !line.startsWith("#"))
      .map((line) => [line.slice(0, line.lastIndexOf(" ")), Number(line.slice(line.lastIndexOf(" ") + 1))] as const),
  );
  return (sample) => values.get(sample) ?? NaN;
}

/** The index's own load time, as the hub reports it. */
async function indexLoadSeconds(port: number): Promise<number> {
  return (await hubMetrics(port))("modelhub_search_index_load_seconds");
}

// Counters read before and after the measurement: the hub's listings answered by its index
// (current, or behind a change it applied first) and its collector's pauses by kind.
const PROBES = (outcome: "current" | "changed") => `modelhub_search_index_probes{outcome="${outcome}"}`;
const GC_KINDS = ["minor", "major", "incremental"] as const;
const GC = (kind: string, part: "count" | "sum") => `nodejs_gc_duration_seconds_${part}{kind="${kind}"}`;
const COUNTERS = [PROBES("current"), PROBES("changed"), ...GC_KINDS.flatMap((kind) => [GC(kind, "count"), GC(kind, "sum")])];

/** What each counter grew by between two readings (a collector kind not run yet counts as 0; the probe counters must be there). */
function grownBetween(before: (s: string) => number, after: (s: string) => number): Map<string, number> {
  for (const outcome of ["current", "changed"] as const) if (Number.isNaN(after(PROBES(outcome)))) throw new Error(`the hub reports no ${PROBES(outcome)}: the bench would print a share of 0`);
  return new Map(COUNTERS.map((c) => [c, (after(c) || 0) - (before(c) || 0)]));
}

// prom-client's event-loop histogram (a 10 ms timer's intervals, so 10 ms when nothing holds the
// loop) restarts at each scrape: read after the measurement, it covers the measurement.
const LAG = ["p90", "p99", "max"].map((q) => `nodejs_eventloop_lag_${q}_seconds`);

/** `npm run seed` into a fresh data folder of its own (a child process: the app's database client is one per process). It prints its progress. */
async function seed(scale: number, dataDir: string): Promise<void> {
  const env: NodeJS.ProcessEnv = { ...process.env, MODELHUB_DATA_DIR: dataDir };
  delete env.DATABASE_URL;
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/seed.ts", "--models", String(scale)], { cwd: ROOT, env, stdio: ["ignore", "inherit", "inherit"] });
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  if (code !== 0) throw new Error(`seeding ${scale} models failed (exit ${code})`);
}

async function main() {
  const scales = values.scales.split(",").map(Number).sort((a, b) => a - b);
  if (scales.some((s) => !Number.isSafeInteger(s) || s < 1)) throw new Error("--scales: whole numbers, comma-separated");
  if (!Number.isSafeInteger(QUERIES) || QUERIES < 100) throw new Error("--queries: a whole number, at least 100");
  if (!Number.isSafeInteger(SQL_EVERY) || SQL_EVERY < 1) throw new Error("--sql-every: a whole number, at least 1");
  if (!(WRITES_PER_SECOND > 0)) throw new Error("--writes-per-second: more than 0");
  const sites: Site[] = [];
  let results = new Map<number, Samples>();
  const memory = new Map<number, { rss: number; peak: number }>();
  const written = new Map<number, { writes: number; failures: string[] }>();
  const hubFigures = new Map<number, { grown: Map<string, number>; lagMs: number[] }>();
  let log: Query[] = [];
  try {
    for (const [i, scale] of scales.entries()) {
      const dataDir = path.join(ROOT, "bench/.out", `search-${scale}`);
      await rm(dataDir, { recursive: true, force: true });
      await seed(scale, dataDir);
      const db = await startEmbeddedPostgres({ clusterDir: path.join(dataDir, "postgres"), database: "modelhub" });
      const client = new pg.Client({ connectionString: db.url });
      sites.push({ scale, dataDir, port: PORT + i, db, client, agent: new http.Agent({ keepAlive: true, maxSockets: 1 }), hub: null, token: writerToken({ dataDir, db }), readySeconds: 0, loadSeconds: NaN, startPeak: NaN });
      await client.connect();
    }
    for (const site of sites) {
      await autovacuumIdle(site.client);
      // one at a time: the first start builds the app if its sources changed
      const started = Date.now();
      // the worker runs (card edits are analysed into the catalogue as in production), without the
      // 15-minute trending refresh, which would rewrite every seeded score at once; the writer
      // stands for many users, so its write limits are raised
      // and as a hub that has started before: the demo models are trained into a fresh data folder on a first
      // start only, which would leave that training's memory in the resident figure
      site.hub = await startHub(site.port, site.dataDir, { DATABASE_URL: site.db.url, MODELHUB_SCHEDULED_JOBS: "0", RATE_LIMIT_SCALE: "1000", MODELHUB_SEED_DEMOS: "0" });
      const ready = await indexReady(site.port);
      site.readySeconds = (Date.now() - started) / 1000;
      site.loadSeconds = ready === "ready" ? await indexLoadSeconds(site.port) : NaN; // NaN: PostgreSQL alone answers
      site.startPeak = (await memoryOf(site.hub.pid!)).peak;
      console.log(`  ${site.scale.toLocaleString("en-US")}: catalogue index ${ready}, loaded in ${site.loadSeconds.toFixed(1)} s; ${site.readySeconds.toFixed(0)} s after the hub's start (with a first start's app build and demo content)`);
    }
    const vocab = await vocabulary(sites[0]!.client);
    log = queryLog(vocab, QUERIES, 1);
    // warm plans, the JIT and the hubs' hot paths with other queries than those measured
    await measure(sites, queryLog(vocab, Math.min(500, QUERIES), 2), false);
    const ids = new Map<number, string[]>();
    for (const site of sites) {
      const { rows } = await site.client.query<{ id: string }>(`SELECT u.username || '/' || r.name AS id FROM "Repo" r JOIN "User" u ON u.id = r."ownerId" WHERE r.id LIKE 'syn%' ORDER BY md5(r.id) LIMIT 2000`);
      ids.set(site.scale, rows.map((r) => r.id));
    }
    const metricsBefore = await Promise.all(sites.map((site) => hubMetrics(site.port)));
    const stops = sites.map((site) => startWriter(site, vocab, ids.get(site.scale)!, WRITES_PER_SECOND));
    const t0 = Date.now();
    results = await measure(sites, log, true);
    const seconds = (Date.now() - t0) / 1000;
    for (const [k, stop] of stops.entries()) written.set(sites[k]!.scale, await stop());
    for (const site of sites) memory.set(site.scale, await memoryOf(site.hub!.pid!));
    for (const [k, site] of sites.entries()) {
      const after = await hubMetrics(site.port);
      hubFigures.set(site.scale, { grown: grownBetween(metricsBefore[k]!, after), lagMs: LAG.map((l) => 1000 * after(l)) });
    }
    console.log(`  measured in ${seconds.toFixed(0)} s; the writer made ${[...written.values()].map((w) => w.writes).join(" / ")} changes (${WRITES_PER_SECOND}/s per size)`);
  } finally {
    for (const site of sites) {
      if (site.hub) await stopHub(site.hub);
      site.agent.destroy();
      await site.client.end().catch(() => {});
      await site.db.stop();
      await rm(site.dataDir, { recursive: true, force: true });
    }
  }
  const [small, large] = [scales[0]!, scales[scales.length - 1]!];
  const k = (n: number) => `${n / 1000}k`;
  const pct = (p: { current: number; changed: number }) => (p.current + p.changed > 0 ? `${((100 * p.changed) / (p.current + p.changed)).toFixed(1)} % of ${p.current + p.changed}` : "none (PostgreSQL answered)");
  const counts = CLASSES.map((c) => `${c} ${results.get(small)!.get(c)!.api.length}`).join(", ");
  const sqlCount = [...results.get(small)!.values()].reduce((a, x) => a + x.sql.length, 0);
  console.log(`\nbench/search: ${log.length} distinct queries, each sent once per size (${counts}); sizes take turns query by query; a writer changes each catalogue ${WRITES_PER_SECOND}/s meanwhile.`);
  console.log(`API = HTTP GET /api/models or /api/model-facets (node:http, kept alive), every query; SQL = the same query by PostgreSQL alone (node-postgres), every ${SQL_EVERY}th query (${sqlCount} requests per size); limit 30; ms p50/p95/p99`);
  console.log(`${"class".padEnd(22)}${scales.map((s) => `API @${k(s)}`.padStart(22)).join("")}${scales.map((s) => `SQL @${k(s)}`.padStart(22)).join("")}`);
  const p = (xs: number[]) => (xs.length ? `${percentile(xs, 0.5).toFixed(1)}/${percentile(xs, 0.95).toFixed(1)}/${percentile(xs, 0.99).toFixed(1)}` : "-");
  const all = (scale: number, side: "api" | "sql" | "paired") => [...results.get(scale)!.values()].flatMap((x) => x[side]);
  for (const c of CLASSES) console.log(`${c.padEnd(22)}${scales.map((s) => p(results.get(s)!.get(c)!.api).padStart(22)).join("")}${scales.map((s) => p(results.get(s)!.get(c)!.sql).padStart(22)).join("")}`);
  console.log(`${"all queries".padEnd(22)}${scales.map((s) => p(all(s, "api")).padStart(22)).join("")}${scales.map((s) => p(all(s, "sql")).padStart(22)).join("")}`);
  for (const site of sites) {
    const m = memory.get(site.scale)!;
    const w = written.get(site.scale)!;
    const h = hubFigures.get(site.scale)!;
    console.log(`  ${k(site.scale).padStart(6)}: hub resident ${m.rss.toFixed(0)} MiB (peak ${m.peak.toFixed(0)} MiB, ${site.startPeak.toFixed(0)} MiB by the end of its start); index loaded in ${site.loadSeconds.toFixed(1)} s; writer ${w.writes} changes, ${w.failures.length} failed${w.failures.length ? ` (${w.failures[0]})` : ""}; listings that found a change to apply first: ${pct({ current: h.grown.get(PROBES("current"))!, changed: h.grown.get(PROBES("changed"))! })}; the hub's 10 ms event-loop timer fired after p90/p99/max ${h.lagMs.map((x) => x.toFixed(1)).join("/")} ms; its collector paused ${GC_KINDS.map((kind) => `${kind} ${h.grown.get(GC(kind, "count"))}× (${((1000 * h.grown.get(GC(kind, "sum"))!) / h.grown.get(GC(kind, "count"))! || 0).toFixed(1)} ms mean)`).join(", ")}`);
  }
  const targets = new Targets();
  const p95 = (scale: number, side: "api" | "sql" | "paired") => percentile(all(scale, side), 0.95);
  targets.check(`p95 at ${k(large)} vs ${k(small)}`, p95(large, "api") <= 2 * p95(small, "api"), `${(p95(large, "api") / p95(small, "api")).toFixed(2)}x (target <= 2)`);
  for (const s of scales) {
    const [api, sql] = [p95(s, "paired"), p95(s, "sql")];
    targets.check(`API p95 vs SQL p95 at ${k(s)} (the same ${all(s, "sql").length} requests)`, api <= 1.5 * sql, `${api.toFixed(1)} vs ${sql.toFixed(1)} ms: ${(api / sql).toFixed(2)}x (target <= 1.5)`);
  }
  // the alternative the index must beat: PostgreSQL alone, same queries, same turns
  console.log(`  PostgreSQL alone: p95 ${p95(small, "sql").toFixed(1)} ms at ${k(small)}, ${p95(large, "sql").toFixed(1)} ms at ${k(large)} (${(p95(large, "sql") / p95(small, "sql")).toFixed(2)}x); the API's p95 ${p95(small, "api").toFixed(1)} and ${p95(large, "api").toFixed(1)} ms`);
  const mem = memory.get(large)!;
  // the issue's "1.5 GB", read strictly: 1.5e9 bytes (1,430 MiB), at the peak, not only at the end
  targets.check(`resident memory of a hub at ${k(large)}`, mem.peak * 2 ** 20 < 1.5e9, `peak ${mem.peak.toFixed(0)} MiB (target < 1.5 GB = 1,430 MiB)`);
  const failed = [...written.values()].reduce((a, w) => a + w.failures.length, 0);
  targets.check("the writer's changes all succeeded", failed === 0, `${failed} failed`);
  targets.done();
}

runBench(main);
