// Content by hash never crosses tenants. Storage is shared and deduplicated, but a
// commit may name a sha256 only when its author proved to hold those bytes (they
// uploaded them: a grant) or can already read them in a repo whose current tree
// holds them (files of gated repos only with granted access). Everyone else is
// treated as if the content did not exist: the LFS batch asks them to upload it.
import type { Actor } from "../auth/actor";
import { can } from "../auth/can";
import { db } from "../db/client";
import { gateStatus } from "../gating/gate-status";
import { blobHolders } from "./blob-holders";

/** Records that `userId` uploaded these verified bytes. */
export async function grantContent(userId: string, sha256s: string[]): Promise<void> {
  if (sha256s.length) await contentGrantQuery(userId, sha256s);
}

/** grantContent's query, to run in a transaction with others. */
export const contentGrantQuery = (userId: string, sha256s: string[]) =>
  db().blobGrant.createMany({ data: [...new Set(sha256s)].map((sha256) => ({ userId, sha256 })), skipDuplicates: true });

async function readableHolder(actor: Actor, sha256: string): Promise<boolean> {
  for (const h of await blobHolders(actor, sha256, 50)) {
    const repo = { id: h.repoId, ownerId: h.ownerId, private: h.private, hiddenAt: h.hiddenAt, gated: h.gated };
    if (!can(actor, "read", repo)) continue;
    const status = await gateStatus(actor, repo);
    if (status === "open" || status === "accepted") return true;
  }
  return false;
}

/** The subset of `sha256s` the actor may name in a commit. */
export async function contentKnownTo(actor: Actor, sha256s: string[]): Promise<Set<string>> {
  const wanted = [...new Set(sha256s)];
  if (!wanted.length) return new Set();
  const granted = await db().blobGrant.findMany({ where: { userId: actor.userId, sha256: { in: wanted } }, select: { sha256: true } });
  const known = new Set(granted.map((g) => g.sha256));
  for (const sha of wanted) if (!known.has(sha) && (await readableHolder(actor, sha))) known.add(sha);
  return known;
}
