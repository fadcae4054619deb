// The inbox. Who hears about a discussion event:
// - a new discussion: the repo's owner (or, for an organization, its admins and writers);
// - a comment: the discussion's participants and the repo's owners;
// - an @mention: the user named, if they can read the repo.
// - gated access: the repo's keepers when someone waits for review; the requester
//   when their request is accepted or rejected (with the reason).
// - an organization's invitation: the user invited.
// Never the actor themself; each recipient once per event.
import { can } from "../auth/can";
import { membershipsOf } from "../auth/memberships";
import { db, type Prisma } from "../db/client";
import type { RepoRow } from "../repos/find-repo";

export type NotificationKind = "discussion" | "comment" | "mention" | "pull_request" | "merged" | "access_request" | "access_accepted" | "access_rejected" | "org_invite";
/** `repo`: the repo's id, or for an invitation the organization's name. */
export type NotificationData = { repo: string; num?: number; title: string; by: string };

const MENTION = /(?:^|[^\w@/])@([A-Za-z0-9][\w.-]{0,95})/g;

export function mentionsIn(text: string): string[] {
  return [...new Set([...text.matchAll(MENTION)].map((m) => m[1]!))].slice(0, 20);
}

async function repoKeepers(repo: RepoRow): Promise<string[]> {
  const rows = await db().$queryRaw<{ userId: string }[]>`
    SELECT ${repo.ownerId}::text AS "userId" WHERE NOT EXISTS (SELECT 1 FROM "User" WHERE id = ${repo.ownerId} AND "isOrg")
    UNION SELECT "userId" FROM "OrgMember" WHERE "orgId" = ${repo.ownerId} AND role IN ('admin', 'write')`;
  return rows.map((r) => r.userId);
}

/** `event` names what happened for everyone but the mentioned: a new pull request, or a merge. */
export async function notifyDiscussionEvent(input: { actorId: string; repo: RepoRow; discussionId: string; num: number; title: string; body: string; isNew: boolean; event?: "pull_request" | "merged" }) {
  const { repo } = input;
  const to = new Map<string, NotificationKind>();
  const add = (userId: string, kind: NotificationKind) => {
    if (userId !== input.actorId && !to.has(userId)) to.set(userId, kind);
  };
  // mentions first: they are the most specific reason
  if (input.body) {
    const named = await db().user.findMany({ where: { username: { in: mentionsIn(input.body) }, isOrg: false }, select: { id: true, username: true, email: true, isAdmin: true } });
    for (const u of named) {
      const reader = { userId: u.id, username: u.username, email: u.email, isAdmin: u.isAdmin, via: "session" as const, orgs: await membershipsOf(u.id) };
      if (can(reader, "read", repo)) add(u.id, "mention");
    }
  }
  for (const id of await repoKeepers(repo)) add(id, input.event ?? (input.isNew ? "discussion" : "comment"));
  if (!input.isNew) {
    const participants = await db().comment.findMany({ where: { discussionId: input.discussionId }, select: { authorId: true }, distinct: ["authorId"] });
    const author = await db().discussion.findUnique({ where: { id: input.discussionId }, select: { authorId: true } });
    for (const id of [...(author ? [author.authorId] : []), ...participants.map((p) => p.authorId)]) add(id, input.event ?? "comment");
  }
  if (!to.size) return;
  const data = { repo: `${repo.owner.username}/${repo.name}`, num: input.num, title: input.title, by: input.actorId } as Prisma.InputJsonValue;
  await db().notification.createMany({ data: [...to].map(([userId, kind]) => ({ userId, kind, repoId: repo.id, data })) });
}

type AccessRepo = Pick<RepoRow, "id" | "name" | "ownerId" | "owner">;

/** A request waiting for review tells the keepers; a decision tells the requester. */
export async function notifyAccessEvent(input: { actorId: string; repo: AccessRepo; kind: "access_request" | "access_accepted" | "access_rejected"; userIds?: string[]; reason?: string | null }) {
  const { repo } = input;
  const to = input.kind === "access_request" ? await repoKeepers(repo as RepoRow) : (input.userIds ?? []);
  const recipients = [...new Set(to)].filter((id) => id !== input.actorId);
  if (!recipients.length) return;
  const title = input.kind === "access_request" ? "access request" : input.reason ? `reason: ${input.reason.slice(0, 200)}` : "gated files";
  const data = { repo: `${repo.owner.username}/${repo.name}`, title, by: input.actorId } satisfies NotificationData as Prisma.InputJsonValue;
  await db().notification.createMany({ data: recipients.map((userId) => ({ userId, kind: input.kind, repoId: repo.id, data })) });
}

export async function inbox(userId: string, take = 100) {
  const rows = await db().$queryRaw<{ id: bigint; kind: NotificationKind; data: NotificationData; createdAt: Date; readAt: Date | null; byName: string | null }[]>`
    SELECT n.id, n.kind, n.data, n."createdAt", n."readAt", u.username AS "byName"
    FROM "Notification" n LEFT JOIN "User" u ON u.id = n.data->>'by' WHERE n."userId" = ${userId} ORDER BY n.id DESC LIMIT ${take}`;
  return rows.map((r) => ({ ...r, id: String(r.id) }));
}

export async function unreadCount(userId: string): Promise<number> {
  const rows = await db().$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM "Notification" WHERE "userId" = ${userId} AND "readAt" IS NULL`;
  return rows[0]?.n ?? 0;
}

export async function markRead(userId: string, ids: string[] | "all"): Promise<void> {
  await db().notification.updateMany({
    where: { userId, readAt: null, ...(ids === "all" ? {} : { id: { in: ids.filter((i) => /^\d{1,18}$/.test(i)).map(BigInt) } }) },
    data: { readAt: new Date() },
  });
}

export async function notifyOrgInvite(input: { actorId: string; userId: string; org: string; role: string }): Promise<void> {
  const data = { repo: input.org, title: input.role, by: input.actorId } satisfies NotificationData as Prisma.InputJsonValue;
  await db().notification.create({ data: { userId: input.userId, kind: "org_invite", repoId: null, data } });
}

/** Where a notification leads: discussion events to the thread, access requests to where they are reviewed, decisions to the model, invitations to the answer. */
export function notificationTarget(kind: NotificationKind, data: NotificationData): { href: string; text: string } {
  if (kind === "org_invite") return { href: "/settings/organizations", text: `${data.repo} (as ${data.title})` };
  if (data.num !== undefined) return { href: `/${data.repo}/discussions/${data.num}`, text: `${data.repo}#${data.num} ${data.title}` };
  if (kind === "access_request") return { href: `/${data.repo}/settings`, text: `${data.repo} (review)` };
  return { href: `/${data.repo}`, text: kind === "access_rejected" && data.title.startsWith("reason:") ? `${data.repo} (${data.title})` : data.repo };
}

/** Opening a notification reads it: marks it read and says where it leads (null when it is not the user's). */
export async function openNotification(userId: string, id: string): Promise<string | null> {
  if (!/^\d{1,18}$/.test(id)) return null;
  const n = await db().notification.findFirst({ where: { id: BigInt(id), userId }, select: { kind: true, data: true, readAt: true } });
  if (!n) return null;
  if (!n.readAt) await db().notification.update({ where: { id: BigInt(id) }, data: { readAt: new Date() } });
  return notificationTarget(n.kind as NotificationKind, n.data as NotificationData).href;
}
