// Moderation: reports grouped in the admin queue, acting on them (hide, lock,
// suspend) or dismissing, hidden repos, suspended accounts, and the audit log.
import { describe, expect, it } from "vitest";
import type { Actor } from "../../lib/auth/actor";
import { actorFromToken, createToken } from "../../lib/auth/tokens";
import { checkCredentials, createUser } from "../../lib/auth/users";
import { addComment, getDiscussion, openDiscussion } from "../../lib/discussions/discussions";
import { actOnTarget } from "../../lib/moderation/act-on-target";
import { setRepoHidden, setUserSuspended } from "../../lib/moderation/admin";
import { auditLog } from "../../lib/moderation/audit-log";
import { closeReports, fileReport, reportQueue } from "../../lib/moderation/reports";
import { findRepo, repoFor } from "../../lib/repos/find-repo";
import { listRepos } from "../../lib/repos/list-repos";
import { seedRepo, seedUser, uniq } from "../setup/factories";

const actorOf = (u: { id: string; username: string; email: string; isAdmin?: boolean }): Actor => ({ userId: u.id, username: u.username, email: u.email, isAdmin: !!u.isAdmin, via: "session", orgs: [] });

async function setup() {
  const name = uniq("admin");
  const admin = actorOf(await createUser({ username: name, email: `${name}@example.test`, password: "correct horse battery", isAdmin: true }));
  const [owner, alice, bob] = await Promise.all([seedUser(), seedUser(), seedUser()]);
  const r = await seedRepo(owner);
  return { admin, ownerUser: owner, owner: actorOf(owner), alice: actorOf(alice), bob: actorOf(bob), bobUser: bob, repo: (await findRepo(owner.username, r.name))! };
}

const mine = <T extends { targetId: string }>(items: T[], ids: string[]) => items.filter((i) => ids.includes(i.targetId));

