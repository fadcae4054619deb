// Real worker processes sharing one database: capabilities, a worker killed in
// the middle of a fine-tune (the job is retried by another and publishes
// exactly one model), and cancelling a running job. This file gets a database
// of its own so no other test's queue drain can take its jobs.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dropIsolatedDatabase, useIsolatedDatabase } from "../setup/isolated-db";

const ROOT = path.resolve(import.meta.dirname, "../..");
const children: ChildProcess[] = [];

beforeAll(async () => {
  await useIsolatedDatabase("workers");
});

afterAll(async () => {
  for (const c of children) c.kill("SIGKILL");
  await dropIsolatedDatabase();
});

function startWorkerProcess(): ChildProcess {
  const child = spawn(process.execPath, ["--import", "tsx", "workers/main.ts"], {
    cwd: ROOT,
    env: { ...process.env, WORKER_HEARTBEAT_MS: "500", WORKER_DEAD_AFTER_MS: "2500", WORKER_CONCURRENCY: "1", MODELHUB_GPU: "0", SHUTDOWN_GRACE_SECONDS: "20" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  children.push(child);
  return child;
}

async function until<T>(what: string, fn: () => Promise<T | null | undefined | false>, timeoutMs = 90_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** A user with a TF.js text model to fine-tune. */
async function textBaseRepo() {
  const { commitText, seedRepo, seedUser } = await import("../setup/factories");
  const { textBaseFiles } = await import("../setup/tfjs-models");
  const user = await seedUser();
  const repo = await seedRepo(user);
  await commitText(repo.id, user, await textBaseFiles());
  return { user, repo, actor: { userId: user.id, username: user.username, email: user.email, isAdmin: false, via: "session" as const } };
}

describe("workers", () => {
  it("survive a worker killed mid-job: the job is retried elsewhere and publishes exactly one model", { timeout: 120_000 }, async () => {
    const { db } = await import("../../lib/db/client");
    const { submitFineTune } = await import("../../lib/finetune/jobs");
    const { sentimentCsv } = await import("../setup/tfjs-models");
    const { user, repo, actor } = await textBaseRepo();

    const first = startWorkerProcess();
    const w = await until("the first worker to register", async () => (await db().worker.findFirst({ where: { queueIds: { isEmpty: false } } })) ?? null);
    expect(w.capabilities).toMatchObject({ cpu: { cores: expect.any(Number) }, gpu: null });

    const job = await submitFineTune({
      actor, base: `${user.username}/${repo.name}`, task: "text-classification", dataset: { name: "d.csv", bytes: sentimentCsv(400) },
      params: { epochs: 60, learningRate: 0.05, batchSize: 4, validationSplit: 0.1, seed: 5 }, hardware: "cpu", outputName: "survivor", outputPrivate: false,
    });
    await until("training to start", async () => (await db().jobEvent.count({ where: { jobId: job.id, kind: "epoch" } })) >= 2);
    first.kill("SIGKILL");
    startWorkerProcess();
    const done = await until("the job to finish on the second worker", async () => {
      const j = await db().fineTuneJob.findUniqueOrThrow({ where: { id: job.id } });
      return ["succeeded", "failed"].includes(j.status) ? j : null;
    });
    expect(done.error).toBeNull();
    expect(done.status).toBe("succeeded");
    expect(done.attempts).toBe(2);
    const outputs = await db().repo.findMany({ where: { sourceJobId: job.id } });
    expect(outputs).toHaveLength(1);
    const commits = await db().$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM "Commit" WHERE title LIKE ${`%(job ${job.id})`}`;
    expect(Number(commits[0]!.n)).toBe(1);
    const statuses = (await db().jobEvent.findMany({ where: { jobId: job.id, kind: "status" }, orderBy: { id: "asc" } })).map((e) => (e.data as { status: string }).status);
    expect(statuses).toEqual(["running", "running", "succeeded"]);
  });

  it("cancels a running job within seconds", async () => {
    const { db } = await import("../../lib/db/client");
    const { cancelJob, submitFineTune } = await import("../../lib/finetune/jobs");
    const { sentimentCsv } = await import("../setup/tfjs-models");
    const { user, repo, actor } = await textBaseRepo();
    const job = await submitFineTune({
      actor, base: `${user.username}/${repo.name}`, task: "text-classification", dataset: { name: "d.csv", bytes: sentimentCsv(400) },
      params: { epochs: 500, batchSize: 2 }, hardware: "cpu", outputName: "never", outputPrivate: false,
    });
    await until("training to start", async () => (await db().jobEvent.count({ where: { jobId: job.id, kind: "epoch" } })) >= 1);
    await cancelJob(actor, job.id);
    const done = await until("the job to stop", async () => {
      const j = await db().fineTuneJob.findUniqueOrThrow({ where: { id: job.id } });
      return j.status === "cancelled" ? j : null;
    }, 20_000);
    expect(done.outputRepoId).toBeNull();
    expect(await db().repo.count({ where: { sourceJobId: job.id } })).toBe(0);
  });

  it("hand a running job back on SIGTERM, exit cleanly, and leave the job to another worker", { timeout: 120_000 }, async () => {
    const { db } = await import("../../lib/db/client");
    const { cancelJob, submitFineTune } = await import("../../lib/finetune/jobs");
    const { sentimentCsv } = await import("../setup/tfjs-models");
    const { user, repo, actor } = await textBaseRepo();
    startWorkerProcess();
    const job = await submitFineTune({
      actor, base: `${user.username}/${repo.name}`, task: "text-classification", dataset: { name: "d.csv", bytes: sentimentCsv(400) },
      params: { epochs: 500, batchSize: 2 }, hardware: "cpu", outputName: "handed-back", outputPrivate: false,
    });
    const running = await until("training to start", async () => {
      const j = await db().fineTuneJob.findUniqueOrThrow({ where: { id: job.id } });
      return j.workerId && (await db().jobEvent.count({ where: { jobId: job.id, kind: "epoch" } })) >= 1 ? j : null;
    });
    const holder = children.find((c) => running.workerId!.includes(`-${c.pid}-`))!;
    expect(holder).toBeDefined();
    const exited = new Promise<number | null>((resolve) => holder.once("exit", (code) => resolve(code)));
    const signalled = Date.now();
    holder.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(Date.now() - signalled).toBeLessThan(20_000); // a safe point came well before the grace period ended
    expect(await db().worker.count({ where: { id: running.workerId! } })).toBe(0);
    const log = (await db().jobEvent.findMany({ where: { jobId: job.id, kind: "log" } })).map((e) => (e.data as { line: string }).line);
    expect(log.some((l) => /handed back to the queue/.test(l))).toBe(true);
    startWorkerProcess();
    await until("another worker to take the job", async () => {
      const j = await db().fineTuneJob.findUniqueOrThrow({ where: { id: job.id } });
      return j.status === "running" && j.workerId !== running.workerId;
    });
    await cancelJob(actor, job.id);
    await until("the job to stop", async () => (await db().fineTuneJob.findUniqueOrThrow({ where: { id: job.id } })).status === "cancelled");
  });

  it("leave gpu jobs to workers that have a GPU", async () => {
    const { db } = await import("../../lib/db/client");
    const { enqueueJob } = await import("../../lib/jobs/queue");
    await enqueueJob("analyze-revision", { repoId: "gpu-only" }, { flags: ["gpu"] });
    await new Promise((r) => setTimeout(r, 3000)); // CPU workers are running and polling
    const waiting = await db().$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM graphile_worker.jobs WHERE task_identifier = 'analyze-revision' AND attempts = 0 AND locked_by IS NULL`;
    expect(Number(waiting[0]!.n)).toBe(1);
  });
});
