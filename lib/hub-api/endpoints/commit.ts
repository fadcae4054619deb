// POST /api/models/{id}/commit/{rev}[?create_pr=1] (hub-api.md §2.11): a branch, a
// pull request's branch (refs/pr/N), or a new pull request.
import { badRequest } from "../../errors";
import { readText } from "../../http/body";
import { json } from "../../http/reply";
import { PR_REF, commitAsPullRequest, commitToPull } from "../../pulls/pull-requests";
import { assertCanWriteRevision } from "../../pulls/write-revision";
import { commitFiles } from "../../repos/commit-files";
import { MAX_COMMIT_BODY, parseCommitNdjson } from "../commit-ndjson";
import { repoEndpoint } from "../endpoint";
import { boolParam } from "../model-json";

export const commit = repoEndpoint({
  handle: async ({ req, actor, repo, rest, query, origin }) => {
    const rev = rest.join("/") || "main";
    const branch = rev === "HEAD" ? "main" : rev;
    const createPr = boolParam(query.get("create_pr"));
    await assertCanWriteRevision(actor, repo, branch, createPr); // before a byte of the body is read
    const parsed = parseCommitNdjson(await readText(req, MAX_COMMIT_BODY));
    const input = {
      title: parsed.summary || `Commit ${parsed.operations.length} file operation(s)`,
      description: parsed.description,
      parentCommit: parsed.parentCommit,
      operations: parsed.operations,
      contentOf: actor!,
    };
    const repoUrl = `${origin}/${repo.owner.username}/${repo.name}`;
    const answer = (commitId: string, pullNum?: number) =>
      json({ success: true, commitOid: commitId, commitUrl: `${repoUrl}/commit/${commitId}`, hookOutput: "", ...(pullNum ? { pullRequestUrl: `${repoUrl}/discussions/${pullNum}` } : {}) });
    if (createPr) {
      if (PR_REF.test(branch)) throw badRequest("create_pr opens a new pull request against a branch, not against refs/pr/N");
      const { pull, result } = await commitAsPullRequest(actor, repo, branch, input);
      return answer(result.commitId, pull.num);
    }
    const pr = PR_REF.exec(branch);
    if (pr) return answer((await commitToPull(actor, repo, Number(pr[1]), input)).commitId, Number(pr[1]));
    const result = await commitFiles({ ...input, repoId: repo.id, branch, author: { id: actor!.userId, username: actor!.username, email: actor!.email } });
    return answer(result.commitId);
  },
});
