// Prometheus metrics (prom-client): one registry per process. The HTTP pipeline,
// the blob store and the database pool record here; domains that measure from
// the database (jobs, workers, the search index) register their own collectors.
import client from "prom-client";

type Metrics = {
  registry: client.Registry;
  httpDuration: client.Histogram<"method" | "route" | "status_class">;
  blobOps: client.Counter<"driver" | "op">;
  blobBytes: client.Counter<"driver" | "direction">;
  jobDuration: client.Histogram<"task" | "outcome">;
};

const globalForMetrics = globalThis as unknown as { modelhubMetrics?: Metrics };

function make(): Metrics {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry });
  return {
    registry,
    httpDuration: new client.Histogram({
      name: "http_request_duration_seconds",
      help: "Time from a request's arrival to the end of its answer, by route pattern and status class.",
      labelNames: ["method", "route", "status_class"],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    }),
    blobOps: new client.Counter({ name: "modelhub_blob_operations_total", help: "Blob store operations.", labelNames: ["driver", "op"], registers: [registry] }),
    blobBytes: new client.Counter({ name: "modelhub_blob_bytes_total", help: "Bytes written to and read from the blob store.", labelNames: ["driver", "direction"], registers: [registry] }),
    jobDuration: new client.Histogram({
      name: "modelhub_jobs_duration_seconds",
      help: "Run time of background jobs, by task and outcome.",
      labelNames: ["task", "outcome"],
      buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60, 300, 1800],
      registers: [registry],
    }),
  };
}

export function metrics(): Metrics {
  globalForMetrics.modelhubMetrics ??= make();
  return globalForMetrics.modelhubMetrics;
}

/** A gauge whose value is read when Prometheus scrapes (registered once per process). */
export function collectedGauge<L extends string>(name: string, help: string, labelNames: L[], collect: (g: client.Gauge<L>) => Promise<void> | void): void {
  const { registry } = metrics();
  if (registry.getSingleMetric(name)) return;
  new client.Gauge<L>({
    name,
    help,
    labelNames,
    registers: [registry],
    async collect() {
      await collect(this);
    },
  });
}
