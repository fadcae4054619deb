// Where a stored content's bytes are when not at its content address (Blob.location):
// an S3 multipart upload is counted where the bucket joined it, not copied.
import { db } from "../db/client";

export async function locationOf(sha256: string): Promise<string | null> {
  const row = await db().blob.findUnique({ where: { sha256 }, select: { location: true } });
  return row?.location ?? null;
}
