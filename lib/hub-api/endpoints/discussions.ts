// /api/models/{id}/discussions[/{num}[/comment|/status|/merge]]: the HF discussions
// and pull-requests API (huggingface_hub get_repo_discussions, create_discussion,
// create_pull_request, comment_discussion, change_discussion_status, merge_pull_request).
import { z } from "zod";
import { addComment, changeDiscussion, editComment, getDiscussion, hideComment, listDiscussions, openDiscussion, renameDiscussion, type DiscussionKind } from "../../discussions/discussions";
import { badRequest, notFound } from "../../errors";
import { json } from "../../http/reply";
import { mergePullRequest, openPullRequest, planMerge, pullRequestChanges } from "../../pulls/pull-requests";
import type { RepoRow } from "../../repos/find-repo";
import { repoEndpoint, KIB } from "../endpoint";

const KINDS: DiscussionKind[] = ["all", "discussion", "pull_request"];
const MAX_TEXT = 64 * KIB;

function discussionNumber(raw: string | undefined): number {
  if (!raw || !/^\d{1,9}$/.test(raw)) throw notFound("No such discussion");
  return Number(raw);
}

const webUrl = (origin: string, repo: RepoRow, n: number) => `${origin}/${repo.owner.username}/${repo.name}/discussions/${n}`;
const repoRef = (repo: RepoRow) => ({ name: `${repo.owner.username}/${repo.name}`, type: repo.type });

export const listDiscussionsEndpoint = repoEndpoint({
  handle: async ({ actor, repo, query }) => {
    const status = query.get("status");
    const type = query.get("type") ?? "all";
    if (!KINDS.includes(type as DiscussionKind)) throw badRequest(`type is one of ${KINDS.join(", ")}`);
    const list = await listDiscussions(actor, repo, status === "open" || status === "closed" ? status : "all", type as DiscussionKind);
    const discussions = list.map((d) => ({ num: d.num, title: d.title, status: d.status, isPullRequest: d.isPullRequest, pinned: d.pinned, author: { name: d.author }, numComments: d.comments, createdAt: d.updatedAt.toISOString(), updatedAt: d.updatedAt.toISOString(), repo: repoRef(repo) }));
    return json({ discussions, count: discussions.length, start: 0, numClosedDiscussions: discussions.filter((d) => d.status === "closed" || d.status === "merged").length });
  },
});

const openSchema = z.object({ title: z.string().max(1000), description: z.string().max(MAX_TEXT).optional(), pullRequest: z.boolean().optional(), targetBranch: z.string().max(200).optional() });

export const openDiscussionEndpoint = repoEndpoint({
  json: openSchema,
  handle: async ({ actor, repo, body, origin }) => {
    const d = body.pullRequest
      ? await openPullRequest(actor, repo, { title: body.title, description: body.description, target: body.targetBranch })
      : await openDiscussion(actor, repo, body.title, body.description?.trim() || "(no description)");
    return json({ num: d.num, title: d.title, status: d.status, isPullRequest: d.isPullRequest, url: webUrl(origin, repo, d.num), createdAt: d.createdAt.toISOString() });
  },
});

