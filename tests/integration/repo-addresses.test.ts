// What a moved repo's old address, the likes lists and the storage listings show to
// callers who may not see a private repo: the same 404 or nothing, never a hint.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createToken } from "../../lib/auth/tokens";
import { setLike } from "../../lib/community/likes";
import { createOrg } from "../../lib/orgs/orgs";
import { moveRepo } from "../../lib/repos/move-repo";
import { startApiServer, type ApiServer } from "../setup/api-server";
import { actorOf, seedRepo, seedUser } from "../setup/factories";

let server: ApiServer;
beforeAll(async () => {
  server = await startApiServer();
});
afterAll(() => server.close());

describe("addresses and listings of private repos", () => {
  it("answer a moved private repo's old address with 404 to outsiders and 307 to its owner, on the API, downloads and git", async () => {
    const owner = await seedUser();
    const repo = await seedRepo(owner, { private: true });
    await moveRepo(await actorOf(owner), { owner: repo.owner, name: repo.name }, { owner: repo.owner, name: `${repo.name}-new` });
    const { token } = await createToken(owner.id, "o", "read");
    const stranger = (await createToken((await seedUser()).id, "s", "write")).token;
    const old = `${repo.owner}/${repo.name}`;
    for (const path of [`/api/models/${old}`, `/${old}/resolve/main/.gitattributes`, `/${old}/info/refs?service=git-upload-pack`]) {
      expect((await server.call("GET", path, { token: stranger })).status, path).toBe(404);
      expect([401, 404], path).toContain((await server.call("GET", path)).status);
      const mine = await server.call("GET", path, { token });
      expect(mine.status, path).toBe(307);
      expect(mine.headers.get("location"), path).toContain(`/${repo.owner}/${repo.name}-new`);
    }
  });

  it("list a private repo among a user's likes only to those who may read it", async () => {
    const owner = await seedUser();
    const repo = await seedRepo(owner, { private: true });
    const open = await seedRepo(owner);
    await setLike(owner.id, repo.id, true);
    await setLike(owner.id, open.id, true);
    const names = async (token?: string) => ((await (await server.call("GET", `/api/users/${owner.username}/likes`, { token })).json()) as { repo: { name: string } }[]).map((l) => l.repo.name);
    expect(await names()).toEqual([`${owner.username}/${open.name}`]);
    const stranger = (await createToken((await seedUser()).id, "s", "read")).token;
    expect(await names(stranger)).toEqual([`${owner.username}/${open.name}`]);
    const mine = (await createToken(owner.id, "o", "read")).token;
    expect((await names(mine)).sort()).toEqual([`${owner.username}/${open.name}`, `${owner.username}/${repo.name}`].sort());
    expect((await server.call("GET", `/api/models/${owner.username}/${repo.name}/likers`, { token: stranger })).status).toBe(404);
    expect((await server.call("GET", "/api/users/nobody-at-all-here/likes")).status).toBe(404);
  });

  it("show an organization's storage listing to its members only, and nothing to repo-scoped tokens", async () => {
    const admin = await seedUser();
    const org = await createOrg(await actorOf(admin), `org-${admin.username}`.slice(0, 38));
    const member = (await createToken(admin.id, "m", "read")).token;
    const stranger = (await createToken((await seedUser()).id, "s", "write")).token;
    const path = `/api/organizations/${org.username}/settings/repositories`;
    expect((await server.call("GET", path, { token: member })).status).toBe(200);
    expect((await server.call("GET", path, { token: stranger })).status).toBe(404);
    expect((await server.call("GET", path)).status).toBe(401);
    const repo = await seedRepo(admin);
    const scoped = (await createToken(admin.id, "scoped", "read", repo.id)).token;
    expect((await server.call("GET", "/api/settings/repositories", { token: scoped })).status).toBe(403);
  });
});
