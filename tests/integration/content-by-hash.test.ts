// Content by hash never crosses tenants: a sha256 seen in a gated repo's tree (or
// guessed) does not let anyone commit, copy or learn about those bytes. Only their
// uploader, or a reader of a repo that holds them, may name them.
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createToken } from "../../lib/auth/tokens";
import { db } from "../../lib/db/client";
import { setGating } from "../../lib/gating/access";
import { findRepo } from "../../lib/repos/find-repo";
import { fileAt } from "../../lib/repos/read-files";
import { startApiServer, type ApiServer } from "../setup/api-server";
import { actorOf, commitText, seedRepo, seedUser } from "../setup/factories";

let server: ApiServer;
let alice: Awaited<ReturnType<typeof seedUser>>;
let mallory: Awaited<ReturnType<typeof seedUser>>;
let tokens: { alice: string; mallory: string };
const secret = crypto.randomBytes(40_000);
const gatedBytes = crypto.randomBytes(30_000);
const publicBytes = crypto.randomBytes(20_000);
const sha = (b: Buffer) => crypto.createHash("sha256").update(b).digest("hex");
let malloryRepo: string;
let gatedId: string;
let alicePublic: string;

/** Bytes that only a private repo of Alice's holds. */
async function privateContent(): Promise<Buffer> {
  const bytes = crypto.randomBytes(12_000);
  await commitText((await seedRepo(alice, { private: true })).id, alice, { "only-here.bin": bytes });
  return bytes;
}

beforeAll(async () => {
  server = await startApiServer();
  [alice, mallory] = await Promise.all([seedUser(), seedUser()]);
  tokens = { alice: (await createToken(alice.id, "w", "write")).token, mallory: (await createToken(mallory.id, "w", "write")).token };
  const priv = await seedRepo(alice, { private: true });
  await commitText(priv.id, alice, { "secret.bin": secret });
  const pub = await seedRepo(alice);
  await commitText(pub.id, alice, { "public.bin": publicBytes });
  alicePublic = `${alice.username}/${pub.name}`;
  const gated = await seedRepo(alice);
  await commitText(gated.id, alice, { "weights.bin": gatedBytes, "README.md": "# gated\n" });
  const row = (await findRepo(alice.username, gated.name))!;
  await setGating(await actorOf(alice), row, "manual");
  gatedId = `${alice.username}/${gated.name}`;
  malloryRepo = `${mallory.username}/${(await seedRepo(mallory)).name}`;
});
afterAll(() => server.close());

const lfsCommit = (oid: string, size: number, path = "copied.bin") =>
  [JSON.stringify({ key: "header", value: { summary: "copy by hash" } }), JSON.stringify({ key: "lfsFile", value: { path, algo: "sha256", oid, size } })].join("\n");

async function commitAs(token: string, repo: string, body: string) {
  const res = await server.call("POST", `/api/models/${repo}/commit/main`, { token, body, headers: { "Content-Type": "application/x-ndjson" } });
  return { status: res.status, body: (await res.json()) as { error?: string } };
}

async function batchAs(token: string, repo: string, oid: string, size: number) {
  const res = await server.call("POST", `/${repo}.git/info/lfs/objects/batch`, { token, json: { operation: "upload", objects: [{ oid, size }] }, headers: { "Content-Type": "application/vnd.git-lfs+json" } });
  return ((await res.json()) as { objects: { actions?: { upload: { href: string } }; error?: unknown }[] }).objects[0]!;
}

