// Sessions are JWTs signed with NEXTAUTH_SECRET: a restart must find the same secret.
import { mkdtemp, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { encode, decode } from "next-auth/jwt";
import { ensureSecret } from "../../scripts/runtime";

describe("auth secret", () => {
  it("is generated once, kept private in the data folder, and reused on the next start", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "secret-"));
    const saved = process.env.NEXTAUTH_SECRET;
    try {
      delete process.env.NEXTAUTH_SECRET;
      await ensureSecret(dir);
      const first = process.env.NEXTAUTH_SECRET!;
      expect(first.length).toBeGreaterThanOrEqual(32);
      expect((await stat(path.join(dir, "auth-secret"))).mode & 0o077).toBe(0);
      const session = await encode({ token: { uid: "u1" }, secret: first });

      delete process.env.NEXTAUTH_SECRET; // "restart"
      await ensureSecret(dir);
      expect(process.env.NEXTAUTH_SECRET).toBe(first);
      expect((await decode({ token: session, secret: process.env.NEXTAUTH_SECRET! }))?.uid).toBe("u1");
    } finally {
      process.env.NEXTAUTH_SECRET = saved;
      await rm(dir, { recursive: true, force: true });
    }
  });
});
