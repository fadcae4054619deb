// Likes: one per user per model, counted on the repo, sortable and listed per user.
import { describe, expect, it } from "vitest";
import { likedRepoIds, likes, setLike } from "../../lib/community/likes";
import { listRepos } from "../../lib/repos/list-repos";
import { seedRepo, seedUser } from "../setup/factories";

describe("likes", () => {
  it("count once per user, undo cleanly, and sort the catalogue", async () => {
    const owner = await seedUser();
    const [a, b] = await Promise.all([seedRepo(owner), seedRepo(owner)]);
    const [u1, u2] = await Promise.all([seedUser(), seedUser()]);
    expect(await setLike(u1.id, a.id, true)).toEqual({ liked: true, likes: 1 });
    expect(await setLike(u1.id, a.id, true)).toEqual({ liked: true, likes: 1 }); // twice is still one
    await setLike(u2.id, a.id, true);
    await setLike(u2.id, b.id, true);
    expect(await likes(u1.id, a.id)).toEqual({ liked: true, likes: 2 });
    expect(await likes(null, b.id)).toEqual({ liked: false, likes: 1 });
    expect(await setLike(u2.id, a.id, false)).toEqual({ liked: false, likes: 1 });
    expect(await setLike(u2.id, a.id, false)).toEqual({ liked: false, likes: 1 }); // unliking twice does not go below
    await Promise.all([setLike(u1.id, b.id, true), setLike(owner.id, b.id, true)]);
    const page = await listRepos({ actor: null, owner: owner.username, sort: "likes" });
    expect(page.repos.map((r) => [r.name, r.likes])).toEqual([[b.name, 3], [a.name, 1]]);
    expect((await likedRepoIds(u2.id)).sort()).toEqual([b.id]);
  });

  it("keep the count right under concurrent likes", async () => {
    const owner = await seedUser();
    const repo = await seedRepo(owner);
    const users = await Promise.all(Array.from({ length: 8 }, () => seedUser()));
    await Promise.all(users.flatMap((u) => [setLike(u.id, repo.id, true), setLike(u.id, repo.id, true)]));
    expect((await likes(null, repo.id)).likes).toBe(8);
  });

  it("keyset pages by likes do not skip or repeat", async () => {
    const owner = await seedUser();
    const repos = await Promise.all(Array.from({ length: 5 }, () => seedRepo(owner)));
    const fans = await Promise.all(Array.from({ length: 3 }, () => seedUser()));
    for (const [k, r] of repos.entries()) for (const f of fans.slice(0, k % 3)) await setLike(f.id, r.id, true);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const p = await listRepos({ actor: null, owner: owner.username, sort: "likes", limit: 2, cursor });
      seen.push(...p.repos.map((r) => r.id));
      cursor = p.nextCursor;
    } while (cursor);
    expect(seen.sort()).toEqual(repos.map((r) => r.id).sort());
  });
});
