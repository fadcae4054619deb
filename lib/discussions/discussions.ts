// Discussions on a repo: threads of Markdown comments. Anyone signed in who can
// read the repo may open one and comment (unless it is locked); authors edit
// their comments (earlier versions are kept); the discussion's author or a
// moderator closes and reopens; moderators (repo writers, site admins) pin,
// lock and hide.
import type { Actor } from "../auth/actor";
import { can } from "../auth/can";
import { db } from "../db/client";
import { badRequest, forbidden, notFound, unauthorized } from "../errors";
import type { RepoRow } from "../repos/find-repo";
import { notifyDiscussionEvent } from "../community/notifications";
import { emitRepoEvent } from "../webhooks/emit";
import { recordModeration } from "../moderation/audit-log";

const family = (d: { isPullRequest: boolean }) => (d.isPullRequest ? "pr" : "discussion");

const MAX_TITLE = 200;
const MAX_BODY = 64 * 1024;
const discussionNotFound = (num: number | string) => notFound(`Discussion #${num} not found`);

/** A participant: signed in, with a session or a write token that reaches this repo. */
function participant(actor: Actor | null, repo: RepoRow): Actor {
  if (!actor) throw unauthorized("Sign in to take part in discussions");
  if (!can(actor, "participate", repo)) throw forbidden("This token cannot take part in discussions here (read-only, or scoped to another repo)");
  return actor;
}

function checkBody(body: string): string {
  const b = body.trim();
  if (!b) throw badRequest("A comment cannot be empty");
  if (b.length > MAX_BODY) throw badRequest("Comments are limited to 64 KiB");
  return b;
}

export async function openDiscussion(actor: Actor | null, repo: RepoRow, title: string, body: string) {
  const a = participant(actor, repo);
  const t = title.trim();
  if (!t || t.length > MAX_TITLE) throw badRequest(`A title is 1 to ${MAX_TITLE} characters`);
  const text = checkBody(body);
  return db().$transaction(async (tx) => {
    // per-repo numbers: serialize on the repo row
    await tx.$queryRaw`SELECT id FROM "Repo" WHERE id = ${repo.id} FOR UPDATE`;
    const last = await tx.discussion.findFirst({ where: { repoId: repo.id }, orderBy: { num: "desc" }, select: { num: true } });
    const d = await tx.discussion.create({ data: { repoId: repo.id, num: (last?.num ?? 0) + 1, title: t, authorId: a.userId } });
    await tx.comment.create({ data: { discussionId: d.id, authorId: a.userId, body: text } });
    return d;
  }).then(async (d) => {
    await notifyDiscussionEvent({ actorId: a.userId, repo, discussionId: d.id, num: d.num, title: d.title, body: text, isNew: true });
    await emitRepoEvent(repo.id, "discussion", "create", { discussion: d });
    return d;
  });
}

export async function getDiscussion(actor: Actor | null, repo: RepoRow, num: number) {
  const d = await db().discussion.findUnique({ where: { repoId_num: { repoId: repo.id, num } } });
  const mod = can(actor, "moderate", repo);
  if (!d || (d.hidden && !mod)) throw discussionNotFound(num);
  const comments = await db().$queryRaw<{ id: string; authorId: string; author: string; body: string; hidden: boolean; createdAt: Date; editedAt: Date | null; revisions: number }[]>`
    SELECT c.id, c."authorId", u.username AS author, c.body, c.hidden, c."createdAt", c."editedAt",
      (SELECT count(*)::int FROM "CommentRevision" r WHERE r."commentId" = c.id) AS revisions
    FROM "Comment" c JOIN "User" u ON u.id = c."authorId" WHERE c."discussionId" = ${d.id} ORDER BY c."createdAt", c.id`;
  const author = await db().user.findUnique({ where: { id: d.authorId }, select: { username: true } });
  return {
    ...d,
    author: author?.username ?? "deleted",
    // hidden comments keep their place; only moderators and their authors read them
    comments: comments.map((c) => (c.hidden && !mod && c.authorId !== actor?.userId ? { ...c, body: "" } : c)),
    canModerate: mod,
  };
}

