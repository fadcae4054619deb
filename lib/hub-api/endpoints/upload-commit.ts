// POST /api/upload-commit[/datasets]/{owner}/{repo}: the web uploader's commit of files it stored
// through the LFS batch API. One upload = one commit on main, or a new pull request when asked (createPr).
import { json } from "../../http/reply";
import { commitAsPullRequest } from "../../pulls/pull-requests";
import { commitFiles } from "../../repos/commit-files";
import { repoFor } from "../../repos/find-repo";
import { webCommitSchema } from "../../validations/web-commit";
import { endpoint } from "../endpoint";

export const uploadCommit = endpoint({
  json: webCommitSchema,
  handle: async ({ actor, params, body, repoType }) => {
    const repo = await repoFor(actor, params.owner!, params.name!, body.createPr ? "read" : "write", repoType);
    const commit = {
      title: body.summary,
      description: body.description,
      parentCommit: body.parentCommit,
      contentOf: actor!,
      operations: body.files.map((f) => ({ op: "put" as const, path: f.path, sha256: f.sha256 })),
    };
    if (body.createPr) {
      const { pull, result } = await commitAsPullRequest(actor, repo, "main", commit);
      return json({ commitOid: result.commitId, changes: result.changes, pullRequest: pull.num });
    }
    const result = await commitFiles({ ...commit, repoId: repo.id, branch: "main", author: { id: actor!.userId, username: actor!.username, email: actor!.email } });
    return json({ commitOid: result.commitId, changes: result.changes });
  },
});
