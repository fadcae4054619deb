// Password hashing with argon2id (@node-rs/argon2, prebuilt, no install scripts).
import { hash, verify } from "@node-rs/argon2";

export const MIN_PASSWORD = 8;
export const MAX_PASSWORD = 1024;

export function passwordProblem(pw: string): string | null {
  if (pw.length < MIN_PASSWORD) return `Passwords have at least ${MIN_PASSWORD} characters`;
  if (pw.length > MAX_PASSWORD) return `Passwords have at most ${MAX_PASSWORD} characters`;
  return null;
}

export function hashPassword(pw: string): Promise<string> {
  return hash(pw, { memoryCost: 19456, timeCost: 2, parallelism: 1 });
}

export async function verifyPassword(stored: string, pw: string): Promise<boolean> {
  if (pw.length > MAX_PASSWORD) return false;
  return verify(stored, pw).catch(() => false);
}
