// Beyond one machine: two hub processes and two workers against one PostgreSQL and
// one S3 server (s3rver). A commit through one hub is visible through the other at
// once (API, /resolve, search, pages); a webhook fires once; a fine-tune survives the
// loss of its worker; a hub process restarts without losing anything.
import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import * as hub from "@huggingface/hub";
import { expect, test } from "./fixtures";
import pg from "pg";
import S3rver from "s3rver";
import { CreateBucketCommand, S3Client } from "@aws-sdk/client-s3";
import { sentimentCsv, textBaseFiles } from "../setup/tfjs-models";
import { E2E_PORT } from "./hub-env";
import { e2eDatabaseUrl, hubctl, killAll, startHub, startWorker, until, type Proc } from "./processes";

test.describe.configure({ mode: "serial" });

const id = crypto.randomBytes(3).toString("hex");
const database = `modelhub_scale_${id}`;
const username = `scale-${id}`;
let tmp = "";
let s3: S3rver;
let env: Record<string, string> = {};
let hubA: Proc;
let hubB: Proc;
const workers: Proc[] = [];
let token = "";
const sha = (b: Buffer | Uint8Array) => crypto.createHash("sha256").update(b).digest("hex");
const dataDir = (name: string) => ({ MODELHUB_DATA_DIR: path.join(tmp, name) });

test.beforeAll(async () => {
  test.setTimeout(420_000);
  tmp = await mkdtemp(path.join(os.tmpdir(), "modelhub-scale-"));
  s3 = new S3rver({ port: 0, address: "127.0.0.1", silent: true, directory: path.join(tmp, "s3") });
  const { port } = (await s3.run()) as AddressInfo;
  const admin = new pg.Client({ connectionString: e2eDatabaseUrl() });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  await admin.end();
  env = {
    DATABASE_URL: e2eDatabaseUrl(database),
    S3_BUCKET: "modelhub",
    S3_ENDPOINT: `http://127.0.0.1:${port}`,
    S3_ACCESS_KEY_ID: "S3RVER",
    S3_SECRET_ACCESS_KEY: "S3RVER",
    NEXTAUTH_SECRET: crypto.randomBytes(32).toString("base64url"),
    WEBHOOK_ALLOW_PRIVATE: "1",
    WORKER_HEARTBEAT_MS: "500",
    WORKER_DEAD_AFTER_MS: "3000",
    WORKER_CONCURRENCY: "1",
  };
  await new S3Client({ region: "us-east-1", endpoint: env.S3_ENDPOINT, forcePathStyle: true, credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" } }).send(
    new CreateBucketCommand({ Bucket: "modelhub" }),
  );
  // Everything starts at once, as an orchestrator would start it: migrations are taken in turn.
  [hubA, hubB] = await Promise.all([startHub(E2E_PORT + 3, { ...env, ...dataDir("a") }), startHub(E2E_PORT + 4, { ...env, ...dataDir("b") })]);
  workers.push(startWorker({ ...env, ...dataDir("w1") }), startWorker({ ...env, ...dataDir("w2") }));
  token = hubctl({ ...env, ...dataDir("ctl") }, "user", "create", "--email", `${username}@example.test`, "--username", username, "--password", "scale password", "--token");
});

test.afterAll(async () => {
  killAll();
  await s3?.close().catch(() => {});
  const admin = new pg.Client({ connectionString: e2eDatabaseUrl() });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await admin.end();
  await rm(tmp, { recursive: true, force: true });
});

const credentials = () => ({ accessToken: token });

test("a commit through one hub is visible through the other at once: API, /resolve, search and pages", async () => {
  const word = `zebrafish${id}`;
  const repo = { type: "model" as const, name: `${username}/shared` };
  const weights = crypto.randomBytes(12 * 1024 * 1024 + 3); // LFS: straight to the bucket
  await hub.createRepo({ repo, credentials: credentials(), hubUrl: hubA.url, license: "mit" });
  await hub.uploadFiles({
    repo, credentials: credentials(), hubUrl: hubA.url, useXet: false,
    files: [
      { path: "README.md", content: new Blob([`---\nlicense: mit\ntags: [${word}]\n---\n# The ${word} model\n`]) },
      { path: "config.json", content: new Blob(['{"hidden": 8}']) },
      { path: "weights.bin", content: new Blob([weights]) },
    ],
  });
  const info = await (await fetch(`${hubB.url}/api/models/${repo.name}`)).json();
  expect(info.siblings.map((s: { rfilename: string }) => s.rfilename).sort()).toEqual([".gitattributes", "README.md", "config.json", "weights.bin"]);
  expect(await (await fetch(`${hubB.url}/${repo.name}/resolve/main/config.json`)).text()).toBe('{"hidden": 8}');
  const redirect = await fetch(`${hubB.url}/${repo.name}/resolve/main/weights.bin`, { redirect: "manual" });
  expect(redirect.status).toBe(302);
  expect(sha(Buffer.from(await (await fetch(redirect.headers.get("location")!)).arrayBuffer()))).toBe(sha(weights));
  // the other hub's search index has the new repo at once (it reads the change log before answering)...
  const byName = await (await fetch(`${hubB.url}/api/models?search=${username}`)).json();
  expect(byName.map((m: { id: string }) => m.id)).toEqual([repo.name]);
  // ...and its card's words once a worker has analysed the commit
  await until("the card's words to be searchable through the other hub", async () => {
    const found = await (await fetch(`${hubB.url}/api/models?search=${word}`)).json();
    return found.length === 1 && found[0].id === repo.name;
  }, 30_000);
  const page = await fetch(`${hubB.url}/${repo.name}`);
  expect(page.status).toBe(200);
  expect(await page.text()).toContain(`The ${word} model`);
});

test("a webhook fires once, whichever worker takes it", async () => {
  const deliveries: { event: string; body: unknown }[] = [];
  const receiver = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      deliveries.push({ event: String(req.headers["x-webhook-event"] ?? ""), body: JSON.parse(body) });
      res.writeHead(200).end("ok");
    });
  });
  await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
  try {
    const target = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
    const created = await fetch(`${hubA.url}/api/models/${username}/shared/webhooks`, {
      method: "POST",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
      body: JSON.stringify({ url: target, secret: "a shared secret of some length", events: ["repo"] }),
    });
    expect(created.status).toBe(201);
    await hub.uploadFile({ repo: { type: "model", name: `${username}/shared` }, credentials: credentials(), hubUrl: hubB.url, file: { path: "notes.md", content: new Blob(["# notes\n"]) } });
    await until("the delivery", () => deliveries.length >= 1, 30_000);
    await new Promise((r) => setTimeout(r, 4000)); // both workers poll every two seconds
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0]!.body).toMatchObject({ event: { action: "update", scope: "repo.content" }, repo: { name: `${username}/shared` } });
  } finally {
    receiver.close();
  }
});

