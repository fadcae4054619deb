// The rows of recently listed repos, so that a page whose repos are all here needs
// only the change log from PostgreSQL, not their rows. The index store evicts a
// repo when the change log says it changed, and a row counts only on the UTC day
// its 30-day downloads were read for (they move at midnight with no change logged).
import type { RepoRow } from "../../repos/find-repo";

type Entry = { row: RepoRow; day: string; bytes: number; used: boolean };

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

  /** The row as read on `day`, or undefined; a hit marks the row used. */
  get(id: string, day: string): RepoRow | undefined {
    const e = this.entries.get(id);
    if (!e || e.day !== day) return undefined;
    e.used = true;
    return e.row;
  }

  /** Keeps a row read on `day` (shared by every later page: callers must not change it); rows not used lately go past the budget. */
  put(row: RepoRow, day: string): void {
    this.delete(row.id);
    const bytes = bytesOf(row);
    if (bytes > this.maxBytes / 16) return; // one odd row does not flush the rest
    this.bytes += bytes;
    // Second chance (CLOCK): the oldest go first, unless used since they were last passed over;
    // those move to the back. A hit only sets a flag: a strict LRU moved every row read to the
    // back, and the map's table, rebuilt for it, was half of what the API's requests left for
    // the old generation to collect (V8's sampling heap profiler, at 1M models).
    while (this.bytes > this.maxBytes && this.entries.size > 0) {
      const [id, e] = this.entries.entries().next().value!;
      this.entries.delete(id);
      if (e.used) {
        e.used = false;
        this.entries.set(id, e);
      } else this.bytes -= e.bytes;
    }
    this.entries.set(row.id, { row: Object.freeze(row), day, bytes, used: false });
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
