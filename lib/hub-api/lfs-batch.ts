// POST /{id}.git/info/lfs/objects/batch (hub-api.md §2.10): for each object, nothing
// to do when it is already stored and verified, else one signed PUT URL, or signed
// part URLs plus a completion URL. Never "xet".
import { z } from "zod";
import { db } from "../db/client";
import { env } from "../env";
import { badRequest } from "../errors";
import { LFS_BASIC_MAX, chunkSizeFor, partCount } from "../uploads/lfs-parts";
import { directUploads, s3UploadAction } from "../uploads/direct-uploads";
import { grantQuery } from "../uploads/upload-urls";

export const lfsBatchSchema = z.object({
  operation: z.enum(["upload", "download"]),
  transfers: z.array(z.string()).optional(),
  hash_algo: z.enum(["sha256", "sha_256"]).optional(),
  ref: z.object({ name: z.string() }).nullish(),
  objects: z.array(z.object({ oid: z.string(), size: z.number().int().nonnegative() })).max(1000),
});

type LfsObject = { oid: string; size: number; actions?: Record<string, unknown>; error?: { code: number; message: string } };

export async function lfsBatch(body: z.infer<typeof lfsBatchSchema>, opts: { origin: string; userId: string }) {
  if (body.operation !== "upload") throw badRequest("Only the upload operation is supported; download files through /resolve");
  const valid = body.objects.filter((o) => /^[0-9a-f]{64}$/.test(o.oid));
  const stored = new Map(
    (await db().blob.findMany({ where: { sha256: { in: valid.map((o) => o.oid) } }, select: { sha256: true, size: true } })).map((b) => [b.sha256, Number(b.size)]),
  );
  const s3 = directUploads();
  const objects: LfsObject[] = await Promise.all(body.objects.map(async ({ oid, size }): Promise<LfsObject> => {
    if (!/^[0-9a-f]{64}$/.test(oid)) return { oid, size, error: { code: 422, message: "oid must be a lowercase sha256" } };
    if (size > env().MAX_FILE_BYTES) return { oid, size, error: { code: 413, message: `Files are limited to ${env().MAX_FILE_BYTES} bytes on this hub` } };
    const have = stored.get(oid);
    if (have !== undefined) {
      return have === size ? { oid, size } : { oid, size, error: { code: 422, message: `Stored object ${oid} has size ${have}` } };
    }
    if (s3) return { oid, size, actions: await s3UploadAction(s3, { oid, size, userId: opts.userId, origin: opts.origin }) };
    const q = grantQuery({ oid, size, userId: opts.userId });
    const base = `${opts.origin}/api/lfs/${oid}`;
    if (size <= LFS_BASIC_MAX) return { oid, size, actions: { upload: { href: `${base}?${q}`, expires_in: 86400 } } };
    const header: Record<string, string> = { chunk_size: String(chunkSizeFor(size)) };
    for (let n = 1; n <= partCount(size); n++) header[String(n).padStart(5, "0")] = `${base}/parts/${n}?${q}`;
    return { oid, size, actions: { upload: { href: `${base}/complete?${q}`, header, expires_in: 86400 } } };
  }));
  return { transfer: "basic", objects, hash_algo: "sha256" };
}
