// What operators watch: one JSON log line per request (no secrets), Prometheus
// metrics by route pattern with the job queue, workers and search index from the
// database, and who may scrape them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createToken } from "../../lib/auth/tokens";
import { db } from "../../lib/db/client";
import { resetEnvForTests } from "../../lib/env";
import { registerWorker, unregisterWorker } from "../../lib/jobs/worker-registry";
import { log } from "../../lib/observability/log";
import { registerHubMetrics } from "../../lib/server/hub-metrics";
import { startApiServer, type ApiServer } from "../setup/api-server";
import { captureLog } from "../setup/capture-log";
import { seedRepo, seedUser, uniq } from "../setup/factories";

let server: ApiServer;
let lines: Record<string, unknown>[] = [];
let previous: ReturnType<typeof log>;

beforeAll(async () => {
  previous = log();
  lines = captureLog();
  registerHubMetrics();
  server = await startApiServer();
});
afterAll(async () => {
  (globalThis as { modelhubLog?: unknown }).modelhubLog = previous;
  await server.close();
});

const metricsText = async (headers: Record<string, string> = {}) => {
  const res = await server.call("GET", "/metrics", { headers });
  return { status: res.status, text: await res.text() };
};
const sample = (text: string, name: string, labels: string) => {
  const line = text.split("\n").find((l) => l.startsWith(`${name}{`) && labels.split(",").every((p) => l.includes(p)));
  return line ? Number(line.split(" ").pop()) : null;
};

describe("request logs", () => {
  it("are one JSON object per request with its id, route pattern, status, duration, bytes and user, and never the token", async () => {
    const user = await seedUser();
    const repo = await seedRepo(user);
    const { token } = await createToken(user.id, "logs", "read");
    const res = await server.call("GET", `/api/models/${user.username}/${repo.name}`, { token });
    expect(res.status).toBe(200);
    const id = res.headers.get("x-request-id");
    await new Promise((r) => setTimeout(r, 50));
    const line = lines.find((l) => l.msg === "request" && l.requestId === id)!;
    expect(line).toMatchObject({ level: 30, method: "GET", route: "/api/models/:ns/:name", status: 200, userId: user.id });
    expect(line.ms).toEqual(expect.any(Number));
    expect(line.bytes).toBeGreaterThan(0);
    const all = JSON.stringify(lines);
    expect(all).not.toContain(token);
    expect(all).not.toContain(user.email);
  });
});

describe("/metrics", () => {
  it("counts requests by route pattern and status class, and reads the queue, workers and search index from the database", async () => {
    await server.call("GET", `/api/models/${uniq("nobody")}/${uniq("nothing")}`);
    const key = uniq("metrics-probe");
    await db().$executeRaw`SELECT graphile_worker.add_job('deliver-webhook', '{}'::json, run_at := now() + interval '1 day', job_key := ${key})`;
    const workerId = uniq("metrics-worker");
    await registerWorker(workerId, { cpu: { cores: 2, model: "test" }, gpu: null } as never);
    try {
      const { status, text } = await metricsText();
      expect(status).toBe(200);
      expect(sample(text, "http_request_duration_seconds_count", 'route="/api/models/:ns/:name",status_class="4xx"')).toBeGreaterThanOrEqual(1);
      expect(sample(text, "modelhub_jobs_queued", 'task="deliver-webhook"')).toBeGreaterThanOrEqual(1);
      expect(text).toMatch(/^modelhub_workers_alive [1-9]/m);
      expect(text).toMatch(/^modelhub_db_pool_connections\{state="total"\} \d+/m);
      expect(text).toMatch(/^modelhub_search_index_ready [01]/m);
      expect(text).toMatch(/^# HELP modelhub_search_index_probes /m);
      expect(text).toMatch(/^process_resident_memory_bytes /m);
      expect(text).toMatch(/^nodejs_eventloop_lag_seconds /m);
    } finally {
      await db().$executeRaw`SELECT graphile_worker.remove_job(${key})`;
      await unregisterWorker(workerId);
    }
  });

  it("are served to loopback clients, and to others only with METRICS_TOKEN", async () => {
    expect((await metricsText({ "X-Forwarded-For": "203.0.113.9" })).status).toBe(403);
    process.env.METRICS_TOKEN = "a-metrics-token-of-some-length";
    resetEnvForTests();
    try {
      expect((await metricsText({ "X-Forwarded-For": "203.0.113.9", Authorization: "Bearer a-metrics-token-of-some-length" })).status).toBe(200);
      expect((await metricsText({ "X-Forwarded-For": "203.0.113.9", Authorization: "Bearer a-wrong-token-of-the-same-len" })).status).toBe(403);
    } finally {
      delete process.env.METRICS_TOKEN;
      resetEnvForTests();
    }
  });
});
