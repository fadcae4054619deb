// API tokens: "hf_" + 37 random base62 characters (the HF clients require the
// prefix, hub-api.md §1). Only the sha256 is stored; the token is shown once.
import crypto from "node:crypto";
import { db } from "../db/client";
import { badRequest, unauthorized } from "../errors";
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

export async function createToken(userId: string, name: string, role: TokenRole): Promise<{ id: string; token: string }> {
  const clean = name.trim();
  if (!clean || clean.length > 100) throw badRequest("Token names have 1 to 100 characters");
  const token = randomToken();
  const row = await db().accessToken.create({
    data: { userId, name: clean, role, tokenHash: digest(token), hint: token.slice(-4) },
    select: { id: true },
  });
  return { id: row.id, token };
}

/** The actor behind a bearer token; throws 401 for any unknown, malformed or revoked token. */
export async function actorFromToken(token: string): Promise<Actor> {
  if (!TOKEN_RE.test(token)) throw unauthorized("Invalid token");
  const row = await db().accessToken.findUnique({
    where: { tokenHash: digest(token) },
    include: { user: { select: { id: true, username: true, email: true, isAdmin: true } } },
  });
  if (!row || row.revokedAt) throw unauthorized("Invalid token");
  // Cheap "last used" tracking: at most one write per token per minute.
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
    await db().accessToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } });
  }
  return {
    userId: row.user.id,
    username: row.user.username,
    email: row.user.email,
    isAdmin: row.user.isAdmin,
    via: "token",
    tokenRole: row.role,
    tokenName: row.name,
    tokenCreatedAt: row.createdAt,
  };
}
