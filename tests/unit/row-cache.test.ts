// The cache of listed repos' rows: bounded by memory, rows not read lately out first (second chance),
// and a row counts only on the UTC day it was read (its 30-day downloads move at midnight).
import { describe, expect, it } from "vitest";
import { RowCache } from "../../lib/search/index/row-cache";
import type { RepoRow } from "../../lib/repos/find-repo";

const row = (id: string, files: string[] = []): RepoRow =>
  ({ id, name: id, private: false, likes: 1, tags: [], baseModels: [], weights: files.length ? { files } : null, owner: { username: "o" } }) as unknown as RepoRow;

describe("row cache", () => {
  it("returns a row only for the day it was read on", () => {
    const cache = new RowCache(1 << 20);
    cache.put(row("a"), "2026-11-23");
    expect(cache.get("a", "2026-11-23")?.id).toBe("a");
    expect(cache.get("a", "2026-11-24")).toBeUndefined();
    expect(cache.get("b", "2026-11-23")).toBeUndefined();
  });

  it("drops the oldest rows not read since past its memory budget, a read counting as a use", () => {
    const cache = new RowCache(8300); // sixteen small rows
    for (let i = 0; i < 16; i++) cache.put(row(`r${i}`), "d");
    expect(cache.size).toBe(16);
    cache.get("r0", "d");
    cache.put(row("new"), "d");
    expect(cache.size).toBe(16);
    expect(cache.get("r1", "d")).toBeUndefined();
    expect(cache.get("r0", "d")?.id).toBe("r0");
    expect(cache.get("new", "d")?.id).toBe("new");
    expect(cache.heldBytes).toBeLessThanOrEqual(8300);
    // every row has been read since (r0 and new just above): each loses its mark once, the oldest
    // goes, and the new row always gets in
    for (let i = 2; i < 16; i++) cache.get(`r${i}`, "d");
    cache.put(row("nwr"), "d");
    expect(cache.get("nwr", "d")?.id).toBe("nwr");
    expect(cache.size).toBe(16);
    expect(cache.get("r2", "d")).toBeUndefined();
    expect(cache.get("r0", "d")?.id).toBe("r0");
  });

  it("counts what a row holds, and reads a row too large for it each time instead", () => {
    const cache = new RowCache(64 << 10);
    for (let i = 0; i < 200; i++) cache.put(row(`small${i}`), "d"); // full
    const small = cache.size;
    // a sharded checkpoint takes the room of several small rows
    cache.put(row("sharded", Array.from({ length: 20 }, (_, i) => `model-${i}-of-20.safetensors`)), "d");
    expect(cache.get("sharded", "d")).toBeDefined();
    expect(cache.size).toBeLessThan(small - 2);
    const held = cache.heldBytes;
    // over a sixteenth of the budget: never kept, so it cannot flush the rest
    cache.put(row("huge", Array.from({ length: 2000 }, (_, i) => `model-${i}-of-2000.safetensors`)), "d");
    expect(cache.get("huge", "d")).toBeUndefined();
    expect(cache.heldBytes).toBe(held);
  });

  it("forgets evicted rows, and hands out rows no caller can change", () => {
    const cache = new RowCache(1 << 20);
    cache.put(row("a"), "d");
    cache.delete("a");
    expect(cache.get("a", "d")).toBeUndefined();
    expect(cache.heldBytes).toBe(0);
    cache.put(row("b"), "d");
    expect(() => {
      (cache.get("b", "d") as { likes: number }).likes = 5;
    }).toThrow(TypeError);
    cache.clear();
    expect(cache.size).toBe(0);
    expect(cache.heldBytes).toBe(0);
  });
});
