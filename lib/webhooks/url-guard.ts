// Webhook targets are user input that makes the hub send requests: only http(s),
// no credentials in the URL, and (unless WEBHOOK_ALLOW_PRIVATE=1, for hubs that
// call their own network on purpose) never loopback, private or link-local
// addresses, checked on every delivery against what the name resolves to then.
import dns from "node:dns/promises";
import net from "node:net";
import { badRequest } from "../errors";

export function webhookUrlProblem(raw: string): string | null {
  if (raw.length > 2000) return "Webhook URLs are limited to 2000 characters";
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return "Enter an absolute http:// or https:// URL";
  }
  if (u.protocol !== "http:" && u.protocol !== "https:") return "Webhook URLs must use http or https";
  if (u.username || u.password) return "Put credentials in the secret, not in the URL";
  return null;
}

export function checkWebhookUrl(raw: string): string {
  const problem = webhookUrlProblem(raw.trim());
  if (problem) throw badRequest(problem);
  return new URL(raw.trim()).toString();
}

const allowPrivate = () => process.env.WEBHOOK_ALLOW_PRIVATE === "1";

export function isPrivateAddress(ip: string): boolean {
  if (net.isIPv4(ip)) {
    const [a, b] = ip.split(".").map(Number) as [number, number];
    return a === 0 || a === 10 || a === 127 || (a === 100 && b >= 64 && b < 128) || (a === 169 && b === 254) || (a === 172 && b >= 16 && b < 32) || (a === 192 && b === 168) || a >= 224;
  }
  const v = ip.toLowerCase();
  if (v.startsWith("::ffff:")) return isPrivateAddress(v.slice(7));
  return v === "::" || v === "::1" || v.startsWith("fc") || v.startsWith("fd") || v.startsWith("fe8") || v.startsWith("fe9") || v.startsWith("fea") || v.startsWith("feb") || v.startsWith("ff");
}

/** Refuses a target that resolves to an internal address (the reason is recorded in the delivery log). */
export async function assertPublicTarget(url: string): Promise<void> {
  if (allowPrivate()) return;
  const host = new URL(url).hostname.replace(/^\[|\]$/g, "");
  const addresses = net.isIP(host) ? [host] : (await dns.lookup(host, { all: true })).map((a) => a.address);
  const bad = addresses.find(isPrivateAddress);
  if (bad) throw new Error(`${host} resolves to ${bad}, an internal address (set WEBHOOK_ALLOW_PRIVATE=1 to allow)`);
}
