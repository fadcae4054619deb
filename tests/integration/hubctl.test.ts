// hubctl as operators run it: a child process against the same database.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { actorFromToken } from "../../lib/auth/tokens";
import { checkCredentials } from "../../lib/auth/users";
import { uniq } from "../setup/factories";

const ROOT = path.resolve(import.meta.dirname, "../..");

function hubctl(...args: string[]) {
  const res = spawnSync(process.execPath, ["--import", "tsx", "scripts/hubctl.ts", ...args], { cwd: ROOT, encoding: "utf8", env: process.env });
  return { code: res.status, out: res.stdout, err: res.stderr };
}

describe("hubctl", () => {
  it("creates a user whose token is the last line of standard output", async () => {
    const name = uniq("ops");
    const r = hubctl("user", "create", "--email", `${name}@example.test`, "--password", "operator password", "--admin", "--token");
    expect(r.code, r.err).toBe(0);
    const lines = r.out.trim().split("\n");
    const token = lines[lines.length - 1]!;
    expect(token).toMatch(/^hf_[A-Za-z0-9]{37}$/);
    const actor = await actorFromToken(token);
    expect(actor).toMatchObject({ username: name, isAdmin: true, tokenRole: "write" });
  });

  it("lists users and resets a password", async () => {
    const name = uniq("ops");
    expect(hubctl("user", "create", "--email", `${name}@example.test`, "--password", "first password").code).toBe(0);
    expect(hubctl("user", "list").out).toContain(`${name}@example.test`);
    const r = hubctl("user", "reset-password", "--email", `${name}@example.test`, "--password", "second password");
    expect(r.code, r.err).toBe(0);
    expect(await checkCredentials(name, "second password")).not.toBeNull();
  });

  it("exits non-zero with a message for bad input", () => {
    const r = hubctl("user", "create", "--email", `${uniq("bad")}@example.test`, "--password", "short");
    expect(r.code).toBe(1);
    expect(r.err).toContain("at least 8");
    expect(hubctl("frobnicate").code).toBe(2);
  });
});
