// The one front door. Every request, whatever answers it (a route of the table or
// Next.js), passes here: a request id, the caller resolved once, CORS and the
// origin rule for writes, security headers, the database-outage answer, errors
// mapped to the one JSON shape, one log line and the request metrics.
import crypto from "node:crypto";
import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from "node:http";
import { pipeline as pump } from "node:stream/promises";
import type { Actor } from "../auth/actor";
import { actorFromHeaders, credentialOf } from "../auth/request-actor";
import type { PageCache } from "./page-cache";
import { actorFromSession } from "../auth/sessions";
import { databaseDown } from "../db/db-health";
import { storeDown } from "../storage/store-health";
import { env } from "../env";
import { badRequest, forbidden, methodNotAllowed, serviceUnavailable } from "../errors";
import { errorFields, log } from "../observability/log";
import { metrics } from "../observability/metrics";
import { runInRequest, type RequestContext } from "../observability/request-context";
import { bodyAbandoned } from "./body";
import { errorReply } from "./error-reply";
import { closeAfterAnswer } from "./linger";
import { clientAddress, fromOwnOrigin, requestOrigin } from "./origin";
import { empty, type Reply } from "./reply";
import { decodePathSegments, type Method } from "./router";
import { baseSecurityHeaders, DATA_CSP, newNonce, pageCsp } from "./security-headers";

export const CORS_HEADERS: Record<string, string> = {
  "Access-Control-Allow-Origin": "*",
  "Access-Control-Allow-Methods": "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS",
  "Access-Control-Allow-Headers": "Authorization, Content-Type, Range, X-Request-Id, Accept, Accept-Encoding",
  "Access-Control-Expose-Headers":
    "X-Repo-Commit, X-Linked-Size, X-Linked-Etag, X-Error-Code, X-Error-Message, X-Request-Id, ETag, Content-Range, Content-Length, Link, RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset, Retry-After",
  "Access-Control-Max-Age": "86400",
};

/** What every route handler gets from the pipeline. */
export type RequestBase = {
  req: IncomingMessage;
  method: string;
  url: URL;
  parts: string[];
  requestId: string;
  clientIp: string;
  /** The origin the client addressed, for absolute URLs in answers. */
  origin: string;
  actor: () => Promise<Actor | null>;
  /** Aborted when the client goes away. */
  signal: AbortSignal;
};

/**
 * A route claims a path: "api" routes speak JSON to any origin (CORS, tokens);
 * "plain" routes (health, metrics, static bundles) are ours alone. `needsDatabase:
 * false` keeps a route answering during a database outage.
 */
export type Claimed =
  | { pattern: string; kind: "api" | "plain"; needsDatabase: boolean; run: (base: RequestBase) => Promise<Reply> }
  | { pattern: string; kind: "api" | "plain"; allowed: Method[] };

export type Pipeline = {
  claim: (method: string, parts: string[]) => Claimed | null;
  /** Everything no route claims: Next.js (pages, server actions, next-auth). */
  fallback: (req: IncomingMessage, res: ServerResponse) => Promise<void>;
  dev: boolean;
  /** Signed-out visitors' pages kept for a few seconds, valid while `version` (null: not cached) reads the same. */
  pages?: { cache: PageCache; version: (parts: string[], dataset: boolean) => Promise<string | null> };
};

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

function requestIdOf(req: IncomingMessage): string {
  const given = req.headers["x-request-id"];
  // A proxy we trust may name the request; anyone else gets our own id.
  if (env().TRUST_PROXY && typeof given === "string" && /^[A-Za-z0-9._:-]{1,64}$/.test(given)) return given;
  return crypto.randomUUID();
}

function statusClass(status: number): string {
  return `${Math.floor(status / 100)}xx`;
}

async function send(req: IncomingMessage, res: ServerResponse, reply: Reply): Promise<void> {
  const headers = { ...reply.headers };
  if (bodyAbandoned(req)) {
    headers.Connection = "close"; // the unread rest of the body must not be taken for a next request
    closeAfterAnswer(req.socket);
  }
  res.writeHead(reply.status, headers);
  const body = reply.body;
  if (!body || req.method === "HEAD") {
    if (body && !Buffer.isBuffer(body)) body.destroy();
    res.end();
    return;
  }
  if (Buffer.isBuffer(body)) {
    res.end(body);
    return;
  }
  await pump(body, res).catch((e: NodeJS.ErrnoException) => {
    // A client that goes away mid-answer (a cancelled download) is normal, not an error.
    if (e.code !== "ERR_STREAM_PREMATURE_CLOSE") throw e;
  });
}

