// Looking up a repo for an actor. A private repo the actor may not read is
// reported exactly like a missing one (404 RepoNotFound), so it does not leak.
import { db, Prisma } from "../db/client";
import { forbidden, repoNotFound, unauthorized } from "../errors";
import type { Actor } from "../auth/actor";
import { can, type Action } from "../auth/can";

export type RepoRow = {
  id: string;
  name: string;
  private: boolean;
  license: string | null;
  downloads: number;
  createdAt: Date;
  updatedAt: Date;
  ownerId: string;
  owner: { username: string };
};

export type { RepoSqlRow };


type RepoSqlRow = Omit<RepoRow, "owner"> & { ownerName: string };

/** Columns of a RepoRow for raw SQL over "Repo" r JOIN "User" u (hot paths skip the ORM: ~4x less CPU, bench/pages). */
export const REPO_COLUMNS = Prisma.sql`r.id, r.name, r.private, r.license, r.downloads, r."createdAt", r."updatedAt", r."ownerId", u.username AS "ownerName"`;

export function toRepoRow({ ownerName, ...r }: RepoSqlRow): RepoRow {
  return { ...r, owner: { username: ownerName } };
}

export async function findRepo(owner: string, name: string): Promise<RepoRow | null> {
  const rows = await db().$queryRaw<RepoSqlRow[]>`
    SELECT ${REPO_COLUMNS} FROM "Repo" r JOIN "User" u ON u.id = r."ownerId"
    WHERE u.username = ${owner} AND r.name = ${name} LIMIT 1`;
  return rows[0] ? toRepoRow(rows[0]) : null;
}

export async function repoFor(actor: Actor | null, owner: string, name: string, action: Action = "read"): Promise<RepoRow> {
  const repo = await findRepo(owner, name);
  const id = `${owner}/${name}`;
  if (!repo || !can(actor, "read", repo)) throw repoNotFound(id);
  if (action === "write" && !can(actor, "write", repo)) {
    throw actor ? forbidden(`You cannot write to ${id}`) : unauthorized(`Sign in to write to ${id}`);
  }
  return repo;
}
