// Signed-out visitors' pages from memory (lib/http/page-cache, lib/pages/page-version),
// through the real pipeline and database, with a stand-in for Next.js that renders like it
// (the CSP nonce from the request on its inline scripts and in its Link header, streamed
// in chunks) and counts its renders.
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "../../lib/db/client";
import { PageCache } from "../../lib/http/page-cache";
import { createPipeline } from "../../lib/http/pipeline";
import { pageVersion } from "../../lib/pages/page-version";
import { catalogueIndexStore } from "../../lib/search/index/index-store";
import { createHttpServer } from "../../lib/server/http-server";
import { commitText, seedRepo, seedUser } from "../setup/factories";
import { dropIsolatedDatabase, useIsolatedDatabase } from "../setup/isolated-db";

let url = "";
let close: () => Promise<void> = async () => {};
let renders = 0;
let slow = 0;
let setCookie = false;

/** Renders "the page" from the database as Next.js would, nonce and all. */
async function fakeNext(req: IncomingMessage, res: ServerResponse): Promise<void> {
  renders++;
  if (slow) await new Promise((r) => setTimeout(r, slow));
  const nonce = /'nonce-([^']+)'/.exec(String(req.headers["content-security-policy"]))![1]!;
  const [owner, name] = decodeURI(new URL(req.url!, "http://x").pathname).split("/").slice(1);
  const repo = name ? await db().repo.findFirst({ where: { name, owner: { username: owner } }, select: { private: true, likes: true, refs: { where: { name: "main" }, select: { commitId: true } } } }) : null;
  if (name && (!repo || repo.private)) return void res.writeHead(404, { "Content-Type": "text/html; charset=utf-8" }).end("<p>not found</p>");
  res.setHeader("Link", `</_next/static/a.css>; rel=preload; as="style"; nonce="${nonce}"`);
  res.setHeader("Vary", "rsc, Accept-Encoding");
  if (setCookie) res.setHeader("Set-Cookie", "x=1");
  res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
  res.write(`<!doctype html><script nonce="${nonce}">self.__next_f=[]</script>`);
  res.end(`<main>render ${renders} likes ${repo?.likes ?? "-"} commit ${repo?.refs[0]?.commitId ?? "-"}</main><script nonce="${nonce}">self.__next_f.push([1,"{\\"nonce\\":\\"${nonce}\\"}"])</script>`);
}

/** A hub front over `cache`, for the pages `fakeNext` renders. */
async function serve(cache: PageCache): Promise<{ base: string; close: () => Promise<void> }> {
  const server = createHttpServer(createPipeline({ claim: () => null, fallback: fakeNext, dev: false, pages: { cache, version: pageVersion } }));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { base, close: () => new Promise<void>((r) => (server.close(() => r()), server.closeAllConnections())) };
}

beforeAll(async () => {
  // a database of its own: another file's new model would move the catalogue's version
  // between two requests that this file expects to see the same page
  await useIsolatedDatabase("pagecache");
  // a minute: the hits asserted below must not depend on how fast a loaded machine answers
  ({ base: url, close } = await serve(new PageCache(60_000, 1024 * 1024)));
});
afterAll(async () => {
  await close();
  await dropIsolatedDatabase();
});