describe("moderation", () => {
  it("group reports by target, validate them, and let only admins see the queue", async () => {
    const { admin, alice, bob, owner, repo } = await setup();
    const id = `${owner.username}/${repo.name}`;
    await openDiscussion(bob, repo, "Cheap pills", "buy now at example.com");
    const d = await getDiscussion(alice, repo, 1);
    await fileReport(alice, { type: "discussion", repo: id, num: 1 }, "spam");
    await fileReport(owner, { type: "discussion", repo: id, num: 1 }, "spam", "again");
    await fileReport(alice, { type: "discussion", repo: id, num: 1 }, "abuse", "changed my mind"); // updates, no duplicate
    await fileReport(alice, { type: "repo", repo: id }, "license", "weights from a non-commercial model");
    await expect(fileReport(null, { type: "repo", repo: id }, "spam")).rejects.toMatchObject({ status: 401 });
    await expect(fileReport(alice, { type: "repo", repo: id }, "boring")).rejects.toMatchObject({ status: 400 });
    await expect(fileReport(alice, { type: "repo", repo: id }, "other")).rejects.toMatchObject({ status: 400 }); // "other" needs details
    await expect(fileReport(alice, { type: "discussion", repo: id, num: 99 }, "spam")).rejects.toMatchObject({ status: 404 });
    await expect(fileReport(alice, { type: "user", username: "nobody-here" }, "spam")).rejects.toMatchObject({ status: 404 });
    await expect(reportQueue(alice)).rejects.toMatchObject({ status: 403 });

    const queue = mine(await reportQueue(admin), [d.id, repo.id]);
    expect(queue.map((q) => [q.targetType, q.count, q.reasons])).toEqual([
      ["discussion", 2, { abuse: 1, spam: 1 }],
      ["repo", 1, { license: 1 }],
    ]);
    expect(queue[0]!.href).toBe(`/${id}/discussions/1`);
    // dismissing closes the reports and says so in the audit log
    expect(await closeReports(admin, "repo", repo.id, "dismissed", "the base is Apache-2.0")).toBe(1);
    expect(mine(await reportQueue(admin), [repo.id])).toHaveLength(0);
    expect(mine(await reportQueue(admin, "dismissed"), [repo.id])).toHaveLength(1);
    const log = (await auditLog({ take: 50 })).find((e) => e.targetId === repo.id)!;
    expect(log).toMatchObject({ actor: admin.username, action: "dismiss-reports", reason: "the base is Apache-2.0", repo: id });
  });

  it("hide and lock reported content, suspend its author, and audit every step", async () => {
    const { admin, alice, bob, bobUser, owner, repo } = await setup();
    const id = `${owner.username}/${repo.name}`;
    await openDiscussion(alice, repo, "Question", "How was it trained?");
    const rude = await addComment(bob, repo, 1, "rude words");
    await fileReport(alice, { type: "comment", repo: id, commentId: rude.id }, "abuse");
    await expect(actOnTarget(alice, "comment", rude.id, "hide")).rejects.toMatchObject({ status: 403 });
    await actOnTarget(admin, "comment", rude.id, "hide", "insults");
    const seen = await getDiscussion(alice, repo, 1);
    expect(seen.comments.find((c) => c.id === rude.id)).toMatchObject({ hidden: true, body: "" });
    expect(mine(await reportQueue(admin), [rude.id])).toHaveLength(0);
    expect(mine(await reportQueue(admin, "resolved"), [rude.id])).toHaveLength(1);
    const d = await getDiscussion(admin, repo, 1);
    await actOnTarget(admin, "discussion", d.id, "lock");
    await expect(addComment(bob, repo, 1, "more")).rejects.toMatchObject({ status: 403 });

    // suspension: no sign-in, tokens refused, sessions end; an admin lifts it
    const { token } = await createToken(bobUser.id, "t", "write");
    await actOnTarget(admin, "comment", rude.id, "suspend-author", "repeated abuse");
    expect(await checkCredentials(bobUser.username, bobUser.password)).toBeNull();
    await expect(actorFromToken(token)).rejects.toMatchObject({ status: 403, message: "This account is suspended" });
    await expect(setUserSuspended(admin, admin.userId, true)).rejects.toMatchObject({ status: 400 });
    await expect(setUserSuspended(alice, bobUser.id, false)).rejects.toMatchObject({ status: 403 });
    await setUserSuspended(admin, bobUser.id, false);
    expect(await checkCredentials(bobUser.username, bobUser.password)).not.toBeNull();
    expect((await actorFromToken(token)).username).toBe(bobUser.username);

    const actions = (await auditLog({ take: 200 })).filter((e) => e.targetId === rude.id || e.targetId === d.id || e.targetId === bobUser.id).map((e) => e.action).reverse();
    expect(actions).toEqual(["hide-comment", "resolve-reports", "lock-discussion", "suspend-user", "unsuspend-user"]);
  });

  it("hide a repo from everyone but its owner and admins", async () => {
    const { admin, alice, owner, repo } = await setup();
    await expect(setRepoHidden(alice, repo.id, true)).rejects.toMatchObject({ status: 403 });
    await setRepoHidden(admin, repo.id, true, "malware");
    await expect(repoFor(null, owner.username, repo.name)).rejects.toMatchObject({ status: 404 });
    await expect(repoFor(alice, owner.username, repo.name)).rejects.toMatchObject({ status: 404 });
    expect((await repoFor(owner, owner.username, repo.name)).hiddenAt).not.toBeNull();
    expect((await repoFor(admin, owner.username, repo.name)).id).toBe(repo.id);
    expect((await listRepos({ actor: null, owner: owner.username })).repos).toHaveLength(0);
    expect((await listRepos({ actor: owner, owner: owner.username })).repos).toHaveLength(1);
    await setRepoHidden(admin, repo.id, false);
    expect((await repoFor(null, owner.username, repo.name)).id).toBe(repo.id);
    expect((await auditLog({ take: 50 })).filter((e) => e.targetId === repo.id).map((e) => [e.action, e.reason])).toEqual([["unhide-repo", null], ["hide-repo", "malware"]]);
  });
});
