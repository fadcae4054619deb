// Self-authorizing LFS download URLs for the disk store (S3 hands out presigned URLs
// instead): git-lfs fetches the href the batch gave it, and the batch already
// checked the caller's access to the repo, so the URL carries that decision —
// object, repo and expiry, signed with HMAC-SHA256 — for an hour.
import crypto from "node:crypto";
import { env } from "../env";
import { forbidden } from "../errors";

const TTL_SECONDS = 3600;

function key(): Buffer {
  return crypto.createHash("sha256").update(`modelhub-lfs-download:${env().NEXTAUTH_SECRET}`).digest();
}

const sign = (oid: string, repoId: string, exp: number) => crypto.createHmac("sha256", key()).update(`${oid}:${repoId}:${exp}`).digest("base64url");

export const DOWNLOAD_TTL_SECONDS = TTL_SECONDS;

export function downloadGrantQuery(oid: string, repoId: string): string {
  const exp = Math.floor(Date.now() / 1000) + TTL_SECONDS;
  return new URLSearchParams({ r: repoId, exp: String(exp), sig: sign(oid, repoId, exp) }).toString();
}

/** The repo a signed download URL was issued for, or a 403 when it is forged, altered or expired. */
export function verifyDownloadGrant(oid: string, params: URLSearchParams): { repoId: string } {
  const repoId = params.get("r") ?? "";
  const exp = Number(params.get("exp"));
  const good = Buffer.from(sign(oid, repoId, exp));
  const given = Buffer.from(params.get("sig") ?? "");
  if (!/^[0-9a-f]{64}$/.test(oid) || given.length !== good.length || !crypto.timingSafeEqual(given, good)) throw forbidden("Invalid download signature");
  if (!(exp * 1000 > Date.now())) throw forbidden("Download URL expired: ask the LFS batch API for a new one");
  return { repoId };
}
