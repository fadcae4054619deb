// The official Python client (huggingface_hub, vendored unmodified in tests/vendor/python)
// against the hub over real HTTP: each scenario of tests/python/client_calls.py runs in
// its own Python process and must print "ok <scenario>".
import { spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createToken } from "../../lib/auth/tokens";
import { startApiServer, type ApiServer } from "../setup/api-server";
import { db } from "../../lib/db/client";
import { runBlobScan } from "../../lib/scan/run-blob-scan";
import { commitText, seedRepo, seedUser } from "../setup/factories";
import { dropIsolatedDatabase, useIsolatedDatabase } from "../setup/isolated-db";
import { startWorker, type RunningWorker } from "../../lib/worker/start-worker";

const ROOT = path.resolve(import.meta.dirname, "../..");
const SCENARIOS = ["datasets", "profiles", "discussions", "pull_requests", "likes", "access_requests", "tags_and_listing", "duplicate_and_squash", "security_status", "refusals", "cli", "move", "webhooks"];

let server: ApiServer;
let worker: RunningWorker;
let home: string;
let env: Record<string, string>;

beforeAll(async () => {
  // a worker of its own, as the hub runs one: catalogue facets and webhooks are its jobs
  await useIsolatedDatabase("pyclient");
  server = await startApiServer();
  worker = await startWorker({ concurrency: 2, capabilities: { cpu: { cores: 2, model: "test" }, gpu: null } });
  home = await mkdtemp(path.join(os.tmpdir(), "hf-home-"));
  const owner = await seedUser();
  // a repo whose scans have run: a pickle that calls os.system beside a harmless config
  const scanned = await seedRepo(owner);
  await commitText(scanned.id, owner, { "model.pkl": Buffer.from("\x80\x02cos\nsystem\nX\x02\x00\x00\x00ls\x85R.", "latin1"), "config.json": "{}\n" });
  for (const b of await db().blob.findMany({ where: { scanStatus: "queued" }, select: { sha256: true } })) await runBlobScan(b.sha256);
  env = {
    SCANNED_REPO: `${scanned.owner}/${scanned.name}`,
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    PYTHONPATH: path.join(ROOT, "tests/vendor/python"),
    PYTHONDONTWRITEBYTECODE: "1",
    HF_ENDPOINT: server.url,
    HF_HUB_DISABLE_XET: "1",
    HF_HUB_DISABLE_TELEMETRY: "1",
    HF_HUB_DISABLE_PROGRESS_BARS: "1",
    HF_HOME: home,
  };
});
afterAll(async () => {
  await worker.stop(1000);
  await server.close();
  await dropIsolatedDatabase();
  await rm(home, { recursive: true, force: true });
});

/** Each scenario as two fresh users (the owner's HF_TOKEN, HF_TOKEN_OTHER), as people would be: per-user limits stay theirs. */
async function python(args: string[]): Promise<{ code: number; out: string }> {
  const [owner, other] = [await seedUser(), await seedUser()];
  const runEnv: Record<string, string> = { ...env, HF_TOKEN: (await createToken(owner.id, "py", "write")).token, HF_TOKEN_OTHER: (await createToken(other.id, "py", "write")).token };
  return new Promise((resolve, reject) => {
    const child = spawn("/usr/bin/python3", args, { cwd: ROOT, env: runEnv as NodeJS.ProcessEnv });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (out += d.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? -1, out }));
  });
}

describe("huggingface_hub against the hub", () => {
  it.each(SCENARIOS)("%s", { timeout: 60_000 }, async (scenario) => {
    const r = await python(["tests/python/client_calls.py", scenario]);
    expect(r.out.trim().split("\n").at(-1), r.out).toBe(`ok ${scenario}`);
    expect(r.code).toBe(0);
  });
});
