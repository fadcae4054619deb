// Every route of the API table, called by everyone who must be refused. Generated
// from lib/hub-api/routes.ts, so a route added tomorrow is checked tomorrow:
// - every write (a non-GET route for signed-in callers) × {anonymous, another user,
//   the owner's read token, the owner's token scoped to another repo} is refused, and
//   nothing is written;
// - every read of a private or an organization's private repo answers the others
//   404 RepoNotFound, and no answer mentions what the repo holds;
// - every route that serves file bytes of a gated repo answers 401/403 GatedRepo.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createToken } from "../../lib/auth/tokens";
import { db } from "../../lib/db/client";
import { openDiscussion } from "../../lib/discussions/discussions";
import { setGating } from "../../lib/gating/access";
import { ROUTES, type Route } from "../../lib/hub-api/routes";
import { createOrg } from "../../lib/orgs/orgs";
import { findRepo, type RepoRow } from "../../lib/repos/find-repo";
import { createRepo } from "../../lib/repos/create-repo";
import { createWebhook } from "../../lib/webhooks/webhooks";
import { startApiServer, type ApiServer } from "../setup/api-server";
import { actorOf, commitText, seedRepo, seedUser } from "../setup/factories";

let server: ApiServer;
let owner: Awaited<ReturnType<typeof seedUser>>;
let secretRepo: RepoRow;
let orgRepo: RepoRow;
let gatedRepo: RepoRow;
let ctx: { webhook: string; job: string; blob: string; secretCommit: string };
let tokens: { other: string; ownerRead: string; ownerScopedElsewhere: string; orgReader: string };

const SECRET_FILE = "weights-secret-file.bin";
const twinIds: string[] = [];

beforeAll(async () => {
  server = await startApiServer();
  owner = await seedUser();
  const [other, orgReaderUser] = await Promise.all([seedUser(), seedUser()]);
  const priv = await seedRepo(owner, { private: true });
  const elsewhere = await seedRepo(owner, { private: true });
  ctx = { webhook: "", job: "", blob: "", secretCommit: "" };
  ctx.secretCommit = (await commitText(priv.id, owner, { [SECRET_FILE]: Buffer.from("private bytes, never to leave"), "README.md": "# secret\n" })).commitId;
  ctx.blob = (await db().blob.findFirstOrThrow({ where: { size: 29 }, orderBy: { createdAt: "desc" } })).sha256;
  secretRepo = (await findRepo(owner.username, priv.name))!;
  const ownerActor = await actorOf(owner);
  await openDiscussion(ownerActor, secretRepo, "A private discussion", "body");
  ctx.webhook = (await createWebhook(secretRepo.id, owner.id, { url: "https://example.com/hook", secret: "a secret of sixteen+", events: ["repo"] })).id;
  ctx.job = (
    await db().fineTuneJob.create({
      data: { userId: owner.id, baseId: `${owner.username}/${priv.name}`, baseCommit: ctx.secretCommit, task: "text-classification", datasetSha256: ctx.blob, datasetName: "d.csv", datasetBytes: 1n, params: {}, hardware: "cpu", outputName: "out", outputPrivate: true, maxSeconds: 60 },
    })
  ).id;
  // an organization's private repo, with a member who may only read
  const org = await createOrg(ownerActor, `org-${owner.username}`.slice(0, 39));
  await db().orgMember.create({ data: { orgId: org.id, userId: orgReaderUser.id, role: "read" } });
  const orgPriv = await seedRepo({ id: org.id, username: org.username, email: `${org.username}@org.test` }, { private: true });
  await commitText(orgPriv.id, owner, { [SECRET_FILE]: "org bytes" });
  orgRepo = (await findRepo(org.username, orgPriv.name))!;
  // a public, gated repo with a file
  const gated = await seedRepo(owner);
  await commitText(gated.id, owner, { [SECRET_FILE]: "gated bytes", "README.md": "# gated\n" });
  gatedRepo = (await findRepo(owner.username, gated.name))!;
  await setGating(ownerActor, gatedRepo, "manual");
  gatedRepo = (await findRepo(owner.username, gated.name))!;
  // each of them has a dataset twin of the same name, with the same secret: the routes at
  // /datasets/… and /api/datasets/… reach these
  for (const [repo, ns] of [[secretRepo, owner], [orgRepo, { id: org.id, username: org.username, email: `${org.username}@org.test` }], [gatedRepo, owner]] as const) {
    const twin = await createRepo({ owner: ns, name: repo.name, type: "dataset", private: repo.private });
    twinIds.push(twin.id);
    await commitText(twin.id, owner, { [SECRET_FILE]: "dataset bytes", "README.md": "# twin\n", "train.csv": "text,label\ngated row,secret\n" });
    if (repo.gated) await setGating(ownerActor, (await findRepo(ns.username, repo.name, "dataset"))!, "manual");
  }
  tokens = {
    other: (await createToken(other.id, "w", "write")).token,
    ownerRead: (await createToken(owner.id, "r", "read")).token,
    ownerScopedElsewhere: (await createToken(owner.id, "s", "write", elsewhere.id)).token,
    orgReader: (await createToken(orgReaderUser.id, "w", "write")).token,
  };
});
afterAll(() => server.close());

