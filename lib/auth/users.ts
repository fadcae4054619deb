// Users: sign-up, credential checks, listing and password resets.
import crypto from "node:crypto";
import { db, type Prisma } from "../db/client";
import { badRequest, conflict } from "../errors";
import { usernameProblem } from "../repos/names";
import { hashPassword, passwordProblem, verifyPassword } from "./passwords";
import { isUniqueViolation } from "../db/db-errors";

const EMAIL_RE = /^[^\s@]{1,64}@[^\s@]{1,255}\.[^\s@]{2,}$/;

export type NewUser = { username: string; email: string; password: string; isAdmin?: boolean };
export type PublicUser = { id: string; username: string; email: string; isAdmin: boolean; isOrg: boolean; createdAt: Date };

const publicUser = { id: true, username: true, email: true, isAdmin: true, isOrg: true, createdAt: true } satisfies Prisma.UserSelect;

export async function createUser(input: NewUser): Promise<PublicUser> {
  const username = input.username.trim();
  const email = input.email.trim().toLowerCase();
  const problem = usernameProblem(username) ?? passwordProblem(input.password) ?? (EMAIL_RE.test(email) ? null : "Enter a valid email address");
  if (problem) throw badRequest(problem);
  const taken = await db().user.findFirst({
    where: { OR: [{ username: { equals: username, mode: "insensitive" } }, { email }] },
    select: { username: true },
  });
  if (taken) throw conflict(taken.username.toLowerCase() === username.toLowerCase() ? "That user name is taken" : "That email is already registered");
  try {
    return await db().user.create({
      data: { username, email, passwordHash: await hashPassword(input.password), isAdmin: input.isAdmin ?? false },
      select: publicUser,
    });
  } catch (e) {
    if (isUniqueViolation(e)) throw conflict("That user name or email is taken");
    throw e;
  }
}

/** The user for an email or user name and password, or null. Same answer time whether or not the user exists. */
export async function checkCredentials(login: string, password: string): Promise<PublicUser | null> {
  const key = login.trim();
  const user = await db().user.findFirst({
    // organizations are namespaces, never logins
    where: key.includes("@") ? { email: key.toLowerCase(), isOrg: false } : { username: key, isOrg: false },
    select: { ...publicUser, passwordHash: true, suspendedAt: true },
  });
  const ok = await verifyPassword(user?.passwordHash ?? (await dummyHash()), password);
  if (!user || !ok || user.suspendedAt) return null;
  const { passwordHash: _omit, suspendedAt: _s, ...rest } = user;
  return rest;
}

// Unknown users still cost one real verification, so timing does not reveal who exists.
let dummy: Promise<string> | undefined;
const dummyHash = () => (dummy ??= hashPassword(crypto.randomUUID()));

export async function findUserByUsername(username: string): Promise<PublicUser | null> {
  return db().user.findUnique({ where: { username }, select: publicUser });
}

export async function findUserByLogin(login: string): Promise<PublicUser | null> {
  return db().user.findFirst({ where: login.includes("@") ? { email: login.toLowerCase() } : { username: login }, select: publicUser });
}

export async function listUsers(): Promise<PublicUser[]> {
  return db().user.findMany({ select: publicUser, orderBy: { createdAt: "asc" } });
}

export async function resetPassword(userId: string, password: string): Promise<void> {
  const problem = passwordProblem(password);
  if (problem) throw badRequest(problem);
  // A new password ends every session signed in with the old one.
  await db().user.update({ where: { id: userId }, data: { passwordHash: await hashPassword(password), sessionVersion: { increment: 1 } } });
}

/** A signed-in user's own password change: the current one must be right; every session ends. */
export async function changePassword(userId: string, current: string, next: string): Promise<void> {
  const user = await db().user.findUnique({ where: { id: userId }, select: { passwordHash: true } });
  if (!user || !(await verifyPassword(user.passwordHash, current))) throw badRequest("The current password is not right");
  if (current === next) throw badRequest("Choose a password you do not use now");
  await resetPassword(userId, next);
}

export function usernameFromEmail(email: string): string {
  const base = email.split("@")[0]!.replace(/[^A-Za-z0-9-]+/g, "-").replace(/^-+|-+$/g, "").replace(/--+/g, "-");
  if (base.length < 2) throw badRequest("Cannot derive a user name from that email: pass --username");
  return base.slice(0, 39);
}
