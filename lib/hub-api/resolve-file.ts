// The download reply for /resolve and /raw (hub-api.md §2.8): the headers both
// HF clients read, Range support, 302 to a presigned URL in S3 mode, and no
// content encoding. Served by the hub's Node server directly (lib/server), since
// Next.js route handlers drop Content-Length.
import { Readable } from "node:stream";
import { parseRange } from "../http/byte-range";
import { recordDownload, type DownloadClient } from "../community/download-counts";
import { blobStore } from "../storage";
import type { FileAtRevision } from "../repos/read-files";
import { lfsPointer } from "../repos/git-objects";

export type DownloadReply = { status: number; headers: Record<string, string>; body: Readable | null };

const TEXT_TYPES: Record<string, string> = {
  md: "text/markdown; charset=utf-8",
  txt: "text/plain; charset=utf-8",
  json: "application/json; charset=utf-8",
  yaml: "text/yaml; charset=utf-8",
  yml: "text/yaml; charset=utf-8",
  csv: "text/csv; charset=utf-8",
  py: "text/x-python; charset=utf-8",
};

function contentType(path: string, lfs: boolean): string {
  if (lfs) return "application/octet-stream";
  const ext = path.slice(path.lastIndexOf(".") + 1).toLowerCase();
  return TEXT_TYPES[ext] ?? "text/plain; charset=utf-8";
}

function disposition(path: string): string {
  const name = path.slice(path.lastIndexOf("/") + 1);
  const ascii = name.replace(/[^\x20-\x7e]|["\\]/g, "_");
  return `inline; filename*=UTF-8''${encodeURIComponent(name)}; filename="${ascii}"`;
}

export type { DownloadClient };

export type DownloadRequest = {
  method: "GET" | "HEAD";
  range: string | null;
  ifNoneMatch: string | null;
  raw: boolean; // /raw serves the LFS pointer text instead of the content
  privateRepo: boolean;
  repoId: string;
  client: DownloadClient;
  /** Fetched by the model page's in-browser demo: not a download (demo runs are counted apart). */
  demo?: boolean;
};

/** A GET that fetches the file, not a probe (JS sends bytes=0-0 first) nor a resumed tail. */
export function countsAsDownload(method: string, range: string | null): boolean {
  if (method !== "GET") return false;
  if (!range) return true;
  return /^bytes=0-(?!0$)\d*$/.test(range.trim());
}

export async function resolveFile(file: FileAtRevision, req: DownloadRequest): Promise<DownloadReply> {
  const servePointer = req.raw && file.lfs;
  const pointer = servePointer ? Buffer.from(lfsPointer(file.sha256, file.size)) : null;
  const size = pointer ? pointer.length : file.size;
  const etag = `"${file.lfs && !servePointer ? file.sha256 : file.oid}"`;
  const headers: Record<string, string> = {
    "X-Repo-Commit": file.revision.commitId,
    ETag: etag,
    "Accept-Ranges": "bytes",
    "Content-Type": pointer ? "text/plain; charset=utf-8" : contentType(file.path, file.lfs),
    "Content-Disposition": disposition(file.path),
    "Cache-Control": `${req.privateRepo ? "private" : "public"}, max-age=0, must-revalidate, no-transform`,
  };
  if (file.lfs && !servePointer) {
    headers["X-Linked-Size"] = String(file.size);
    headers["X-Linked-Etag"] = `"${file.sha256}"`;
  }
  if (!req.demo && countsAsDownload(req.method, req.range)) await recordDownload(req.repoId, file.path, req.client);

  // S3: LFS content goes straight from the object store; the 302 carries all metadata.
  if (file.lfs && !servePointer) {
    const url = await blobStore().presignedGetUrl(file.sha256, { filename: file.path.split("/").pop()!, expiresIn: 3600 });
    if (url) return { status: 302, headers: { ...headers, Location: url, "Content-Length": "0" }, body: null };
  }
  if (req.ifNoneMatch === etag && !req.range) return { status: 304, headers, body: null };

  if (size === 0) {
    // An empty file answers 200 even to a Range request: a 416 makes the JS client throw.
    if (req.range) headers["Content-Range"] = "bytes */0";
    return { status: 200, headers: { ...headers, "Content-Length": "0" }, body: null };
  }
  const range = parseRange(req.range, size);
  if (range.kind === "unsatisfiable") {
    return { status: 416, headers: { ...headers, "Content-Range": `bytes */${size}`, "Content-Length": "0" }, body: null };
  }
  const start = range.kind === "partial" ? range.start : 0;
  const end = range.kind === "partial" ? range.end : size - 1;
  headers["Content-Length"] = String(end - start + 1);
  if (range.kind === "partial") headers["Content-Range"] = `bytes ${start}-${end}/${size}`;
  const status = range.kind === "partial" ? 206 : 200;
  if (req.method === "HEAD") return { status, headers, body: null };
  const body = pointer
    ? Readable.from([pointer.subarray(start, end + 1)])
    : await blobStore().read(file.sha256, range.kind === "partial" ? { start, end } : undefined);
  return { status, headers, body };
}