test("a fine-tune survives the loss of its worker and publishes exactly one model", async () => {
  test.setTimeout(300_000);
  const base = { type: "model" as const, name: `${username}/text-base` };
  await hub.createRepo({ repo: base, credentials: credentials(), hubUrl: hubA.url, license: "mit" });
  await hub.uploadFiles({ repo: base, credentials: credentials(), hubUrl: hubA.url, useXet: false, files: Object.entries(await textBaseFiles()).map(([p, b]) => ({ path: p, content: new Blob([new Uint8Array(b)]) })) });
  const form = new FormData();
  for (const [k, v] of Object.entries({ base: base.name, task: "text-classification", epochs: "60", learningRate: "0.05", batchSize: "4", outputName: "survivor", hardware: "cpu" })) form.set(k, v);
  form.set("dataset", new Blob([new Uint8Array(sentimentCsv(400))]), "reviews.csv");
  const submitted = await fetch(`${hubA.url}/api/fine-tunes`, { method: "POST", headers: { Authorization: `Bearer ${token}` }, body: form });
  expect(submitted.status, await submitted.clone().text()).toBe(201);
  const { id: jobId } = await submitted.json();

  const db = new pg.Client({ connectionString: env.DATABASE_URL });
  await db.connect();
  try {
    const holder = await until("training to start", async () => {
      const { rows } = await db.query(`SELECT "workerId" FROM "FineTuneJob" WHERE id = $1 AND status = 'running'`, [jobId]);
      const epochs = (await db.query(`SELECT count(*)::int AS n FROM "JobEvent" WHERE "jobId" = $1 AND kind = 'epoch'`, [jobId])).rows[0].n;
      return rows[0]?.workerId && epochs >= 2 ? (rows[0].workerId as string) : null;
    }, 120_000);
    const victim = workers.find((w) => holder.includes(`-${w.child.pid}-`))!;
    expect(victim).toBeDefined();
    victim.child.kill("SIGKILL");
    const done = await until("the job to finish on the other worker", async () => {
      const r = await fetch(`${hubB.url}/api/fine-tunes`, { headers: { Authorization: `Bearer ${token}` } });
      const job = ((await r.json()) as { id: string; status: string; attempts: number; error: string | null }[]).find((j) => j.id === jobId)!;
      return ["succeeded", "failed"].includes(job.status) ? job : null;
    }, 240_000);
    expect(done).toMatchObject({ status: "succeeded", attempts: 2, error: null });
    const outputs = (await db.query(`SELECT count(*)::int AS n FROM "Repo" WHERE "sourceJobId" = $1`, [jobId])).rows[0].n;
    expect(outputs).toBe(1);
    expect((await fetch(`${hubB.url}/api/models/${username}/survivor`)).status).toBe(200);
  } finally {
    await db.end();
  }
});

test("a hub process restarts without losing anything while the other keeps serving", async () => {
  test.setTimeout(300_000);
  const before = await (await fetch(`${hubA.url}/api/models?author=${username}`)).json();
  hubA.child.kill("SIGTERM");
  expect(await hubA.exited).toBe(0);
  expect((await fetch(`${hubB.url}/api/models/${username}/shared`)).status).toBe(200);
  hubA = await startHub(E2E_PORT + 3, { ...env, ...dataDir("a") });
  const after = await (await fetch(`${hubA.url}/api/models?author=${username}`)).json();
  expect(after.map((m: { id: string }) => m.id).sort()).toEqual(before.map((m: { id: string }) => m.id).sort());
  expect(await (await fetch(`${hubA.url}/${username}/shared/resolve/main/notes.md`)).text()).toBe("# notes\n");
});
