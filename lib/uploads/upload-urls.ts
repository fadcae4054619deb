// Self-authorizing LFS upload URLs (hub-api.md §2.10, gotcha 7: the clients send
// no Authorization to upload and completion URLs). Each carries the object, its
// size, the uploader and an expiry, signed with HMAC-SHA256.
import crypto from "node:crypto";
import { env } from "../env";
import { badRequest, forbidden } from "../errors";

export type UploadGrant = { oid: string; size: number; userId: string; exp: number; /** S3 mode: the PendingUpload it belongs to. */ pendingId?: string };

const TTL_SECONDS = 24 * 3600;

function key(): Buffer {
  return crypto.createHash("sha256").update(`modelhub-lfs-upload:${env().NEXTAUTH_SECRET}`).digest();
}

function sign(g: UploadGrant): string {
  return crypto.createHmac("sha256", key()).update(`${g.oid}:${g.size}:${g.userId}:${g.exp}:${g.pendingId ?? ""}`).digest("base64url");
}

export function grantQuery(g: Omit<UploadGrant, "exp">): string {
  const grant = { ...g, exp: Math.floor(Date.now() / 1000) + TTL_SECONDS };
  return new URLSearchParams({
    size: String(grant.size),
    u: grant.userId,
    exp: String(grant.exp),
    ...(grant.pendingId ? { p: grant.pendingId } : {}),
    sig: sign(grant),
  }).toString();
}

/** The grant in a signed URL, or a 403 when it is forged, altered or expired. */
export function verifyGrant(oid: string, params: URLSearchParams): UploadGrant {
  const g: UploadGrant = {
    oid,
    size: Number(params.get("size")),
    userId: params.get("u") ?? "",
    exp: Number(params.get("exp")),
    ...(params.get("p") ? { pendingId: params.get("p")! } : {}),
  };
  const sig = params.get("sig") ?? "";
  const good = Buffer.from(sign(g));
  const given = Buffer.from(sig);
  if (!/^[0-9a-f]{64}$/.test(oid) || given.length !== good.length || !crypto.timingSafeEqual(given, good)) {
    throw forbidden("Invalid upload signature");
  }
  if (!(g.exp * 1000 > Date.now())) throw forbidden("Upload URL expired");
  if (!Number.isSafeInteger(g.size) || g.size < 0) throw badRequest("Invalid size");
  return g;
}
