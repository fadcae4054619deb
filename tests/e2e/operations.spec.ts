// The hub as an operator runs it: health, readiness and metrics; JSON logs; a
// database outage answered with 503 and Retry-After, then recovery without a
// restart; SIGTERM that lets a download in flight finish; a backup taken while the
// hub serves, restored into an empty data folder and served byte for byte by a new
// hub; and a kill -9 of that hub, after which the next start adopts its database.
import crypto from "node:crypto";
import http from "node:http";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import * as hub from "@huggingface/hub";
import { expect, test } from "./fixtures";
import { createUserWithToken, E2E_DATA_DIR, E2E_PORT, E2E_URL, signInAs } from "./hub-env";
import { alive, e2eDatabaseUrl, hubctl, killAll, postgresPort, startHub, tcpProxy, until } from "./processes";

test.describe.configure({ mode: "serial" });
test.afterAll(killAll);

const id = crypto.randomBytes(3).toString("hex");
const username = `ops-${id}`;
const big = crypto.randomBytes(48 * 1024 * 1024 + 5);
const sha = (b: Buffer) => crypto.createHash("sha256").update(b).digest("hex");
let token = "";

test.beforeAll(async () => {
  token = createUserWithToken(username, "operator password");
  await hub.createRepo({ repo: { type: "model", name: `${username}/served` }, credentials: { accessToken: token }, hubUrl: E2E_URL, license: "mit" });
  await hub.uploadFiles({
    repo: { type: "model", name: `${username}/served` },
    credentials: { accessToken: token },
    hubUrl: E2E_URL,
    useXet: false,
    files: [
      { path: "README.md", content: new Blob(["---\nlicense: mit\n---\n# Served\n"]) },
      { path: "weights.bin", content: new Blob([big]) },
    ],
  });
});

