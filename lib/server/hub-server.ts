// The hub's HTTP server: downloads, the catalogue API and the demo worker's modules are answered by Node directly, everything
// else (pages, API, auth) by Next.js in the same process.
import http from "node:http";
import path from "node:path";
import next from "next";
import { STALE_AFTER_MS, sweepStaging } from "../storage/sweep-staging";
import { sweepPendingUploads } from "../uploads/direct-uploads";
import { sweepDownloadSeen } from "../community/download-counts";
import { sweepRateCounters } from "../ratelimit/rate-limit";
import { clientAddress, handleDownload, isDownloadPath } from "./download-handler";
import { handleCatalogue, isCataloguePath } from "./catalogue-handler";
import { handleDemoRuntime, isDemoRuntimePath } from "./demo-runtime-handler";
import { catalogueIndexStore } from "../search/index/index-store";

export type HubServer = { server: http.Server; close: () => Promise<void> };

export async function startHubServer(opts: { dir: string; port: number; hostname?: string; dev: boolean }): Promise<HubServer> {
  // tsx turns source maps on; in production they make every Error.stack read map files.
  if (!opts.dev) process.setSourceMapsEnabled(false);
  const app = next({ dev: opts.dev, dir: path.resolve(opts.dir), port: opts.port, hostname: opts.hostname ?? "localhost" });
  await app.prepare();
  const handle = app.getRequestHandler();
  const server = http.createServer((req, res) => {
    const pathname = (req.url ?? "/").split("?")[0]!;
    if (isDownloadPath(pathname)) {
      void handleDownload(req, res, pathname);
      return;
    }
    if (isDemoRuntimePath(pathname)) {
      handleDemoRuntime(req, res, pathname);
      return;
    }
    if (isCataloguePath(pathname, req.method)) {
      void handleCatalogue(req, res, pathname);
      return;
    }
    // The client's address for rate limits, set here so a client cannot supply its own.
    req.headers["x-modelhub-client-ip"] = clientAddress(req);
    void handle(req, res);
  });
  // Large uploads and slow clients: no request timeout, generous keep-alive.
  server.requestTimeout = 0;
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port, opts.hostname, resolve);
  });
  // The catalogue's search index loads in the background; PostgreSQL answers searches until it is ready.
  void catalogueIndexStore()?.start();
  // Abandoned uploads: swept now and every hour.
  const sweep = () =>
    void Promise.all([sweepStaging(), sweepPendingUploads(STALE_AFTER_MS), sweepDownloadSeen(), sweepRateCounters()]).catch((e) => console.error("hourly sweep failed:", e));
  sweep();
  const sweeper = setInterval(sweep, 3600_000).unref();
  return {
    server,
    close: () =>
      new Promise<void>((resolve) => {
        clearInterval(sweeper);
        server.close(() => resolve());
        server.closeAllConnections();
        void app.close?.();
      }),
  };
}
