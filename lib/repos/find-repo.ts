// Looking up a repo for an actor. A private repo the actor may not read is
// reported exactly like a missing one (404 RepoNotFound), so it does not leak.
import { db } from "../db/client";
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

export const repoSelect = {
  id: true,
  name: true,
  private: true,
  license: true,
  downloads: true,
  createdAt: true,
  updatedAt: true,
  ownerId: true,
  owner: { select: { username: true } },
} as const;

export async function findRepo(owner: string, name: string): Promise<RepoRow | null> {
  return db().repo.findFirst({ where: { name, owner: { username: owner } }, select: repoSelect });
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

export const repoId = (r: RepoRow) => `${r.owner.username}/${r.name}`;
