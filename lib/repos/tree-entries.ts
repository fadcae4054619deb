// Reading trees: the entry at a path, and listings (one level or recursive).
import type { Prisma } from "../db/generated/client";
import type { Db } from "../db/client";

export type FileEntry = { name: string; type: "file"; oid: string; sha256: string; size: number; lfs: boolean };
export type DirEntry = { name: string; type: "dir"; oid: string };
export type TreeEntry = FileEntry | DirEntry;
export type Listed = (FileEntry | DirEntry) & { path: string };

export type DbTx = Db | Prisma.TransactionClient;

/** Caches trees for one request or transaction; trees are immutable so this is always safe. */
export class TreeReader {
  private cache = new Map<string, TreeEntry[]>();
  constructor(private readonly tx: DbTx) {}

  remember(id: string, entries: TreeEntry[]): void {
    this.cache.set(id, entries);
  }

  async load(id: string): Promise<TreeEntry[]> {
    const hit = this.cache.get(id);
    if (hit) return hit;
    const row = await this.tx.tree.findUnique({ where: { id } });
    if (!row) throw new Error(`tree ${id} is missing`);
    const entries = row.entries as unknown as TreeEntry[];
    this.cache.set(id, entries);
    return entries;
  }

  private async loadMany(ids: string[]): Promise<void> {
    const missing = ids.filter((id) => !this.cache.has(id));
    if (!missing.length) return;
    const rows = await this.tx.tree.findMany({ where: { id: { in: missing } } });
    for (const r of rows) this.cache.set(r.id, r.entries as unknown as TreeEntry[]);
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
