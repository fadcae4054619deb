// GET /api/models and /api/model-facets, answered by Node directly like downloads:
// they are the hub's hottest reads and the framework would cost more than the query
// (bench/search). Same code and same answers as the Next.js routes.
import type { IncomingMessage, ServerResponse } from "node:http";
import crypto from "node:crypto";
import { nodeRequestActor } from "../auth/node-request-actor";
import { CORS_HEADERS, errorResponse } from "../http/api-route";
import { listModelsBody, listOptionsFromQuery } from "../hub-api/list-models";
import { catalogueFacets } from "../search/facets";
import { catalogueIndexStore } from "../search/index/index-store";

const PATHS = new Set(["/api/models", "/api/model-facets"]);

export const isCataloguePath = (pathname: string, method: string | undefined) => (method === "GET" || method === "HEAD") && PATHS.has(pathname);

function origin(req: IncomingMessage): string {
  const host = String(req.headers["x-forwarded-host"] ?? req.headers.host ?? "localhost");
  const proto = String(req.headers["x-forwarded-proto"] ?? "http");
  return `${proto}://${host}`;
}

export async function handleCatalogue(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
  const requestId = String(req.headers["x-request-id"] ?? "").slice(0, 64) || crypto.randomUUID();
  const headers: Record<string, string> = { ...CORS_HEADERS, "X-Request-Id": requestId, "Content-Type": "application/json" };
  try {
    const url = new URL(req.url ?? "/", origin(req));
    const actor = await nodeRequestActor(req);
    let buf: Buffer;
    if (pathname === "/api/models") {
      const { body, next } = await listModelsBody(actor, url);
      if (next) headers.Link = `<${next}>; rel="next"`;
      buf = body;
    } else {
      buf = Buffer.from(JSON.stringify(await catalogueFacets(listOptionsFromQuery(actor, url.searchParams))));
    }
    // which engine could answer: "ready" (the in-memory index), "loading", "failed" or "off" (PostgreSQL alone)
    headers["X-Catalogue-Index"] = catalogueIndexStore()?.state ?? "off";
    res.writeHead(200, { ...headers, "Content-Length": String(buf.length) });
    res.end(req.method === "HEAD" ? undefined : buf);
  } catch (e) {
    const reply = errorResponse(e, requestId);
    const buf = Buffer.from(await reply.text());
    reply.headers.forEach((v, k) => (headers[k] = v));
    res.writeHead(reply.status, { ...headers, ...CORS_HEADERS, "Content-Length": String(buf.length) });
    res.end(req.method === "HEAD" ? undefined : buf);
  }
}