export type DiscussionKind = "all" | "discussion" | "pull_request";

/** status "open" includes draft pull requests; "closed" includes merged ones. */
export async function listDiscussions(actor: Actor | null, repo: RepoRow, status: "open" | "closed" | "all" = "all", kind: DiscussionKind = "all") {
  const mod = can(actor, "moderate", repo);
  const statuses = status === "open" ? ["open", "draft"] : status === "closed" ? ["closed", "merged"] : ["open", "draft", "closed", "merged"];
  return db().$queryRaw<{ num: number; title: string; status: string; pinned: boolean; locked: boolean; isPullRequest: boolean; author: string; comments: number; updatedAt: Date }[]>`
    SELECT d.num, d.title, d.status, d.pinned, d.locked, d."isPullRequest", u.username AS author, d."updatedAt",
      (SELECT count(*)::int FROM "Comment" c WHERE c."discussionId" = d.id) AS comments
    FROM "Discussion" d JOIN "User" u ON u.id = d."authorId"
    WHERE d."repoId" = ${repo.id} AND (${mod} OR NOT d.hidden) AND d.status = ANY(${statuses}) AND (${kind} = 'all' OR d."isPullRequest" = ${kind === "pull_request"})
    ORDER BY d.pinned DESC, d."updatedAt" DESC LIMIT 200`;
}

async function discussionRow(repo: RepoRow, num: number) {
  const d = await db().discussion.findUnique({ where: { repoId_num: { repoId: repo.id, num } } });
  if (!d) throw discussionNotFound(num);
  return d;
}

export async function addComment(actor: Actor | null, repo: RepoRow, num: number, body: string) {
  const a = participant(actor, repo);
  const d = await discussionRow(repo, num);
  const mod = can(a, "moderate", repo);
  if (d.hidden && !mod) throw discussionNotFound(num);
  if (d.locked && !mod) throw forbidden("This discussion is locked");
  const c = await db().comment.create({ data: { discussionId: d.id, authorId: a.userId, body: checkBody(body) } });
  await db().discussion.update({ where: { id: d.id }, data: { updatedAt: new Date() } });
  await notifyDiscussionEvent({ actorId: a.userId, repo, discussionId: d.id, num: d.num, title: d.title, body: c.body, isNew: false });
  await emitRepoEvent(repo.id, family(d), "create", { discussion: d, comment: { id: c.id, body: c.body, author: a.username } }, d.isPullRequest ? "discussion.pr.comment" : "discussion.comment");
  return c;
}

export async function editComment(actor: Actor | null, repo: RepoRow, commentId: string, body: string) {
  const a = participant(actor, repo);
  const text = checkBody(body);
  return db().$transaction(async (tx) => {
    const c = await tx.comment.findUnique({ where: { id: commentId }, include: { discussion: true } });
    if (!c || c.discussion.repoId !== repo.id) throw notFound("Comment not found");
    if (c.authorId !== a.userId) throw forbidden("Only its author can edit a comment");
    if (c.discussion.locked && !can(a, "moderate", repo)) throw forbidden("This discussion is locked");
    if (c.body === text) return c;
    await tx.commentRevision.create({ data: { commentId: c.id, body: c.body, createdAt: c.editedAt ?? c.createdAt } });
    return tx.comment.update({ where: { id: c.id }, data: { body: text, editedAt: new Date() } });
  });
}

export async function commentHistory(actor: Actor | null, repo: RepoRow, commentId: string) {
  const c = await db().comment.findUnique({ where: { id: commentId }, include: { discussion: true, revisions: { orderBy: { id: "asc" } } } });
  if (!c || c.discussion.repoId !== repo.id || ((c.hidden || c.discussion.hidden) && !can(actor, "moderate", repo) && c.authorId !== actor?.userId)) {
    throw notFound("Comment not found");
  }
  return [...c.revisions.map((r) => ({ body: r.body, at: r.createdAt })), { body: c.body, at: c.editedAt ?? c.createdAt }];
}

