// Discussions: numbering, comments, edit history, close/reopen, pin, lock, hide, and who may do what.
import { describe, expect, it } from "vitest";
import type { Actor } from "../../lib/auth/actor";
import { addComment, changeDiscussion, commentHistory, editComment, getDiscussion, hideComment, listDiscussions, openDiscussion } from "../../lib/discussions/discussions";
import { renderMarkdown } from "../../lib/discussions/markdown";
import { findRepo } from "../../lib/repos/find-repo";
import { seedRepo, seedUser } from "../setup/factories";
import { toJsxRuntime } from "hast-util-to-jsx-runtime";
import { Fragment, jsx, jsxs } from "react/jsx-runtime";
import { renderToStaticMarkup } from "react-dom/server";

const toHtml = (tree: ReturnType<typeof renderMarkdown>) => renderToStaticMarkup(toJsxRuntime(tree, { Fragment, jsx, jsxs }));

const actorOf = (u: { id: string; username: string; email: string }, extra: Partial<Actor> = {}): Actor => ({ userId: u.id, username: u.username, email: u.email, isAdmin: false, via: "session", orgs: [], ...extra });

async function setup() {
  const [owner, alice, bob] = await Promise.all([seedUser(), seedUser(), seedUser()]);
  const r = await seedRepo(owner);
  const repo = (await findRepo(owner.username, r.name))!;
  return { repo, owner: actorOf(owner), alice: actorOf(alice), bob: actorOf(bob) };
}

describe("discussions", () => {
  it("number per repo, thread comments, and keep edit history", async () => {
    const { repo, alice, bob } = await setup();
    const d1 = await openDiscussion(alice, repo, "Which tokenizer?", "Is it **BPE**?");
    const d2 = await openDiscussion(bob, repo, "Second", "hello");
    expect([d1.num, d2.num]).toEqual([1, 2]);
    const c = await addComment(bob, repo, 1, "Yes, BPE.");
    await editComment(bob, repo, c.id, "Yes, byte-level BPE.");
    await editComment(bob, repo, c.id, "Yes, byte-level BPE (50k merges).");
    expect((await commentHistory(null, repo, c.id)).map((h) => h.body)).toEqual(["Yes, BPE.", "Yes, byte-level BPE.", "Yes, byte-level BPE (50k merges)."]);
    await expect(editComment(alice, repo, c.id, "hijack")).rejects.toMatchObject({ status: 403 });
    const thread = await getDiscussion(null, repo, 1);
    expect(thread.comments.map((x) => [x.author, x.body, x.revisions])).toEqual([[alice.username, "Is it **BPE**?", 0], [bob.username, "Yes, byte-level BPE (50k merges).", 2]]);
    await expect(openDiscussion(null, repo, "anon", "x")).rejects.toMatchObject({ status: 401 });
    await expect(openDiscussion(alice, repo, " ", "x")).rejects.toMatchObject({ status: 400 });
    await expect(addComment(alice, repo, 1, "   ")).rejects.toMatchObject({ status: 400 });
    await expect(addComment(actorOf({ id: alice.userId, username: alice.username, email: alice.email }, { via: "token", tokenRole: "read" }), repo, 1, "x")).rejects.toMatchObject({ status: 403 });
  });

  it("let authors close and reopen, moderators pin, lock and hide", async () => {
    const { repo, owner, alice, bob } = await setup();
    await openDiscussion(alice, repo, "Bug", "It crashes");
    await openDiscussion(bob, repo, "Spam", "buy now");
    await changeDiscussion(alice, repo, 1, { status: "closed" });
    await expect(changeDiscussion(bob, repo, 1, { status: "open" })).rejects.toMatchObject({ status: 403 });
    await expect(changeDiscussion(alice, repo, 1, { pinned: true })).rejects.toMatchObject({ status: 403 });
    await changeDiscussion(owner, repo, 1, { status: "open", pinned: true, locked: true });
    await expect(addComment(bob, repo, 1, "me too")).rejects.toMatchObject({ status: 403, message: "This discussion is locked" });
    await addComment(owner, repo, 1, "Fixed in main."); // moderators still may
    expect((await listDiscussions(null, repo)).map((d) => [d.num, d.pinned])).toEqual([[1, true], [2, false]]);
    // hiding: a spam thread disappears for everyone but moderators
    await changeDiscussion(owner, repo, 2, { hidden: true });
    expect((await listDiscussions(null, repo)).map((d) => d.num)).toEqual([1]);
    expect((await listDiscussions(owner, repo)).map((d) => d.num)).toEqual([1, 2]);
    await expect(getDiscussion(bob, repo, 2)).rejects.toMatchObject({ status: 404 });
    // a hidden comment keeps its place, empty to others, readable by moderators and its author
    const c = await addComment(bob, repo, 1, "rude words").catch(() => null); // locked: refused
    expect(c).toBeNull();
    await changeDiscussion(owner, repo, 1, { locked: false });
    const rude = await addComment(bob, repo, 1, "rude words");
    await hideComment(owner, repo, rude.id, true);
    await expect(hideComment(alice, repo, rude.id, false)).rejects.toMatchObject({ status: 403 });
    const body = async (a: Actor | null) => (await getDiscussion(a, repo, 1)).comments.find((x) => x.id === rude.id)!.body;
    expect([await body(null), await body(alice), await body(bob), await body(owner)]).toEqual(["", "", "rude words", "rude words"]);
    const admin = actorOf({ id: "site-admin", username: "root", email: "r@x" }, { isAdmin: true });
    expect((await getDiscussion(admin, repo, 1)).canModerate).toBe(true);
  });

  it("render Markdown without running anything", () => {
    const html = toHtml(renderMarkdown('**ok** <script>alert(1)</script> <img src=x onerror="alert(1)"> [x](javascript:alert(1)) ![i](data:text/html,hi)\n\n| a |\n|---|\n| 1 |'));
    expect(html).toContain("<strong>ok</strong>");
    expect(html).toContain("<table>");
    expect(html).not.toMatch(/<script|onerror|javascript:|data:text/);
  });
});
