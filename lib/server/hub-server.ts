// The hub's HTTP server: one request pipeline (lib/http/pipeline) in front of the
// route table (lib/hub-api), the hub's own routes (health, metrics, static demo
// bundles) and Next.js (pages, server actions, sign-in). Owns the timeouts that keep
// slow clients from holding sockets, and a graceful close.
import type http from "node:http";
import path from "node:path";
import next from "next";
import { env } from "../env";
import { PageCache } from "../http/page-cache";
import { createPipeline } from "../http/pipeline";
import { pageVersion } from "../pages/page-version";
import { claimApi } from "../hub-api/dispatch";
import { log } from "../observability/log";
import { catalogueIndexStore } from "../search/index/index-store";
import { claimOps } from "./ops-routes";
import { registerHubMetrics } from "./hub-metrics";
import { createHttpServer } from "./http-server";
import { startSweeps } from "./sweeps";

const PAGE_CACHE_BYTES = 64 * 1024 * 1024;

export type HubServer = { server: http.Server; close: (graceMs?: number) => Promise<void> };

export async function startHubServer(opts: { dir: string; port: number; hostname?: string; dev: boolean }): Promise<HubServer> {
  // tsx turns source maps on; in production they make every Error.stack read map files.
  if (!opts.dev) process.setSourceMapsEnabled(false);
  const app = next({ dev: opts.dev, dir: path.resolve(opts.dir), port: opts.port, hostname: opts.hostname ?? "localhost" });
  await app.prepare();
  const handle = app.getRequestHandler();
  const serve = createPipeline({
    claim: (method, parts) => claimOps(method, parts) ?? claimApi(method, parts),
    fallback: (req, res) => handle(req, res),
    dev: opts.dev,
    pages: env().MODELHUB_PAGE_CACHE_SECONDS > 0 ? { cache: new PageCache(env().MODELHUB_PAGE_CACHE_SECONDS * 1000, PAGE_CACHE_BYTES), version: pageVersion } : undefined,
  });
  const server = createHttpServer(serve);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, opts.hostname, resolve);
  });
  // The catalogue's search index loads in the background; PostgreSQL answers searches until it is ready.
  void catalogueIndexStore()?.start();
  const stopSweeps = startSweeps();
  registerHubMetrics();
  return {
    server,
    close: (graceMs = 0) =>
      new Promise<void>((resolve) => {
        stopSweeps();
        // New connections are refused at once; idle keep-alive ones are closed; requests in flight get `graceMs`.
        server.close(() => resolve());
        server.closeIdleConnections();
        const force = setTimeout(() => {
          log().warn("shutdown: closing connections still busy after the grace period");
          server.closeAllConnections();
        }, graceMs);
        force.unref();
        server.once("close", () => clearTimeout(force));
        void app.close?.();
      }),
  };
}
