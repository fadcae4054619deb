// Storage quotas (QUOTA_USER_BYTES, QUOTA_ORG_BYTES; 0 is unlimited). A namespace
// uses the distinct contents named by the history of its repos (every ref), except
// what its forks share with an upstream owned by someone else: forks cost nothing
// until they add content of their own. Checked when content joins a namespace (a
// commit, an LFS upload batch); two commits racing may pass one quota's edge together.
import { db, Prisma } from "../db/client";
import { env } from "../env";
import { historyContents } from "../repos/history-contents";
import { quotaExceeded } from "../errors";

/** Contents reachable from the refs of the repos `repos` selects (ids), through history and sub-trees. */
const contentsOf = (repos: Prisma.Sql) => historyContents(Prisma.sql`"repoId" IN (${repos})`);

const ownRepos = (ownerId: string) => Prisma.sql`SELECT id FROM "Repo" WHERE "ownerId" = ${ownerId}`;
// The repos this namespace's forks come from (transitively), owned by others.
const upstreamRepos = (ownerId: string) => Prisma.sql`
  WITH RECURSIVE up(id) AS (
    SELECT "forkOfId" FROM "Repo" WHERE "ownerId" = ${ownerId} AND "forkOfId" IS NOT NULL
    UNION
    SELECT r."forkOfId" FROM up JOIN "Repo" r ON r.id = up.id WHERE r."forkOfId" IS NOT NULL
  ) SELECT up.id FROM up JOIN "Repo" r ON r.id = up.id WHERE r."ownerId" <> ${ownerId}`;

export type StorageUse = { used: number; quota: number | null };

export function quotaOf(owner: { isOrg: boolean }): number | null {
  const q = owner.isOrg ? env().QUOTA_ORG_BYTES : env().QUOTA_USER_BYTES;
  return q > 0 ? q : null;
}

/** Bytes a namespace uses, and how many `incoming` contents would add to it. */
async function measure(ownerId: string, incoming: string[]): Promise<{ used: number; added: number }> {
  const [row] = await db().$queryRaw<[{ used: string; added: string }]>`
    WITH own AS MATERIALIZED (SELECT sha256 FROM ${contentsOf(ownRepos(ownerId))} o),
      shared AS MATERIALIZED (SELECT sha256 FROM ${contentsOf(upstreamRepos(ownerId))} s)
    SELECT
      (SELECT COALESCE(sum(b.size), 0) FROM "Blob" b WHERE b.sha256 IN (SELECT sha256 FROM own EXCEPT SELECT sha256 FROM shared))::text AS used,
      (SELECT COALESCE(sum(b.size), 0) FROM "Blob" b WHERE b.sha256 = ANY(${incoming}::text[])
        AND NOT EXISTS (SELECT 1 FROM own WHERE own.sha256 = b.sha256) AND NOT EXISTS (SELECT 1 FROM shared WHERE shared.sha256 = b.sha256))::text AS added`;
  return { used: Number(row.used), added: Number(row.added) };
}

export async function storageUse(owner: { id: string; isOrg: boolean }): Promise<StorageUse> {
  return { used: (await measure(owner.id, [])).used, quota: quotaOf(owner) };
}

const mib = (n: number) => `${(n / 1024 ** 2).toFixed(1)} MiB`;

/**
 * Refuses content that would take a namespace past its quota (413 QuotaExceeded).
 * `incoming`: the contents about to be committed or uploaded; those the namespace
 * already holds, or shares with an upstream, cost nothing. With sizes of contents
 * not stored yet (an upload batch), pass them in `pendingBytes`.
 */
export async function assertWithinQuota(ownerId: string, incoming: string[], pendingBytes = 0): Promise<void> {
  if (!env().QUOTA_USER_BYTES && !env().QUOTA_ORG_BYTES) return;
  const owner = await db().user.findUnique({ where: { id: ownerId }, select: { username: true, isOrg: true } });
  if (!owner) return;
  const quota = quotaOf(owner);
  if (quota === null) return;
  const { used, added } = await measure(ownerId, incoming);
  if (added + pendingBytes > 0 && used + added + pendingBytes > quota) {
    throw quotaExceeded(
      `Storage quota exceeded: ${owner.username} uses ${mib(used)} of ${mib(quota)}, and this would add ${mib(added + pendingBytes)}. Delete files or repos, or ask the hub's operator for more space.`,
      { used, quota, adding: added + pendingBytes },
    );
  }
}

export type NamespaceStorage = { namespace: string; isOrg: boolean; used: number; quota: number | null };

/** The storage of a user's own namespace and of each organization they belong to. */
export async function storageOverview(actor: { userId: string; username: string; orgs?: { id: string; name: string }[] }): Promise<NamespaceStorage[]> {
  const owners = [{ id: actor.userId, name: actor.username, isOrg: false }, ...(actor.orgs ?? []).map((o) => ({ id: o.id, name: o.name, isOrg: true }))];
  return Promise.all(owners.map(async (o) => ({ namespace: o.name, isOrg: o.isOrg, ...(await storageUse(o)) })));
}

export type RepoStorage = { id: string; name: string; type: string; private: boolean; updatedAt: Date; storage: number };

/**
 * Each repo of a namespace with the bytes of its own history (HF list_user_repos); a
 * fork counts only what it does not share with an upstream owned by someone else.
 * Contents shared between the namespace's own repos count in each of them.
 */
export async function repoStorage(ownerId: string, take = 1000): Promise<RepoStorage[]> {
  const repos = await db().repo.findMany({ where: { ownerId }, orderBy: { updatedAt: "desc" }, take, select: { id: true, name: true, type: true, private: true, updatedAt: true } });
  return Promise.all(
    repos.map(async (r) => {
      const upstream = Prisma.sql`
        WITH RECURSIVE up(id) AS (
          SELECT "forkOfId" FROM "Repo" WHERE id = ${r.id} AND "forkOfId" IS NOT NULL
          UNION
          SELECT k."forkOfId" FROM up JOIN "Repo" k ON k.id = up.id WHERE k."forkOfId" IS NOT NULL
        ) SELECT up.id FROM up JOIN "Repo" k ON k.id = up.id WHERE k."ownerId" <> ${ownerId}`;
      const [row] = await db().$queryRaw<[{ used: string }]>`
        WITH own AS MATERIALIZED (SELECT sha256 FROM ${contentsOf(Prisma.sql`SELECT ${r.id}::text`)} o),
          shared AS MATERIALIZED (SELECT sha256 FROM ${contentsOf(upstream)} s)
        SELECT COALESCE(sum(b.size), 0)::text AS used FROM "Blob" b WHERE b.sha256 IN (SELECT sha256 FROM own EXCEPT SELECT sha256 FROM shared)`;
      return { ...r, storage: Number(row.used) };
    }),
  );
}