test("health, readiness and metrics for orchestrators and Prometheus", async ({ request }) => {
  const health = await request.get("/healthz");
  expect(health.status()).toBe(200);
  expect(await health.json()).toEqual({ status: "ok" });
  const ready = await request.get("/readyz");
  expect(await ready.json()).toMatchObject({ status: "ready", checks: { database: "ok", blobStore: "ok" } });
  await request.get(`/api/models/${username}/served`);
  const metrics = await (await request.get("/metrics")).text();
  expect(metrics).toMatch(/^http_request_duration_seconds_bucket\{.*route="\/api\/models\/:ns\/:name".*status_class="2xx".*\} \d+/m);
  expect(metrics).toMatch(/^modelhub_workers_alive [1-9]/m); // the hub's in-process worker
  expect(metrics).toMatch(/^modelhub_jobs_queued\{task="/m);
  expect(metrics).toMatch(/^modelhub_blob_operations_total\{driver="disk",op="read"\} \d+/m);
  // from elsewhere (a proxy says so) metrics need METRICS_TOKEN, which this hub has not set
  expect((await request.get("/metrics", { headers: { "X-Forwarded-For": "198.51.100.7" } })).status()).toBe(403);
});

test("everyone sees the storage their namespace uses", async ({ page }) => {
  await signInAs(page, username, "operator password");
  await page.getByTestId("user-menu").locator("summary").click(); // the header keeps account links in the user menu
  await page.getByRole("menuitem", { name: "Storage" }).click();
  const mine = page.getByTestId("storage-use").getByRole("listitem").filter({ hasText: username });
  // the 48 MiB weights and the card, counted once; this hub sets no quota
  await expect(mine).toContainText("48 MB");
  await expect(mine).toContainText("no quota on this hub");
});

test("a second hub logs JSON, answers 503 while PostgreSQL is away, recovers, and drains a download on SIGTERM", async () => {
  test.setTimeout(300_000);
  const proxy = await tcpProxy(postgresPort());
  const b = await startHub(E2E_PORT + 1, { MODELHUB_DATA_DIR: E2E_DATA_DIR, DATABASE_URL: e2eDatabaseUrl("modelhub", proxy.port), SHUTDOWN_GRACE_SECONDS: "30" });
  try {
    const api = `${b.url}/api/models/${username}/served`;
    const ok = await fetch(api);
    expect(ok.status).toBe(200);
    const requestId = ok.headers.get("x-request-id");

    // the database goes away: API and pages say so with 503 and Retry-After; liveness stays green
    proxy.cut();
    const down = await fetch(api);
    expect(down.status).toBe(503);
    expect(down.headers.get("retry-after")).toBe("5");
    expect((await down.json()).error).toMatch(/database is unreachable/);
    const page = await fetch(`${b.url}/models`);
    expect(page.status).toBe(503);
    expect(page.headers.get("retry-after")).toBe("5");
    expect(await page.text()).toMatch(/database/i);
    expect((await fetch(`${b.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${b.url}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ status: "unavailable", failing: ["database"] });
    // it comes back: no restart needed
    proxy.restore();
    await until("the hub to serve again", async () => (await fetch(api)).status === 200, 30_000);
    expect((await fetch(`${b.url}/models`)).status).toBe(200);

    // every line on stdout is a JSON record; requests are logged with their route pattern
    const records = b.lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(records.find((r) => r.requestId === requestId)).toMatchObject({ msg: "request", method: "GET", route: "/api/models/:ns/:name", status: 200 });
    expect(records.some((r) => r.msg === "request" && r.status === 503)).toBe(true);
    expect(b.lines.join("\n")).not.toContain(token);

    // SIGTERM with a 48 MiB download in flight: new connections are refused, the download completes
    const received: Buffer[] = [];
    let response!: http.IncomingMessage;
    await new Promise<void>((resolve, reject) => {
      http.get(`${b.url}/${username}/served/resolve/main/weights.bin`, { agent: false }, (res) => {
        response = res;
        res.once("data", (c: Buffer) => {
          received.push(c);
          res.pause();
          resolve();
        });
      }).on("error", reject);
    });
    b.child.kill("SIGTERM");
    await until("new connections to be refused", async () => fetch(`${b.url}/healthz`).then(() => false, () => true), 10_000);
    const body = new Promise<Buffer>((resolve, reject) => {
      response.on("data", (c: Buffer) => received.push(c));
      response.on("end", () => resolve(Buffer.concat(received)));
      response.on("error", reject);
    });
    response.resume();
    expect(sha(await body)).toBe(sha(big));
    expect(await b.exited).toBe(0);
    expect(JSON.parse(b.lines[b.lines.length - 1]!)).toMatchObject({ msg: "stopped" });
  } finally {
    await proxy.close();
  }
});

test("a backup taken while the hub serves restores into an empty data folder; a hub killed with -9 restarts on it", async () => {
  test.setTimeout(420_000);
  const work = await mkdtemp(path.join(os.tmpdir(), "modelhub-restore-"));
  try {
    const out = path.join(work, "backup");
    hubctl({ MODELHUB_DATA_DIR: E2E_DATA_DIR }, "backup", "--out", out);
    const manifest = JSON.parse(await readFile(path.join(out, "manifest.json"), "utf8")) as { storage: { blobs: number; copied: boolean }; secret: string };
    expect(manifest.storage.copied).toBe(true);
    expect(manifest.secret).toBe("file");

    const restored = path.join(work, "data");
    hubctl({ MODELHUB_DATA_DIR: restored }, "restore", "--from", out);
    // restoring again over it is refused: a restore goes into an empty folder
    expect(() => hubctl({ MODELHUB_DATA_DIR: restored }, "restore", "--from", out)).toThrow(/empty/);

    let c = await startHub(E2E_PORT + 2, { MODELHUB_DATA_DIR: restored });
    const check = async () => {
      const info = await fetch(`${c.url}/api/models/${username}/served`, { headers: { Authorization: `Bearer ${token}` } });
      expect(info.status).toBe(200);
      const file = Buffer.from(await (await fetch(`${c.url}/${username}/served/resolve/main/weights.bin`)).arrayBuffer());
      expect(sha(file)).toBe(sha(big));
      const me = await fetch(`${c.url}/api/whoami-v2`, { headers: { Authorization: `Bearer ${token}` } });
      expect((await me.json()).name).toBe(username); // tokens survive: the same people sign in
    };
    await check();

    // kill -9: the embedded PostgreSQL it started is left running...
    const postmaster = Number((await readFile(path.join(restored, "postgres", "postmaster.pid"), "utf8")).split("\n")[0]);
    c.child.kill("SIGKILL");
    await c.exited;
    expect(alive(postmaster)).toBe(true);
    // ...and the next start adopts it, serves everything, and stops it on SIGTERM
    c = await startHub(E2E_PORT + 2, { MODELHUB_DATA_DIR: restored });
    expect(c.lines.join("\n")).toMatch(/Adopting the embedded PostgreSQL/);
    await check();
    c.child.kill("SIGTERM");
    expect(await c.exited).toBe(0);
    await until("the adopted PostgreSQL to stop", () => !alive(postmaster), 20_000);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
});
