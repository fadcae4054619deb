// The one validated configuration object. Read once, fails loudly on bad values.
import path from "node:path";
import { z } from "zod";

const flag = z
  .enum(["1", "0", "true", "false", ""])
  .optional()
  .transform((v) => v === "1" || v === "true");

const schema = z
  .object({
    DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, "must be a postgresql:// URL"),
    MODELHUB_DATA_DIR: z.string().default(".data"),
    NEXTAUTH_SECRET: z.string().min(32, "must be at least 32 characters"),
    S3_BUCKET: z.string().optional(),
    S3_ENDPOINT: z.string().url().optional(),
    S3_REGION: z.string().default("us-east-1"),
    S3_ACCESS_KEY_ID: z.string().optional(),
    S3_SECRET_ACCESS_KEY: z.string().optional(),
    S3_FORCE_PATH_STYLE: flag.default(true),
    // Largest single file accepted by the web upload path (bytes).
    MAX_FILE_BYTES: z.coerce.number().int().positive().default(200 * 1024 ** 3),
    // The hub's address as others reach it (links in webhook payloads); defaults to http://localhost:$PORT.
    PUBLIC_URL: z.string().url().optional(),
    LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
    // Where catalogue searches run: an in-memory index fed from PostgreSQL (lib/search/index), or PostgreSQL alone.
    MODELHUB_SEARCH_INDEX: z.enum(["memory", "postgres"]).default("memory"),
  })
  .superRefine((v, ctx) => {
    if (v.S3_BUCKET && !(v.S3_ACCESS_KEY_ID && v.S3_SECRET_ACCESS_KEY)) {
      ctx.addIssue({ code: "custom", path: ["S3_ACCESS_KEY_ID"], message: "S3_BUCKET needs S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY" });
    }
  });

export type Env = z.infer<typeof schema> & { dataDir: string; storageDriver: "disk" | "s3" };

let cached: Env | undefined;

export function env(): Env {
  if (cached) return cached;
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Invalid Modelhub configuration:\n${problems}`);
  }
  const v = parsed.data;
  cached = {
    ...v,
    dataDir: path.resolve(v.MODELHUB_DATA_DIR),
    storageDriver: v.S3_BUCKET ? "s3" : "disk",
  };
  return cached;
}
