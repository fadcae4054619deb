// The one validated configuration object. Every variable the hub reads is declared
// here; `npm start` and `npm run worker` check them all before doing anything, so a
// bad value stops the start with the variable's name instead of becoming NaN later.
import path from "node:path";
import { z } from "zod";

const flag = z
  .enum(["1", "0", "true", "false", ""])
  .optional()
  .transform((v) => v === "1" || v === "true");

// Only a value that is no number at all gets "must be a number"; range problems keep zod's own words.
const notANumber = (issue: { code: string }) => (issue.code === "invalid_type" ? "must be a number" : undefined);
const int = (min: number, max: number) =>
  z.coerce.number({ error: notANumber }).int("must be a whole number").min(min, `must be at least ${min}`).max(max, `must be at most ${max}`);

const schema = z
  .object({
    // Set by scripts/runtime.ts to the embedded cluster when absent; required by everything that reaches the database.
    DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, "must be a postgresql:// URL").optional(),
    MODELHUB_DATA_DIR: z.string().min(1).default(".data"),
    NEXTAUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
    PORT: int(1, 65_535).default(3000),
    MODELHUB_HOST: z.string().min(1).optional(),
    S3_BUCKET: z.string().min(1).optional(),
    S3_ENDPOINT: z.url().optional(),
    S3_REGION: z.string().default("us-east-1"),
    S3_ACCESS_KEY_ID: z.string().optional(),
    S3_SECRET_ACCESS_KEY: z.string().optional(),
    S3_FORCE_PATH_STYLE: flag.default(true),
    // Largest single file accepted by uploads (bytes).
    MAX_FILE_BYTES: int(1, Number.MAX_SAFE_INTEGER).default(200 * 1024 ** 3),
    // The hub's address as others reach it (links in webhook payloads, HSTS when https).
    PUBLIC_URL: z.url().optional(),
    LOG_LEVEL: z.enum(["trace", "debug", "info", "warn", "error", "fatal", "silent"]).default("info"),
    // Where catalogue searches run: an in-memory index fed from PostgreSQL (lib/search/index), or PostgreSQL alone.
    MODELHUB_SEARCH_INDEX: z.enum(["memory", "postgres"]).default("memory"),
    MODELHUB_WORKER: flag.default(true),
    /** Scheduled jobs (the trending refresh) on this worker; benches turn them off to measure one thing at a time. */
    MODELHUB_SCHEDULED_JOBS: flag.default(true),
    MODELHUB_SEED_DEMOS: flag.default(true),
    // How long a signed-out visitor's model page or catalogue page may be served from memory (0: never).
    MODELHUB_PAGE_CACHE_SECONDS: int(0, 3600).default(5),
    // "0" skips the WebGPU probe, "1" probes even without a GPU device file; unset: probe when one exists.
    MODELHUB_GPU: z.enum(["0", "1", ""]).optional(),
    WORKER_CONCURRENCY: int(1, 64).default(2),
    WORKER_HEARTBEAT_MS: int(100, 600_000).default(5_000),
    WORKER_DEAD_AFTER_MS: int(500, 3_600_000).default(30_000),
    RATE_LIMIT_SCALE: z.coerce.number({ error: notANumber }).min(0, "must be at least 0").max(1000, "must be at most 1000").default(1),
    TRUST_PROXY: flag.default(false),
    WEBHOOK_ALLOW_PRIVATE: flag.default(false),
    FINETUNE_MAX_CONCURRENT: int(1, 1000).default(2),
    FINETUNE_MAX_DATASET_BYTES: int(1, Number.MAX_SAFE_INTEGER).default(200 * 1024 * 1024),
    FINETUNE_MAX_SECONDS: int(10, 7 * 86_400).default(3600),
    // Scrapes of /metrics from other than loopback need "Authorization: Bearer <this>".
    METRICS_TOKEN: z.string().min(16, "must be at least 16 characters").optional(),
    // Seconds that requests in flight get to finish after SIGTERM.
    SHUTDOWN_GRACE_SECONDS: int(0, 3600).default(25),
    // Storage quotas in bytes per user and per organization; 0 means unlimited.
    QUOTA_USER_BYTES: int(0, Number.MAX_SAFE_INTEGER).default(0),
    QUOTA_ORG_BYTES: int(0, Number.MAX_SAFE_INTEGER).default(0),
    // Hours an unreferenced blob is kept before the collector removes it.
    BLOB_GC_GRACE_HOURS: int(1, 24 * 365).default(24),
  })
  .superRefine((v, ctx) => {
    if (v.S3_BUCKET && !(v.S3_ACCESS_KEY_ID && v.S3_SECRET_ACCESS_KEY)) {
      ctx.addIssue({ code: "custom", path: ["S3_ACCESS_KEY_ID"], message: "S3_BUCKET needs S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY" });
    }
  });

type Parsed = z.infer<typeof schema>;
export type Env = Parsed & { DATABASE_URL: string; NEXTAUTH_SECRET: string; dataDir: string; storageDriver: "disk" | "s3" };

function parse(source: Record<string, string | undefined>): Parsed {
  // An empty variable counts as unset (`PORT= npm start`), as shells and .env files write it.
  const present = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== ""));
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Invalid Modelhub configuration:\n${problems}`);
  }
  return parsed.data;
}

/** Checks every variable now; throws naming each bad one. Called first by the hub and the worker. */
export function checkConfig(source: Record<string, string | undefined> = process.env): Parsed {
  return parse(source);
}

let cached: Env | undefined;

export function env(): Env {
  if (cached) return cached;
  const v = parse(process.env);
  const missing = (["DATABASE_URL", "NEXTAUTH_SECRET"] as const).filter((k) => !v[k]);
  if (missing.length) throw new Error(`Invalid Modelhub configuration:\n${missing.map((k) => `  ${k}: required`).join("\n")}`);
  cached = { ...v, DATABASE_URL: v.DATABASE_URL!, NEXTAUTH_SECRET: v.NEXTAUTH_SECRET!, dataDir: path.resolve(v.MODELHUB_DATA_DIR), storageDriver: v.S3_BUCKET ? "s3" : "disk" };
  return cached;
}

/** For tests that change variables between cases. */
export function resetEnvForTests(): void {
  cached = undefined;
}
