// /api/models/{id}/discussions[/{num}[/comment|/status|/merge]]: the HF discussions
// and pull-requests API (huggingface_hub get_repo_discussions, create_discussion,
// create_pull_request, comment_discussion, change_discussion_status, merge_pull_request).
import { z } from "zod";
import { HubError } from "../errors";
import { json, requestOrigin } from "../http/api-route";
import { parseJsonBody } from "../http/parse-json";
import { addComment, changeDiscussion, getDiscussion, listDiscussions, openDiscussion, type DiscussionKind } from "../discussions/discussions";
import { mergePullRequest, openPullRequest, planMerge, pullRequestChanges } from "../pulls/pull-requests";
import type { Handler } from "./model-endpoints";

const KINDS: DiscussionKind[] = ["all", "discussion", "pull_request"];

export const discussionsApi: Handler = async ({ req, url, repo, rest, actor }) => {
  const num = rest[1] === undefined ? null : Number(rest[1]);
  if (num !== null && !Number.isSafeInteger(num)) throw new HubError(404, "NotFound", "No such discussion");
  const webUrl = (n: number) => `${requestOrigin(req)}/${repo.owner.username}/${repo.name}/discussions/${n}`;

  if (num === null && req.method === "GET") {
    const status = url.searchParams.get("status");
    const type = url.searchParams.get("type") ?? "all";
    if (!KINDS.includes(type as DiscussionKind)) throw new HubError(400, "BadRequest", `type is one of ${KINDS.join(", ")}`);
    const list = await listDiscussions(actor, repo, status === "open" || status === "closed" ? status : "all", type as DiscussionKind);
    const discussions = list.map((d) => ({ num: d.num, title: d.title, status: d.status, isPullRequest: d.isPullRequest, pinned: d.pinned, author: { name: d.author }, numComments: d.comments, createdAt: d.updatedAt.toISOString(), updatedAt: d.updatedAt.toISOString(), repo: { name: `${repo.owner.username}/${repo.name}`, type: "model" } }));
    return json({ discussions, count: discussions.length, start: 0, numClosedDiscussions: discussions.filter((d) => d.status === "closed" || d.status === "merged").length });
  }
  if (num === null && req.method === "POST") {
    const body = await parseJsonBody(req, z.object({ title: z.string(), description: z.string().optional(), pullRequest: z.boolean().optional(), targetBranch: z.string().max(200).optional() }));
    const d = body.pullRequest
      ? await openPullRequest(actor, repo, { title: body.title, description: body.description, target: body.targetBranch })
      : await openDiscussion(actor, repo, body.title, body.description?.trim() || "(no description)");
    return json({ num: d.num, title: d.title, status: d.status, isPullRequest: d.isPullRequest, url: webUrl(d.num), createdAt: d.createdAt.toISOString() });
  }
  if (num !== null && req.method === "GET" && rest.length === 2) {
    const d = await getDiscussion(actor, repo, num);
    const events: object[] = d.comments.map((c) => ({ id: c.id, type: "comment", author: { name: c.author }, createdAt: c.createdAt.toISOString(), data: { latest: { raw: c.body }, hidden: c.hidden, edited: c.revisions > 0 } }));
    let pr = {};
    if (d.isPullRequest) {
      const changes = await pullRequestChanges(repo.id, d);
      const plan = d.status === "open" || d.status === "draft" ? await planMerge(repo.id, d) : null;
      for (const c of changes.commits) events.push({ id: c.id, type: "commit", author: { name: c.author ?? "deleted" }, createdAt: c.createdAt.toISOString(), data: { subject: c.title, oid: c.id } });
      if (d.mergedAt) events.push({ id: `merge-${d.num}`, type: "status-change", author: { name: "" }, createdAt: d.mergedAt.toISOString(), data: { status: "merged" } });
      events.sort((a, b) => String((a as { createdAt: string }).createdAt).localeCompare(String((b as { createdAt: string }).createdAt)));
      pr = {
        changes: { base: `refs/heads/${d.targetBranch ?? "main"}`, mergeBase: d.mergeBase, headSha: changes.head, ...(d.mergeCommitId ? { mergeCommitId: d.mergeCommitId } : {}) },
        filesWithConflicts: plan?.conflicts ?? [],
        files: changes.files.map((f) => ({ path: f.path, op: f.op, oldSize: f.oldSize, newSize: f.newSize })),
      };
    }
    return json({ num: d.num, title: d.title, status: d.status, pinned: d.pinned, locked: d.locked, isPullRequest: d.isPullRequest, author: { name: d.author }, createdAt: d.createdAt.toISOString(), url: webUrl(d.num), events, ...pr });
  }
  if (num !== null && req.method === "POST" && rest[2] === "comment") {
    const body = await parseJsonBody(req, z.object({ comment: z.string() }));
    const c = await addComment(actor, repo, num, body.comment);
    return json({ newMessage: { id: c.id, type: "comment", createdAt: c.createdAt.toISOString(), data: { latest: { raw: c.body } } } });
  }
  if (num !== null && (req.method === "PATCH" || req.method === "POST") && rest[2] === "status") {
    const body = await parseJsonBody(req, z.object({ status: z.enum(["open", "closed"]), comment: z.string().optional() }));
    if (body.comment?.trim()) await addComment(actor, repo, num, body.comment);
    const d = await changeDiscussion(actor, repo, num, { status: body.status });
    return json({ num: d.num, status: d.status, newStatus: { id: `status-${d.num}`, type: "status-change", createdAt: new Date().toISOString(), data: { status: d.status } } });
  }
  if (num !== null && req.method === "POST" && rest[2] === "merge") {
    const body = await parseJsonBody(req, z.object({ comment: z.string().max(64 * 1024).optional() }));
    const merged = await mergePullRequest(actor, repo, num, body.comment);
    return json({ num: merged.num, status: merged.status, mergeCommitId: merged.commitId });
  }
  throw new HubError(404, "NotFound", "No such discussion endpoint");
};
