// The rows of recently listed repos, so that a page whose repos are all here needs
// only the change log from PostgreSQL, not their rows. The index store evicts a
// repo when the change log says it changed, and a row counts only on the UTC day
// its 30-day downloads were read for (they move at midnight with no change logged).
import type { RepoRow } from "../../repos/find-repo";

type Entry = { row: RepoRow; day: string; bytes: number };

/** About what a row holds in memory: most are small, but a sharded checkpoint lists up to 2,000 weight files. */
function bytesOf(row: RepoRow): number {
  let n = 512 + row.name.length * 2;
  for (const list of [row.tags, row.baseModels, row.weights?.files ?? []]) for (const s of list) n += 48 + s.length * 2;
  return n;
}

export class RowCache {
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;

  /** Holds rows of at most about `maxBytes` in all. */
  constructor(private readonly maxBytes: number) {}

  /** The row as read on `day`, or undefined; a hit becomes the most recent. */
  get(id: string, day: string): RepoRow | undefined {
    const e = this.entries.get(id);
    if (!e || e.day !== day) return undefined;
    this.entries.delete(id);
    this.entries.set(id, e);
    return e.row;
  }

  /** Keeps a row read on `day` (shared by every later page: callers must not change it); the least recent go past the budget. */
  put(row: RepoRow, day: string): void {
    this.delete(row.id);
    const bytes = bytesOf(row);
    if (bytes > this.maxBytes / 16) return; // one odd row does not flush the rest
    this.entries.set(row.id, { row: Object.freeze(row), day, bytes });
    this.bytes += bytes;
    for (const [id, e] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(id);
      this.bytes -= e.bytes;
    }
  }

  delete(id: string): void {
    const e = this.entries.get(id);
    if (!e) return;
    this.entries.delete(id);
    this.bytes -= e.bytes;
  }

  clear(): void {
    this.entries.clear();
    this.bytes = 0;
  }

  get size(): number {
    return this.entries.size;
  }

  /** About how much memory the kept rows take. */
  get heldBytes(): number {
    return this.bytes;
  }
}
