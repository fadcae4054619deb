// GET /demo-runtime/<file>: the demo worker's prebuilt modules (lib/demo/demo-runtime-bundle),
// answered by Node directly because Next drops a route handler's Content-Encoding, and
// these go out gzipped (a quarter of the bytes). Names carry a content hash: cached for good.
import type http from "node:http";
import { DEMO_RUNTIME_PATH, demoRuntimeFile } from "../demo/demo-runtime-bundle";

export const isDemoRuntimePath = (pathname: string) => pathname.startsWith(DEMO_RUNTIME_PATH);

export function handleDemoRuntime(req: http.IncomingMessage, res: http.ServerResponse, pathname: string): void {
  const name = pathname.slice(DEMO_RUNTIME_PATH.length);
  const found = req.method === "GET" || req.method === "HEAD" ? demoRuntimeFile(name, req.headers["accept-encoding"] ?? null) : null;
  if (!found) {
    res.writeHead(req.method === "GET" || req.method === "HEAD" ? 404 : 405, { "Content-Type": "text/plain; charset=utf-8" });
    res.end(req.method === "GET" || req.method === "HEAD" ? "Not found" : "Method not allowed");
    return;
  }
  res.writeHead(200, {
    "Content-Type": "text/javascript; charset=utf-8",
    "Content-Length": found.bytes.length,
    "Cache-Control": "public, max-age=31536000, immutable",
    Vary: "Accept-Encoding",
    "X-Content-Type-Options": "nosniff",
    ...(found.gzip ? { "Content-Encoding": "gzip" } : {}),
  });
  res.end(req.method === "HEAD" ? undefined : found.bytes);
}
