// The hub's own routes beside the API: health and readiness for orchestrators,
// Prometheus metrics, and the demo's static bundles (the demo worker's modules and
// TF.js's WASM binaries). None of them needs the database, so they answer during
// an outage (readiness then says which dependency is down).
import crypto from "node:crypto";
import { pingDatabase } from "../db/db-health";
import { demoRuntimeFile } from "../demo/demo-runtime-bundle";
import { wasmBinary } from "../demo/wasm-binaries";
import { env } from "../env";
import { forbidden, notFound } from "../errors";
import type { Claimed, RequestBase } from "../http/pipeline";
import { bytes, json, type Reply } from "../http/reply";
import { workerCsp } from "../http/security-headers";
import { Router } from "../http/router";
import { metrics } from "../observability/metrics";
import { blobStore } from "../storage";

type Op = (base: RequestBase, params: Record<string, string>, rest: string[]) => Promise<Reply>;

async function check(run: () => Promise<unknown>, ms = 3000): Promise<"ok" | string> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([run(), new Promise((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)))]);
    return "ok";
  } catch (e) {
    return e instanceof Error ? e.message.slice(0, 200) : "failed";
  } finally {
    clearTimeout(timer);
  }
}

const healthz: Op = async () => json({ status: "ok" }, { headers: { "Cache-Control": "no-store" } });

const readyz: Op = async () => {
  const [database, blobs] = await Promise.all([
    check(async () => {
      if (!(await pingDatabase(3000))) throw new Error("unreachable");
    }),
    check(() => blobStore().ping()),
  ]);
  const checks = { database, blobStore: blobs };
  const failing = Object.entries(checks).flatMap(([k, v]) => (v === "ok" ? [] : [k]));
  return json(failing.length ? { status: "unavailable", failing, checks } : { status: "ready", checks }, { status: failing.length ? 503 : 200, headers: { "Cache-Control": "no-store" } });
};

const LOOPBACK = /^(127\.|::1$|::ffff:127\.)/;

function tokenMatches(given: string | undefined, wanted: string): boolean {
  const g = Buffer.from(given?.replace(/^Bearer\s+/i, "") ?? "");
  const w = Buffer.from(wanted);
  return g.length === w.length && crypto.timingSafeEqual(g, w);
}

const metricsOp: Op = async ({ req }) => {
  const fromLoopback = LOOPBACK.test(req.socket.remoteAddress ?? "") && !req.headers["x-forwarded-for"];
  const token = env().METRICS_TOKEN;
  if (!(token ? tokenMatches(req.headers.authorization, token) || (fromLoopback && !req.headers.authorization) : fromLoopback)) {
    throw forbidden("Metrics are served to loopback clients, or to others with METRICS_TOKEN");
  }
  const { registry } = metrics();
  return bytes(Buffer.from(await registry.metrics()), { headers: { "Content-Type": registry.contentType, "Cache-Control": "no-store" } });
};

// Names carry a content hash: cached for good. Sent gzipped when the client takes it (Next would drop the encoding).
const demoRuntime: Op = async ({ req }, _p, rest) => {
  const found = demoRuntimeFile(rest.join("/"), (req.headers["accept-encoding"] as string | undefined) ?? null);
  if (!found) throw notFound("No such file");
  return bytes(found.bytes, {
    headers: { "Content-Type": "text/javascript; charset=utf-8", "Cache-Control": "public, max-age=31536000, immutable", Vary: "Accept-Encoding", "Content-Security-Policy": workerCsp(), ...(found.gzip ? { "Content-Encoding": "gzip" } : {}) },
  });
};

const tfjsWasm: Op = async (_b, params) => {
  const found = await wasmBinary(params.file!);
  if (!found) throw notFound("No such file");
  return bytes(found, { headers: { "Content-Type": "application/wasm", "Cache-Control": "public, max-age=86400" } });
};

const router = new Router<Op>().add("GET", "/healthz", healthz).add("GET", "/readyz", readyz).add("GET", "/metrics", metricsOp).add("GET", "/demo-runtime/*file", demoRuntime).add("GET", "/tfjs-wasm/:file", tfjsWasm);

export function claimOps(method: string, parts: string[]): Claimed | null {
  const { match, allowed } = router.match(method, parts);
  if (match) return { pattern: match.pattern, kind: "plain", needsDatabase: false, run: (base) => match.route(base, match.params, match.rest) };
  return allowed ? { pattern: "ops:method-not-allowed", kind: "plain", allowed } : null;
}
