import { mkdir, utimes, writeFile, readdir } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { stagingDir } from "../../lib/storage";
import { sweepStaging, STALE_AFTER_MS } from "../../lib/storage/sweep-staging";

describe("staging sweep", () => {
  it("removes abandoned uploads and part folders, keeps live ones", async () => {
    const dir = stagingDir();
    await mkdir(path.join(dir, "lfs-old"), { recursive: true });
    await mkdir(path.join(dir, "lfs-live"), { recursive: true });
    await writeFile(path.join(dir, "lfs-old", "1.part"), "x");
    await writeFile(path.join(dir, "lfs-live", "1.part"), "x");
    await writeFile(path.join(dir, "upload-old"), "x");
    const old = new Date(Date.now() - STALE_AFTER_MS - 60_000);
    for (const p of ["lfs-old/1.part", "lfs-old", "upload-old", "lfs-live"]) await utimes(path.join(dir, p), old, old);
    // lfs-live is old itself but got a part a moment ago: still in use.
    expect(await sweepStaging()).toBe(2);
    const left = await readdir(dir);
    expect(left).toContain("lfs-live");
    expect(left).not.toContain("lfs-old");
    expect(left).not.toContain("upload-old");
  });
});
