// Public profiles as the Hugging Face API shapes them (HF get_user_overview,
// get_organization_overview, list_user_followers/following, list_organization_members):
// counts of what the viewer may see, never of private repos they cannot.
import type { Actor } from "../auth/actor";
import { visibleReposSql } from "../auth/memberships";
import { db, Prisma } from "../db/client";
import { notFound } from "../errors";

type Person = { id: string; username: string; isOrg: boolean; createdAt: Date };

async function namespace(username: string, isOrg: boolean | null): Promise<Person> {
  const u = await db().user.findUnique({ where: { username }, select: { id: true, username: true, isOrg: true, createdAt: true, suspendedAt: true } });
  if (!u || u.suspendedAt || (isOrg !== null && u.isOrg !== isOrg)) throw notFound(`${isOrg ? "Organization" : "User"} ${username} not found`);
  return u;
}

/** A user or organization as list items carry it (HF `User`). */
const personJson = (p: { username: string; isOrg: boolean }, isFollowing?: boolean) => ({
  user: p.username,
  fullname: p.username,
  avatarUrl: "",
  type: p.isOrg ? "org" : "user",
  ...(isFollowing === undefined ? {} : { isFollowing }),
});

async function repoCounts(viewer: Actor | null, ownerId: string): Promise<{ models: number; datasets: number }> {
  const [row] = await db().$queryRaw<{ models: number; datasets: number }[]>`
    SELECT count(*) FILTER (WHERE r.type = 'model')::int AS models, count(*) FILTER (WHERE r.type = 'dataset')::int AS datasets
    FROM "Repo" r WHERE r."ownerId" = ${ownerId} AND ${visibleReposSql(viewer)}`;
  return row ?? { models: 0, datasets: 0 };
}

export async function userOverview(viewer: Actor | null, username: string) {
  const u = await namespace(username, null);
  if (u.isOrg) return { ...(await orgOverview(viewer, username)), user: u.username, type: "org" };
  const [counts, discussions, likes, followers, following, isFollowing, orgs] = await Promise.all([
    repoCounts(viewer, u.id),
    db().discussion.count({ where: { authorId: u.id } }),
    db().like.count({ where: { userId: u.id } }),
    db().follow.count({ where: { followeeId: u.id } }),
    db().follow.count({ where: { followerId: u.id } }),
    viewer ? db().follow.count({ where: { followerId: viewer.userId, followeeId: u.id } }) : Promise.resolve(0),
    db().$queryRaw<{ username: string }[]>`SELECT o.username FROM "OrgMember" m JOIN "User" o ON o.id = m."orgId" WHERE m."userId" = ${u.id} ORDER BY o.username`,
  ]);
  return {
    ...personJson(u),
    isPro: false,
    details: null,
    createdAt: u.createdAt.toISOString(),
    numModels: counts.models,
    numDatasets: counts.datasets,
    numSpaces: 0,
    numDiscussions: discussions,
    numPapers: 0,
    numUpvotes: 0,
    numLikes: likes,
    numFollowers: followers,
    numFollowing: following,
    ...(viewer ? { isFollowing: isFollowing > 0 } : {}),
    orgs: orgs.map((o) => ({ name: o.username, fullname: o.username, avatarUrl: "" })),
  };
}

export async function orgOverview(viewer: Actor | null, name: string) {
  const org = await namespace(name, true);
  const [counts, members, followers] = await Promise.all([
    repoCounts(viewer, org.id),
    db().orgMember.count({ where: { orgId: org.id } }),
    db().follow.count({ where: { followeeId: org.id } }),
  ]);
  return { name: org.username, fullname: org.username, avatarUrl: "", details: null, isVerified: false, isEnterprise: false, createdAt: org.createdAt.toISOString(), numModels: counts.models, numDatasets: counts.datasets, numSpaces: 0, numUsers: members, numFollowers: followers };
}

const LIST_MAX = 1000;

/** The other side of a namespace's follows, newest first: who follows it, or whom it follows. */
async function follows(username: string, isOrg: boolean | null, side: "followers" | "following") {
  const u = await namespace(username, isOrg);
  const [mine, theirs] = side === "followers" ? [Prisma.sql`x."followeeId"`, Prisma.sql`x."followerId"`] : [Prisma.sql`x."followerId"`, Prisma.sql`x."followeeId"`];
  const rows = await db().$queryRaw<{ username: string; isOrg: boolean }[]>`
    SELECT f.username, f."isOrg" FROM "Follow" x JOIN "User" f ON f.id = ${theirs}
    WHERE ${mine} = ${u.id} AND f."suspendedAt" IS NULL ORDER BY x."createdAt" DESC LIMIT ${LIST_MAX}`;
  return rows.map((r) => personJson(r));
}

export const followersOf = (username: string, isOrg: boolean | null) => follows(username, isOrg, "followers");
export const followingOf = (username: string) => follows(username, false, "following");

/** An organization's members (public, as on its page), admins first. */
export async function membersOf(org: string) {
  const o = await namespace(org, true);
  const rows = await db().$queryRaw<{ username: string; role: string }[]>`
    SELECT u.username, m.role::text AS role FROM "OrgMember" m JOIN "User" u ON u.id = m."userId"
    WHERE m."orgId" = ${o.id} AND u."suspendedAt" IS NULL
    ORDER BY array_position(ARRAY['admin','write','read'], m.role::text), u.username LIMIT ${LIST_MAX}`;
  return rows.map((r) => ({ ...personJson({ username: r.username, isOrg: false }), role: r.role }));
}