export type DiscussionChange = { status?: "open" | "closed"; pinned?: boolean; locked?: boolean; hidden?: boolean };

export async function changeDiscussion(actor: Actor | null, repo: RepoRow, num: number, change: DiscussionChange) {
  const a = participant(actor, repo);
  const d = await discussionRow(repo, num);
  const mod = can(a, "moderate", repo);
  const onlyStatus = Object.keys(change).every((k) => k === "status");
  if (!(mod || (onlyStatus && d.authorId === a.userId))) throw forbidden("Only the author (to close or reopen) or the repo's moderators can change this discussion");
  if (change.status && d.status === "merged") throw badRequest("A merged pull request cannot be closed or reopened");
  const data: Omit<DiscussionChange, "status"> & { status?: string; updatedAt: Date } = { ...change, updatedAt: new Date() };
  // a reopened pull request without commits is a draft again
  if (change.status === "open" && d.isPullRequest && d.status === "closed") data.status = (await hasPullCommits(repo.id, d)) ? "open" : "draft";
  const updated = await db().discussion.update({ where: { id: d.id }, data });
  for (const key of ["pinned", "locked", "hidden"] as const) {
    if (change[key] !== undefined && change[key] !== d[key] && mod) {
      const verb = { pinned: ["pin", "unpin"], locked: ["lock", "unlock"], hidden: ["hide", "unhide"] }[key][change[key] ? 0 : 1]!;
      await recordModeration({ actorId: a.userId, action: `${verb}-discussion`, targetType: "discussion", targetId: d.id, repoId: repo.id, data: { num: d.num, title: d.title } });
    }
  }
  if (updated.status !== d.status || change.locked !== undefined) await emitRepoEvent(repo.id, family(d), "update", { discussion: updated });
  return updated;
}

/** A new title, by the discussion's author or a moderator. */
export async function renameDiscussion(actor: Actor | null, repo: RepoRow, num: number, title: string) {
  const a = participant(actor, repo);
  const t = title.trim();
  if (!t || t.length > MAX_TITLE) throw badRequest(`A title is 1 to ${MAX_TITLE} characters`);
  const d = await discussionRow(repo, num);
  if (!(d.authorId === a.userId || can(a, "moderate", repo))) throw forbidden("Only the author or the repo's moderators can rename this discussion");
  if (d.locked && !can(a, "moderate", repo)) throw forbidden("This discussion is locked");
  const updated = await db().discussion.update({ where: { id: d.id }, data: { title: t, updatedAt: new Date() } });
  return { from: d.title, to: updated.title, at: updated.updatedAt };
}

async function hasPullCommits(repoId: string, d: { num: number; mergeBase: string | null }): Promise<boolean> {
  const ref = await db().ref.findUnique({ where: { repoId_kind_name: { repoId, kind: "branch", name: `refs/pr/${d.num}` } }, select: { commitId: true } });
  return !!ref && ref.commitId !== d.mergeBase;
}

export async function hideComment(actor: Actor | null, repo: RepoRow, commentId: string, hidden: boolean) {
  if (!can(actor, "moderate", repo)) throw forbidden("Only moderators can hide comments");
  const c = await db().comment.findUnique({ where: { id: commentId }, include: { discussion: true } });
  if (!c || c.discussion.repoId !== repo.id) throw notFound("Comment not found");
  const updated = await db().comment.update({ where: { id: commentId }, data: { hidden } });
  if (c.hidden !== hidden) {
    await recordModeration({ actorId: actor!.userId, action: hidden ? "hide-comment" : "unhide-comment", targetType: "comment", targetId: c.id, repoId: repo.id, data: { num: c.discussion.num } });
  }
  return updated;
}
