// Webhook targets are user input that makes the hub send requests: only http(s),
// no credentials in the URL, and (unless WEBHOOK_ALLOW_PRIVATE=1, for hubs that
// call their own network on purpose) only public unicast addresses. Every form an
// address can take is normalised by ipaddr.js (IPv4-mapped and other IPv6 forms
// that embed an IPv4 address included) before its range is checked, and the
// delivery connects to the very address that was checked (lib/webhooks/send).
import dns from "node:dns/promises";
import net from "node:net";
import ipaddr from "ipaddr.js";
import { env } from "../env";
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
  // Names are checked when a delivery resolves them; a literal address can be refused at once.
  const host = u.hostname.replace(/^\[|\]$/g, "");
  if (!env().WEBHOOK_ALLOW_PRIVATE && ((net.isIP(host) && isInternalAddress(host)) || /^localhost\.?$/i.test(host) || /\.localhost\.?$/i.test(host))) {
    return "Webhook targets must be public addresses, not this hub's own network";
  }
  return null;
}

export function checkWebhookUrl(raw: string): string {
  const problem = webhookUrlProblem(raw.trim());
  if (problem) throw badRequest(problem);
  return new URL(raw.trim()).toString();
}

// IPv6 ranges that carry an IPv4 address inside (NAT64, 6to4, Teredo, SIIT): whatever they embed, they are refused.
const EMBEDDING_V6 = new Set(["ipv4Mapped", "rfc6052", "rfc6145", "6to4", "teredo"]);

/** Whether an address is anything but a public unicast one (loopback, private, link-local, CGNAT, multicast, reserved…). */
export function isInternalAddress(ip: string): boolean {
  let addr: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    // process(): an IPv4-mapped IPv6 address becomes the IPv4 address it maps
    addr = ipaddr.process(ip.replace(/^\[|\]$/g, "").replace(/%.*$/, ""));
  } catch {
    return true; // not an address we can read: never a target
  }
  const range = addr.range();
  if (addr.kind() === "ipv6" && EMBEDDING_V6.has(range)) return true;
  return range !== "unicast";
}

export type CheckedTarget = { url: URL; address: string; family: 4 | 6 };

/**
 * Resolves the target's host once and checks every address it has; the delivery
 * then connects to the checked address, so a name that resolves differently a
 * moment later (DNS rebinding) cannot redirect it.
 */
export async function resolvePublicTarget(raw: string): Promise<CheckedTarget> {
  const url = new URL(raw);
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const found = net.isIP(host) ? [{ address: host, family: net.isIP(host) }] : await dns.lookup(host, { all: true, verbatim: true });
  if (!found.length) throw new Error(`${host} does not resolve`);
  if (!env().WEBHOOK_ALLOW_PRIVATE) {
    const bad = found.find((a) => isInternalAddress(a.address));
    if (bad) throw new Error(`${host} resolves to ${bad.address}, an internal address (set WEBHOOK_ALLOW_PRIVATE=1 to allow)`);
  }
  const first = found[0]!;
  return { url, address: first.address, family: first.family === 6 ? 6 : 4 };
}
