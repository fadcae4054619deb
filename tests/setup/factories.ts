// Seed factories: tests build their data through the same lib functions users reach.
import crypto from "node:crypto";
import type { Actor } from "../../lib/auth/actor";
import { withMemberships } from "../../lib/auth/memberships";
import { createUser } from "../../lib/auth/users";
import { db } from "../../lib/db/client";
import { createRepo } from "../../lib/repos/create-repo";
import { commitFiles } from "../../lib/repos/commit-files";
import { storeBytes } from "../../lib/repos/ingest-blob";

export const uniq = (prefix: string) => `${prefix}-${crypto.randomBytes(4).toString("hex")}`;

export async function seedUser(overrides: { username?: string; password?: string } = {}) {
  const username = overrides.username ?? uniq("user");
  const password = overrides.password ?? "correct horse battery";
  const user = await createUser({ username, email: `${username}@example.test`, password });
  return { ...user, password };
}

export async function seedRepo(owner: { id: string; username: string; email: string }, opts: { private?: boolean; name?: string } = {}) {
  return createRepo({ owner, name: opts.name ?? uniq("model"), private: opts.private ?? false, license: "mit" });
}

export async function commitText(
  repoId: string,
  author: { id: string; username: string; email: string },
  files: Record<string, string | Buffer>,
  opts: { parentCommit?: string; title?: string } = {},
) {
  const ops = await Promise.all(
    Object.entries(files).map(async ([path, content]) => ({
      op: "put" as const,
      path,
      sha256: (await storeBytes(Buffer.isBuffer(content) ? content : Buffer.from(content))).sha256,
    })),
  );
  return commitFiles({ contentOf: "trusted",  repoId, branch: "main", author, title: opts.title ?? "test commit", parentCommit: opts.parentCommit, operations: ops });
}

/** The actor of a user's browser session (what the pipeline resolves for a signed-in user). */
export async function actorOf(user: string | { id: string }): Promise<Actor> {
  const id = typeof user === "string" ? user : user.id;
  const u = await db().user.findUniqueOrThrow({ where: { id }, select: { id: true, username: true, email: true, isAdmin: true } });
  return withMemberships<Actor>({ userId: u.id, username: u.username, email: u.email, isAdmin: u.isAdmin, via: "session" });
}
