// The upload half of the LFS batch (hub-api.md §2.10): for each object, nothing to do
// when the caller may already name that content (their own upload, or readable to
// them in some repo), else one signed PUT URL, or signed part URLs and a completion
// URL. Content stored for someone else is answered exactly like new content, so the
// batch is no oracle for what the hub holds; storage still keeps one copy.
import type { Actor } from "../auth/actor";
import { reviveBlobs } from "../blobs/collect-garbage";
import { contentKnownTo } from "../blobs/possession";
import { db } from "../db/client";
import { env } from "../env";
import { HubError } from "../errors";
import { assertWithinQuota } from "../quotas/storage-use";
import { s3Uploads, s3MultipartAction } from "./s3-uploads";
import { LFS_BASIC_MAX, chunkSizeFor, partCount } from "./lfs-parts";
import { grantQuery } from "./upload-urls";

export type LfsObjectAnswer = { oid: string; size: number; actions?: Record<string, unknown>; error?: { code: number; message: string } };

const SHA256 = /^[0-9a-f]{64}$/;

/** `ownerId`: the namespace the upload is for, whose storage quota the new content counts against. */
export async function planUploads(actor: Actor, objects: { oid: string; size: number }[], origin: string, ownerId: string): Promise<LfsObjectAnswer[]> {
  const valid = objects.filter((o) => SHA256.test(o.oid)).map((o) => o.oid);
  const known = await contentKnownTo(actor, valid);
  // What the client need not send is claimed back from the blob collector before the answer says so.
  await reviveBlobs([...known]);
  const stored = new Map(
    (await db().blob.findMany({ where: { sha256: { in: [...known] } }, select: { sha256: true, size: true } })).map((b) => [b.sha256, Number(b.size)]),
  );
  const s3 = s3Uploads();
  // Content to be sent counts against the quota now, so nobody uploads gigabytes that no commit could take.
  const newBytes = objects.filter((o) => SHA256.test(o.oid) && !stored.has(o.oid)).reduce((n, o) => n + o.size, 0);
  const overQuota = await assertWithinQuota(ownerId, [...stored.keys()], newBytes).then(
    () => null,
    (e: unknown) => {
      if (e instanceof HubError && e.code === "QuotaExceeded") return e.message;
      throw e;
    },
  );
  return Promise.all(
    objects.map(async ({ oid, size }): Promise<LfsObjectAnswer> => {
      if (!SHA256.test(oid)) return { oid, size, error: { code: 422, message: "oid must be a lowercase sha256" } };
      if (size > env().MAX_FILE_BYTES) return { oid, size, error: { code: 413, message: `Files are limited to ${env().MAX_FILE_BYTES} bytes on this hub` } };
      const have = stored.get(oid);
      if (have !== undefined) return have === size ? { oid, size } : { oid, size, error: { code: 422, message: `Object ${oid} has size ${have}, not ${size}` } };
      if (overQuota) return { oid, size, error: { code: 413, message: overQuota } };
      const q = grantQuery({ oid, size, userId: actor.userId });
      const base = `${origin}/api/lfs/${oid}`;
      if (size <= LFS_BASIC_MAX) return { oid, size, actions: { upload: { href: `${base}?${q}`, expires_in: 86400 } } };
      if (s3) return { oid, size, actions: await s3MultipartAction(s3, { oid, size, userId: actor.userId, origin }) };
      const header: Record<string, string> = { chunk_size: String(chunkSizeFor(size)) };
      for (let n = 1; n <= partCount(size); n++) header[String(n).padStart(5, "0")] = `${base}/parts/${n}?${q}`;
      return { oid, size, actions: { upload: { href: `${base}/complete?${q}`, header, expires_in: 86400 } } };
    }),
  );
}
