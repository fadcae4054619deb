// /resolve and /raw over real HTTP, through the hub's request pipeline.
import crypto from "node:crypto";
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApiServer, type ApiServer } from "../setup/api-server";
import { createToken } from "../../lib/auth/tokens";
import { db } from "../../lib/db/client";
import { commitText, seedRepo, seedUser } from "../setup/factories";

let server: ApiServer;
let base: string;
let owner: Awaited<ReturnType<typeof seedUser>>;
let pub: Awaited<ReturnType<typeof seedRepo>>;
let priv: Awaited<ReturnType<typeof seedRepo>>;
let commit: string;
const weights = crypto.randomBytes(2 * 1024 * 1024 + 123);

beforeAll(async () => {
  server = await startApiServer();
  base = server.url;
  owner = await seedUser();
  pub = await seedRepo(owner);
  priv = await seedRepo(owner, { private: true });
  commit = (await commitText(pub.id, owner, { "model.bin": weights, "dir/config.json": '{"a":1}', "empty.txt": "" })).commitId;
  await commitText(priv.id, owner, { "secret.txt": "top secret" });
});

afterAll(() => server.close());

const url = (repo: { owner: string; name: string }, rest: string) => `${base}/${repo.owner}/${repo.name}/${rest}`;

describe("resolve", () => {
  it("streams a file byte-exact with the headers the HF clients read", async () => {
    const res = await fetch(url(pub, "resolve/main/model.bin"));
    expect(res.status).toBe(200);
    const body = Buffer.from(await res.arrayBuffer());
    expect(body.equals(weights)).toBe(true);
    const sha = crypto.createHash("sha256").update(weights).digest("hex");
    expect(res.headers.get("content-length")).toBe(String(weights.length));
    expect(res.headers.get("x-repo-commit")).toBe(commit);
    expect(res.headers.get("etag")).toBe(`"${sha}"`);
    expect(res.headers.get("x-linked-etag")).toBe(`"${sha}"`);
    expect(res.headers.get("x-linked-size")).toBe(String(weights.length));
    expect(res.headers.get("accept-ranges")).toBe("bytes");
    expect(res.headers.get("content-encoding")).toBeNull();
  });

  it("answers HEAD with the real Content-Length and no body", async () => {
    const res = await fetch(url(pub, "resolve/main/model.bin"), { method: "HEAD" });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-length")).toBe(String(weights.length));
  });

  it("serves ranges (206), probes (bytes=0-0), suffixes, and 416 past the end", async () => {
    const r1 = await fetch(url(pub, "resolve/main/model.bin"), { headers: { Range: "bytes=1000-1999" } });
    expect(r1.status).toBe(206);
    expect(r1.headers.get("content-range")).toBe(`bytes 1000-1999/${weights.length}`);
    expect(Buffer.from(await r1.arrayBuffer()).equals(weights.subarray(1000, 2000))).toBe(true);
    const probe = await fetch(url(pub, "resolve/main/model.bin"), { headers: { Range: "bytes=0-0" } });
    expect(probe.headers.get("content-range")).toBe(`bytes 0-0/${weights.length}`);
    await probe.arrayBuffer();
    const tail = await fetch(url(pub, "resolve/main/model.bin"), { headers: { Range: "bytes=-10" } });
    expect(Buffer.from(await tail.arrayBuffer()).equals(weights.subarray(-10))).toBe(true);
    const past = await fetch(url(pub, "resolve/main/model.bin"), { headers: { Range: `bytes=${weights.length}-` } });
    expect(past.status).toBe(416);
    expect(past.headers.get("content-range")).toBe(`bytes */${weights.length}`);
  });

  it("answers an empty file with 200 and Content-Range bytes */0 to a range probe", async () => {
    const res = await fetch(url(pub, "resolve/main/empty.txt"), { headers: { Range: "bytes=0-0" } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-range")).toBe("bytes */0");
    expect((await res.arrayBuffer()).byteLength).toBe(0);
  });

  it("resolves older commits, short ids and encoded revisions, and serves raw LFS pointers", async () => {
    const cfg = await fetch(url(pub, `resolve/${commit.slice(0, 8)}/dir/config.json`));
    expect(await cfg.text()).toBe('{"a":1}');
    expect(cfg.headers.get("etag")).toMatch(/^"[0-9a-f]{40}"$/);
    const old = await fetch(url(pub, `resolve/${pub.commitId}/model.bin`));
    expect(old.headers.get("x-error-code")).toBe("EntryNotFound");
    const raw = await fetch(url(pub, "raw/main/model.bin"));
    expect(await raw.text()).toContain("version https://git-lfs.github.com/spec/v1");
  });

  it("maps missing things to 404 with X-Error-Code and a JSON body", async () => {
    for (const [rest, code] of [
      ["resolve/main/missing.bin", "EntryNotFound"],
      ["resolve/no-such-branch/model.bin", "RevisionNotFound"],
    ] as const) {
      const res = await fetch(url(pub, rest));
      expect(res.status).toBe(404);
      expect(res.headers.get("x-error-code")).toBe(code);
      expect((await res.json()).error).toBeTruthy();
    }
    const nope = await fetch(`${base}/${owner.username}/does-not-exist/resolve/main/x`);
    expect(nope.headers.get("x-error-code")).toBe("RepoNotFound");
  });

  it("refuses traversal in paths, however it is encoded", async () => {
    // fetch() would normalise "..": send the raw request line with node:http.
    const status = (rawPath: string) =>
      new Promise<number>((resolve, reject) => {
        const { hostname, port } = new URL(base);
        http.get({ hostname, port, path: rawPath }, (res) => {
          res.resume();
          resolve(res.statusCode!);
        }).on("error", reject);
      });
    const prefix = `/${pub.owner}/${pub.name}/resolve/main`;
    expect(await status(`${prefix}/dir/%2E%2E/%2E%2E/etc/passwd`)).toBe(400);
    expect(await status(`${prefix}/dir%2F..%2F..%2Fetc%2Fpasswd`)).toBe(400);
    expect(await status(`${prefix}/a%00b`)).toBe(400);
    expect(await status(`${prefix}/%E0%A4%A`)).toBe(400);
  });

  it("hides private repos (404) unless the owner's token is sent", async () => {
    const anon = await fetch(url(priv, "resolve/main/secret.txt"));
    expect(anon.status).toBe(404);
    expect(anon.headers.get("x-error-code")).toBe("RepoNotFound");
    const { token } = await createToken(owner.id, "dl", "read");
    const ok = await fetch(url(priv, "resolve/main/secret.txt"), { headers: { Authorization: `Bearer ${token}` } });
    expect(await ok.text()).toBe("top secret");
    const bad = await fetch(url(priv, "resolve/main/secret.txt"), { headers: { Authorization: "Bearer hf_invalidinvalidinvalidinvalidinvalid12" } });
    expect(bad.status).toBe(401);
  });

  it("counts real downloads only: not HEADs, probes or resumed tails", async () => {
    const u = await seedUser();
    const repo = await seedRepo(u);
    await commitText(repo.id, u, { "f.txt": "0123456789" });
    const count = async () => (await db().repo.findUniqueOrThrow({ where: { id: repo.id } })).downloads;
    const hit = async (init?: RequestInit) => (await fetch(url(repo, "resolve/main/f.txt"), init)).arrayBuffer();
    await hit({ method: "HEAD" });
    await hit({ headers: { Range: "bytes=0-0" } });
    await hit({ headers: { Range: "bytes=5-" } });
    expect(await count()).toBe(0);
    await hit();
    await hit({ headers: { Range: "bytes=0-" } });
    expect(await count()).toBe(1); // the same client, the same file, the same day: once
  });

  it("counts once per file per client per day, and keeps a daily series", async () => {
    const u = await seedUser();
    const repo = await seedRepo(u);
    await commitText(repo.id, u, { "a.txt": "aaa", "b.txt": "bbb" });
    const hit = async (path: string, agent: string, headers: Record<string, string> = {}) =>
      (await fetch(url(repo, `resolve/main/${path}`), { headers: { "User-Agent": agent, ...headers } })).arrayBuffer();
    await hit("a.txt", "client-1");
    await hit("a.txt", "client-1");
    await hit("b.txt", "client-1"); // another file counts
    await hit("a.txt", "client-2"); // another client counts
    const { token } = await createToken(u.id, "dl", "read");
    await hit("a.txt", "client-1", { Authorization: `Bearer ${token}` }); // a signed-in user is their own client
    await hit("a.txt", "client-3", { Authorization: `Bearer ${token}` }); // …whatever their user agent
    expect((await db().repo.findUniqueOrThrow({ where: { id: repo.id } })).downloads).toBe(4);
    const { downloadSeries, recentDownloads } = await import("../../lib/community/download-counts");
    const series = await downloadSeries(repo.id);
    expect(series).toHaveLength(30);
    expect(series[29]).toEqual({ day: new Date().toISOString().slice(0, 10), count: 4 });
    expect(series.slice(0, 29).every((d) => d.count === 0)).toBe(true);
    expect((await recentDownloads([repo.id])).get(repo.id)).toBe(4);
    // no client address is stored, only keyed hashes
    const seen = await db().downloadSeen.findMany({ where: { repoId: repo.id } });
    expect(seen.every((r) => /^[A-Za-z0-9_-]{22}$/.test(r.clientKey) && !r.clientKey.includes("127.0.0.1"))).toBe(true);
  });

  it("answers CORS preflights so browser code on other origins can download", async () => {
    const res = await fetch(url(pub, "resolve/main/model.bin"), { method: "OPTIONS" });
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(res.headers.get("access-control-expose-headers")).toContain("X-Repo-Commit");
  });
});
