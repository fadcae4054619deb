// One wrapper for every API route: CORS, HubError -> JSON with X-Error-Code
// (hub-api.md §1), a request id, and a same-origin check for cookie-authenticated writes.
import crypto from "node:crypto";
import { HubError } from "../errors";

export const CORS_HEADERS: Record<string, string> = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Allow-Methods": "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS",
  "Access-Control-Allow-Headers": "Authorization, Content-Type, Range, X-Request-Id",
  "Access-Control-Expose-Headers":
    "X-Repo-Commit, X-Linked-Size, X-Linked-Etag, X-Error-Code, X-Error-Message, X-Request-Id, ETag, Content-Range, Content-Length, Link",
  "Access-Control-Max-Age": "86400",
};

export function withCors(res: Response): Response {
  for (const [k, v] of Object.entries(CORS_HEADERS)) if (!res.headers.has(k)) res.headers.set(k, v);
  return res;
}

export function json(body: unknown, init: ResponseInit = {}): Response {
  const headers = new Headers(init.headers);
  headers.set("Content-Type", "application/json; charset=utf-8");
  return new Response(JSON.stringify(body), { ...init, headers });
}

export function errorResponse(e: unknown, requestId: string): Response {
  if (e instanceof HubError) {
    return json(
      { error: e.message, ...e.extra },
      { status: e.status, headers: { ...e.headers, "X-Error-Code": e.code, "X-Error-Message": encodeURI(e.message).slice(0, 500), "X-Request-Id": requestId } },
    );
  }
  console.error(`[${requestId}] unexpected error:`, e);
  return json(
    { error: `Internal error (request ${requestId})` },
    { status: 500, headers: { "X-Error-Code": "Internal", "X-Request-Id": requestId } },
  );
}

type Handler<C> = (req: Request, ctx: C) => Promise<Response>;

export function apiRoute<C>(handler: Handler<C>): Handler<C> {
  return async (req, ctx) => {
    const requestId = req.headers.get("x-request-id")?.slice(0, 64) || crypto.randomUUID();
    try {
      const res = await handler(req, ctx);
      res.headers.set("X-Request-Id", requestId);
      return withCors(res);
    } catch (e) {
      return withCors(errorResponse(e, requestId));
    }
  };
}

export const corsPreflight = async () => withCors(new Response(null, { status: 204 }));

/**
 * Browser-session writes must come from our own pages: route handlers get no CSRF
 * check from Next.js, and cookies ride along on cross-site requests.
 */
export function assertSameOrigin(req: Request): void {
  const site = req.headers.get("sec-fetch-site");
  if (site === "same-origin") return;
  const origin = req.headers.get("origin");
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host");
  if (origin && host && new URL(origin).host === host) return;
  throw new HubError(403, "Forbidden", "Cross-site request refused");
}

/** A raw URL path's segments, each percent-decoded once (hub-api.md §1: parse raw paths yourself). */
export function decodePathSegments(pathname: string): string[] {
  return pathname
    .split("/")
    .filter((s) => s !== "")
    .map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        throw new HubError(400, "BadRequest", "Malformed percent-encoding in the URL");
      }
    });
}

export const rawSegments = (req: Request) => decodePathSegments(new URL(req.url).pathname);

/** The request's own origin, for absolute URLs in responses (hub-api.md §1). */
export function requestOrigin(req: Request): string {
  const url = new URL(req.url);
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host") ?? url.host;
  const proto = req.headers.get("x-forwarded-proto") ?? url.protocol.replace(":", "");
  return `${proto}://${host}`;
}