async function get(path: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${url}${path}`, { headers: { "Accept-Encoding": "identity", ...headers } });
  const body = await res.text();
  const nonce = /'nonce-([^']+)'/.exec(res.headers.get("content-security-policy") ?? "")?.[1];
  return { status: res.status, cache: res.headers.get("x-page-cache"), body, nonce, link: res.headers.get("link"), res };
}

describe("the page cache for signed-out visitors", () => {
  it("renders a model page once, then answers from memory with a fresh nonce everywhere the old one was", async () => {
    const owner = await seedUser();
    const repo = await seedRepo(owner);
    const path = `/${owner.username}/${repo.name}`;
    const before = renders;
    const first = await get(path);
    const second = await get(path);
    expect([first.cache, second.cache]).toEqual(["miss", "hit"]);
    expect(renders - before).toBe(1);
    expect(second.body.replaceAll(second.nonce!, "N")).toBe(first.body.replaceAll(first.nonce!, "N"));
    expect(second.nonce).not.toBe(first.nonce);
    expect(second.body).not.toContain(first.nonce!);
    expect(second.body.split(`nonce="${second.nonce}"`)).toHaveLength(3);
    expect(second.body).toContain(`\\"nonce\\":\\"${second.nonce}\\"`);
    expect(second.link).toContain(`nonce="${second.nonce}"`);
    expect(second.res.headers.get("content-length")).toBe(String(Buffer.byteLength(second.body)));
    // gzip for browsers that take it (read raw: fetch would decode it), with its own nonce again
    const zipped = await new Promise<{ headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) =>
      http.get(`${url}${path}`, { headers: { "Accept-Encoding": "gzip, deflate, br" } }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c)).on("end", () => resolve({ headers: res.headers, body: Buffer.concat(chunks) })).on("error", reject);
      }),
    );
    expect(zipped.headers["content-encoding"]).toBe("gzip");
    expect(zipped.headers["content-length"]).toBe(String(zipped.body.length));
    const nonce = /'nonce-([^']+)'/.exec(String(zipped.headers["content-security-policy"]))![1]!;
    const html = zlib.gunzipSync(zipped.body).toString("utf8");
    expect(html.replaceAll(nonce, "N")).toBe(first.body.replaceAll(first.nonce!, "N"));
    expect(renders - before).toBe(1);
  });

  it("sees a new commit, any change to the repo's row and a turn to private at once", async () => {
    const owner = await seedUser();
    const repo = await seedRepo(owner);
    const path = `/${owner.username}/${repo.name}`;
    await get(path);
    expect((await get(path)).cache).toBe("hit");
    const { commitId } = await commitText(repo.id, owner, { "README.md": "# changed\n" });
    const afterCommit = await get(path);
    expect(afterCommit.cache).toBe("miss");
    expect(afterCommit.body).toContain(`commit ${commitId}`);
    await db().repo.update({ where: { id: repo.id }, data: { likes: 7 } });
    const afterLike = await get(path);
    expect(afterLike.cache).toBe("miss");
    expect(afterLike.body).toContain("likes 7");
    await db().repo.update({ where: { id: repo.id }, data: { private: true } });
    const hidden = await get(path);
    expect(hidden.status).toBe(404);
    expect(hidden.cache).toBeNull(); // not even looked up: a private repo's page is never cached
    await db().repo.update({ where: { id: repo.id }, data: { private: false } });
    expect((await get(path)).status).toBe(200);
    // a suspended owner's pages are rendered every time too
    await get(path);
    await db().user.update({ where: { id: owner.id }, data: { suspendedAt: new Date() } });
    expect((await get(path)).cache).toBeNull();
  });

  it("forgets a page after its time, and keeps nothing but plain 200 pages", async () => {
    const owner = await seedUser();
    const repo = await seedRepo(owner);
    const path = `/${owner.username}/${repo.name}`;
    const short = await serve(new PageCache(300, 1024 * 1024));
    try {
      const at = async () => (await fetch(`${short.base}${path}`)).headers.get("x-page-cache");
      expect(await at()).toBe("miss");
      await new Promise((r) => setTimeout(r, 400));
      expect(await at()).toBe("miss");
    } finally {
      await short.close();
    }
    expect((await get(`/${owner.username}/no-such-model`)).cache).toBeNull();
    const other = await seedRepo(owner);
    setCookie = true;
    try {
      await get(`/${owner.username}/${other.name}`);
      expect((await get(`/${owner.username}/${other.name}`)).cache).toBe("miss");
    } finally {
      setCookie = false;
    }
  });

  it("never serves or keeps a page for someone with credentials, a client-side navigation or a non-GET", async () => {
    const owner = await seedUser();
    const repo = await seedRepo(owner);
    const path = `/${owner.username}/${repo.name}`;
    await get(path);
    const before = renders;
    for (const headers of [{ Cookie: "next-auth.session-token=abc" }, { Authorization: "Bearer hf_xyz" }, { rsc: "1" }, { "Next-Router-Prefetch": "1" }] as Record<string, string>[]) {
      const r = await get(path, headers);
      expect(r.cache).toBeNull();
    }
    expect((await get(`${path}?_rsc=abc`)).cache).toBeNull();
    expect(renders - before).toBe(5);
    expect((await fetch(`${url}${path}`, { method: "HEAD" })).headers.get("x-page-cache")).toBeNull();
  });

  it("keeps a forged Host's page apart, survives hostile addresses, and stays within its memory bound", async () => {
    const owner = await seedUser();
    const repo = await seedRepo(owner);
    const path = `/${owner.username}/${repo.name}`;
    const raw = (host: string, p = path) =>
      new Promise<{ status: number; cache: string | undefined }>((resolve, reject) =>
        http.get(`${url}${p}`, { headers: { Host: host } }, (res) => {
          res.resume();
          res.on("end", () => resolve({ status: res.statusCode!, cache: res.headers["x-page-cache"] as string | undefined }));
        }).on("error", reject),
      );
    // a page rendered for another Host is another entry: never served to those who asked for this hub
    expect((await raw("evil.example")).cache).toBe("miss");
    expect((await raw("evil.example")).cache).toBe("hit");
    expect((await get(path)).cache).toBe("miss");
    // odd and oversized addresses are answered (404 or 400), never cached, never a 500
    for (const p of [`/${"a".repeat(5000)}/${"b".repeat(5000)}`, `/${owner.username}/${repo.name}%00`, `/%E2%80%AE${owner.username}/x`, `/${owner.username}/'%20OR%201=1--`, "/models?search=a%00b"]) {
      const r = await raw("127.0.0.1", p);
      expect([400, 404], p.slice(0, 60)).toContain(r.status);
      expect(r.cache).toBeUndefined();
    }
    // a cache of a few pages: many distinct query strings push the oldest out instead of growing
    const small = await serve(new PageCache(60_000, 4096));
    try {
      const at = async (q: string) => (await fetch(`${small.base}${path}?${q}`)).headers.get("x-page-cache");
      expect(await at("n=0")).toBe("miss");
      expect(await at("n=0")).toBe("hit");
      for (let i = 1; i <= 20; i++) await at(`n=${i}`);
      expect(await at("n=0")).toBe("miss"); // evicted: the bound held
      expect(await at("n=20")).toBe("hit");
    } finally {
      await small.close();
    }
  });

  it("renders a page once for concurrent first visitors", async () => {
    const owner = await seedUser();
    const repo = await seedRepo(owner);
    slow = 150;
    try {
      const before = renders;
      const all = await Promise.all(Array.from({ length: 6 }, () => get(`/${owner.username}/${repo.name}`)));
      expect(renders - before).toBe(1);
      expect(new Set(all.map((a) => a.nonce)).size).toBe(6);
      for (const a of all) expect(a.body).toContain(`nonce="${a.nonce}"`);
    } finally {
      slow = 0;
    }
  });

  it("keeps the catalogue page while the catalogue is unchanged, and sees a new model at once", async () => {
    await catalogueIndexStore()!.start();
    await get("/models?sort=createdAt");
    expect((await get("/models?sort=createdAt")).cache).toBe("hit");
    const owner = await seedUser();
    await seedRepo(owner);
    expect((await get("/models?sort=createdAt")).cache).toBe("miss");
    expect((await get("/datasets")).cache).toBeNull();
  });
});