function outagePage(requestId: string): Reply {
  const body = Buffer.from(
    `<!doctype html><meta charset="utf-8"><title>Temporarily unavailable · Modelhub</title><body style="font-family:system-ui;max-width:40rem;margin:4rem auto;padding:0 1rem"><h1>Modelhub is temporarily unavailable</h1><p>The hub cannot reach its database right now. It will answer again by itself as soon as the database is back; try again in a few seconds.</p><p style="color:#666">Request ${requestId}</p>`,
  );
  return { status: 503, headers: { "Content-Type": "text/html; charset=utf-8", "Content-Length": String(body.length), "Retry-After": "5", "Cache-Control": "no-store" }, body };
}

export function createPipeline(p: Pipeline): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => void handle(p, req, res);
}

async function handle(p: Pipeline, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const started = process.hrtime.bigint();
  const requestId = requestIdOf(req);
  const method = req.method ?? "GET";
  const ctx: RequestContext = { requestId, clientIp: clientAddress(req), route: "unmatched", actor: NOBODY };
  const sent = countBodyBytes(res);
  res.setHeader("X-Request-Id", requestId);
  for (const [k, v] of Object.entries(baseSecurityHeaders())) res.setHeader(k, v);
  res.once("close", () => record(ctx, res, method, started, sent.bytes));

  let parts: string[];
  let url: URL;
  try {
    // Segments come from the raw path: URL parsing would resolve "." and ".." (even %2E%2E) before any check saw them.
    const raw = req.url ?? "/";
    if (!raw.startsWith("/")) throw badRequest("The request target must be a path");
    // PostgreSQL cannot hold a NUL in text: one in a path or a query would reach a query as a 500
    if (/%00/i.test(raw)) throw badRequest("The URL contains an encoded NUL character (%00)");
    const q = raw.indexOf("?");
    parts = decodePathSegments(q < 0 ? raw : raw.slice(0, q));
    url = new URL(raw, "http://hub.invalid");
  } catch (e) {
    return send(req, res, errorReply(e, requestId));
  }
  let claimed: Claimed | null = null;
  try {
    claimed = p.claim(method, parts);
  } catch (e) {
    return send(req, res, errorReply(e, requestId));
  }
  const api = claimed?.kind === "api";
  if (claimed) {
    ctx.route = claimed.pattern;
    if (api) for (const [k, v] of Object.entries(CORS_HEADERS)) res.setHeader(k, v);
    res.setHeader("Content-Security-Policy", DATA_CSP);
  } else ctx.route = nextRouteLabel(method, `/${parts.join("/")}`, req);

  // Resolved once per request; but a server action may change what its caller holds (an
  // accepted invitation, a membership), and the page it renders next must see that.
  const resolveActor = actorResolver(req.headers, api, !claimed && UNSAFE.has(method), ctx);
  ctx.actor = resolveActor;

  await runInRequest(ctx, async () => {
    try {
      if (method === "OPTIONS" && api) return await send(req, res, empty(204));
      if (UNSAFE.has(method) && !fromOwnOrigin(req) && !(api && req.headers.authorization)) {
        // A browser on another site (or a sandboxed frame, Origin: null) may not write with our cookies, or anonymously.
        throw forbidden("Cross-origin request refused: writes from other sites need an API token in the Authorization header", { origin: req.headers.origin ?? null });
      }
      if (claimed && "allowed" in claimed) throw methodNotAllowed(claimed.allowed);
      const needsDb = claimed ? claimed.needsDatabase : parts[0] !== "_next";
      if (needsDb && databaseDown()) {
        if (claimed) throw serviceUnavailable("The hub's database is unreachable at the moment. Try again in a few seconds.", 5);
        return await send(req, res, outagePage(requestId));
      }
      if (claimed) {
        const base: RequestBase = { req, method, url, parts, requestId, clientIp: ctx.clientIp, origin: requestOrigin(req), actor: resolveActor, signal: abortSignalOf(req, res) };
        return await send(req, res, await claimed.run(base));
      }
      await toNext(p, req, res, ctx, parts);
    } catch (e) {
      if (res.headersSent) {
        log().warn({ requestId, ...errorFields(e) }, "answer failed after its headers were sent");
        res.destroy();
        return;
      }
      await send(req, res, errorReply(e, requestId, req.headers["user-agent"])).catch(() => res.destroy());
    }
  });
}

