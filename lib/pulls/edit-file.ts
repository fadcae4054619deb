// The web editor's save: new text for one file on a branch, committed directly
// by a writer or proposed as a new pull request by anyone who may propose.
import type { Actor } from "../auth/actor";
import { can } from "../auth/can";
import { badRequest, conflict, forbidden, HubError, unauthorized } from "../errors";
import { fileAt } from "../repos/read-files";
import { commitFiles } from "../repos/commit-files";
import type { RepoRow } from "../repos/find-repo";
import { assertFilePath } from "../repos/file-paths";
import { commitAsPullRequest } from "./pull-requests";

export const MAX_EDIT_BYTES = 1024 * 1024;

/** `create`: a new file, refused when the path already holds one at `parentCommit` (the commit then pins that state). */
export type FileEdit = { branch: string; path: string; content: string; summary: string; description?: string; parentCommit?: string; asPullRequest: boolean; create?: boolean };

export async function saveFileEdit(actor: Actor | null, repo: RepoRow, edit: FileEdit): Promise<{ commitId: string; pullRequest?: number }> {
  if (!actor) throw unauthorized("Sign in to edit files");
  assertFilePath(edit.path);
  const bytes = Buffer.from(edit.content.replace(/\r\n/g, "\n"), "utf8");
  if (bytes.length > MAX_EDIT_BYTES) throw badRequest("The web editor saves files up to 1 MiB; upload larger files instead");
  if (edit.create) {
    const at = edit.parentCommit ?? edit.branch;
    const existing = await fileAt(repo.id, at, edit.path).catch((e) => (e instanceof HubError && e.status === 404 ? null : Promise.reject(e)));
    if (existing) throw conflict(`${edit.path} already exists: open it and edit it instead`);
  }
  const summary = edit.summary.trim() || `${edit.create ? "Create" : "Update"} ${edit.path}`;
  const asPr = edit.asPullRequest || !can(actor, "write", repo);
  if (!asPr && edit.branch.startsWith("refs/")) throw forbidden("Edit a branch, not a pull request's ref");
  const commit = { title: summary, description: edit.description, parentCommit: edit.parentCommit, contentOf: actor, operations: [{ op: "put" as const, path: edit.path, content: bytes }] };
  if (asPr) {
    const { pull, result } = await commitAsPullRequest(actor, repo, edit.branch, commit);
    return { commitId: result.commitId, pullRequest: pull.num };
  }
  const result = await commitFiles({ ...commit, repoId: repo.id, branch: edit.branch, author: { id: actor.userId, username: actor.username, email: actor.email } });
  return { commitId: result.commitId };
}
