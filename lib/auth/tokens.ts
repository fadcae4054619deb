// API tokens: "hf_" + 37 random base62 characters (the HF clients require the
// prefix, hub-api.md §1). Only the sha256 is stored; the token is shown once.
import { withMemberships } from "./memberships";
import crypto from "node:crypto";
import { db } from "../db/client";
import { badRequest, forbidden, notFound, unauthorized } from "../errors";
import type { Actor } from "./actor";

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const TOKEN_RE = /^hf_[A-Za-z0-9]{37}$/;

function randomToken(): string {
  const bytes = crypto.randomBytes(64);
  let out = "hf_";
  for (const b of bytes) {
    if (b < 248) out += ALPHABET[b % 62]; // 248 = 4*62: no modulo bias
    if (out.length === 40) return out;
  }
  return randomToken();
}

const digest = (token: string) => crypto.createHash("sha256").update(token).digest("hex");

export type TokenRole = "read" | "write";

export async function createToken(userId: string, name: string, role: TokenRole, repoId?: string | null): Promise<{ id: string; token: string }> {
  const clean = name.trim();
  if (!clean || clean.length > 100) throw badRequest("Token names have 1 to 100 characters");
  if (role !== "read" && role !== "write") throw badRequest("A token's role is read or write");
  if (repoId && !(await db().repo.findFirst({ where: { id: repoId, ownerId: userId }, select: { id: true } }))) {
    throw badRequest("A token can only be scoped to one of your own repositories");
  }
  const token = randomToken();
  const row = await db().accessToken.create({
    data: { userId, name: clean, role, tokenHash: digest(token), hint: token.slice(-4), repoId: repoId || null },
    select: { id: true },
  });
  return { id: row.id, token };
}

export type TokenSummary = {
  id: string;
  name: string;
  role: TokenRole;
  hint: string;
  repo: string | null;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
};

export async function listTokens(userId: string): Promise<TokenSummary[]> {
  const rows = await db().accessToken.findMany({
    where: { userId },
    orderBy: { createdAt: "desc" },
    include: { repo: { select: { name: true, owner: { select: { username: true } } } } },
  });
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    role: r.role,
    hint: r.hint,
    repo: r.repo ? `${r.repo.owner.username}/${r.repo.name}` : null,
    createdAt: r.createdAt,
    lastUsedAt: r.lastUsedAt,
    revokedAt: r.revokedAt,
  }));
}

/** Revokes one of the user's tokens; someone else's token id is "not found". */
export async function revokeToken(userId: string, tokenId: string): Promise<void> {
  const { count } = await db().accessToken.updateMany({ where: { id: tokenId, userId, revokedAt: null }, data: { revokedAt: new Date() } });
  if (!count) throw notFound("No such active token");
}

/** The actor behind a bearer token; throws 401 for any unknown, malformed or revoked token. */
export async function actorFromToken(token: string): Promise<Actor> {
  if (!TOKEN_RE.test(token)) throw unauthorized("Invalid token");
  const row = await db().accessToken.findUnique({
    where: { tokenHash: digest(token) },
    include: { user: { select: { id: true, username: true, email: true, isAdmin: true, suspendedAt: true } } },
  });
  if (!row || row.revokedAt) throw unauthorized("Invalid token");
  if (row.user.suspendedAt) throw forbidden("This account is suspended");
  // Cheap "last used" tracking: at most one write per token per minute.
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
    await db().accessToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } });
  }
  return withMemberships<Actor>({
    userId: row.user.id,
    username: row.user.username,
    email: row.user.email,
    isAdmin: row.user.isAdmin,
    via: "token",
    tokenRole: row.role,
    tokenName: row.name,
    tokenCreatedAt: row.createdAt,
    tokenRepoId: row.repoId,
  });
}
