// The header's suggestions (GET /api/quicksearch): models and datasets by the catalogue's
// word search, people and organizations by name prefix; another user's private repos and
// suspended accounts are never suggested; `type=` narrows the kinds.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createToken } from "../../lib/auth/tokens";
import { db } from "../../lib/db/client";
import { createOrg } from "../../lib/orgs/orgs";
import { createRepo } from "../../lib/repos/create-repo";
import { startApiServer, type ApiServer } from "../setup/api-server";
import { actorOf, seedUser, uniq } from "../setup/factories";

let server: ApiServer;
beforeAll(async () => {
  server = await startApiServer();
});
afterAll(() => server.close());

const get = async (path: string, token?: string) => {
  const r = await server.call("GET", path, { token });
  return { status: r.status, body: (await r.json()) as any };
};

describe("quicksearch", () => {
  it("suggests visible models and datasets by words, and users and organizations by name prefix", async () => {
    const word = uniq("zebrafinch").replace("-", "");
    const alice = await seedUser({ username: `${word}-alice` });
    const bob = await seedUser({ username: `${word}-bob` });
    await createRepo({ owner: alice, name: `${word}-classifier`, private: false });
    await createRepo({ owner: alice, name: `${word}-secret`, private: true });
    await createRepo({ owner: alice, name: `${word}-songs`, type: "dataset", private: false });
    const org = await createOrg(await actorOf(alice), `${word}-lab`);

    const anon = await get(`/api/quicksearch?q=${word}`);
    expect(anon.status).toBe(200);
    expect(anon.body.models).toEqual([{ id: `${alice.username}/${word}-classifier` }]);
    expect(anon.body.datasets).toEqual([{ id: `${alice.username}/${word}-songs` }]);
    expect(anon.body.users.map((u: { user: string }) => u.user).sort()).toEqual([alice.username, bob.username].sort());
    expect(anon.body.orgs).toEqual([{ name: org.username }]);
    // the owner sees her private model suggested; bob does not
    const own = await get(`/api/quicksearch?q=${word}&type=model`, (await createToken(alice.id, "t", "read")).token);
    expect(own.body.models.map((m: { id: string }) => m.id).sort()).toEqual([`${alice.username}/${word}-classifier`, `${alice.username}/${word}-secret`]);
    expect(own.body.users).toEqual([]); // type=model: only models
    const other = await get(`/api/quicksearch?q=${word}&type=model`, (await createToken(bob.id, "t", "read")).token);
    expect(other.body.models.map((m: { id: string }) => m.id)).not.toContain(`${alice.username}/${word}-secret`);
    // a suspended account is not suggested; an empty query suggests nothing
    await db().user.update({ where: { id: bob.id }, data: { suspendedAt: new Date() } });
    expect((await get(`/api/quicksearch?q=${word.toUpperCase()}&type=user`)).body.users).toEqual([{ user: alice.username }]);
    expect((await get("/api/quicksearch?q=%20")).body).toEqual({ q: "", models: [], datasets: [], users: [], orgs: [], docs: [] });
  });
});

describe("quicksearch with hostile input", () => {
  it("answers 200 with bounded results to unknown kinds, huge or odd queries and silly limits", async () => {
    const owner = await seedUser();
    await createRepo({ owner, name: uniq("wild"), private: false });
    const odd = await get(`/api/quicksearch?q=${encodeURIComponent("%_\\'\"<script>")}&type=nonsense&limit=-5`);
    expect(odd.status).toBe(200);
    expect(odd.body).toMatchObject({ models: [], users: [], orgs: [] }); // LIKE wildcards are text, not patterns
    const huge = await get(`/api/quicksearch?q=${"a".repeat(5000)}&limit=100000`);
    expect(huge.status).toBe(200);
    expect(huge.body.q.length).toBe(100);
    // "%" would match every user if it reached LIKE as a wildcard
    expect((await get("/api/quicksearch?q=%25&type=user")).body.users).toEqual([]);
    expect((await get("/api/quicksearch?q=s&type=user&limit=1000")).body.users.length).toBeLessThanOrEqual(20);
  });
});

describe("the guides", () => {
  it("compile from MDX with their headings, and the quick search finds their sections", async () => {
    const { allGuides } = await import("../../lib/docs/guides");
    const guides = await allGuides();
    expect(guides.map((g) => g.slug)).toEqual(["user-guide", "operator-guide"]);
    const user = guides[0]!;
    expect(user.headings.map((h) => h.text)).toEqual(expect.arrayContaining(["Publish a model", "With git and git-lfs", "Fine-tuning", "Webhooks", "The API"]));
    expect(user.code).toContain("Snippet"); // the component is the page's to supply
    const hits = (await get("/api/quicksearch?q=backups&type=doc")).body.docs;
    expect(hits).toContainEqual({ title: "Operator's guide › Backups", href: "/docs/operator-guide#backups" });
    expect((await get("/api/quicksearch?q=git%20lfs&type=doc")).body.docs[0]).toEqual({ title: "User's guide › With git and git-lfs", href: "/docs/user-guide#with-git-and-git-lfs" });
  });
});