/** A concrete path for a route pattern, aimed at `repo`. */
function pathFor(route: Route, repo: RepoRow): string {
  return route.path
    .split("/")
    .map((seg) => {
      if (seg === ":ns") return repo.owner.username;
      if (seg === ":name") return route.gitName ? `${repo.name}.git` : repo.name;
      if (seg === ":owner") return repo.owner.username;
      if (seg === ":num") return "1";
      if (seg === ":wid") return ctx.webhook;
      if (seg === ":did") return "delivery";
      if (seg === ":id") return ctx.job;
      if (seg === ":oid") return "a".repeat(64);
      if (seg === ":n") return "1";
      if (seg === ":sha256") return ctx.blob;
      const options = /^:\w+\(([^)]+)\)$/.exec(seg);
      if (options) return options[1]!.split("|")[0]!;
      if (seg.startsWith("*")) return route.path.includes("resolve") ? `main/${SECRET_FILE}` : "main";
      return seg;
    })
    .join("/");
}

// Bodies that would pass validation, so a refusal is about who calls, not what they send.
function bodyFor(route: Route, repo: RepoRow): { json?: unknown; body?: string; headers?: Record<string, string> } {
  const p = route.path;
  if (p.startsWith("/api/settings/webhooks")) return { json: { url: "https://example.com/x", watched: [{ type: "model", name: `${repo.owner.username}/${repo.name}` }], domains: ["repo"] } };
  if (p.endsWith("/commit/*rev")) return { body: `${JSON.stringify({ key: "header", value: { summary: "x" } })}\n${JSON.stringify({ key: "file", value: { path: "pwned.txt", content: "eA==" } })}`, headers: { "Content-Type": "application/x-ndjson" } };
  if (p.endsWith("/preupload/*rev")) return { json: { files: [{ path: "a.txt", size: 1 }] } };
  if (p.endsWith("/paths-info/*rev")) return { json: { paths: [SECRET_FILE] } };
  if (p.endsWith("/branch/*name")) return { json: {} };
  if (p.endsWith("/tag/*rev")) return { json: { tag: "v-pwned" } };
  if (p.endsWith("/settings")) return { json: { private: false } };
  if (p.endsWith("/fork")) return { json: { name: "stolen" } };
  if (p.endsWith("/duplicate")) return { json: { repository: `${repo.owner.username}/stolen-copy` } };
  if (p.endsWith("/comment/:cid/edit")) return { json: { content: "x" } };
  if (p.endsWith("/title")) return { json: { title: "pwned" } };
  if (p.includes("/super-squash/")) return { json: { message: "gone" } };
  if (p.endsWith("/discussions")) return { json: { title: "spam", description: "x" } };
  if (p.endsWith("/comment")) return { json: { comment: "x" } };
  if (p.endsWith("/status")) return { json: { status: "closed" } };
  if (p.endsWith("/merge")) return { json: {} };
  if (p.endsWith("/webhooks")) return { json: { url: "https://example.com/x", secret: "sixteen characters!", events: ["repo"] } };
  if (p.endsWith("/webhooks/:wid")) return { json: { active: false } };
  if (p.endsWith("/ask-access")) return { json: { fields: {} } };
  if (p.includes("/user-access-request/")) return { json: { user: owner.username, status: "accepted" } };
  if (p.endsWith("/demo-runs")) return { json: { commit: ctx.secretCommit, backend: "cpu", cached: false, loadMs: 1, firstMs: 1 } };
  if (p.endsWith("/lfs/objects/batch")) return { json: { operation: "upload", objects: [{ oid: ctx.blob, size: 29 }] }, headers: { "Content-Type": "application/vnd.git-lfs+json" } };
  if (p === "/api/repos/create") return { json: { name: "made-by-a-stranger", organization: repo.owner.username } };
  if (p === "/api/repos/move") return { json: { fromRepo: `${repo.owner.username}/${repo.name}`, toRepo: `${repo.owner.username}/moved-away` } };
  if (p === "/api/repos/delete") return { json: { name: repo.name, organization: repo.owner.username } };
  if (p === "/api/fine-tunes/rerun") return { json: { repo: `${repo.owner.username}/${repo.name}`, outputName: "rerun" } };
  if (p.startsWith("/api/upload-commit/")) return { json: { summary: "x", files: [{ path: "w.bin", sha256: ctx.blob }] } };
  if (p === "/api/fine-tunes") {
    const form = new FormData();
    form.set("base", `${repo.owner.username}/${repo.name}`);
    form.set("task", "text-classification");
    form.set("outputName", "stolen-tune");
    form.set("dataset", new Blob(["text,label\na,b\n"]), "d.csv");
    return { body: form as unknown as string };
  }
  return {};
}

