// POST /api/upload-commit/{owner}/{repo}: the web uploader's commit of files
// it stored through the LFS batch API. One upload = one commit on main.
import { apiActor } from "@/lib/http/api-actor";
import { apiRoute, json } from "@/lib/http/api-route";
import { parseJsonBody } from "@/lib/http/parse-json";
import { commitFiles } from "@/lib/repos/commit-files";
import { repoFor } from "@/lib/repos/find-repo";
import { webCommitSchema } from "@/lib/validations/web-commit";

type Ctx = { params: Promise<{ owner: string; repo: string }> };

export const POST = apiRoute(async (req: Request, ctx: Ctx) => {
  const { owner, repo: name } = await ctx.params;
  const actor = await apiActor(req);
  const repo = await repoFor(actor, owner, name, "write");
  const body = await parseJsonBody(req, webCommitSchema);
  const result = await commitFiles({
    repoId: repo.id,
    branch: "main",
    author: { id: actor!.userId, username: actor!.username, email: actor!.email },
    title: body.summary,
    description: body.description,
    parentCommit: body.parentCommit,
    operations: body.files.map((f) => ({ op: "put", path: f.path, sha256: f.sha256 })),
  });
  return json({ commitOid: result.commitId, changes: result.changes });
});
