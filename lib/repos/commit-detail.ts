// One commit as the commit page shows it: metadata, the files it changed and,
// for small text files, a line diff against its first parent.
import { structuredPatch } from "diff";
import { db } from "../db/client";
import { readBlobText } from "./read-blob";
import { resolveRevision } from "./resolve-revision";
import { TreeReader, type TreeEntry } from "./tree-entries";

const MAX_DIFF_BYTES = 512 * 1024;

export type DiffHunk = { oldStart: number; oldLines: number; newStart: number; newLines: number; lines: string[] };
export type FileChange = {
  path: string;
  op: "add" | "modify" | "delete";
  oldSize: number | null;
  newSize: number | null;
  /** null when either side is binary, LFS or too large to diff. */
  hunks: DiffHunk[] | null;
};
export type CommitDetail = {
  id: string;
  title: string;
  description: string;
  author: string | null;
  createdAt: Date;
  parentIds: string[];
  changes: FileChange[];
};

async function textOf(entry: TreeEntry | null): Promise<string | null | undefined> {
  if (!entry) return ""; // absent side of an add or delete
  if (entry.type !== "file" || entry.lfs || entry.size > MAX_DIFF_BYTES) return undefined;
  return readBlobText(entry.sha256, entry.size, MAX_DIFF_BYTES);
}

/** One changed file with, when both sides are small text, its line diff. */
export async function fileChange(path: string, op: FileChange["op"], before: TreeEntry | null, after: TreeEntry | null): Promise<FileChange> {
  const [a, b] = await Promise.all([textOf(before), textOf(after)]);
  const size = (e: TreeEntry | null) => (e?.type === "file" ? e.size : null);
  const hunks =
    typeof a === "string" && typeof b === "string"
      ? structuredPatch(path, path, a, b, "", "", { context: 3 }).hunks.map((h) => ({ oldStart: h.oldStart, oldLines: h.oldLines, newStart: h.newStart, newLines: h.newLines, lines: h.lines }))
      : null;
  return { path, op, oldSize: size(before), newSize: size(after), hunks };
}

export async function commitDetail(repoId: string, rev: string): Promise<CommitDetail> {
  const { commitId } = await resolveRevision(repoId, rev);
  const c = await db().commit.findUniqueOrThrow({
    where: { id: commitId },
    select: { id: true, title: true, description: true, createdAt: true, parentIds: true, treeId: true, changes: true, author: { select: { username: true } } },
  });
  const parent = c.parentIds[0] ? await db().commit.findUnique({ where: { id: c.parentIds[0] }, select: { treeId: true } }) : null;
  const reader = new TreeReader(db());
  const changes = await Promise.all(
    (c.changes as { path: string; op: FileChange["op"] }[]).map(async ({ path, op }) =>
      fileChange(path, op, parent ? await reader.entryAt(parent.treeId, path) : null, await reader.entryAt(c.treeId, path)),
    ),
  );
  return {
    id: c.id,
    title: c.title,
    description: c.description,
    author: c.author?.username ?? null,
    createdAt: c.createdAt,
    parentIds: c.parentIds,
    changes,
  };
}