const isWrite = (r: Route) => r.method !== "GET" && r.access === "signed-in";
const writes = ROUTES.filter(isWrite);
const repoReads = ROUTES.filter((r) => r.method === "GET" && r.repo);

/** What any of the refused calls could have changed (scoped to these repos and users: other test files write meanwhile). */
async function snapshot() {
  const repoIds = [secretRepo.id, orgRepo.id, ...twinIds];
  const [refs, discussions, comments, likes, webhooks, repos, jobs, requests, secret] = await Promise.all([
    db().ref.findMany({ where: { repoId: { in: repoIds } }, select: { name: true, commitId: true }, orderBy: { name: "asc" } }),
    db().discussion.findMany({ where: { repoId: { in: repoIds } }, select: { num: true, status: true, title: true } }),
    db().comment.count({ where: { discussion: { repoId: { in: repoIds } } } }),
    db().like.count({ where: { repoId: { in: repoIds } } }),
    db().webhook.findMany({ where: { repoId: { in: repoIds } }, select: { id: true, active: true } }),
    db().repo.findMany({ where: { OR: [{ ownerId: { in: [owner.id, orgRepo.ownerId] } }, { name: { in: ["stolen", "made-by-a-stranger"] } }] }, select: { id: true } }),
    db().fineTuneJob.findMany({ where: { OR: [{ userId: owner.id }, { outputName: { in: ["stolen-tune", "rerun"] } }] }, select: { id: true, status: true, cancelRequested: true } }),
    db().accessRequest.count({ where: { repoId: { in: repoIds } } }),
    db().repo.findUniqueOrThrow({ where: { id: secretRepo.id }, select: { private: true, gated: true } }),
  ]);
  return { refs, discussions, comments, likes, webhooks, repos: repos.length, jobs, requests, secret };
}

async function call(route: Route, repo: RepoRow, token: string | null) {
  const b = route.method === "GET" ? {} : bodyFor(route, repo);
  const res = await server.call(route.method, pathFor(route, repo), { token: token ?? undefined, json: b.json, body: b.body as BodyInit | undefined, headers: b.headers });
  return { status: res.status, code: res.headers.get("x-error-code"), text: await res.text() };
}

