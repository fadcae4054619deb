// The git binary, run for the protocol work it does best (upload-pack, receive-pack,
// pack parsing and writing, fsck of what clients send). Children get a clean
// environment: no configuration of the machine or user, no hub secrets, no prompts.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import os from "node:os";
import { serviceUnavailable } from "../errors";

let found: { path: string; version: string } | null | undefined;

/** The git on PATH and its version, or null when there is none. */
export function gitBinary(): { path: string; version: string } | null {
  if (found !== undefined) return found;
  const r = spawnSync("git", ["--version"], { encoding: "utf8", env: gitEnv() });
  found = r.status === 0 ? { path: "git", version: r.stdout.trim().replace(/^git version /, "") } : null;
  return found;
}

export function requireGit(): void {
  if (!gitBinary()) throw serviceUnavailable("Git over HTTP needs the git program on the hub's server, and it is not installed", 3600);
}

/** What a git child sees: PATH and a neutral locale, nothing from the hub's environment. */
export function gitEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? "/usr/local/bin:/usr/bin:/bin",
    HOME: os.tmpdir(),
    LANG: "C",
    LC_ALL: "C",
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_CONFIG_GLOBAL: "/dev/null",
    GIT_TERMINAL_PROMPT: "0",
    ...extra,
  };
  return env as NodeJS.ProcessEnv;
}

export function spawnGit(args: string[], opts: { env?: Record<string, string>; cwd?: string } = {}): ChildProcess {
  return spawn("git", args, { env: gitEnv(opts.env), cwd: opts.cwd ?? os.tmpdir(), stdio: ["pipe", "pipe", "pipe"] });
}
