// The rows of recently listed repos, so that a page whose repos are all here needs
// only the change log from PostgreSQL, not their rows. The index store evicts a
// repo when the change log says it changed, and a row counts only on the UTC day
// its 30-day downloads were read for (they move at midnight with no change logged).
import type { RepoRow } from "../../repos/find-repo";

type Entry = { row: RepoRow; day: string };

export class RowCache {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly max: number) {}

  /** The row as read on `day`, or undefined; a hit becomes the most recent. */
  get(id: string, day: string): RepoRow | undefined {
    const e = this.entries.get(id);
    if (!e || e.day !== day) return undefined;
    this.entries.delete(id);
    this.entries.set(id, e);
    return e.row;
  }

  /** Keeps a row read on `day` (shared by every later page: callers must not change it); the least recent goes past `max`. */
  put(row: RepoRow, day: string): void {
    this.entries.delete(row.id);
    this.entries.set(row.id, { row: Object.freeze(row), day });
    if (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value!);
  }

  delete(id: string): void {
    this.entries.delete(id);
  }

  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}
