// How a fork's branch relates to its upstream's: commits ahead and behind, and
// a fast-forward "sync" when it is only behind.
import type { Actor } from "../auth/actor";
import { can } from "../auth/can";
import { db } from "../db/client";
import { badRequest, conflict } from "../errors";
import { queueRevisionAnalysis } from "../formats/queue-analysis";
import { gateStatus } from "../gating/gate-status";

export type UpstreamStatus = { upstreamId: string; upstreamPrivate: boolean; branch: string; ahead: number; behind: number; forkHead: string; upstreamHead: string } | null;

async function head(repoId: string, branch: string): Promise<string | null> {
  const r = await db().ref.findUnique({ where: { repoId_kind_name: { repoId, kind: "branch", name: branch } }, select: { commitId: true } });
  return r?.commitId ?? null;
}

/** Commits reachable from `a` and not from `b`, counted (both are commit ids). */
async function onlyIn(a: string, b: string): Promise<number> {
  const rows = await db().$queryRaw<{ n: bigint }[]>`
    WITH RECURSIVE ra(id) AS (
      SELECT ${a}::text UNION SELECT unnest(c."parentIds") FROM ra JOIN "Commit" c ON c.id = ra.id
    ), rb(id) AS (
      SELECT ${b}::text UNION SELECT unnest(c."parentIds") FROM rb JOIN "Commit" c ON c.id = rb.id
    )
    SELECT count(*) AS n FROM ra WHERE id NOT IN (SELECT id FROM rb)`;
  return Number(rows[0]!.n);
}

/**
 * The fork's standing against its upstream, for a viewer who may read the upstream:
 * to anyone else an upstream they cannot see is no upstream at all (its name and
 * commits stay private).
 */
export async function upstreamStatus(viewer: Actor | null, fork: { id: string; forkOfId: string | null }, branch = "main"): Promise<UpstreamStatus> {
  if (!fork.forkOfId) return null;
  const upstream = await db().repo.findUnique({ where: { id: fork.forkOfId }, select: { id: true, name: true, private: true, hiddenAt: true, ownerId: true, owner: { select: { username: true } } } });
  if (!upstream || !can(viewer, "read", upstream)) return null;
  const [forkHead, upstreamHead] = await Promise.all([head(fork.id, branch), head(upstream.id, branch)]);
  if (!forkHead || !upstreamHead) return null;
  const [ahead, behind] = forkHead === upstreamHead ? [0, 0] : await Promise.all([onlyIn(forkHead, upstreamHead), onlyIn(upstreamHead, forkHead)]);
  return { upstreamId: `${upstream.owner.username}/${upstream.name}`, upstreamPrivate: upstream.private, branch, ahead, behind, forkHead, upstreamHead };
}

/** Fast-forwards the fork's branch to the upstream's head; refused when the fork has its own commits. */
export async function syncFromUpstream(actor: Actor | null, fork: { id: string; forkOfId: string | null }, branch = "main"): Promise<{ commitId: string; behindBefore: number }> {
  const s = await upstreamStatus(actor, fork, branch);
  if (!s) throw badRequest("This repository is not a fork of a model you can read, or its upstream has no such branch");
  // Syncing copies the upstream's files into the fork: a gated upstream needs granted access.
  const upstream = await db().repo.findUniqueOrThrow({ where: { id: fork.forkOfId! }, select: { id: true, ownerId: true, private: true, gated: true } });
  const gate = await gateStatus(actor, upstream);
  if (gate !== "open" && gate !== "accepted") throw badRequest(`${s.upstreamId} is gated: ask for access to its files before syncing`);
  if (s.ahead > 0) throw conflict(`The fork is ${s.ahead} commit(s) ahead of ${s.upstreamId}: sync would drop them. Open a pull request instead.`);
  if (s.behind === 0) return { commitId: s.forkHead, behindBefore: 0 };
  await db().$transaction(async (tx) => {
    const moved = await tx.ref.updateMany({
      where: { repoId: fork.id, kind: "branch", name: branch, commitId: s.forkHead },
      data: { commitId: s.upstreamHead, updatedAt: new Date() },
    });
    if (moved.count !== 1) throw conflict("The branch moved while syncing: try again");
    await tx.repo.update({ where: { id: fork.id }, data: { updatedAt: new Date() } });
    await queueRevisionAnalysis(tx, fork.id, branch);
  });
  return { commitId: s.upstreamHead, behindBefore: s.behind };
}
