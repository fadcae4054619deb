// The audit log: every moderation action (hide, lock, suspend, report decisions),
// who took it, on what and why. Append-only; read by site admins.
import { db, Prisma } from "../db/client";

export type AuditEntry = { actorId: string; action: string; targetType: string; targetId: string; repoId?: string | null; reason?: string | null; data?: Record<string, unknown> };

export async function recordModeration(e: AuditEntry, tx: Pick<Prisma.TransactionClient, "auditLog"> = db()): Promise<void> {
  await tx.auditLog.create({
    data: { actorId: e.actorId, action: e.action, targetType: e.targetType, targetId: e.targetId, repoId: e.repoId ?? null, reason: e.reason?.slice(0, 1000) ?? null, data: (e.data ?? {}) as Prisma.InputJsonValue },
  });
}

export type AuditRow = { id: string; actor: string | null; action: string; targetType: string; targetId: string; repo: string | null; reason: string | null; data: Record<string, unknown>; createdAt: Date };

/** Newest first; `before` is the id of the last row of the previous page. */
export async function auditLog(opts: { take?: number; before?: string } = {}): Promise<AuditRow[]> {
  const take = Math.min(Math.max(opts.take ?? 100, 1), 500);
  const before = opts.before && /^\d{1,18}$/.test(opts.before) ? BigInt(opts.before) : null;
  const rows = await db().$queryRaw<(Omit<AuditRow, "id"> & { id: bigint })[]>`
    SELECT a.id, u.username AS actor, a.action, a."targetType", a."targetId", ou.username || '/' || r.name AS repo, a.reason, a.data, a."createdAt"
    FROM "AuditLog" a LEFT JOIN "User" u ON u.id = a."actorId"
    LEFT JOIN "Repo" r ON r.id = a."repoId" LEFT JOIN "User" ou ON ou.id = r."ownerId"
    WHERE ${before === null ? Prisma.sql`TRUE` : Prisma.sql`a.id < ${before}`}
    ORDER BY a.id DESC LIMIT ${take}`;
  return rows.map((r) => ({ ...r, id: String(r.id) }));
}
