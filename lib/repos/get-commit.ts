// One commit's summary, for pages and the API.
import { db } from "../db/client";

export type CommitSummary = { id: string; title: string; description: string; createdAt: Date; author: string | null };

export async function getCommit(id: string): Promise<CommitSummary | null> {
  const c = await db().commit.findUnique({
    where: { id },
    select: { id: true, title: true, description: true, createdAt: true, author: { select: { username: true } } },
  });
  return c && { id: c.id, title: c.title, description: c.description, createdAt: c.createdAt, author: c.author?.username ?? null };
}
