// Forks: a new repo whose refs point at the upstream's commits. Commits, trees
// and blobs are shared objects, so a fork copies a handful of ref rows and no
// bytes, whatever the model's size.
import { indexRepoCard } from "../search/card-index";
import { db, Prisma } from "../db/client";
import { badRequest, conflict } from "../errors";
import { checkDerivativeLicense } from "../licenses/terms";
import type { RepoRow } from "../repos/find-repo";
import { forgetRedirect } from "../repos/repo-redirects";
import { assertRepoName } from "../repos/names";
import { isUniqueViolation } from "../db/db-errors";

export type ForkInput = {
  /** The namespace to fork into (the user, or an organization they write to: see namespaceOwner). */
  owner: { id: string; username: string };
  /** Who forks, when the owner is an organization. */
  actor?: { id: string };
  source: RepoRow;
  name?: string;
  private?: boolean;
};

export async function forkRepo(input: ForkInput): Promise<{ id: string; owner: string; name: string; notes: string[] }> {
  const name = input.name?.trim() || input.source.name;
  assertRepoName(name);
  if (input.source.ownerId === input.owner.id && name === input.source.name) throw badRequest("Pick another name: this is the repository you are forking");
  // A fork keeps the upstream's card and so its license; the check only informs.
  const check = checkDerivativeLicense(input.source.license, input.source.license, "fork");
  try {
    const made = await db().$transaction(async (tx) => {
      const s = input.source;
      const repo = await tx.repo.create({
        data: {
          ownerId: input.owner.id,
          name,
          type: s.type, // a dataset's fork is a dataset
          // a fork of a private model stays private
          private: s.private || (input.private ?? false),
          license: s.license,
          // a gated model's fork stays gated: its files keep asking for access
          gated: s.gated,
          forkOfId: s.id,
          parameters: s.parameters === null ? null : BigInt(s.parameters),
          weightBytes: s.weightBytes === null ? null : BigInt(s.weightBytes),
          weights: s.weights ?? Prisma.DbNull,
          baseModels: s.baseModels,
          baseModelRelation: s.baseModelRelation,
        },
      });
      await forgetRedirect(tx, input.owner.username, name, s.type);
      await tx.$executeRaw`
        INSERT INTO "Ref" ("repoId", kind, name, "commitId", "updatedAt")
        SELECT ${repo.id}, kind, name, "commitId", now() FROM "Ref" WHERE "repoId" = ${s.id}`;
      await tx.activity.create({ data: { userId: input.actor?.id ?? input.owner.id, repoId: repo.id, kind: "fork", data: { from: `${s.owner.username}/${s.name}` } } });
      return { id: repo.id, owner: input.owner.username, name, notes: check.notes };
    });
    await indexRepoCard(made.id); // the upstream's card, under the fork's own id
    return made;
  } catch (e) {
    if (isUniqueViolation(e)) {
      throw conflict(`You already have a repository named ${name}`, { repo: `${input.owner.username}/${name}` });
    }
    throw e;
  }
}
