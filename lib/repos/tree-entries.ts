// Reading trees: the entry at a path, and listings (one level or recursive).
import type { Prisma } from "../db/generated/client";
import type { Db } from "../db/client";

/** `mode` is "100755" for an executable file (pushed with git), absent otherwise. */
export type FileEntry = { name: string; type: "file"; oid: string; sha256: string; size: number; lfs: boolean; mode?: "100755" };
export type DirEntry = { name: string; type: "dir"; oid: string };
export type TreeEntry = FileEntry | DirEntry;
export type Listed = (FileEntry | DirEntry) & { path: string };

export type DbTx = Db | Prisma.TransactionClient;

// Trees are immutable and content-addressed, so a process-wide cache never goes
// stale. Bounded by the number of entries it holds, oldest evicted first.
const MAX_CACHED_ENTRIES = 200_000;
const treeCache = new Map<string, TreeEntry[]>();
let cachedEntries = 0;

function cacheTree(id: string, entries: TreeEntry[]): void {
  if (treeCache.has(id) || entries.length > MAX_CACHED_ENTRIES / 10) return;
  treeCache.set(id, entries);
  cachedEntries += entries.length;
  while (cachedEntries > MAX_CACHED_ENTRIES) {
    const [oldId, old] = treeCache.entries().next().value!;
    treeCache.delete(oldId);
    cachedEntries -= old.length;
  }
}

/** Reads trees through the shared cache; a big tree too large to cache is kept for this reader only. */
export class TreeReader {
  private local = new Map<string, TreeEntry[]>();
  constructor(private readonly tx: DbTx) {}

  private get(id: string): TreeEntry[] | undefined {
    return treeCache.get(id) ?? this.local.get(id);
  }

  private keep(id: string, entries: TreeEntry[]): void {
    cacheTree(id, entries);
    if (!treeCache.has(id)) this.local.set(id, entries);
  }

  async load(id: string): Promise<TreeEntry[]> {
    const hit = this.get(id);
    if (hit) return hit;
    await this.loadMany([id]);
    const entries = this.get(id);
    if (!entries) throw new Error(`tree ${id} is missing`);
    return entries;
  }

  private async loadMany(ids: string[]): Promise<void> {
    const missing = ids.filter((id) => !this.get(id));
    if (!missing.length) return;
    const rows = await this.tx.$queryRaw<{ id: string; entries: TreeEntry[] }[]>`SELECT id, entries FROM "Tree" WHERE id = ANY(${missing})`;
    for (const r of rows) this.keep(r.id, r.entries);
  }

  /** The entry at `path` ("" is the root folder), or null. */
  async entryAt(rootId: string, path: string): Promise<TreeEntry | null> {
    if (path === "") return { name: "", type: "dir", oid: rootId };
    let dirId = rootId;
    const segments = path.split("/");
    for (let i = 0; i < segments.length; i++) {
      const entry = (await this.load(dirId)).find((e) => e.name === segments[i]);
      if (!entry) return null;
      if (i === segments.length - 1) return entry;
      if (entry.type !== "dir") return null;
      dirId = entry.oid;
    }
    return null;
  }

  /** Entries under a folder, with repo-relative paths; one level or every level (breadth-first, one query per depth). */
  async list(dirId: string, prefix: string, recursive: boolean): Promise<Listed[]> {
    const out: Listed[] = [];
    let level: { id: string; prefix: string }[] = [{ id: dirId, prefix }];
    while (level.length) {
      await this.loadMany(level.map((l) => l.id));
      const next: { id: string; prefix: string }[] = [];
      for (const { id, prefix: p } of level) {
        for (const e of await this.load(id)) {
          const path = p ? `${p}/${e.name}` : e.name;
          out.push({ ...e, path });
          if (recursive && e.type === "dir") next.push({ id: e.oid, prefix: path });
        }
      }
      level = next;
    }
    return out;
  }

  async listFiles(rootId: string): Promise<(FileEntry & { path: string })[]> {
    return (await this.list(rootId, "", true)).filter((e): e is FileEntry & { path: string } => e.type === "file");
  }
}
