// Gated models: the card and file list stay public, the files do not. The owner
// turns gating on (automatic or manual approval); a signed-in visitor asks by page
// or API with the card's form; owners review in a list. Every request and
// decision is a row of its own, so the history stays.
import type { Actor } from "../auth/actor";
import { can } from "../auth/can";
import { notifyAccessEvent } from "../community/notifications";
import { db } from "../db/client";
import { badRequest, forbidden, gatedRepo, notFound, unauthorized } from "../errors";
import type { RepoRow } from "../repos/find-repo";
import { kindLabel, repoHref } from "../repos/repo-type";
import { fileAt } from "../repos/read-files";
import { loadCard } from "../cards/load-card";
import { checkAnswers, gateForm, type GateForm } from "./gate-form";
import { gateStatus, latestAccessRequest as latest, type AccessStatus, type GateStatus } from "./gate-status";

export { gateStatus };

export type GateMode = "auto" | "manual";
export type { AccessStatus, GateStatus };

/** Files everyone may read even when a model is gated: its card. */
const UNGATED = new Set(["README.md", ".gitattributes"]);
export const isGatedPath = (path: string) => !UNGATED.has(path);

type GatedRepo = Pick<RepoRow, "id" | "name" | "ownerId" | "private" | "owner"> & { gated: string | null; type?: string };

/** 401/403 GatedRepo for a gated file the actor may not read (the HF clients raise GatedRepoError on it). */
export async function assertFileAccess(actor: Actor | null, repo: GatedRepo, path: string | null): Promise<void> {
  if (!repo.gated || (path !== null && !isGatedPath(path))) return;
  const status = await gateStatus(actor, repo);
  if (status === "open" || status === "accepted") return;
  const id = `${repo.owner.username}/${repo.name}`;
  const kind = kindLabel(repo.type);
  if (!actor) throw gatedRepo(401, `Access to ${kind} ${id} is restricted. You must be signed in (or send a token) and have been granted access.`);
  throw gatedRepo(403, `Access to ${kind} ${id} is restricted and you are not in the authorized list${status === "pending" ? " yet: your request is pending" : ""}. Ask for access on ${repoHref({ type: repo.type, owner: repo.owner.username, name: repo.name })}.`);
}

export async function gateFormOf(repo: { id: string }): Promise<GateForm> {
  const readme = await fileAt(repo.id, "main", "README.md").catch(() => null);
  return gateForm((await loadCard(readme))?.data ?? {});
}

export async function requestAccess(actor: Actor | null, repo: GatedRepo, answers: Record<string, unknown>) {
  if (!actor) throw unauthorized("Sign in to ask for access");
  if (!can(actor, "participate", repo)) throw forbidden("This token cannot ask for access (read-only, or scoped to another repo)");
  if (!repo.gated) throw badRequest("This model is not gated: its files are open to everyone");
  const prev = await latest(repo.id, actor.userId);
  if (prev && prev.status !== "rejected") return prev; // pending or accepted: nothing to ask
  const fields = checkAnswers(await gateFormOf(repo), answers);
  const auto = repo.gated === "auto";
  const made = await db().accessRequest.create({ data: { repoId: repo.id, userId: actor.userId, status: auto ? "accepted" : "pending", fields, ...(auto ? { decidedAt: new Date() } : {}) } });
  if (!auto) await notifyAccessEvent({ actorId: actor.userId, repo, kind: "access_request" });
  return made;
}

function keeper(actor: Actor | null, repo: GatedRepo): Actor {
  if (!actor) throw unauthorized();
  if (!can(actor, "write", repo)) throw forbidden("Only the model's writers review access requests");
  return actor;
}

export type AccessRow = { user: string; status: AccessStatus; fields: Record<string, unknown>; reason: string | null; requestedAt: Date; decidedAt: Date | null; decidedBy: string | null };

/** The latest request of each user, filtered by status, newest first. */
export async function listAccessRequests(actor: Actor | null, repo: GatedRepo, status?: AccessStatus): Promise<AccessRow[]> {
  keeper(actor, repo);
  return db().$queryRaw<AccessRow[]>`
    SELECT * FROM (
      SELECT DISTINCT ON (a."userId") u.username AS user, a.status, a.fields, a.reason, a."createdAt" AS "requestedAt", a."decidedAt", d.username AS "decidedBy"
      FROM "AccessRequest" a JOIN "User" u ON u.id = a."userId" LEFT JOIN "User" d ON d.id = a."decidedById"
      WHERE a."repoId" = ${repo.id} ORDER BY a."userId", a."createdAt" DESC
    ) x WHERE ${status ?? null}::text IS NULL OR x.status = ${status ?? null}::text
    ORDER BY x."requestedAt" DESC LIMIT 1000`;
}

/** Accept, reject or reset a user's latest request; "grant" gives access to someone who never asked. */
export async function decideAccess(actor: Actor | null, repo: GatedRepo, username: string, status: AccessStatus, reason?: string) {
  const a = keeper(actor, repo);
  const user = await db().user.findUnique({ where: { username }, select: { id: true } });
  if (!user) throw notFound(`User ${username} not found`);
  const why = reason?.trim().slice(0, 1000) || null;
  const prev = await latest(repo.id, user.id);
  const decided = { status, reason: why, decidedById: a.userId, decidedAt: new Date() };
  const row = prev
    ? await db().accessRequest.update({ where: { id: prev.id }, data: decided })
    : await db().accessRequest.create({ data: { repoId: repo.id, userId: user.id, fields: {}, ...decided } });
  if (status !== "pending" && prev?.status !== status) await notifyAccessEvent({ actorId: a.userId, repo, kind: status === "accepted" ? "access_accepted" : "access_rejected", userIds: [user.id], reason: why });
  return row;
}

export async function setGating(actor: Actor | null, repo: GatedRepo, mode: GateMode | null): Promise<void> {
  keeper(actor, repo);
  await db().repo.update({ where: { id: repo.id }, data: { gated: mode } });
  // switching to automatic approval lets everyone who is waiting in (and tells them)
  if (mode === "auto") {
    const waiting = await db().accessRequest.findMany({ where: { repoId: repo.id, status: "pending" }, select: { userId: true } });
    await db().accessRequest.updateMany({ where: { repoId: repo.id, status: "pending" }, data: { status: "accepted", decidedAt: new Date(), decidedById: actor!.userId } });
    await notifyAccessEvent({ actorId: actor!.userId, repo, kind: "access_accepted", userIds: waiting.map((w) => w.userId) });
  }
}

/** Line diffs show file contents: a gated model's are dropped for those without access. */
export async function redactGatedDiffs<T extends { path: string; hunks: unknown }>(actor: Actor | null, repo: GatedRepo, changes: T[]): Promise<T[]> {
  if (!repo.gated) return changes;
  const status = await gateStatus(actor, repo);
  if (status === "open" || status === "accepted") return changes;
  return changes.map((c) => (isGatedPath(c.path) ? { ...c, hunks: null } : c));
}