const NOBODY = async (): Promise<Actor | null> => null;

/**
 * The caller of a request, resolved on first use (`everyTime`: on each use). Made here, not in
 * `handle`: the request context holds it, async resources made while serving the request keep that
 * context after the answer (the ORM keeps its last closed transactions, each holding the context
 * of the request that ran it), and a closure made in `handle` would keep all of `handle`'s scope:
 * the request, the response, their headers and buffers (a heap snapshot under bench/search found
 * 78 answered responses held that way, promoted to the old generation).
 */
function actorResolver(headers: IncomingHttpHeaders, api: boolean, everyTime: boolean, ctx: RequestContext): () => Promise<Actor | null> {
  let actor: Promise<Actor | null> | undefined;
  const resolve = async () => {
    // Pages and server actions know browser sessions only; the API and git also take tokens.
    const found = api ? await actorFromHeaders(headers) : await sessionOnly(headers);
    if (found) ctx.userId = found.userId;
    return found;
  };
  return () => (everyTime ? resolve() : (actor ??= resolve()));
}

async function sessionOnly(headers: IncomingHttpHeaders): Promise<Actor | null> {
  const cred = credentialOf({ cookie: headers.cookie });
  return cred?.kind === "session" ? actorFromSession(cred.cookies) : null;
}

function abortSignalOf(req: IncomingMessage, res: ServerResponse): AbortSignal {
  const ac = new AbortController();
  res.once("close", () => {
    if (!res.writableFinished) ac.abort();
  });
  req.once("aborted", () => ac.abort());
  return ac.signal;
}

/** Next's requests, labelled coarsely for logs and metrics (its own route patterns are not known here). */
function nextRouteLabel(method: string, pathname: string, req: IncomingMessage): string {
  if (pathname.startsWith("/_next/static/")) return "next:static";
  if (pathname.startsWith("/_next/")) return "next:internal";
  if (pathname.startsWith("/api/auth/")) return "next:auth";
  if (method === "POST" && req.headers["next-action"]) return "next:action";
  return "next:page";
}

// Bodies Next.js reads (server actions, sign-in): forms, never uploads (those go through the API).
const NEXT_BODY_LIMIT = 4 * 1024 * 1024;

/**
 * Counts the bytes of a body that Next.js reads itself, as the HTTP parser hands them
 * over, and answers 413 (closing the connection) the moment they pass the limit: a
 * chunked body cannot make the hub buffer it whole.
 */
function limitIncoming(req: IncomingMessage, res: ServerResponse, limit: number): void {
  const declared = Number(req.headers["content-length"] ?? 0);
  const refuse = () => {
    if (!res.headersSent) {
      const body = JSON.stringify({ error: `The request body is larger than ${limit} bytes` });
      res.writeHead(413, { "Content-Type": "application/json; charset=utf-8", "Content-Length": String(Buffer.byteLength(body)), "X-Error-Code": "PayloadTooLarge", Connection: "close" });
      closeAfterAnswer(req.socket);
      res.end(body);
    } else req.destroy();
  };
  if (declared > limit) return refuse();
  let seen = 0;
  const push = req.push.bind(req);
  req.push = (chunk: unknown, encoding?: BufferEncoding) => {
    if (chunk) seen += (chunk as Buffer).length;
    if (seen > limit) {
      refuse();
      return false;
    }
    return push(chunk, encoding);
  };
}

