// Commit objects as git sees them. Every commit made since git serving exists keeps
// its exact body (`Commit.raw`); older web commits are rebuilt from their fields and
// author the way they were made, checked against their id, and kept from then on.
import { db } from "../db/client";
import { log } from "../observability/log";
import { gitCommitBody, gitObjectOid } from "../repos/git-objects";

export type CommitRow = { id: string; treeId: string; parentIds: string[] };

/** The bodies of these commits, by id; throws naming a commit that cannot be rebuilt exactly. */
export async function commitBodies(ids: string[]): Promise<Map<string, Buffer>> {
  const rows = await db().commit.findMany({
    where: { id: { in: ids } },
    select: { id: true, treeId: true, parentIds: true, title: true, description: true, createdAt: true, raw: true, author: { select: { username: true, email: true } } },
  });
  const out = new Map<string, Buffer>();
  for (const r of rows) {
    if (r.raw) {
      out.set(r.id, Buffer.from(r.raw));
      continue;
    }
    const message = r.description ? `${r.title}\n\n${r.description}` : r.title;
    const body = r.author ? gitCommitBody({ treeId: r.treeId, parentIds: r.parentIds, author: { name: r.author.username, email: r.author.email }, date: r.createdAt, message }) : null;
    if (!body || gitObjectOid("commit", body) !== r.id) {
      log().error({ commitId: r.id }, "git: an old commit cannot be rebuilt byte for byte (its author changed or was deleted)");
      throw new Error(`Commit ${r.id} cannot be served over git: its author's details changed since it was made`);
    }
    await db().commit.update({ where: { id: r.id }, data: { raw: new Uint8Array(body) } });
    out.set(r.id, body);
  }
  for (const id of ids) if (!out.has(id)) throw new Error(`Commit ${id} is missing from the database`);
  return out;
}

/** Every commit reachable from `tips` (history included), as id, tree and parents. */
export async function ancestry(tips: string[]): Promise<CommitRow[]> {
  if (!tips.length) return [];
  return db().$queryRaw<CommitRow[]>`
    WITH RECURSIVE a(id) AS (SELECT unnest(${tips}::text[]) UNION SELECT p FROM a JOIN "Commit" c ON c.id = a.id CROSS JOIN LATERAL unnest(c."parentIds") p)
    SELECT c.id, c."treeId", c."parentIds" FROM a JOIN "Commit" c ON c.id = a.id`;
}