describe("authorization matrix, from the route table", () => {
  it("covers every route: the table has writes and reads to check", () => {
    expect(writes.length).toBeGreaterThan(25);
    expect(repoReads.length).toBeGreaterThan(10);
  });

  it.each(writes.map((r) => [`${r.method} ${r.path}`, r] as const))("refuses %s to anonymous callers, other users, read tokens and tokens scoped elsewhere, writing nothing", async (_name, route) => {
    const before = await snapshot();
    for (const [who, token] of [["anonymous", null], ["another user", tokens.other], ["a read token", tokens.ownerRead], ["a token scoped to another repo", tokens.ownerScopedElsewhere]] as const) {
      const r = await call(route, secretRepo, token);
      expect([401, 403, 404], `${who}: ${route.method} ${route.path} answered ${r.status} ${r.text.slice(0, 200)}`).toContain(r.status);
      // nothing about the private repo's content in any refusal
      expect(r.text).not.toContain(SECRET_FILE);
      expect(r.text).not.toContain(ctx.secretCommit);
    }
    expect(await snapshot()).toEqual(before);
  });

  it.each(repoReads.map((r) => [`${r.method} ${r.path}`, r] as const))("hides %s of private and organization-private repos from outsiders", async (_name, route) => {
    for (const repo of [secretRepo, orgRepo]) {
      for (const [who, token] of [["anonymous", null], ["another user", tokens.other], ["a token scoped to another repo", tokens.ownerScopedElsewhere]] as const) {
        if (repo === orgRepo && who === "a token scoped to another repo") continue;
        const r = await call(route, repo, token);
        expect(r.text).not.toContain(SECRET_FILE);
        // signed-in routes turn anonymous callers away before looking anything up
        if (who === "anonymous" && route.access === "signed-in") {
          expect(r.status).toBe(401);
          continue;
        }
        expect(r.status, `${who} on ${repo.owner.username}/${repo.name}: ${r.text.slice(0, 200)}`).toBe(404);
        expect(r.code).toBe("RepoNotFound");
      }
    }
    // an organization member with the read role sees it (what the route then says is its own business)
    expect((await call(route, orgRepo, tokens.orgReader)).code).not.toBe("RepoNotFound");
  });

  it("lets the organization's read-only member read but not write", async () => {
    for (const route of writes.filter((r) => r.repo)) {
      const r = await call(route, orgRepo, tokens.orgReader);
      if (route.repo === "write") expect([401, 403], `${route.method} ${route.path}: ${r.status}`).toContain(r.status);
    }
  });

  it("serves no byte of a gated repo's files without granted access", async () => {
    for (const token of [null, tokens.other]) {
      const file = await server.call("GET", `/${gatedRepo.owner.username}/${gatedRepo.name}/resolve/main/${SECRET_FILE}`, { token: token ?? undefined });
      expect([401, 403]).toContain(file.status);
      expect(file.headers.get("x-error-code")).toBe("GatedRepo");
      expect(await file.text()).not.toContain("gated bytes");
      const diff = await server.call("GET", `/api/models/${gatedRepo.owner.username}/${gatedRepo.name}/tensor-diff?base=main&head=main`, { token: token ?? undefined });
      expect([401, 403]).toContain(diff.status);
    }
    // a gated dataset's rows are its files' bytes: the viewer and downloads ask for access too
    for (const token of [null, tokens.other]) {
      const base = `${gatedRepo.owner.username}/${gatedRepo.name}`;
      for (const path of [`/api/datasets/${base}/viewer`, `/datasets/${base}/resolve/main/train.csv`]) {
        const r = await server.call("GET", path, { token: token ?? undefined });
        expect([401, 403], path).toContain(r.status);
        expect(r.headers.get("x-error-code")).toBe("GatedRepo");
        expect(await r.text()).not.toContain("gated row");
      }
    }
    // the card and the file list stay public
    expect((await server.call("GET", `/${gatedRepo.owner.username}/${gatedRepo.name}/resolve/main/README.md`)).status).toBe(200);
    expect((await server.call("GET", `/api/models/${gatedRepo.owner.username}/${gatedRepo.name}/tree/main`)).status).toBe(200);
  });
});
