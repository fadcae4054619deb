// Renaming a repo, or moving it to another namespace (HF move_repo). The repo keeps its
// id, history, likes, discussions and forks; its old name is kept as a redirect so
// that pages, the API, downloads and git clones of the old address still reach it,
// until a repo is created under that name again.
import type { Actor } from "../auth/actor";
import { db } from "../db/client";
import { isUniqueViolation } from "../db/db-errors";
import { badRequest, conflict } from "../errors";
import { namespaceOwner } from "../orgs/orgs";
import { emitRepoEvent } from "../webhooks/emit";
import { repoFor } from "./find-repo";
import { assertRepoName } from "./names";
import type { RepoAddress } from "./repo-redirects";
import type { RepoType } from "./repo-type";


export function parseRepoId(id: string, what: string): RepoAddress {
  const [owner, name, ...rest] = id.split("/");
  if (!owner || !name || rest.length) throw badRequest(`${what} must be namespace/name`);
  return { owner, name };
}

export async function moveRepo(actor: Actor | null, from: RepoAddress, to: RepoAddress, type: RepoType = "model"): Promise<RepoAddress> {
  const repo = await repoFor(actor, from.owner, from.name, "write", type);
  assertRepoName(to.name);
  const owner = await namespaceOwner(actor!, to.owner);
  if (owner.id === repo.ownerId && to.name === repo.name) throw badRequest("The repository already has this name");
  try {
    await db().$transaction(async (tx) => {
      await tx.repo.update({ where: { id: repo.id }, data: { ownerId: owner.id, name: to.name, updatedAt: new Date() } });
      // the new address is a repo now, not a redirect; the old one points here
      await tx.repoRedirect.deleteMany({ where: { owner: owner.username, type, name: to.name } });
      await tx.repoRedirect.upsert({
        where: { owner_type_name: { owner: repo.owner.username, type, name: repo.name } },
        create: { owner: repo.owner.username, type, name: repo.name, repoId: repo.id },
        update: { repoId: repo.id, createdAt: new Date() },
      });
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw conflict(`${owner.username}/${to.name} already exists`);
    throw e;
  }
  await emitRepoEvent(repo.id, "repo", "move"); // the payload names the repo by its new id
  return { owner: owner.username, name: to.name };
}
