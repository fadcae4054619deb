// The NDJSON commit body (hub-api.md §2.11): a header line, then file, lfsFile,
// deletedFile and deletedFolder lines. Inline files are stored as they are parsed;
// LFS files must already be stored and verified, with a matching size.
import { db } from "../db/client";
import { HubError, badRequest } from "../errors";
import type { CommitOperation } from "../repos/commit-files";
import { assertFilePath } from "../repos/file-paths";
import { storeBytes } from "../repos/ingest-blob";
import { LFS_SIZE_THRESHOLD } from "../repos/lfs-rules";
import { verifyPendingFor } from "../uploads/direct-uploads";

export const MAX_COMMIT_BODY = 120 * 1024 * 1024;

export type ParsedCommit = { summary: string; description?: string; parentCommit?: string; operations: CommitOperation[] };

type Line = { key?: unknown; value?: Record<string, unknown> };

export async function parseCommitNdjson(text: string): Promise<ParsedCommit> {
  const lines = text.split("\n").filter((l) => l.trim() !== "");
  if (!lines.length) throw badRequest("Empty commit body");
  const parsed: Line[] = lines.map((l, i) => {
    try {
      const v = JSON.parse(l) as Line;
      if (!v || typeof v !== "object" || typeof v.value !== "object" || v.value === null) throw new Error();
      return v;
    } catch {
      throw badRequest(`Line ${i + 1} of the commit is not a JSON object with key and value`);
    }
  });
  const [header, ...rest] = parsed;
  if (header!.key !== "header") throw badRequest("The first line of a commit must be its header");
  const h = header!.value!;
  const summary = typeof h.summary === "string" ? h.summary : "";
  const parentCommit = h.parentCommit;
  if (parentCommit !== undefined && parentCommit !== null && !(typeof parentCommit === "string" && /^[0-9a-f]{40}$/.test(parentCommit))) {
    throw badRequest("parentCommit must be a 40-hex commit id");
  }

  const operations: CommitOperation[] = [];
  const lfs: { path: string; oid: string; size?: number }[] = [];
  for (const [i, line] of rest.entries()) {
    const v = line.value!;
    const path = assertFilePath(String(v.path ?? ""));
    if ("oldPath" in v && v.oldPath) throw badRequest(`Line ${i + 2}: renames (oldPath) are not supported; delete and add instead`);
    switch (line.key) {
      case "file": {
        const enc = v.encoding ?? "base64";
        if (typeof v.content !== "string" || (enc !== "base64" && enc !== "utf-8")) throw badRequest(`Line ${i + 2}: file needs string content in base64 or utf-8`);
        const bytes = Buffer.from(v.content, enc === "base64" ? "base64" : "utf8");
        if (bytes.length > LFS_SIZE_THRESHOLD) throw badRequest(`"${path}" is larger than 10 MiB: upload it with LFS`);
        operations.push({ op: "put", path, sha256: (await storeBytes(bytes)).sha256, lfs: false });
        break;
      }
      case "lfsFile": {
        if (typeof v.oid !== "string" || !/^[0-9a-f]{64}$/.test(v.oid)) throw badRequest(`Line ${i + 2}: lfsFile needs a sha256 oid`);
        if (v.algo !== undefined && v.algo !== "sha256") throw badRequest(`Line ${i + 2}: only sha256 LFS objects are supported`);
        lfs.push({ path, oid: v.oid, size: typeof v.size === "number" ? v.size : undefined });
        operations.push({ op: "put", path, sha256: v.oid, lfs: true });
        break;
      }
      case "deletedFile":
        operations.push({ op: "delete", path });
        break;
      case "deletedFolder":
        operations.push({ op: "deleteFolder", path });
        break;
      default:
        throw badRequest(`Line ${i + 2}: unknown key ${JSON.stringify(line.key)}`);
    }
  }
  if (lfs.length) {
    const stored = new Map(
      (await db().blob.findMany({ where: { sha256: { in: lfs.map((f) => f.oid) } }, select: { sha256: true, size: true } })).map((b) => [b.sha256, Number(b.size)]),
    );
    for (const f of lfs) {
      // S3 single-PUT uploads are verified at the first commit that names them.
      if (!stored.has(f.oid) && (await verifyPendingFor(f.oid))) {
        const b = await db().blob.findUnique({ where: { sha256: f.oid }, select: { size: true } });
        if (b) stored.set(f.oid, Number(b.size));
      }
      const size = stored.get(f.oid);
      if (size === undefined) throw new HubError(422, "BadRequest", `LFS object for "${f.path}" (${f.oid}) was not uploaded`);
      if (f.size !== undefined && f.size !== size) throw new HubError(422, "BadRequest", `LFS object for "${f.path}" has size ${size}, not ${f.size}`);
    }
  }
  return {
    summary,
    description: typeof h.description === "string" && h.description ? h.description : undefined,
    parentCommit: typeof parentCommit === "string" ? parentCommit : undefined,
    operations,
  };
}
