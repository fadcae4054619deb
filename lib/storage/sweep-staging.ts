// Garbage collection of abandoned uploads: staging files and multipart part
// folders untouched for a day are removed. Runs at start and hourly in the hub.
import { readdir, rm, stat } from "node:fs/promises";
import path from "node:path";
import { stagingDir } from "./index";

export const STALE_AFTER_MS = 24 * 3600 * 1000;

async function newestMtime(p: string): Promise<number> {
  const s = await stat(p);
  if (!s.isDirectory()) return s.mtimeMs;
  let newest = s.mtimeMs;
  for (const name of await readdir(p)) newest = Math.max(newest, (await stat(path.join(p, name)).catch(() => s)).mtimeMs);
  return newest;
}

/** Removes stale staging entries; returns how many were removed. */
export async function sweepStaging(maxAgeMs = STALE_AFTER_MS, now = Date.now()): Promise<number> {
  const dir = stagingDir();
  const names = await readdir(dir).catch(() => [] as string[]);
  let removed = 0;
  for (const name of names) {
    const p = path.join(dir, name);
    const age = now - (await newestMtime(p).catch(() => now));
    if (age > maxAgeMs) {
      await rm(p, { recursive: true, force: true });
      removed++;
    }
  }
  return removed;
}
