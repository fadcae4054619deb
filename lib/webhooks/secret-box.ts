// Webhook secrets must be readable by the hub (it signs with them) but never
// sit in the database in the clear: they are sealed with AES-256-GCM under a key
// derived from NEXTAUTH_SECRET, and never logged or shown again after creation.
import crypto from "node:crypto";
import { env } from "../env";

const key = () => Buffer.from(crypto.hkdfSync("sha256", env().NEXTAUTH_SECRET, "modelhub", "webhook-secret", 32));

export function seal(plain: string): string {
  const iv = crypto.randomBytes(12);
  const c = crypto.createCipheriv("aes-256-gcm", key(), iv);
  const body = Buffer.concat([c.update(plain, "utf8"), c.final()]);
  return ["v1", iv.toString("base64url"), c.getAuthTag().toString("base64url"), body.toString("base64url")].join(".");
}

export function open(sealed: string): string {
  const [v, iv, tag, body] = sealed.split(".");
  if (v !== "v1" || !iv || !tag || body === undefined) throw new Error("Malformed sealed secret");
  const d = crypto.createDecipheriv("aes-256-gcm", key(), Buffer.from(iv, "base64url"));
  d.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([d.update(Buffer.from(body, "base64url")), d.final()]).toString("utf8");
}

/** The X-Modelhub-Signature-256 value of a payload: "sha256=" + hex HMAC of the exact body bytes. */
export const signature = (secret: string, body: string) => `sha256=${crypto.createHmac("sha256", secret).update(body).digest("hex")}`;
