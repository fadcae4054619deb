// Rate limits on writes, per user and per client address, in fixed windows
// counted in PostgreSQL (so every hub process shares them). Each action has a
// short burst window and a longer one: normal use never meets them, scripted
// floods do. Answers carry RateLimit-* headers; a refusal is a 429 with Retry-After.
import { db } from "../db/client";
import { env } from "../env";
import { tooManyRequests } from "../errors";

export type RateAction = "create-repo" | "commit" | "upload" | "fine-tune" | "fork" | "like" | "signup" | "comment" | "demo-run";
type Window = { limit: number; seconds: number };

const RULES: Record<RateAction, Window[]> = {
  "create-repo": [{ limit: 10, seconds: 60 }, { limit: 200, seconds: 86_400 }],
  commit: [{ limit: 60, seconds: 60 }, { limit: 3000, seconds: 86_400 }],
  upload: [{ limit: 600, seconds: 60 }],
  "fine-tune": [{ limit: 5, seconds: 60 }, { limit: 100, seconds: 86_400 }],
  fork: [{ limit: 10, seconds: 60 }, { limit: 200, seconds: 86_400 }],
  like: [{ limit: 60, seconds: 60 }, { limit: 1000, seconds: 86_400 }],
  signup: [{ limit: 5, seconds: 3600 }],
  comment: [{ limit: 20, seconds: 60 }, { limit: 500, seconds: 86_400 }],
  "demo-run": [{ limit: 20, seconds: 60 }, { limit: 300, seconds: 86_400 }],
};
// Many users can share one address (offices, NAT): its limits are wider.
const PER_ADDRESS_FACTOR = 3;

export type RateSubject = { userId: string | null; ip: string };
export type RateHeaders = Record<string, string>;

const scale = () => env().RATE_LIMIT_SCALE;

/** Counts one `action` by `subject`; throws 429 when a window is full. Returns the RateLimit headers. */
export async function checkRateLimit(subject: RateSubject, action: RateAction, now = Date.now()): Promise<RateHeaders> {
  const k = scale();
  if (k === 0) return {};
  const counters: { key: string; windowStart: Date; limit: number; reset: number }[] = [];
  for (const w of RULES[action]) {
    const start = Math.floor(now / 1000 / w.seconds) * w.seconds;
    const reset = start + w.seconds - Math.floor(now / 1000);
    if (subject.userId) counters.push({ key: `u:${subject.userId}:${action}:${w.seconds}`, windowStart: new Date(start * 1000), limit: Math.ceil(w.limit * k), reset });
    if (subject.ip) counters.push({ key: `a:${subject.ip}:${action}:${w.seconds}`, windowStart: new Date(start * 1000), limit: Math.ceil(w.limit * k * (subject.userId ? PER_ADDRESS_FACTOR : 1)), reset });
  }
  if (!counters.length) return {};
  const rows = await db().$queryRaw<{ key: string; count: number }[]>`
    INSERT INTO "RateCounter" (key, "windowStart", count)
    SELECT * FROM unnest(${counters.map((c) => c.key)}::text[], ${counters.map((c) => c.windowStart)}::timestamp[], array_fill(1, ARRAY[${counters.length}::int]))
    ON CONFLICT (key, "windowStart") DO UPDATE SET count = "RateCounter".count + 1
    RETURNING key, count`;
  const count = new Map(rows.map((r) => [r.key, r.count]));
  // The most constraining counter is the one reported.
  const state = counters.map((c) => ({ ...c, remaining: c.limit - (count.get(c.key) ?? 0) })).sort((a, b) => a.remaining - b.remaining || b.reset - a.reset);
  const worst = state[0]!;
  const headers: RateHeaders = {
    "RateLimit-Limit": String(worst.limit),
    "RateLimit-Remaining": String(Math.max(0, worst.remaining)),
    "RateLimit-Reset": String(worst.reset),
  };
  if (worst.remaining < 0) {
    throw tooManyRequests(`Too many ${action} requests: try again in ${worst.reset} s`, { ...headers, "Retry-After": String(worst.reset) });
  }
  return headers;
}

export async function sweepRateCounters(): Promise<number> {
  const r = await db().rateCounter.deleteMany({ where: { windowStart: { lt: new Date(Date.now() - 2 * 86_400_000) } } });
  return r.count;
}
