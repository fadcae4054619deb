// Matching a request path against a table of patterns. A pattern is a list of
// segments: literals, `:name` (one segment) and a final `*name` (the rest, possibly
// empty). Paths are split on `/` and each raw segment percent-decoded once, because
// revisions arrive raw or %2F-encoded (hub-api.md §1).
import { badRequest } from "../errors";

export type Method = "GET" | "HEAD" | "POST" | "PUT" | "PATCH" | "DELETE";

type Segment = { kind: "literal"; value: string } | { kind: "param"; name: string; options?: Set<string> } | { kind: "rest"; name: string };

export type Compiled<R> = { route: R; method: Method; segments: Segment[]; pattern: string };

export type Match<R> = { route: R; pattern: string; params: Record<string, string>; rest: string[] };

export function compile<R>(method: Method, pattern: string, route: R): Compiled<R> {
  const segments = pattern
    .split("/")
    .filter(Boolean)
    .map((s, i, all): Segment => {
      if (s.startsWith("*")) {
        if (i !== all.length - 1) throw new Error(`${pattern}: a rest segment must come last`);
        return { kind: "rest", name: s.slice(1) };
      }
      // `:kind(models|datasets)` restricts a parameter to a few values
      const m = /^:([A-Za-z][A-Za-z0-9]*)(?:\(([^)]+)\))?$/.exec(s);
      if (m) return { kind: "param", name: m[1]!, options: m[2] ? new Set(m[2].split("|")) : undefined };
      if (s.startsWith(":")) throw new Error(`${pattern}: bad parameter ${s}`);
      return { kind: "literal", value: s };
    });
  return { route, method, segments, pattern };
}

/** A raw URL path's segments, each percent-decoded once. */
export function decodePathSegments(pathname: string): string[] {
  return pathname
    .split("/")
    .filter((s) => s !== "")
    .map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        throw badRequest("Malformed percent-encoding in the URL");
      }
    });
}

function matchSegments(segments: Segment[], parts: string[]): { params: Record<string, string>; rest: string[] } | null {
  const params: Record<string, string> = {};
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i]!;
    if (s.kind === "rest") return { params, rest: parts.slice(i) };
    const part = parts[i];
    if (part === undefined) return null;
    if (s.kind === "literal" && s.value !== part) return null;
    if (s.kind === "param") {
      if (s.options && !s.options.has(part)) return null;
      params[s.name] = part;
    }
  }
  return parts.length === segments.length ? { params, rest: [] } : null;
}

export class Router<R> {
  private readonly table: Compiled<R>[] = [];

  add(method: Method, pattern: string, route: R): this {
    this.table.push(compile(method, pattern, route));
    return this;
  }

  /**
   * The first route whose pattern and method match; `allowed` lists the methods of
   * routes whose pattern matched when none had this method (a 405), else null.
   */
  match(method: string, parts: string[]): { match: Match<R> | null; allowed: Method[] | null } {
    const wanted = method === "HEAD" ? "GET" : method;
    const allowed = new Set<Method>();
    for (const c of this.table) {
      const m = matchSegments(c.segments, parts);
      if (!m) continue;
      if (c.method === wanted || (method === "HEAD" && c.method === "HEAD")) return { match: { route: c.route, pattern: c.pattern, ...m }, allowed: null };
      allowed.add(c.method);
      if (c.method === "GET") allowed.add("HEAD");
    }
    return { match: null, allowed: allowed.size ? [...allowed] : null };
  }

  /** Whether any route could serve this path (for CORS preflights). */
  hasPath(parts: string[]): boolean {
    return this.table.some((c) => matchSegments(c.segments, parts) !== null);
  }
}
