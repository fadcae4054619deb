// Where the end-to-end hub runs: shared by playwright.config.ts and specs that
// need to reach its data folder (hubctl runs against the same database).
import { spawnSync } from "node:child_process";
import os from "node:os";
import path from "node:path";

export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
export const E2E_DATA_DIR = process.env.E2E_DATA_DIR ?? path.join(os.tmpdir(), "modelhub-e2e");
export const E2E_URL = `http://localhost:${E2E_PORT}`;

/** Creates a user on the e2e hub with hubctl (as an operator would) and returns its write token. */
export function createUserWithToken(username: string, password: string, opts: { admin?: boolean } = {}): string {
  const args = ["--import", "tsx", "scripts/hubctl.ts", "user", "create", "--email", `${username}@example.test`, "--username", username, "--password", password, "--token"];
  const r = spawnSync(process.execPath, opts.admin ? [...args, "--admin"] : args, {
    encoding: "utf8",
    env: { ...process.env, MODELHUB_DATA_DIR: E2E_DATA_DIR },
  });
  if (r.status !== 0) throw new Error(`hubctl failed: ${r.stderr}`);
  return r.stdout.trim().split("\n").pop()!;
}

/** Signs in through the form as `username` (clearing any previous session first). */
export async function signInAs(page: import("@playwright/test").Page, username: string, password: string): Promise<void> {
  const { expect } = await import("@playwright/test");
  await page.context().clearCookies();
  await page.goto("/signin");
  await page.getByLabel("Email or user name").fill(username);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("current-user")).toHaveText(username);
}
