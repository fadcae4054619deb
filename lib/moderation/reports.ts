// Reports: any signed-in user flags a repo, discussion, comment or user with a
// reason; one open report per reporter and target (a second one updates it).
// Admins review them in a queue grouped by target and act or dismiss; both are audited.
import type { Actor } from "../auth/actor";
import { db } from "../db/client";
import { badRequest, notFound, unauthorized } from "../errors";
import { repoFor } from "../repos/find-repo";
import { getDiscussion } from "../discussions/discussions";
import { recordModeration } from "./audit-log";
import { siteAdmin } from "./admin";

export const REPORT_REASONS = {
  spam: "Spam or advertising",
  abuse: "Harassment or hateful content",
  malware: "Malicious code or files",
  illegal: "Illegal content",
  license: "License or copyright violation",
  impersonation: "Impersonation",
  other: "Something else",
} as const;
export type ReportTarget =
  | { type: "repo"; repo: string }
  | { type: "discussion"; repo: string; num: number }
  | { type: "comment"; repo: string; commentId: string }
  | { type: "user"; username: string };

const splitRepo = (id: string) => {
  const [owner, name, extra] = id.split("/");
  if (!owner || !name || extra !== undefined) throw badRequest("A repo is given as owner/name");
  return [owner, name] as const;
};

/** The target's id, checking that the reporter can see it (a hidden thing cannot be reported by outsiders). */
async function resolveTarget(actor: Actor, t: ReportTarget): Promise<{ targetId: string; repoId: string | null }> {
  if (t.type === "user") {
    const u = await db().user.findUnique({ where: { username: t.username }, select: { id: true } });
    if (!u) throw notFound(`User ${t.username} not found`);
    return { targetId: u.id, repoId: null };
  }
  const repo = await repoFor(actor, ...splitRepo(t.repo));
  if (t.type === "repo") return { targetId: repo.id, repoId: repo.id };
  if (t.type === "discussion") return { targetId: (await getDiscussion(actor, repo, t.num)).id, repoId: repo.id };
  const c = await db().comment.findUnique({ where: { id: t.commentId }, select: { id: true, hidden: true, discussion: { select: { repoId: true, num: true } } } });
  if (!c || c.discussion.repoId !== repo.id) throw notFound("Comment not found");
  await getDiscussion(actor, repo, c.discussion.num); // visible to the reporter
  return { targetId: c.id, repoId: repo.id };
}

export async function fileReport(actor: Actor | null, target: ReportTarget, reason: string, details = "") {
  if (!actor) throw unauthorized("Sign in to report content");
  if (!(reason in REPORT_REASONS)) throw badRequest(`Choose a reason among: ${Object.keys(REPORT_REASONS).join(", ")}`);
  const text = details.trim();
  if (text.length > 2000) throw badRequest("Details are at most 2000 characters");
  if (reason === "other" && !text) throw badRequest("Say what is wrong when the reason is 'other'");
  const { targetId, repoId } = await resolveTarget(actor, target);
  const key = { reporterId_targetType_targetId: { reporterId: actor.userId, targetType: target.type, targetId } };
  return db().report.upsert({
    where: key,
    create: { reporterId: actor.userId, targetType: target.type, targetId, repoId, reason, details: text },
    update: { reason, details: text, status: "open", resolvedAt: null, resolvedById: null, createdAt: new Date() },
  });
}

export type QueueItem = {
  targetType: string;
  targetId: string;
  label: string;
  href: string | null;
  repoId: string | null;
  hidden: boolean;
  count: number;
  reasons: Record<string, number>;
  reports: { id: string; reporter: string; reason: string; details: string; createdAt: Date }[];
};

/** Open reports grouped by target, most reported first. */
export async function reportQueue(actor: Actor | null, status: "open" | "resolved" | "dismissed" = "open"): Promise<QueueItem[]> {
  siteAdmin(actor, "view");
  const rows = await db().$queryRaw<{ id: string; targetType: string; targetId: string; repoId: string | null; reason: string; details: string; createdAt: Date; reporter: string }[]>`
    SELECT p.id, p."targetType", p."targetId", p."repoId", p.reason, p.details, p."createdAt", u.username AS reporter
    FROM "Report" p JOIN "User" u ON u.id = p."reporterId" WHERE p.status = ${status} ORDER BY p."createdAt" DESC LIMIT 1000`;
  const groups = new Map<string, QueueItem>();
  for (const r of rows) {
    const k = `${r.targetType}:${r.targetId}`;
    const g = groups.get(k) ?? groups.set(k, { targetType: r.targetType, targetId: r.targetId, repoId: r.repoId, label: "", href: null, hidden: false, count: 0, reasons: {}, reports: [] }).get(k)!;
    g.count++;
    g.reasons[r.reason] = (g.reasons[r.reason] ?? 0) + 1;
    g.reports.push({ id: r.id, reporter: r.reporter, reason: r.reason, details: r.details, createdAt: r.createdAt });
  }
  const items = [...groups.values()].sort((a, b) => b.count - a.count);
  await Promise.all(items.map(describe));
  return items;
}

async function describe(item: QueueItem): Promise<void> {
  const repo = item.repoId ? await db().repo.findUnique({ where: { id: item.repoId }, select: { name: true, hiddenAt: true, owner: { select: { username: true } } } }) : null;
  const repoId = repo ? `${repo.owner.username}/${repo.name}` : "(deleted repo)";
  if (item.targetType === "repo") {
    item.label = repoId;
    item.href = repo ? `/${repoId}` : null;
    item.hidden = !!repo?.hiddenAt;
  } else if (item.targetType === "discussion") {
    const d = await db().discussion.findUnique({ where: { id: item.targetId }, select: { num: true, title: true, hidden: true } });
    item.label = d ? `${repoId} #${d.num}: ${d.title}` : "(deleted discussion)";
    item.href = d && repo ? `/${repoId}/discussions/${d.num}` : null;
    item.hidden = !!d?.hidden;
  } else if (item.targetType === "comment") {
    const c = await db().comment.findUnique({ where: { id: item.targetId }, select: { body: true, hidden: true, discussion: { select: { num: true } }, authorId: true } });
    item.label = c ? `Comment in ${repoId} #${c.discussion.num}: “${c.body.slice(0, 120)}”` : "(deleted comment)";
    item.href = c && repo ? `/${repoId}/discussions/${c.discussion.num}#comment-${item.targetId}` : null;
    item.hidden = !!c?.hidden;
  } else {
    const u = await db().user.findUnique({ where: { id: item.targetId }, select: { username: true, suspendedAt: true } });
    item.label = u ? `User ${u.username}` : "(deleted user)";
    item.href = u ? `/${u.username}` : null;
    item.hidden = !!u?.suspendedAt;
  }
}

/** Closes every open report on a target, as acted upon (resolved) or not (dismissed). */
export async function closeReports(actor: Actor | null, targetType: string, targetId: string, outcome: "resolved" | "dismissed", note?: string): Promise<number> {
  const a = siteAdmin(actor);
  return db().$transaction(async (tx) => {
    const one = await tx.report.findFirst({ where: { targetType, targetId, status: "open" }, select: { repoId: true } });
    const { count } = await tx.report.updateMany({ where: { targetType, targetId, status: "open" }, data: { status: outcome, resolvedAt: new Date(), resolvedById: a.userId } });
    if (count) await recordModeration({ actorId: a.userId, action: outcome === "resolved" ? "resolve-reports" : "dismiss-reports", targetType, targetId, repoId: one?.repoId, reason: note?.trim() || null, data: { reports: count } }, tx);
    return count;
  });
}
