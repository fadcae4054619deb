// GET /api/settings/repositories and /api/organizations/{org}/settings/repositories
// (HF list_user_repos): the namespace's repos with the storage each uses.
import type { Actor } from "../../auth/actor";
import { json } from "../../http/reply";
import { forbidden, notFound } from "../../errors";
import { repoStorage } from "../../quotas/storage-use";
import { endpoint } from "../endpoint";

async function listing(owner: { id: string; username: string }) {
  const repos = await repoStorage(owner.id);
  const total = repos.reduce((n, r) => n + r.storage, 0);
  return json(
    repos.map((r) => ({
      id: `${owner.username}/${r.name}`,
      type: r.type,
      updatedAt: r.updatedAt.toISOString(),
      visibility: r.private ? "private" : "public",
      storage: r.storage,
      storagePercent: total ? Math.round((r.storage / total) * 10_000) / 100 : 0,
    })),
  );
}

// Reading needs no write role, but a token scoped to one repo sees nothing beyond it.
function unscoped(actor: Actor | null): Actor {
  if (actor?.tokenRepoId) throw forbidden("This token is scoped to one repository");
  return actor!;
}

export const ownRepoStorage = endpoint({
  handle: async ({ actor }) => {
    const a = unscoped(actor);
    return listing({ id: a.userId, username: a.username });
  },
});

export const orgRepoStorage = endpoint({
  handle: async ({ actor, params }) => {
    const org = unscoped(actor).orgs?.find((o) => o.name === params.org);
    if (!org) throw notFound(`Organization ${params.org} not found, or you are not a member`);
    return listing({ id: org.id, username: org.name });
  },
});
