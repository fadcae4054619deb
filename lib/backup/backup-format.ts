// The backup folder: manifest.json (written last: a folder without it is not a
// backup), one gzipped COPY file per table under db/, the stored files under blobs/
// (as the disk store lays them out) and blobs.tsv listing every content the
// database names. The manifest is read back as untrusted input.
import path from "node:path";
import { z } from "zod";

export const FORMAT = "modelhub-backup";
export const FORMAT_VERSION = 1;

// Tables that are not data: migrations recreate them on restore.
export const SKIPPED_TABLES = new Set(["public._prisma_migrations", "graphile_worker.migrations"]);
export const SCHEMAS = ["public", "graphile_worker"];

const NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;
const SHA256 = /^[0-9a-f]{64}$/;

const tableSchema = z.object({
  schema: z.enum(SCHEMAS as [string, ...string[]]),
  name: z.string().regex(NAME),
  columns: z.array(z.string().regex(NAME)).min(1),
  rows: z.number().int().min(0),
  file: z.string().regex(/^db\/[A-Za-z0-9_.]+\.copy\.gz$/),
  sha256: z.string().regex(SHA256),
});

export const manifestSchema = z.object({
  format: z.literal(FORMAT),
  version: z.literal(FORMAT_VERSION),
  createdAt: z.string(),
  migrations: z.array(z.string().regex(/^[0-9]{14}_[a-z0-9_]+$/)),
  tables: z.array(tableSchema),
  sequences: z.array(z.object({ schema: z.enum(SCHEMAS as [string, ...string[]]), name: z.string().regex(NAME), value: z.string().regex(/^-?[0-9]+$/), isCalled: z.boolean() })),
  storage: z.object({
    driver: z.enum(["disk", "s3"]),
    blobs: z.number().int().min(0),
    bytes: z.string().regex(/^[0-9]+$/),
    // Whether the stored files are in the folder (always for disk; for S3 with --copy-objects).
    copied: z.boolean(),
    bucket: z.string().optional(),
    endpoint: z.string().optional(),
  }),
  blobList: z.object({ file: z.literal("blobs.tsv"), sha256: z.string().regex(SHA256) }),
  // "file": the data folder's auth secret is in the folder (auth-secret); "env": NEXTAUTH_SECRET was set.
  secret: z.enum(["file", "env"]),
});

export type Manifest = z.infer<typeof manifestSchema>;

/** Where a content's bytes sit in the backup (the disk store's layout). */
export function blobPath(dir: string, sha256: string): string {
  return path.join(dir, "blobs", sha256.slice(0, 2), sha256.slice(2, 4), sha256);
}

export const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;
export const tableRef = (schema: string, name: string) => `${quoteIdent(schema)}.${quoteIdent(name)}`;
