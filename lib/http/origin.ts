// Where a request comes from: the client's address, the origin it addressed, and
// whether a browser sent it from one of our own pages. Forwarded headers are
// believed only with TRUST_PROXY=1 (a client could send them to anyone).
import type { IncomingMessage } from "node:http";
import { env } from "../env";

const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.split(",")[0]?.trim() || undefined;

/** The client's address; behind a trusted proxy, the first X-Forwarded-For hop. */
export function clientAddress(req: IncomingMessage): string {
  const fwd = env().TRUST_PROXY ? first(req.headers["x-forwarded-for"]) : undefined;
  return (fwd ?? req.socket.remoteAddress ?? "").slice(0, 64);
}

/** The origin the client addressed (hub-api.md §1: absolute URLs in answers are built from it). */
export function requestOrigin(req: IncomingMessage): string {
  const encrypted = (req.socket as { encrypted?: boolean }).encrypted ? "https" : "http";
  return addressedOrigin((name) => first(req.headers[name]), encrypted);
}

/** The same for a page, from the headers Next hands it (`await headers()`). */
export function pageOrigin(headers: { get(name: string): string | null }): string {
  return addressedOrigin((name) => first(headers.get(name) ?? undefined), "http");
}

function addressedOrigin(header: (name: string) => string | undefined, socketProto: "http" | "https"): string {
  const trust = env().TRUST_PROXY;
  const host = (trust ? header("x-forwarded-host") : undefined) ?? header("host") ?? `localhost:${env().PORT}`;
  const proto = (trust ? header("x-forwarded-proto") : undefined) ?? socketProto;
  const safeHost = /^[A-Za-z0-9.:[\]-]{1,255}$/.test(host) ? host : `localhost:${env().PORT}`;
  return `${proto === "https" ? "https" : "http"}://${safeHost}`;
}

function originOf(url: string): string | null {
  try {
    const u = new URL(url);
    return u.protocol === "http:" || u.protocol === "https:" ? u.origin : null;
  } catch {
    return null;
  }
}

/**
 * Whether a browser sent this request from our own pages. Requests without Origin
 * and without Sec-Fetch-Site come from non-browser clients and count as ours;
 * `Origin: null` (sandboxed frames, some redirects) never does.
 */
export function fromOwnOrigin(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (origin === undefined) {
    const site = req.headers["sec-fetch-site"];
    return site === undefined || site === "same-origin" || site === "none";
  }
  const claimed = originOf(origin);
  if (!claimed) return false;
  const own = new Set([originOf(requestOrigin(req)), env().PUBLIC_URL ? originOf(env().PUBLIC_URL!) : null]);
  return own.has(claimed);
}