describe("content by hash", () => {
  it("refuses a commit naming a private repo's content, with the answer content never stored gets", async () => {
    const stolen = await commitAs(tokens.mallory, malloryRepo, lfsCommit(sha(secret), secret.length));
    const unknown = await commitAs(tokens.mallory, malloryRepo, lfsCommit("f".repeat(64), secret.length));
    expect(stolen.status).toBe(422);
    expect(unknown.status).toBe(422);
    expect(stolen.body.error!.replace(sha(secret), "X")).toBe(unknown.body.error!.replace("f".repeat(64), "X"));
  });

  it("refuses content seen in a gated repo's public tree until access is granted", async () => {
    const tree = (await (await server.call("GET", `/api/models/${gatedId}/tree/main`)).json()) as { path: string; lfs?: { oid: string } }[];
    const oid = tree.find((e) => e.path === "weights.bin")!.lfs!.oid; // the tree publishes it
    expect((await commitAs(tokens.mallory, malloryRepo, lfsCommit(oid, gatedBytes.length))).status).toBe(422);
    // granted access: now Mallory can read those bytes anyway, so naming them is fine
    await db().accessRequest.create({ data: { repoId: (await findRepo(alice.username, gatedId.split("/")[1]!))!.id, userId: mallory.id, status: "accepted" } });
    expect((await commitAs(tokens.mallory, malloryRepo, lfsCommit(oid, gatedBytes.length, "granted.bin"))).status).toBe(200);
  });

  it("lets anyone name content that a public repo holds (a copy of open weights)", async () => {
    expect((await commitAs(tokens.mallory, malloryRepo, lfsCommit(sha(publicBytes), publicBytes.length, "open.bin"))).status).toBe(200);
  });

  it("makes the LFS batch no oracle: stored content of others gets an upload action, like new content", async () => {
    const hidden = await privateContent();
    const stored = await batchAs(tokens.mallory, malloryRepo, sha(hidden), hidden.length);
    const fresh = await batchAs(tokens.mallory, malloryRepo, sha(crypto.randomBytes(9)), hidden.length);
    expect(stored.actions?.upload.href).toBeTruthy();
    expect(Object.keys(stored).sort()).toEqual(Object.keys(fresh).sort());
    // for its owner the content is known: nothing to send
    expect((await batchAs(tokens.alice, alicePublic, sha(hidden), hidden.length)).actions).toBeUndefined();
  });

  it("accepts the bytes from whoever really holds them: uploading proves it, storage keeps one copy", async () => {
    const action = await batchAs(tokens.mallory, malloryRepo, sha(secret), secret.length);
    const put = await fetch(action.actions!.upload.href, { method: "PUT", body: new Uint8Array(secret) });
    expect(put.status).toBe(200);
    expect((await commitAs(tokens.mallory, malloryRepo, lfsCommit(sha(secret), secret.length, "mine-too.bin"))).status).toBe(200);
    expect(await db().blob.count({ where: { sha256: sha(secret) } })).toBe(1);
  });

  it("gives nothing for wrong bytes under someone else's hash", async () => {
    const eve = await seedUser();
    const eveToken = (await createToken(eve.id, "w", "write")).token;
    const eveRepo = `${eve.username}/${(await seedRepo(eve)).name}`;
    const hidden = await privateContent();
    const action = await batchAs(eveToken, eveRepo, sha(hidden), hidden.length);
    const put = await fetch(action.actions!.upload.href, { method: "PUT", body: new Uint8Array(crypto.randomBytes(hidden.length)) });
    expect(put.status).toBe(400);
    expect((await commitAs(eveToken, eveRepo, lfsCommit(sha(hidden), hidden.length))).status).toBe(422);
  });

  it("does not reveal a private content's size or places through the lookup by hash", async () => {
    const res = await server.call("GET", `/api/blobs/${sha(gatedBytes)}`);
    const lookup = (await res.json()) as { size: number | null; uses: { repo: string }[] };
    expect(lookup.uses.map((u) => u.repo)).toContain(gatedId); // a gated repo's tree is public, its bytes are not
    const hidden = await privateContent();
    for (const token of [undefined, tokens.mallory]) {
      const r = await server.call("GET", `/api/blobs/${sha(hidden)}`, { token });
      expect(await r.json()).toEqual({ sha256: sha(hidden), size: null, uses: [] });
    }
    const own = await server.call("GET", `/api/blobs/${sha(hidden)}`, { token: tokens.alice });
    expect(await own.json()).toMatchObject({ size: hidden.length });
  });

  it("stores none of a refused commit's inline content", async () => {
    const inline = crypto.randomBytes(300).toString("base64");
    const body = (parent?: string) =>
      [JSON.stringify({ key: "header", value: { summary: "x", ...(parent ? { parentCommit: parent } : {}) } }), JSON.stringify({ key: "file", value: { path: "inline.bin", content: inline, encoding: "base64" } })].join("\n");
    const contentSha = sha(Buffer.from(inline, "base64"));
    expect((await server.call("POST", `/api/models/${gatedId}/commit/main`, { token: tokens.mallory, body: body(), headers: { "Content-Type": "application/x-ndjson" } })).status).toBe(403);
    expect((await commitAs(tokens.mallory, malloryRepo, body("0".repeat(40)))).status).toBe(412);
    const badPath = body().replace("inline.bin", "../escape.bin");
    expect((await commitAs(tokens.mallory, malloryRepo, badPath)).status).toBe(400);
    const withUnknownLfs = `${body()}\n${JSON.stringify({ key: "lfsFile", value: { path: "w.bin", oid: "e".repeat(64), size: 3 } })}`;
    expect((await commitAs(tokens.mallory, malloryRepo, withUnknownLfs)).status).toBe(422);
    expect(await db().blob.findUnique({ where: { sha256: contentSha } })).toBeNull();
    // and the same body, accepted, stores it
    expect((await commitAs(tokens.mallory, malloryRepo, body())).status).toBe(200);
    expect((await fileAt((await findRepo(mallory.username, malloryRepo.split("/")[1]!))!.id, "main", "inline.bin")).sha256).toBe(contentSha);
  });
});
