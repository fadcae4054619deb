// Reading a repo at a revision: its file list and single files.
import { db } from "../db/client";
import { entryNotFound } from "../errors";
import { resolveRevision, type ResolvedRevision } from "./resolve-revision";
import { TreeReader, type FileEntry, type Listed } from "./tree-entries";

export type FileAtRevision = FileEntry & { path: string; revision: ResolvedRevision };

export async function fileAt(repoId: string, rev: string, path: string): Promise<FileAtRevision> {
  const revision = await resolveRevision(repoId, rev);
  const entry = await new TreeReader(db()).entryAt(revision.treeId, path);
  if (!entry || entry.type !== "file") throw entryNotFound(path);
  return { ...entry, path, revision };
}

/** Entries of a folder at a revision (one level, or every level when recursive). */
export async function listPath(
  repoId: string,
  rev: string,
  path: string,
  recursive: boolean,
): Promise<{ revision: ResolvedRevision; entries: Listed[] }> {
  const revision = await resolveRevision(repoId, rev);
  const reader = new TreeReader(db());
  const dir = await reader.entryAt(revision.treeId, path);
  if (!dir || dir.type !== "dir") throw entryNotFound(path || "/");
  return { revision, entries: await reader.list(dir.oid, path, recursive) };
}

/** The file at `path`, or null when the revision has no file there. */
export async function findFileAt(treeId: string, path: string): Promise<FileEntry | null> {
  const entry = await new TreeReader(db()).entryAt(treeId, path);
  return entry?.type === "file" ? entry : null;
}

/** The entries at these paths (files or folders) at a revision; missing paths are left out. */
export async function entriesAt(repoId: string, rev: string, paths: string[]): Promise<{ revision: ResolvedRevision; entries: Listed[] }> {
  const revision = await resolveRevision(repoId, rev);
  const reader = new TreeReader(db());
  const entries: Listed[] = [];
  for (const p of paths) {
    const clean = p.replace(/^\/+|\/+$/g, "");
    if (!clean) continue;
    const e = await reader.entryAt(revision.treeId, clean);
    if (e) entries.push({ ...e, path: clean });
  }
  return { revision, entries };
}
