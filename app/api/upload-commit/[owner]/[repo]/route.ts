// POST /api/upload-commit/{owner}/{repo}: the web uploader's commit of files
// it stored through the LFS batch API. One upload = one commit on main, or a new pull request when asked (createPr).
import { apiActor } from "@/lib/http/api-actor";
import { apiRoute, json } from "@/lib/http/api-route";
import { parseJsonBody } from "@/lib/http/parse-json";
import { commitFiles } from "@/lib/repos/commit-files";
import { commitAsPullRequest } from "@/lib/pulls/pull-requests";
import { repoFor } from "@/lib/repos/find-repo";
import { webCommitSchema } from "@/lib/validations/web-commit";
import { limitRequest, withHeaders } from "@/lib/ratelimit/rate-limit";

type Ctx = { params: Promise<{ owner: string; repo: string }> };

export const POST = apiRoute(async (req: Request, ctx: Ctx) => {
  const { owner, repo: name } = await ctx.params;
  const actor = await apiActor(req);
  const body = await parseJsonBody(req, webCommitSchema);
  const repo = await repoFor(actor, owner, name, body.createPr ? "read" : "write");
  const limits = await limitRequest(req, actor, "commit");
  const commit = {
    title: body.summary,
    description: body.description,
    parentCommit: body.parentCommit,
    operations: body.files.map((f) => ({ op: "put" as const, path: f.path, sha256: f.sha256 })),
  };
  if (body.createPr) {
    const { pull, result } = await commitAsPullRequest(actor, repo, "main", commit);
    return withHeaders(json({ commitOid: result.commitId, changes: result.changes, pullRequest: pull.num }), limits);
  }
  const result = await commitFiles({ ...commit, repoId: repo.id, branch: "main", author: { id: actor!.userId, username: actor!.username, email: actor!.email } });
  return withHeaders(json({ commitOid: result.commitId, changes: result.changes }), limits);
});
