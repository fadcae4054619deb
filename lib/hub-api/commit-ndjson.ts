// The NDJSON commit body (hub-api.md §2.11): a header line, then file, lfsFile,
// deletedFile and deletedFolder lines. Parsing only: inline content stays in memory
// until commitFiles has checked everything, and LFS objects are named by sha256
// (commitFiles decides whether the caller may name them).
import { badRequest } from "../errors";
import type { CommitOperation } from "../repos/commit-files";
import { assertFilePath } from "../repos/file-paths";
import { LFS_SIZE_THRESHOLD } from "../repos/lfs-rules";

export const MAX_COMMIT_BODY = 120 * 1024 * 1024;
const MAX_LINES = 25_000;

export type ParsedCommit = { summary: string; description?: string; parentCommit?: string; operations: CommitOperation[] };

type Line = { key?: unknown; value?: Record<string, unknown> };

function parseLine(l: string, n: number): Line {
  try {
    const v = JSON.parse(l) as Line;
    if (v && typeof v === "object" && typeof v.value === "object" && v.value !== null && !Array.isArray(v.value)) return v;
  } catch {
    // reported below
  }
  throw badRequest(`Line ${n} of the commit is not a JSON object with key and value`);
}

function operation(line: Line, n: number): CommitOperation {
  const v = line.value!;
  const path = assertFilePath(String(v.path ?? ""));
  if ("oldPath" in v && v.oldPath) throw badRequest(`Line ${n}: renames (oldPath) are not supported; delete and add instead`);
  switch (line.key) {
    case "file": {
      const enc = v.encoding ?? "base64";
      if (typeof v.content !== "string" || (enc !== "base64" && enc !== "utf-8")) throw badRequest(`Line ${n}: file needs string content in base64 or utf-8`);
      const content = Buffer.from(v.content, enc === "base64" ? "base64" : "utf8");
      if (content.length > LFS_SIZE_THRESHOLD) throw badRequest(`"${path}" is larger than 10 MiB: upload it with LFS`);
      return { op: "put", path, content, lfs: false };
    }
    case "lfsFile": {
      if (typeof v.oid !== "string" || !/^[0-9a-f]{64}$/.test(v.oid)) throw badRequest(`Line ${n}: lfsFile needs a sha256 oid`);
      if (v.algo !== undefined && v.algo !== "sha256") throw badRequest(`Line ${n}: only sha256 LFS objects are supported`);
      if (v.size !== undefined && !(typeof v.size === "number" && Number.isSafeInteger(v.size) && v.size >= 0)) throw badRequest(`Line ${n}: size must be a whole number of bytes`);
      return { op: "put", path, sha256: v.oid, lfs: true, ...(typeof v.size === "number" ? { size: v.size } : {}) };
    }
    case "deletedFile":
      return { op: "delete", path };
    case "deletedFolder":
      return { op: "deleteFolder", path };
    default:
      throw badRequest(`Line ${n}: unknown key ${JSON.stringify(line.key)}`);
  }
}

export function parseCommitNdjson(text: string): ParsedCommit {
  const lines = text.split("\n").filter((l) => l.trim() !== "");
  if (!lines.length) throw badRequest("Empty commit body");
  if (lines.length > MAX_LINES) throw badRequest(`A commit has at most ${MAX_LINES - 1} operations`);
  const [header, ...rest] = lines.map((l, i) => parseLine(l, i + 1));
  if (header!.key !== "header") throw badRequest("The first line of a commit must be its header");
  const h = header!.value!;
  const parentCommit = h.parentCommit;
  if (parentCommit !== undefined && parentCommit !== null && !(typeof parentCommit === "string" && /^[0-9a-f]{40}$/.test(parentCommit))) {
    throw badRequest("parentCommit must be a 40-hex commit id");
  }
  return {
    summary: typeof h.summary === "string" ? h.summary : "",
    description: typeof h.description === "string" && h.description ? h.description : undefined,
    parentCommit: typeof parentCommit === "string" ? parentCommit : undefined,
    operations: rest.map((line, i) => operation(line, i + 2)),
  };
}
