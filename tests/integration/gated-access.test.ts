// Gated models over real HTTP: the card stays public, files answer 401/403
// GatedRepo until access is granted (automatically or by an owner), requests
// follow the card's form, re-requests after a rejection are recorded, and
// forks and fine-tunes cannot route around the gate.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createToken } from "../../lib/auth/tokens";
import { db } from "../../lib/db/client";
import { startApiServer, type ApiServer } from "../setup/api-server";
import { commitText, seedRepo, seedUser } from "../setup/factories";

let server: ApiServer;
let base = "";

beforeAll(async () => {
  server = await startApiServer();
  base = server.url;
});
afterAll(() => server.close());

const CARD = `---
license: llama3.1
extra_gated_prompt: You agree to the Llama 3.1 Community License.
extra_gated_fields:
  Company: text
  Country: country
  Intended use:
    type: select
    options: [Research, Commercial]
  I accept the license: checkbox
---
# Gated model
`;

async function api(token: string | null, method: string, path: string, body?: object) {
  const res = await server.call(method, `/api/models/${path}`, { token: token ?? undefined, json: body });
  return { status: res.status, code: res.headers.get("X-Error-Code"), body: (await res.json().catch(() => null)) as any };
}

async function setup() {
  const [owner, alice, bob] = await Promise.all([seedUser(), seedUser(), seedUser()]);
  const r = await seedRepo(owner);
  await commitText(r.id, owner, { "README.md": CARD, "model.safetensors": Buffer.alloc(64, 1) });
  const t = async (u: { id: string }) => (await createToken(u.id, "w", "write")).token;
  const tokens = { owner: await t(owner), alice: await t(alice), bob: await t(bob) };
  return { id: `${owner.username}/${r.name}`, repoId: r.id, owner, alice, bob, tokens };
}

const get = (id: string, path: string, token?: string) => fetch(`${base}/${id}/resolve/main/${path}`, { headers: token ? { Authorization: `Bearer ${token}` } : {} });

