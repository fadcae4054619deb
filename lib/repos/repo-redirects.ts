// Old names of moved repos (lib/repos/move-repo): where an old address now lives, and
// forgetting one when a new repo takes that name.
import type { Actor } from "../auth/actor";
import { db } from "../db/client";
import type { Prisma } from "../db/client";
import { repoFor } from "./find-repo";
import type { RepoType } from "./repo-type";

export type RepoAddress = { owner: string; name: string };

/** Where an old address now lives, if the repo it names was moved and the caller may see it. */
export async function movedTo(actor: Actor | null, owner: string, name: string, type: RepoType = "model"): Promise<RepoAddress | null> {
  const r = await db().repoRedirect.findUnique({ where: { owner_type_name: { owner, type, name } }, select: { repo: { select: { name: true, owner: { select: { username: true } } } } } });
  if (!r) return null;
  const target = { owner: r.repo.owner.username, name: r.repo.name };
  try {
    await repoFor(actor, target.owner, target.name, "read", type);
    return target;
  } catch {
    return null; // a private repo stays invisible, under any of its names
  }
}

/** Clears an old address that a new repo takes over. */
export async function forgetRedirect(tx: Prisma.TransactionClient, owner: string, name: string, type: RepoType = "model"): Promise<void> {
  await tx.repoRedirect.deleteMany({ where: { owner, type, name } });
}
