// Profiles: following users and organizations, and activity that respects privacy.
import { describe, expect, it } from "vitest";
import type { Actor } from "../../lib/auth/actor";
import { followStats, setFollow, userActivity } from "../../lib/community/follows";
import { setLike } from "../../lib/community/likes";
import { forkRepo } from "../../lib/forks/fork-repo";
import { findRepo } from "../../lib/repos/find-repo";
import { commitText, seedRepo, seedUser } from "../setup/factories";

const actorOf = (u: { id: string; username: string; email: string }): Actor => ({ userId: u.id, username: u.username, email: u.email, isAdmin: false, via: "session", orgs: [] });

describe("profiles", () => {
  it("follow and unfollow, once each, never yourself", async () => {
    const [a, b] = await Promise.all([seedUser(), seedUser()]);
    await setFollow(a.id, b.id, true);
    await setFollow(a.id, b.id, true);
    expect(await followStats(b.id, a.id)).toEqual({ followers: 1, following: 0, followedByViewer: true });
    expect(await followStats(a.id, null)).toEqual({ followers: 0, following: 1, followedByViewer: false });
    await setFollow(a.id, b.id, false);
    expect((await followStats(b.id, a.id)).followers).toBe(0);
    await expect(setFollow(a.id, a.id, true)).rejects.toMatchObject({ status: 400 });
  });

  it("list commits, new repos, forks and likes, hiding private repos from others", async () => {
    const u = await seedUser();
    const other = await seedUser();
    const pub = await seedRepo(u);
    const priv = await seedRepo(u, { private: true });
    await commitText(pub.id, u, { "a.txt": "1" }, { title: "first public change" });
    await commitText(priv.id, u, { "s.txt": "1" }, { title: "secret change" });
    const theirs = await seedRepo(other);
    await setLike(u.id, theirs.id, true);
    await forkRepo({ owner: u, actor: { id: u.id }, source: (await findRepo(other.username, theirs.name))!, name: "my-fork" });
    const seen = (await userActivity(u.id, null)).map((a) => `${a.kind} ${a.repo}${a.title ? ` ${a.title}` : ""}`);
    expect(seen).toEqual([
      `fork ${u.username}/my-fork`,
      `like ${other.username}/${theirs.name}`,
      `commit ${u.username}/${pub.name} first public change`,
      `create ${u.username}/${pub.name}`,
    ]);
    const mine = await userActivity(u.id, actorOf(u));
    expect(mine.some((a) => a.title === "secret change")).toBe(true);
  });
});
