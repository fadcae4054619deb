// The Node HTTP server and its limits on slow clients: the headers must arrive
// within 20 s and no socket may sit idle for 2 minutes. A whole request has no cap,
// which would cut long uploads and downloads that keep moving.
import http from "node:http";

export type Timeouts = { headersMs: number; idleMs: number; keepAliveMs: number; checkEveryMs: number };

export const DEFAULT_TIMEOUTS: Timeouts = { headersMs: 20_000, idleMs: 120_000, keepAliveMs: 65_000, checkEveryMs: 5_000 };

export function createHttpServer(handler: http.RequestListener, t: Timeouts = DEFAULT_TIMEOUTS): http.Server {
  const server = http.createServer({ headersTimeout: t.headersMs, requestTimeout: 0, connectionsCheckingInterval: t.checkEveryMs, maxHeaderSize: 32 * 1024 }, handler);
  server.timeout = t.idleMs;
  server.keepAliveTimeout = t.keepAliveMs;
  server.maxHeadersCount = 200;
  return server;
}
