// Browser hardening headers. Pages get a Content-Security-Policy with a fresh nonce
// per request (Next.js reads it from the request's own CSP header and puts it on
// its scripts); every other answer (API JSON, downloads of user files) gets a policy
// that runs nothing, so a file served from the hub can never script the hub.
import crypto from "node:crypto";
import { env } from "../env";

// base64url: written the same in HTML, JSON and headers (a cached page's nonce is replaced by text, lib/http/page-cache)
export const newNonce = () => crypto.randomBytes(18).toString("base64url");

/** Origins beyond our own that pages talk to: the object store, when uploads and downloads go straight to it. */
function storeOrigins(): string[] {
  const e = env();
  if (!e.S3_BUCKET) return [];
  if (e.S3_ENDPOINT) {
    const u = new URL(e.S3_ENDPOINT);
    return e.S3_FORCE_PATH_STYLE ? [u.origin] : [u.origin, `${u.protocol}//*.${u.host}`];
  }
  return ["https://*.amazonaws.com"];
}

export function pageCsp(nonce: string, dev: boolean): string {
  const connect = ["'self'", ...storeOrigins(), ...(dev ? ["ws:"] : [])];
  return [
    "default-src 'self'",
    // 'strict-dynamic': scripts that a nonce'd script loads (Next's chunks) run; nothing inline without the nonce.
    // 'wasm-unsafe-eval': the TF.js WASM backend compiles WebAssembly, which is not script eval.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic' 'wasm-unsafe-eval'${dev ? " 'unsafe-eval'" : ""}`,
    "worker-src 'self' blob:",
    // React and KaTeX set style attributes; styles cannot run code.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "media-src 'self' blob: mediastream:",
    "font-src 'self' data:",
    `connect-src ${connect.join(" ")}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** The demo's Web Worker: it loads TF.js's modules and WASM from here and the model's files from /resolve (or the store). */
export function workerCsp(): string {
  return ["default-src 'self'", "script-src 'self' 'wasm-unsafe-eval'", `connect-src 'self' ${storeOrigins().join(" ")}`.trim(), "object-src 'none'", "frame-ancestors 'none'"].join("; ");
}

/** Headers on every answer, pages and API alike. */
export function baseSecurityHeaders(): Record<string, string> {
  const headers: Record<string, string> = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    // The demo's webcam is for the page itself; no other powerful feature is used.
    "Permissions-Policy": "camera=(self), microphone=(), geolocation=(), payment=(), usb=(), serial=(), bluetooth=(), display-capture=()",
  };
  if (env().PUBLIC_URL?.startsWith("https://")) headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains";
  return headers;
}

/** For answers that are data, not pages: nothing in them may run or be framed. */
export const DATA_CSP = "default-src 'none'; frame-ancestors 'none'; sandbox";
