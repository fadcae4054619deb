// Gauges read from the database when Prometheus scrapes: the job queue by task,
// live workers and the search index's lag. They describe the whole deployment, so
// any hub process can serve them. During an outage they are left out of the scrape
// rather than failing it (the HTTP and process metrics still matter then).
import { databaseDown } from "../db/db-health";
import { JOB_NAMES } from "../jobs/queue";
import { queueCounts, type TaskCounts } from "../jobs/queue-stats";
import { countLiveWorkers } from "../jobs/worker-registry";
import { errorFields, log } from "../observability/log";
import { collectedGauge } from "../observability/metrics";
import { catalogueIndexStore } from "../search/index/index-store";

// One query per scrape serves the three queue gauges.
let counts: { at: number; rows: Promise<TaskCounts[]> } | undefined;
function queueCountsForScrape(): Promise<TaskCounts[]> {
  if (!counts || Date.now() - counts.at > 1000) counts = { at: Date.now(), rows: queueCounts() };
  return counts.rows;
}

async function fromDatabase<T>(what: string, read: () => Promise<T>): Promise<T | null> {
  if (databaseDown()) return null;
  try {
    return await read();
  } catch (e) {
    log().warn({ metric: what, ...errorFields(e) }, "metrics: could not read from the database");
    return null;
  }
}

export function registerHubMetrics(): void {
  for (const state of ["queued", "running", "failed"] as const) {
    collectedGauge(`modelhub_jobs_${state}`, `Background jobs ${state === "failed" ? "out of attempts" : state}, by task.`, ["task"], async (g) => {
      g.reset();
      const rows = await fromDatabase("jobs", queueCountsForScrape);
      if (!rows) return;
      // Every task has a series, 0 when idle: a dashboard tells "none" from "unknown".
      for (const task of JOB_NAMES) g.set({ task }, 0);
      for (const row of rows) g.set({ task: row.task }, row[state]);
    });
  }
  collectedGauge("modelhub_workers_alive", "Worker processes whose heartbeat is current.", [], async (g) => {
    const n = await fromDatabase("workers", countLiveWorkers);
    if (n === null) g.reset();
    else g.set(n);
  });
  collectedGauge("modelhub_search_index_lag_seconds", "Age of the oldest catalogue change the in-memory search index has not applied (0 when current).", [], async (g) => {
    const store = catalogueIndexStore();
    const lag = store ? await fromDatabase("search index", () => store.lagSeconds()) : null;
    if (lag === null) g.reset();
    else g.set(lag);
  });
  collectedGauge("modelhub_search_index_load_seconds", "How long the in-memory search index's last full load took (0 until one has finished; see modelhub_search_index_ready).", [], (g) => {
    const ms = catalogueIndexStore()?.loadMs;
    if (ms === null || ms === undefined) g.reset();
    else g.set(ms / 1000);
  });
  collectedGauge("modelhub_search_index_probes", "Listings answered by the in-memory index since the process started, by whether the change log showed a change the index had to apply first (changed) or none (current).", ["outcome"], (g) => {
    const store = catalogueIndexStore();
    if (!store) return g.reset();
    g.set({ outcome: "current" }, store.probes.current);
    g.set({ outcome: "changed" }, store.probes.changed);
  });
  collectedGauge("modelhub_search_index_ready", "1 when the in-memory search index answers searches, 0 while it loads or when searches use PostgreSQL.", [], (g) => {
    g.set(catalogueIndexStore()?.state === "ready" ? 1 : 0);
  });
}
