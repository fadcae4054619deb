// Public profiles as the HF clients read them: overview counts only what the caller may
// see, follower and following lists go both ways, organizations list their members.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createToken } from "../../lib/auth/tokens";
import { setFollow } from "../../lib/community/follows";
import { createOrg } from "../../lib/orgs/orgs";
import { createRepo } from "../../lib/repos/create-repo";
import { startApiServer, type ApiServer } from "../setup/api-server";
import { actorOf, seedRepo, seedUser } from "../setup/factories";

let server: ApiServer;
beforeAll(async () => {
  server = await startApiServer();
});
afterAll(() => server.close());

const get = async (path: string, token?: string) => {
  const r = await server.call("GET", path, { token });
  return { status: r.status, body: (await r.json()) as any };
};

describe("profiles", () => {
  it("count visible models and datasets, list followers and following, and an organization's members", async () => {
    const [alice, bob, carol] = [await seedUser(), await seedUser(), await seedUser()];
    await seedRepo(alice);
    await seedRepo(alice, { private: true });
    await createRepo({ owner: alice, name: "rows", type: "dataset", private: false });
    await setFollow(bob.id, alice.id, true);
    await setFollow(carol.id, alice.id, true);
    await setFollow(alice.id, bob.id, true);

    const mine = await get(`/api/users/${alice.username}/overview`, (await createToken(alice.id, "t", "read")).token);
    expect(mine.body).toMatchObject({ user: alice.username, type: "user", numModels: 2, numDatasets: 1, numFollowers: 2, numFollowing: 1 });
    expect((await get(`/api/users/${alice.username}/overview`)).body.numModels).toBe(1); // the private one is not counted for others
    expect((await get(`/api/users/${alice.username}/followers`)).body.map((u: { user: string }) => u.user).sort()).toEqual([bob.username, carol.username].sort());
    expect((await get(`/api/users/${alice.username}/following`)).body.map((u: { user: string }) => u.user)).toEqual([bob.username]);
    expect((await get(`/api/users/${bob.username}/following`)).body.map((u: { user: string }) => u.user)).toEqual([alice.username]);

    const org = await createOrg(await actorOf(alice), `org-${alice.username}`.slice(0, 39));
    expect((await get(`/api/organizations/${org.username}/members`)).body).toEqual([expect.objectContaining({ user: alice.username, role: "admin" })]);
    expect((await get(`/api/organizations/${org.username}/overview`)).body).toMatchObject({ name: org.username, numUsers: 1, numModels: 0 });
    // a user is not an organization, and a missing one is a 404
    expect((await get(`/api/organizations/${alice.username}/overview`)).status).toBe(404);
    expect((await get(`/api/users/nobody-${alice.username}/overview`)).status).toBe(404);
  });
});
