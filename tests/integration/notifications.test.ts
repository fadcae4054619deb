// Who hears about discussion events, unread counts, and marking read.
import { describe, expect, it } from "vitest";
import type { Actor } from "../../lib/auth/actor";
import { inbox, markRead, mentionsIn, unreadCount } from "../../lib/community/notifications";
import { addComment, openDiscussion } from "../../lib/discussions/discussions";
import { findRepo } from "../../lib/repos/find-repo";
import { seedRepo, seedUser } from "../setup/factories";

const actorOf = (u: { id: string; username: string; email: string }): Actor => ({ userId: u.id, username: u.username, email: u.email, isAdmin: false, via: "session", orgs: [] });

describe("notifications", () => {
  it("reach owners, participants and the mentioned, never the actor, once per event", async () => {
    const [owner, alice, bob, carol] = await Promise.all([seedUser(), seedUser(), seedUser(), seedUser()]);
    const repo = (await findRepo(owner.username, (await seedRepo(owner)).name))!;
    await openDiscussion(actorOf(alice), repo, "Question", `cc @${bob.username} and @${owner.username}`);
    const kinds = async (u: { id: string }) => (await inbox(u.id)).map((n) => n.kind);
    expect(await kinds(owner)).toEqual(["mention"]); // mentioned and owner: told once, for the mention
    expect(await kinds(bob)).toEqual(["mention"]);
    expect(await kinds(alice)).toEqual([]);
    await addComment(actorOf(bob), repo, 1, "Answer");
    expect(await kinds(alice)).toEqual(["comment"]); // a participant
    expect(await kinds(owner)).toEqual(["comment", "mention"]);
    expect(await kinds(bob)).toEqual(["mention"]); // not for their own comment
    expect(await kinds(carol)).toEqual([]);
    expect(await unreadCount(owner.id)).toBe(2);
    const [latest] = await inbox(owner.id);
    expect(latest!.data).toMatchObject({ repo: `${owner.username}/${repo.name}`, num: 1, title: "Question" });
    expect(latest!.byName).toBe(bob.username);
    await markRead(owner.id, [latest!.id]);
    expect(await unreadCount(owner.id)).toBe(1);
    await markRead(owner.id, "all");
    expect(await unreadCount(owner.id)).toBe(0);
  });

  it("tell owners about new pull requests and their authors about merges", async () => {
    const [owner, alice] = await Promise.all([seedUser(), seedUser()]);
    const repo = (await findRepo(owner.username, (await seedRepo(owner)).name))!;
    const { commitAsPullRequest, mergePullRequest } = await import("../../lib/pulls/pull-requests");
    await commitAsPullRequest(actorOf(alice), repo, "main", { title: "Improve", contentOf: actorOf(alice), operations: [{ op: "put", path: "notes.txt", content: Buffer.from("better\n") }] });
    expect((await inbox(owner.id)).map((n) => n.kind)).toEqual(["pull_request"]);
    await mergePullRequest(actorOf(owner), repo, 1);
    expect((await inbox(alice.id)).map((n) => [n.kind, n.data.num])).toEqual([["merged", 1]]); // the author, with no comment of theirs
  });

  it("do not leak private repos to mentioned users who cannot read them", async () => {
    const [owner, outsider] = await Promise.all([seedUser(), seedUser()]);
    const repo = (await findRepo(owner.username, (await seedRepo(owner, { private: true })).name))!;
    await openDiscussion(actorOf(owner), repo, "internal", `hey @${outsider.username}`);
    await addComment(actorOf(owner), repo, 1, `@${outsider.username} look`);
    expect(await inbox(outsider.id)).toEqual([]);
    expect(mentionsIn("mail a@b.c, @ok, path/@no, @ok again, (@paren)")).toEqual(["ok", "paren"]);
  });
});