async function toNext(p: Pipeline, req: IncomingMessage, res: ServerResponse, ctx: RequestContext, parts: string[]): Promise<void> {
  if (UNSAFE.has(req.method ?? "GET")) limitIncoming(req, res, NEXT_BODY_LIMIT);
  if (res.writableEnded) return;
  // Headers only the pipeline may set: never a client's.
  req.headers["x-modelhub-client-ip"] = ctx.clientIp;
  req.headers["x-request-id"] = ctx.requestId;
  delete req.headers["x-modelhub-repo-type"];
  // A dataset's pages (/datasets/{owner}/{name}/...) are the repo pages of /{owner}/{name}/...,
  // told by a header which kind of repo the address names.
  if (parts[0] === "datasets" && parts.length >= 3) {
    req.url = req.url!.replace(/^\/datasets(?=\/)/, "");
    req.headers["x-modelhub-repo-type"] = "dataset";
    parts = parts.slice(1);
  }
  // The path's segments, decoded exactly once, for pages that take file paths (Next.js
  // decodes its params differently from version to version). JSON, kept to ASCII.
  req.headers["x-modelhub-path"] = JSON.stringify(parts).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
  const nonce = newNonce();
  ctx.nonce = nonce;
  const csp = pageCsp(nonce, p.dev);
  // Next.js finds the nonce in the request's CSP header and puts it on its own scripts.
  req.headers["content-security-policy"] = csp;
  delete req.headers["content-security-policy-report-only"];
  res.setHeader("Content-Security-Policy", csp);
  // A page that failed because the database or the file store went away meanwhile is a 503, not a 500.
  const writeHead = res.writeHead.bind(res) as (...a: unknown[]) => ServerResponse;
  res.writeHead = ((status: number, ...rest: unknown[]) => {
    if (status === 500 && (databaseDown() || storeDown())) {
      res.setHeader("Retry-After", "5");
      return writeHead(503, ...rest);
    }
    return writeHead(status, ...rest);
  }) as typeof res.writeHead;
  const version = p.pages && !p.dev && signedOutPageLoad(req) ? await p.pages.version(parts, req.headers["x-modelhub-repo-type"] === "dataset") : null;
  if (version) return p.pages!.cache.serve(`${requestOrigin(req)} ${req.url} ${version}`, nonce, req, res, () => p.fallback(req, res));
  await p.fallback(req, res);
}

/** A plain GET of a whole page by someone without credentials (not a client-side navigation's payload, not a server action). */
function signedOutPageLoad(req: IncomingMessage): boolean {
  const h = req.headers;
  return req.method === "GET" && !credentialOf(h) && !h.rsc && !h["next-router-state-tree"] && !h["next-router-prefetch"] && !h["next-action"] && !/[?&]_rsc=/.test(req.url ?? "");
}

/** Counts the body bytes written to a response (whoever writes them: our replies or Next.js). */
function countBodyBytes(res: ServerResponse): { bytes: number } {
  const sent = { bytes: 0 };
  const size = (chunk: unknown, encoding?: unknown) =>
    typeof chunk === "string" ? Buffer.byteLength(chunk, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8") : chunk instanceof Uint8Array ? chunk.length : 0;
  const write = res.write.bind(res) as (...a: unknown[]) => boolean;
  const end = res.end.bind(res) as (...a: unknown[]) => ServerResponse;
  res.write = ((chunk: unknown, ...rest: unknown[]) => {
    sent.bytes += size(chunk, rest[0]);
    return write(chunk, ...rest);
  }) as typeof res.write;
  res.end = ((chunk?: unknown, ...rest: unknown[]) => {
    if (chunk !== undefined && typeof chunk !== "function") sent.bytes += size(chunk, rest[0]);
    return end(chunk, ...rest);
  }) as typeof res.end;
  return sent;
}

function record(ctx: RequestContext, res: ServerResponse, method: string, started: bigint, bytes: number): void {
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const status = res.headersSent ? res.statusCode : 499;
  metrics().httpDuration.observe({ method, route: ctx.route, status_class: statusClass(status) }, seconds);
  const line = { requestId: ctx.requestId, method, route: ctx.route, status, ms: Math.round(seconds * 10_000) / 10, bytes, userId: ctx.userId ?? null, ...(res.writableFinished ? {} : { aborted: true }) };
  if (ctx.route === "next:static") log().debug(line, "request");
  else log().info(line, "request");
}
