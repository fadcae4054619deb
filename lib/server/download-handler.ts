// GET/HEAD /{owner}/{repo}/(resolve|raw)/{rev}/{path}, served straight from Node:
// real Content-Length (Next.js route handlers drop it) and no framework on the
// byte path, so downloads run at the speed of the blob store.
import type { IncomingMessage, ServerResponse } from "node:http";
import { pipeline } from "node:stream/promises";
import { nodeRequestActor } from "../auth/node-request-actor";
import { CORS_HEADERS, decodePathSegments, errorResponse } from "../http/api-route";
import { HubError, entryNotFound } from "../errors";
import { repoFor } from "../repos/find-repo";
import { fileAt } from "../repos/read-files";
import { splitRevisionPath } from "../repos/resolve-revision";
import { assertFilePath } from "../repos/file-paths";
import { resolveFile } from "../hub-api/resolve-file";
import { assertFileAccess } from "../gating/access";
import crypto from "node:crypto";

const DOWNLOAD_PATH = /^\/[^/]+\/[^/]+\/(?:resolve|raw)\/./;

export function isDownloadPath(pathname: string): boolean {
  return DOWNLOAD_PATH.test(pathname);
}

/** The client's address; behind a proxy (TRUST_PROXY=1) the first X-Forwarded-For hop. */
export function clientAddress(req: IncomingMessage): string {
  const fwd = process.env.TRUST_PROXY === "1" ? String(req.headers["x-forwarded-for"] ?? "").split(",")[0]?.trim() : "";
  return fwd || req.socket.remoteAddress || "";
}

export async function handleDownload(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
  const requestId = String(req.headers["x-request-id"] ?? "").slice(0, 64) || crypto.randomUUID();
  res.setHeader("X-Request-Id", requestId);
  for (const [k, v] of Object.entries(CORS_HEADERS)) res.setHeader(k, v);
  if (req.method === "OPTIONS") {
    res.writeHead(204).end();
    return;
  }
  try {
    if (req.method !== "GET" && req.method !== "HEAD") throw new HubError(405, "BadRequest", "Only GET and HEAD are allowed here");
    const [owner, name, kind, ...rest] = decodePathSegments(pathname);
    const actor = await nodeRequestActor(req);
    const repo = await repoFor(actor, owner!, name!);
    const { rev, path } = await splitRevisionPath(repo.id, rest);
    if (!path) throw entryNotFound("");
    assertFilePath(path);
    await assertFileAccess(actor, repo, path);
    const file = await fileAt(repo.id, rev, path);
    const reply = await resolveFile(file, {
      method: req.method,
      range: (req.headers.range as string | undefined) ?? null,
      ifNoneMatch: (req.headers["if-none-match"] as string | undefined) ?? null,
      raw: kind === "raw",
      privateRepo: repo.private,
      repoId: repo.id,
      client: { userId: actor?.userId ?? null, ip: clientAddress(req), userAgent: String(req.headers["user-agent"] ?? "") },
    });
    res.writeHead(reply.status, reply.headers);
    if (!reply.body) {
      res.end();
      return;
    }
    await pipeline(reply.body, res).catch((e: NodeJS.ErrnoException) => {
      // A client that goes away mid-download is normal, not an error.
      if (e.code !== "ERR_STREAM_PREMATURE_CLOSE") throw e;
    });
  } catch (e) {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    const reply = errorResponse(e, requestId);
    const body = Buffer.from(await reply.text());
    reply.headers.forEach((v, k) => res.setHeader(k, v));
    res.writeHead(reply.status, { "Content-Length": String(body.length) });
    res.end(req.method === "HEAD" ? undefined : body);
  }
}
