// Who may write to a revision through the HF commit and preupload endpoints: a
// branch needs write access; a pull request's branch (refs/pr/N) its author or a
// writer; create_pr=1 only the right to propose changes.
import type { Actor } from "../auth/actor";
import { can } from "../auth/can";
import { forbidden, unauthorized } from "../errors";
import type { RepoRow } from "../repos/find-repo";
import { PR_REF, assertCanCommitToPull } from "./pull-requests";

export async function assertCanWriteRevision(actor: Actor | null, repo: RepoRow, revision: string, createPr: boolean): Promise<void> {
  const pr = PR_REF.exec(revision);
  if (pr) return void (await assertCanCommitToPull(actor, repo, Number(pr[1])));
  if (createPr) {
    if (!actor) throw unauthorized("Sign in to open a pull request");
    if (!can(actor, "participate", repo)) throw forbidden("This token cannot propose changes to this repo");
    return;
  }
  if (!can(actor, "write", repo)) throw actor ? forbidden(`You cannot write to ${repo.owner.username}/${repo.name}: open a pull request (create_pr=1) instead`) : unauthorized();
}
