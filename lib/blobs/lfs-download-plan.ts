// The download half of the LFS batch: for each object the repo's history holds, a
// URL to fetch it from (presigned S3 where the store allows, else a signed hub URL
// that serves ranges); anything else is "not found" — the same answer whether or
// not the hub stores that content for some other repo.
import { db } from "../db/client";
import { blobStore } from "../storage";
import { DOWNLOAD_TTL_SECONDS, downloadGrantQuery } from "./download-grants";
import { contentInHistory } from "./repo-history-content";

export type LfsDownloadAnswer = { oid: string; size: number; authenticated?: boolean; actions?: Record<string, unknown>; error?: { code: number; message: string } };

const SHA256 = /^[0-9a-f]{64}$/;

export async function planDownloads(repoId: string, objects: { oid: string; size: number }[], origin: string): Promise<LfsDownloadAnswer[]> {
  const held = await contentInHistory(repoId, objects.filter((o) => SHA256.test(o.oid)).map((o) => o.oid));
  const sizes = new Map(
    (await db().blob.findMany({ where: { sha256: { in: [...held] } }, select: { sha256: true, size: true } })).map((b) => [b.sha256, Number(b.size)]),
  );
  return Promise.all(
    objects.map(async ({ oid, size }): Promise<LfsDownloadAnswer> => {
      if (!SHA256.test(oid)) return { oid, size, error: { code: 422, message: "oid must be a lowercase sha256" } };
      const stored = sizes.get(oid);
      if (stored === undefined) return { oid, size, error: { code: 404, message: "Object not found in this repository" } };
      const presigned = await blobStore().presignedGetUrl(oid, { filename: oid, expiresIn: DOWNLOAD_TTL_SECONDS });
      const href = presigned ?? `${origin}/api/lfs/${oid}?${downloadGrantQuery(oid, repoId)}`;
      return { oid, size: stored, authenticated: true, actions: { download: { href, expires_in: DOWNLOAD_TTL_SECONDS } } };
    }),
  );
}

export async function storedSize(sha256: string): Promise<number | null> {
  const blob = await db().blob.findUnique({ where: { sha256 }, select: { size: true } });
  return blob ? Number(blob.size) : null;
}
