// The cache of listed repos' rows: bounded, least recently used out first, and a row
// counts only on the UTC day it was read (its 30-day downloads move at midnight).
import { describe, expect, it } from "vitest";
import { RowCache } from "../../lib/search/index/row-cache";
import type { RepoRow } from "../../lib/repos/find-repo";

const row = (id: string): RepoRow =>
  ({ id, name: id, private: false, likes: 1, tags: [], owner: { username: "o" } }) as unknown as RepoRow;

describe("row cache", () => {
  it("returns a row only for the day it was read on", () => {
    const cache = new RowCache(10);
    cache.put(row("a"), "2026-11-23");
    expect(cache.get("a", "2026-11-23")?.id).toBe("a");
    expect(cache.get("a", "2026-11-24")).toBeUndefined();
    expect(cache.get("b", "2026-11-23")).toBeUndefined();
  });

  it("drops the least recently used row past its size, a read counting as a use", () => {
    const cache = new RowCache(2);
    cache.put(row("a"), "d");
    cache.put(row("b"), "d");
    cache.get("a", "d");
    cache.put(row("c"), "d");
    expect(cache.size).toBe(2);
    expect(cache.get("b", "d")).toBeUndefined();
    expect(cache.get("a", "d")?.id).toBe("a");
    expect(cache.get("c", "d")?.id).toBe("c");
  });

  it("forgets evicted rows, and hands out rows no caller can change", () => {
    const cache = new RowCache(5);
    cache.put(row("a"), "d");
    cache.delete("a");
    expect(cache.get("a", "d")).toBeUndefined();
    cache.put(row("b"), "d");
    expect(() => {
      (cache.get("b", "d") as { likes: number }).likes = 5;
    }).toThrow(TypeError);
    cache.clear();
    expect(cache.size).toBe(0);
  });
});
