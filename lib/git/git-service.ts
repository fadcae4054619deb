// Smart HTTP for one repo: git's own upload-pack and receive-pack, run statelessly
// against a throwaway bare repository that borrows the repo's cached objects
// (object-cache.ts) and holds its refs as PostgreSQL has them now. A push is
// checked and landed by a pre-receive hook that calls back into this process over a
// private socket (import-push.ts); git reports the outcome to the client.
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { PassThrough, type Readable } from "node:stream";
import zlib from "node:zlib";
import type { Actor } from "../auth/actor";
import { errorFields, log } from "../observability/log";
import type { RepoRow } from "../repos/find-repo";
import { ObjectReader } from "./cat-file";
import { requireGit, spawnGit } from "./git-command";
import { importPush, type RefUpdate } from "./import-push";
import { gitRefs, makeView, syncObjects } from "./object-cache";

export type GitService = "git-upload-pack" | "git-receive-pack";

/** Largest pack a push may send (contents over 10 MiB travel through LFS, not git). */
const MAX_PUSH_BYTES = 2 * 1024 ** 3;

/** The Git-Protocol header, reduced to what git understands (version=2 or nothing). */
export function protocolOf(header: string | undefined): string | undefined {
  return header && /(^|:)version=2(:|$)/.test(header) ? "version=2" : undefined;
}

function pkt(line: string): string {
  return (line.length + 4).toString(16).padStart(4, "0") + line;
}

/** Runs git in a fresh view of the repo; the view goes when git ends. */
async function runInView(
  repo: RepoRow,
  args: (dir: string) => string[],
  opts: { input?: Readable; env?: Record<string, string>; hooks?: (dir: string) => Record<string, string>; prefix?: string; onExit?: () => void },
): Promise<Readable> {
  requireGit();
  const refs = await gitRefs(repo.id);
  const objects = await syncObjects(repo.id, refs);
  const dir = await mkdtemp(path.join(os.tmpdir(), "modelhub-git-"));
  await makeView(dir, objects, refs, { hooks: opts.hooks?.(dir) });
  const child = spawnGit(args(dir), { env: opts.env });
  const out = new PassThrough();
  if (opts.prefix) out.write(opts.prefix);
  child.stdout!.pipe(out);
  let stderr = "";
  child.stderr!.setEncoding("utf8").on("data", (d: string) => (stderr = (stderr + d).slice(-4000)));
  child.stdin!.on("error", () => {});
  if (opts.input) {
    opts.input.on("error", () => child.kill());
    opts.input.pipe(child.stdin!);
  } else child.stdin!.end();
  out.on("close", () => {
    if (child.exitCode === null) child.kill();
  });
  child.on("close", (code) => {
    if (code) log().warn({ repoId: repo.id, command: args(dir).find((a) => a.endsWith("-pack")), code, stderr }, "git: a command failed");
    opts.onExit?.();
    void rm(dir, { recursive: true, force: true });
  });
  child.on("error", (e) => out.destroy(e));
  return out;
}

/** GET info/refs?service=…: the refs and capabilities git starts a fetch or push with. */
export function advertiseRefs(repo: RepoRow, service: GitService, protocol: string | undefined): Promise<Readable> {
  const v2 = service === "git-upload-pack" && protocol === "version=2";
  return runInView(repo, (dir) => [service.slice(4), "--stateless-rpc", "--advertise-refs", dir], {
    env: v2 ? { GIT_PROTOCOL: protocol! } : {},
    // Protocol v0 announces the service first (as git http-backend does); v2 starts with its capabilities.
    prefix: v2 ? undefined : `${pkt(`# service=${service}\n`)}0000`,
  });
}

/** A request body as git sent it (it may gzip it), at most `limit` bytes unpacked. */
export function gitRequestBody(body: Readable, encoding: string | undefined, limit: number): Readable {
  const source = encoding === "gzip" ? body.pipe(zlib.createGunzip()) : body;
  let seen = 0;
  const out = new PassThrough();
  source.on("data", (chunk: Buffer) => {
    seen += chunk.length;
    if (seen > limit) {
      out.destroy(new Error(`the request is larger than ${limit} bytes`));
      body.destroy();
    }
  });
  source.on("error", (e) => out.destroy(e));
  return source.pipe(out);
}