export const discussionDetails = repoEndpoint({
  handle: async ({ actor, repo, params, origin }) => {
    const d = await getDiscussion(actor, repo, discussionNumber(params.num));
    const events: { createdAt: string }[] = d.comments.map((c) => ({ ...commentEvent(c, c.author), data: { ...commentEvent(c, c.author).data, edited: c.revisions > 0 } }));
    let pr = {};
    if (d.isPullRequest) {
      const changes = await pullRequestChanges(repo.id, d);
      const plan = d.status === "open" || d.status === "draft" ? await planMerge(repo.id, d) : null;
      for (const c of changes.commits) events.push({ id: c.id, type: "commit", author: { name: c.author ?? "deleted" }, createdAt: c.createdAt.toISOString(), data: { subject: c.title, oid: c.id } } as never);
      if (d.mergedAt) events.push({ id: `merge-${d.num}`, type: "status-change", author: { name: "" }, createdAt: d.mergedAt.toISOString(), data: { status: "merged" } } as never);
      events.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
      pr = {
        changes: { base: `refs/heads/${d.targetBranch ?? "main"}`, mergeBase: d.mergeBase, headSha: changes.head, ...(d.mergeCommitId ? { mergeCommitId: d.mergeCommitId } : {}) },
        filesWithConflicts: plan?.conflicts ?? [],
        files: changes.files.map((f) => ({ path: f.path, op: f.op, oldSize: f.oldSize, newSize: f.newSize })),
      };
    }
    return json({ num: d.num, title: d.title, status: d.status, pinned: d.pinned, locked: d.locked, isPullRequest: d.isPullRequest, author: { name: d.author }, createdAt: d.createdAt.toISOString(), url: webUrl(origin, repo, d.num), repo: repoRef(repo), events, ...pr });
  },
});

export const commentEndpoint = repoEndpoint({
  json: z.object({ comment: z.string().max(MAX_TEXT) }),
  handle: async ({ actor, repo, params, body }) => {
    const c = await addComment(actor, repo, discussionNumber(params.num), body.comment);
    return json({ newMessage: commentEvent(c, actor!.username) });
  },
});

type CommentRow = { id: string; body: string; hidden: boolean; createdAt: Date; editedAt: Date | null };
const commentEvent = (c: CommentRow, author: string) => ({
  id: c.id,
  type: "comment",
  createdAt: c.createdAt.toISOString(),
  author: { name: author },
  data: { latest: { raw: c.hidden ? "This comment has been hidden" : c.body, updatedAt: (c.editedAt ?? c.createdAt).toISOString() }, hidden: c.hidden, edited: c.editedAt !== null },
});

export const editCommentEndpoint = repoEndpoint({
  json: z.object({ content: z.string().max(MAX_TEXT) }),
  handle: async ({ actor, repo, params, body }) => {
    discussionNumber(params.num);
    const c = await editComment(actor, repo, params.cid!, body.content);
    return json({ updatedComment: commentEvent(c, actor!.username) });
  },
});

export const hideCommentEndpoint = repoEndpoint({
  handle: async ({ actor, repo, params }) => {
    discussionNumber(params.num);
    const c = await hideComment(actor, repo, params.cid!, true);
    return json({ updatedComment: commentEvent(c, actor!.username) });
  },
});

export const renameEndpoint = repoEndpoint({
  json: z.object({ title: z.string().max(1000) }),
  handle: async ({ actor, repo, params, body }) => {
    const r = await renameDiscussion(actor, repo, discussionNumber(params.num), body.title);
    return json({ newTitle: { id: `title-${params.num}-${r.at.getTime()}`, type: "title-change", createdAt: r.at.toISOString(), author: { name: actor!.username }, data: { from: r.from, to: r.to } } });
  },
});

export const statusEndpoint = repoEndpoint({
  json: z.object({ status: z.enum(["open", "closed"]), comment: z.string().max(MAX_TEXT).optional() }),
  handle: async ({ actor, repo, params, body }) => {
    const num = discussionNumber(params.num);
    if (body.comment?.trim()) await addComment(actor, repo, num, body.comment);
    const d = await changeDiscussion(actor, repo, num, { status: body.status });
    return json({ num: d.num, status: d.status, newStatus: { id: `status-${d.num}`, type: "status-change", createdAt: new Date().toISOString(), author: { name: actor!.username }, data: { status: d.status } } });
  },
});

export const mergeEndpoint = repoEndpoint({
  // huggingface_hub sends no body when there is no comment (issue: merge without comment)
  json: z.object({ comment: z.string().max(MAX_TEXT).nullish() }), limit: 128 * KIB, emptyAs: {},
  handle: async ({ actor, repo, params, body }) => {
    const merged = await mergePullRequest(actor, repo, discussionNumber(params.num), body.comment ?? undefined);
    return json({ num: merged.num, status: merged.status, mergeCommitId: merged.commitId });
  },
});
