// Whole pages for signed-out visitors, kept for a few seconds. A page rendered for nobody in
// particular is the same for every signed-out visitor, so a model page on a link aggregator's
// front page is rendered once per few seconds, not once per visitor. What makes an entry
// valid is the `version` the caller computes per request (a repo's row and commit, the
// catalogue's generation): a new commit, a visibility change or a suspension is seen at
// once; what the version does not cover (counts kept elsewhere, scan results, demo figures)
// is at most `ttlMs` old. Each answer gets its own CSP nonce: the cached one is replaced,
// so a nonce is never served twice.
import type { IncomingMessage, ServerResponse } from "node:http";
import zlib from "node:zlib";

type Entry = { at: number; status: number; headers: [string, string | string[]][]; body: string; nonce: string; bytes: number };

const MAX_PAGE_BYTES = 2 * 1024 * 1024;
// Headers of the captured answer that are the connection's or this request's, not the page's.
const NOT_REPLAYED = new Set(["date", "connection", "keep-alive", "transfer-encoding", "content-length", "content-encoding", "x-request-id", "content-security-policy"]);

export class PageCache {
  private entries = new Map<string, Entry>();
  private bytes = 0;
  private pending = new Map<string, Promise<Entry | null>>();

  constructor(private readonly ttlMs: number, private readonly maxBytes: number) {}

  /** A current entry, moved to the young end of the LRU order. */
  private fresh(key: string): Entry | null {
    const e = this.entries.get(key);
    if (!e) return null;
    this.entries.delete(key);
    if (performance.now() - e.at > this.ttlMs) {
      this.bytes -= e.bytes;
      return null;
    }
    this.entries.set(key, e);
    return e;
  }

  private put(key: string, e: Entry): void {
    const old = this.entries.get(key);
    if (old) this.bytes -= old.bytes;
    this.entries.set(key, e);
    this.bytes += e.bytes;
    for (const [k, v] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(k);
      this.bytes -= v.bytes;
    }
  }

  /**
   * Answers from the cache when it holds `key`; otherwise lets `render` answer and keeps
   * what it wrote (a 200 HTML page without cookies). Concurrent misses of one key wait for
   * the first render instead of rendering the same page again.
   */
  async serve(key: string, nonce: string, req: IncomingMessage, res: ServerResponse, render: () => Promise<void>): Promise<void> {
    let hit = this.fresh(key);
    if (!hit) {
      const inFlight = this.pending.get(key);
      if (inFlight) hit = await inFlight;
    }
    if (hit) return answer(hit, nonce, req, res);
    let done!: (e: Entry | null) => void;
    const promise = new Promise<Entry | null>((r) => (done = r));
    this.pending.set(key, promise);
    try {
      const entry = await capture(req, res, render, nonce);
      if (entry) this.put(key, entry);
      done(entry);
    } catch (e) {
      done(null);
      throw e;
    } finally {
      this.pending.delete(key);
    }
  }
}

/** Renders while keeping a copy of a cacheable answer; the renderer writes identity bytes (the request's Accept-Encoding is removed). */
async function capture(req: IncomingMessage, res: ServerResponse, render: () => Promise<void>, nonce: string): Promise<Entry | null> {
  delete req.headers["accept-encoding"];
  res.setHeader("X-Page-Cache", "miss");
  const chunks: Buffer[] = [];
  let size = 0;
  let keep = true;
  const take = (chunk: unknown, encoding?: unknown) => {
    if (!keep || chunk === undefined || chunk === null || typeof chunk === "function") return;
    const b = typeof chunk === "string" ? Buffer.from(chunk, typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8") : chunk instanceof Uint8Array ? Buffer.from(chunk) : null;
    if (!b) return;
    size += b.length;
    if (size > MAX_PAGE_BYTES) keep = false;
    else chunks.push(b);
  };
  const write = res.write.bind(res) as (...a: unknown[]) => boolean;
  const end = res.end.bind(res) as (...a: unknown[]) => ServerResponse;
  res.write = ((chunk: unknown, ...rest: unknown[]) => {
    take(chunk, rest[0]);
    return write(chunk, ...rest);
  }) as typeof res.write;
  res.end = ((chunk?: unknown, ...rest: unknown[]) => {
    take(chunk, rest[0]);
    return end(chunk, ...rest);
  }) as typeof res.end;
  const finished = new Promise<boolean>((resolve) => {
    res.once("finish", () => resolve(true));
    res.once("close", () => resolve(res.writableFinished));
  });
  await render();
  if (!(await finished) || !keep) return null;
  const type = String(res.getHeader("content-type") ?? "");
  if (res.statusCode !== 200 || !type.startsWith("text/html") || res.getHeader("set-cookie") !== undefined || res.getHeader("content-encoding") !== undefined) return null;
  const body = Buffer.concat(chunks).toString("utf8");
  const headers = Object.entries(res.getHeaders())
    .filter(([k, v]) => v !== undefined && !NOT_REPLAYED.has(k) && k !== "x-page-cache")
    .map(([k, v]): [string, string | string[]] => [k, Array.isArray(v) ? v : String(v)]);
  return { at: performance.now(), status: res.statusCode, headers, body, nonce, bytes: body.length * 2 + 512 };
}

function answer(e: Entry, nonce: string, req: IncomingMessage, res: ServerResponse): void {
  // the nonce is base64url: it reads the same in HTML, in JSON and in headers, so one replacement covers every place it is written
  const swap = (s: string) => s.replaceAll(e.nonce, nonce);
  for (const [k, v] of e.headers) res.setHeader(k, Array.isArray(v) ? v.map(swap) : swap(v));
  res.setHeader("X-Page-Cache", "hit");
  let body = Buffer.from(swap(e.body), "utf8");
  if (/\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""))) {
    body = zlib.gzipSync(body, { level: 6 });
    res.setHeader("Content-Encoding", "gzip");
  }
  res.setHeader("Content-Length", String(body.length));
  res.writeHead(e.status);
  res.end(req.method === "HEAD" ? undefined : body);
}
