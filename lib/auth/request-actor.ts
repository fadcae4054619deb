// Who sent a request, from its headers: an API token (Bearer, or the password of
// HTTP Basic as git sends it, as on the Hugging Face Hub), else the browser session
// cookie. A present but invalid token is a 401, never anonymous (hub-api.md §1).
import type { IncomingHttpHeaders } from "node:http";
import type { Actor } from "./actor";
import { actorFromSession } from "./sessions";
import { actorFromToken } from "./tokens";

export type Credential = { kind: "token"; token: string } | { kind: "session"; cookies: Map<string, string> } | null;

function cookieMap(header: string | undefined): Map<string, string> {
  const map = new Map<string, string>();
  for (const part of (header ?? "").split(";")) {
    const i = part.indexOf("=");
    if (i <= 0) continue;
    try {
      map.set(part.slice(0, i).trim(), decodeURIComponent(part.slice(i + 1).trim()));
    } catch {
      // a malformed cookie is not ours: ignore it
    }
  }
  return map;
}

const SESSION_COOKIES = ["next-auth.session-token", "__Secure-next-auth.session-token"];

export function credentialOf(headers: IncomingHttpHeaders): Credential {
  const auth = headers.authorization?.trim();
  if (auth) {
    const bearer = /^Bearer\s+(.+)$/i.exec(auth)?.[1]?.trim();
    // @huggingface/hub sends "Bearer undefined" when it has no token (hub-api.md §1).
    if (bearer && bearer !== "undefined" && bearer !== "null") return { kind: "token", token: bearer };
    const basic = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(auth)?.[1];
    if (basic) {
      const decoded = Buffer.from(basic, "base64").toString("utf8");
      const password = decoded.slice(decoded.indexOf(":") + 1);
      if (password) return { kind: "token", token: password };
    }
  }
  const cookies = cookieMap(headers.cookie);
  if (SESSION_COOKIES.some((n) => cookies.has(n) || [...cookies.keys()].some((k) => k.startsWith(`${n}.`)))) return { kind: "session", cookies };
  return null;
}

export async function actorFromHeaders(headers: IncomingHttpHeaders): Promise<Actor | null> {
  const cred = credentialOf(headers);
  if (!cred) return null;
  return cred.kind === "token" ? actorFromToken(cred.token) : actorFromSession(cred.cookies);
}
