// "owner/name" of a repo by id (for links to job outputs and lineage).
import { db } from "../db/client";

export async function repoPathById(id: string): Promise<string | null> {
  const r = await db().repo.findUnique({ where: { id }, select: { name: true, owner: { select: { username: true } } } });
  return r ? `${r.owner.username}/${r.name}` : null;
}
