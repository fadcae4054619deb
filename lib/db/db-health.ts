// Whether the database is reachable, as last seen. A failed connection marks it down;
// while down, a probe retries every second and clears the mark on the first answer,
// so requests get a quick 503 during an outage and everything resumes without a restart.
import { plainQuery, Prisma } from "./client";

type Health = { down: boolean; since: number; probe?: NodeJS.Timeout };
const globalForHealth = globalThis as unknown as { modelhubDbHealth?: Health };
const state = (globalForHealth.modelhubDbHealth ??= { down: false, since: 0 });

const PROBE_MS = 1000;

export function databaseDown(): boolean {
  return state.down;
}

export function markDatabaseDown(): void {
  if (state.down) return;
  state.down = true;
  state.since = Date.now();
  const probe = async () => {
    state.probe = undefined;
    if (await pingDatabase(PROBE_MS * 2)) state.down = false;
    else state.probe = setTimeout(() => void probe(), PROBE_MS).unref();
  };
  state.probe = setTimeout(() => void probe(), PROBE_MS).unref();
}

/** One round trip to the database within `timeoutMs`. */
export async function pingDatabase(timeoutMs = 2000): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      plainQuery(Prisma.sql`SELECT 1`),
      new Promise((_, reject) => (timer = setTimeout(() => reject(new Error("timeout")), timeoutMs))),
    ]);
    return true;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}