describe("gated models", () => {
  it("keep files closed to those without access while the card stays public", async () => {
    const { id, tokens, alice } = await setup();
    expect((await get(id, "model.safetensors")).status).toBe(200); // not gated yet
    expect((await api(tokens.alice, "PUT", `${id}/settings`, { gated: "manual" })).status).toBe(403); // only writers
    expect((await api(tokens.owner, "PUT", `${id}/settings`, { gated: "manual" })).body).toMatchObject({ gated: "manual" });
    expect((await api(tokens.alice, "GET", id)).body.gated).toBe("manual");

    const anon = await get(id, "model.safetensors");
    expect([anon.status, anon.headers.get("x-error-code")]).toEqual([401, "GatedRepo"]);
    const refused = await get(id, "model.safetensors", tokens.alice);
    expect([refused.status, refused.headers.get("x-error-code")]).toEqual([403, "GatedRepo"]);
    expect((await get(id, "README.md")).status).toBe(200); // the card is never gated
    expect((await get(id, "model.safetensors", tokens.owner)).status).toBe(200);

    // the request follows the card's form
    const ask = (fields: object) => api(tokens.alice, "POST", `${id}/ask-access`, { fields });
    expect((await ask({ Company: "Acme", Country: "FR", "Intended use": "Research" })).body.error).toMatch(/Tick "I accept the license"/);
    expect((await ask({ Company: "Acme", Country: "FR", "Intended use": "Military", "I accept the license": true })).status).toBe(400);
    expect((await ask({ Company: " ", Country: "FR", "Intended use": "Research", "I accept the license": true })).status).toBe(400);
    const { requestAccess } = await import("../../lib/gating/access");
    const { findRepo } = await import("../../lib/repos/find-repo");
    await expect(requestAccess(null, (await findRepo(...(id.split("/") as [string, string])))!, {})).rejects.toMatchObject({ status: 401 });
    const answers = { Company: "Acme", Country: "FR", "Intended use": "Research", "I accept the license": true };
    expect((await ask(answers)).body.status).toBe("pending");
    expect((await get(id, "model.safetensors", tokens.alice)).status).toBe(403);

    // the owner reviews: the list, a rejection, a re-request, an acceptance
    expect((await api(tokens.alice, "GET", `${id}/user-access-request/pending`)).status).toBe(403);
    const pending = await api(tokens.owner, "GET", `${id}/user-access-request/pending`);
    expect(pending.body).toEqual([expect.objectContaining({ user: expect.objectContaining({ user: alice.username, fullname: alice.username }), status: "pending", fields: { Company: "Acme", Country: "FR", "Intended use": "Research", "I accept the license": true } })]);
    await api(tokens.owner, "POST", `${id}/user-access-request/handle`, { user: alice.username, status: "rejected", rejectionReason: "unknown company" });
    expect((await get(id, "model.safetensors", tokens.alice)).status).toBe(403);
    expect((await ask(answers)).body.status).toBe("pending"); // asking again after a rejection
    await api(tokens.owner, "POST", `${id}/user-access-request/handle`, { user: alice.username, status: "accepted" });
    const ok = await get(id, "model.safetensors", tokens.alice);
    expect(ok.status).toBe(200);
    expect(Buffer.from(await ok.arrayBuffer()).equals(Buffer.alloc(64, 1))).toBe(true);
    // the inbox: the owner heard of both requests, alice of both decisions (with the reason)
    const { inbox } = await import("../../lib/community/notifications");
    const ownerInbox = await inbox((await findRepo(...(id.split("/") as [string, string])))!.ownerId);
    expect(ownerInbox.filter((n) => n.kind === "access_request").map((n) => [n.byName, n.data.repo])).toEqual([[alice.username, id], [alice.username, id]]);
    expect((await inbox(alice.id)).map((n) => [n.kind, n.data.title])).toEqual([["access_accepted", "gated files"], ["access_rejected", "reason: unknown company"]]);
    const history = await db().accessRequest.findMany({ where: { userId: alice.id }, orderBy: { createdAt: "asc" } });
    expect(history.map((h) => [h.status, h.reason])).toEqual([["rejected", "unknown company"], ["accepted", null]]);
    expect((await api(tokens.owner, "GET", `${id}/user-access-request/accepted`)).body.map((r: { user: { user: string } }) => r.user.user)).toEqual([alice.username]);
  });

  it("grant at once in automatic mode, let owners grant by name, and keep forks and fine-tunes behind the gate", async () => {
    const { id, tokens, bob, owner } = await setup();
    await api(tokens.owner, "PUT", `${id}/settings`, { gated: "auto" });
    // a fork is refused without access, and gated itself once made
    expect((await api(tokens.bob, "POST", `${id}/fork`, {})).code).toBe("GatedRepo");
    const { submitFineTune } = await import("../../lib/finetune/jobs");
    const bobActor = { userId: bob.id, username: bob.username, email: bob.email, isAdmin: false, via: "session" as const, orgs: [] };
    const job = { actor: bobActor, base: id, task: "text-classification" as const, dataset: { name: "d.csv", bytes: Buffer.from("text,label\na,b\n") }, params: {}, hardware: "cpu" as const, outputName: "tuned", outputPrivate: false };
    await expect(submitFineTune(job)).rejects.toMatchObject({ code: "GatedRepo" });
    expect((await api(tokens.bob, "POST", `${id}/ask-access`, { fields: { Company: "B", Country: "DE", "Intended use": "Commercial", "I accept the license": "on" } })).body.status).toBe("accepted");
    expect((await get(id, "model.safetensors", tokens.bob)).status).toBe(200);
    const fork = await api(tokens.bob, "POST", `${id}/fork`, { name: "my-copy" });
    expect(fork.status).toBe(200);
    expect((await db().repo.findFirstOrThrow({ where: { name: "my-copy", ownerId: bob.id } })).gated).toBe("auto");
    // grant: access for someone who never asked
    const carol = await seedUser();
    const carolToken = (await createToken(carol.id, "r", "read")).token;
    await api(tokens.owner, "PUT", `${id}/settings`, { gated: "manual" });
    expect((await get(id, "model.safetensors", carolToken)).status).toBe(403);
    expect((await api(tokens.owner, "POST", `${id}/user-access-request/grant`, { user: carol.username })).body.status).toBe("accepted");
    expect((await get(id, "model.safetensors", carolToken)).status).toBe(200);
    expect((await api(tokens.owner, "POST", `${id}/user-access-request/grant`, { user: "nobody-at-all" })).status).toBe(404);
    // turning gating off opens everything again
    await api(tokens.owner, "PUT", `${id}/settings`, { gated: false });
    expect((await get(id, "model.safetensors")).status).toBe(200);
    expect(owner.username).toBeTruthy();
  });
});