/** POST git-upload-pack: negotiation and the pack, streamed from git. */
export function uploadPack(repo: RepoRow, input: Readable, protocol: string | undefined): Promise<Readable> {
  return runInView(repo, (dir) => ["-c", "uploadpack.allowFilter=true", "-c", "uploadpack.allowReachableSHA1InWant=true", "upload-pack", "--stateless-rpc", dir], {
    input,
    env: protocol ? { GIT_PROTOCOL: protocol } : {},
  });
}

// The hook git runs before it moves any ref: hand the updates and the quarantine to the hub, print its answer.
const HOOK_JS = `
const net = require("net");
let updates = "";
process.stdin.setEncoding("utf8").on("data", (d) => (updates += d)).on("end", () => {
  const env = {};
  for (const k of ["GIT_OBJECT_DIRECTORY", "GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_QUARANTINE_PATH"]) if (process.env[k]) env[k] = process.env[k];
  const sock = net.connect(process.env.MODELHUB_PUSH_SOCKET);
  let answer = "";
  sock.on("connect", () => sock.end(JSON.stringify({ updates, env })));
  sock.setEncoding("utf8").on("data", (d) => (answer += d));
  sock.on("end", () => {
    let r;
    try { r = JSON.parse(answer); } catch { r = { ok: false, messages: ["The hub gave no answer about this push"] }; }
    for (const m of r.messages) process.stderr.write(m + "\\n");
    process.exit(r.ok ? 0 : 1);
  });
  sock.on("error", (e) => { process.stderr.write("The hub could not check this push: " + e.message + "\\n"); process.exit(1); });
});
`;

function parseUpdates(text: string): RefUpdate[] {
  return text
    .split("\n")
    .filter(Boolean)
    .map((line) => {
      const [old, next, ref] = line.split(" ");
      if (!/^[0-9a-f]{40}$/.test(old ?? "") || !/^[0-9a-f]{40}$/.test(next ?? "") || !ref) throw new Error(`unreadable ref update: ${line.slice(0, 100)}`);
      return { old: old!, new: next!, ref };
    });
}

/** POST git-receive-pack: git receives and checks the pack; the hook lands it through importPush. */
export async function receivePack(repo: RepoRow, actor: Actor, input: Readable): Promise<Readable> {
  const socketPath = path.join(os.tmpdir(), `modelhub-push-${randomBytes(8).toString("hex")}.sock`);
  const server = net.createServer({ allowHalfOpen: true }, (sock) => {
    let request = "";
    sock.setEncoding("utf8").on("data", (d: string) => (request += d));
    sock.on("end", () => {
      void (async () => {
        let reader: ObjectReader | null = null;
        try {
          const { updates, env } = JSON.parse(request) as { updates: string; env: Record<string, string> };
          reader = new ObjectReader({ ...env, GIT_DIR: viewDir! });
          const result = await importPush(actor, repo, parseUpdates(updates), reader);
          sock.end(JSON.stringify(result));
        } catch (e) {
          log().error({ repoId: repo.id, ...errorFields(e) }, "git push: import failed");
          sock.end(JSON.stringify({ ok: false, messages: ["The hub could not store this push (an internal error, logged); nothing was changed. Try again."] }));
        } finally {
          reader?.close();
        }
      })();
    });
    sock.on("error", () => {});
  });
  await new Promise<void>((resolve, reject) => server.once("error", reject).listen(socketPath, resolve));
  let viewDir: string | null = null;
  return runInView(
    repo,
    (dir) => {
      viewDir = dir;
      return [
        "-c", "receive.fsckObjects=true",
        "-c", `receive.maxInputSize=${MAX_PUSH_BYTES}`,
        "-c", "receive.denyNonFastForwards=false",
        "-c", "receive.denyDeletes=false",
        "-c", "receive.advertisePushOptions=false",
        "-c", `core.hooksPath=${path.join(dir, "hooks")}`,
        "receive-pack", "--stateless-rpc", dir,
      ];
    },
    {
      input,
      env: { MODELHUB_PUSH_SOCKET: socketPath },
      hooks: () => ({ "pre-receive": `#!/bin/sh\nexec "${process.execPath}" "$(dirname "$0")/pre-receive.cjs"\n`, "pre-receive.cjs": HOOK_JS }),
      onExit: () => server.close(() => void rm(socketPath, { force: true })),
    },
  );
}
