// Seed factories: tests build their data through the same lib functions users reach.
import crypto from "node:crypto";
import { createUser } from "../../lib/auth/users";
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
  return commitFiles({ repoId, branch: "main", author, title: opts.title ?? "test commit", parentCommit: opts.parentCommit, operations: ops });
}
