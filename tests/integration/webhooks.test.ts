// Webhooks against a real HTTP receiver: signed payloads for repo, discussion and
// pull-request events, retries with backoff until delivered or given up, the
// delivery log, redelivery, sealed secrets, and refusal of internal addresses.
// A database of its own: no other file's queue drain may deliver these jobs.
import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dropIsolatedDatabase, useIsolatedDatabase } from "../setup/isolated-db";
import { resetEnvForTests } from "../../lib/env";

type Received = { headers: http.IncomingHttpHeaders; body: string };
const received: Received[] = [];
let answer = 200;
let server: http.Server;
let url = "";

beforeAll(async () => {
  await useIsolatedDatabase("webhooks");
  server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      received.push({ headers: req.headers, body });
      res.writeHead(answer, { "Content-Type": "text/plain" }).end(answer === 200 ? "ok" : "broken");
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
});

afterAll(async () => {
  server?.close();
  await dropIsolatedDatabase();
});

const SECRET = "a-long-webhook-secret-42";

async function setup(events = ["repo", "discussion", "pr"]) {
  const { seedRepo, seedUser } = await import("../setup/factories");
  const { createWebhook } = await import("../../lib/webhooks/webhooks");
  const { findRepo } = await import("../../lib/repos/find-repo");
  const owner = await seedUser();
  const r = await seedRepo(owner);
  const hook = await createWebhook(r.id, owner.id, { url, secret: SECRET, events });
  return { owner, repo: (await findRepo(owner.username, r.name))!, hook };
}

async function drain() {
  const { drainJobs } = await import("../setup/jobs");
  await drainJobs();
}

/** Makes retries due now (graphile-worker's backoff would wait e^attempts seconds). */
async function retriesDueNow() {
  const { db } = await import("../../lib/db/client");
  await db().$executeRawUnsafe(`UPDATE graphile_worker._private_jobs SET run_at = now() WHERE locked_at IS NULL`);
}

async function deliveries(webhookId: string) {
  const { db } = await import("../../lib/db/client");
  return db().webhookDelivery.findMany({ where: { webhookId }, orderBy: { createdAt: "asc" } });
}

describe("webhooks", () => {
  it("sign every payload with the secret, which is stored sealed", async () => {
    process.env.WEBHOOK_ALLOW_PRIVATE = "1";
    resetEnvForTests();
    const { commitText } = await import("../setup/factories");
    const { openDiscussion } = await import("../../lib/discussions/discussions");
    const { db } = await import("../../lib/db/client");
    const { owner, repo, hook } = await setup();
    const stored = await db().webhook.findUniqueOrThrow({ where: { id: hook.id } });
    expect(stored.secretBox).not.toContain(SECRET);
    received.length = 0;
    const { commitId } = await commitText(repo.id, owner, { "README.md": "# hi\n" });
    await openDiscussion({ userId: owner.id, username: owner.username, email: owner.email, isAdmin: false, via: "session", orgs: [] }, repo, "Hello", "first");
    await drain();
    expect(received).toHaveLength(2);
    for (const r of received) {
      const expected = `sha256=${crypto.createHmac("sha256", SECRET).update(r.body).digest("hex")}`;
      expect(r.headers["x-modelhub-signature-256"]).toBe(expected);
    }
    const byEvent = Object.fromEntries(received.map((r) => [r.headers["x-modelhub-event"], JSON.parse(r.body)]));
    expect(byEvent["repo.content.update"]).toMatchObject({ repo: { name: `${owner.username}/${repo.name}`, type: "model" }, updatedRefs: [{ ref: "refs/heads/main", newSha: commitId }] });
    expect(byEvent["discussion.create"]).toMatchObject({ discussion: { num: 1, title: "Hello", isPullRequest: false } });
    expect((await deliveries(hook.id)).map((d) => [d.status, d.attempts, d.responseStatus])).toEqual([["delivered", 1, 200], ["delivered", 1, 200]]);
  });

  it("retry failed deliveries with backoff, log each attempt, and give up after the last", async () => {
    process.env.WEBHOOK_ALLOW_PRIVATE = "1";
    resetEnvForTests();
    const { commitText } = await import("../setup/factories");
    const { db } = await import("../../lib/db/client");
    const { owner, repo, hook } = await setup(["repo"]);
    answer = 500;
    await commitText(repo.id, owner, { "a.txt": "1" });
    await drain();
    let [d] = await deliveries(hook.id);
    expect(d).toMatchObject({ status: "pending", attempts: 1, responseStatus: 500, error: "HTTP 500", responseBody: "broken" });
    // the retry is scheduled later, not run at once
    const job = await db().$queryRawUnsafe<{ run_at: Date }[]>(`SELECT run_at FROM graphile_worker._private_jobs WHERE payload->>'deliveryId' = '${d!.id}'`);
    expect(job[0]!.run_at.getTime()).toBeGreaterThan(Date.now());
    answer = 200;
    await retriesDueNow();
    await drain();
    [d] = await deliveries(hook.id);
    expect(d).toMatchObject({ status: "delivered", attempts: 2, responseStatus: 200, error: null });

    // a receiver that never recovers: six attempts, then failed
    answer = 503;
    await commitText(repo.id, owner, { "b.txt": "2" });
    for (let i = 0; i < 6; i++) {
      await retriesDueNow();
      await drain();
    }
    const failed = (await deliveries(hook.id))[1]!;
    expect(failed).toMatchObject({ status: "failed", attempts: 6, responseStatus: 503 });
    // redelivery sends the same payload as a new delivery
    answer = 200;
    const { redeliver } = await import("../../lib/webhooks/webhooks");
    const copy = await redeliver(repo.id, failed.id);
    await drain();
    const again = (await deliveries(hook.id)).find((x) => x.id === copy.id)!;
    expect(again).toMatchObject({ status: "delivered", attempts: 1 });
    expect(again.payload).toEqual(failed.payload);
  });

  it("refuse internal targets unless allowed, bad URLs and secrets, and stay quiet when disabled", async () => {
    const { commitText } = await import("../setup/factories");
    const { createWebhook, setWebhookActive } = await import("../../lib/webhooks/webhooks");
    const { owner, repo, hook } = await setup(["repo"]);
    delete process.env.WEBHOOK_ALLOW_PRIVATE;
    resetEnvForTests();
    received.length = 0;
    await commitText(repo.id, owner, { "c.txt": "3" });
    await drain();
    expect(received).toHaveLength(0);
    expect((await deliveries(hook.id))[0]!.error).toMatch(/127\.0\.0\.1.*internal address/);
    for (const bad of [
      { url: "ftp://example.com/x", secret: SECRET, events: ["repo"] },
      { url: "https://user:pw@example.com/x", secret: SECRET, events: ["repo"] },
      { url: "not a url", secret: SECRET, events: ["repo"] },
      { url: "https://example.com/x", secret: "short", events: ["repo"] },
      { url: "https://example.com/x", secret: SECRET, events: ["everything"] },
      { url: "https://example.com/x", secret: SECRET, events: [] },
    ]) {
      await expect(createWebhook(repo.id, owner.id, bad)).rejects.toMatchObject({ status: 400 });
    }
    await setWebhookActive(repo.id, hook.id, false);
    await commitText(repo.id, owner, { "d.txt": "4" });
    expect(await deliveries(hook.id)).toHaveLength(1);
  });

  it("tell pull request events apart", async () => {
    process.env.WEBHOOK_ALLOW_PRIVATE = "1";
    resetEnvForTests();
    const { commitText, seedUser } = await import("../setup/factories");
    const { commitAsPullRequest, mergePullRequest } = await import("../../lib/pulls/pull-requests");
    const { owner, repo, hook } = await setup(["pr"]);
    await commitText(repo.id, owner, { "README.md": "# x\n" });
    const alice = await seedUser();
    const as = (u: { id: string; username: string; email: string }) => ({ userId: u.id, username: u.username, email: u.email, isAdmin: false, via: "session" as const, orgs: [] });
    await commitAsPullRequest(as(alice), repo, "main", { title: "Better card", contentOf: as(alice), operations: [{ op: "put", path: "README.md", content: Buffer.from("# y\n") }] });
    await mergePullRequest(as(owner), repo, 1);
    received.length = 0;
    await drain();
    const events = received.map((r) => r.headers["x-modelhub-event"]);
    expect(events).toContain("discussion.pr.create");
    expect(events).toContain("discussion.pr.merge");
    expect(events.every((e) => String(e).startsWith("discussion.pr"))).toBe(true); // subscribed to pr only
    expect((await deliveries(hook.id)).every((d) => d.status === "delivered")).toBe(true);
  });

  it("deliver to account webhooks what they watch (a repo, a namespace), private repos only while their creator may read them", async () => {
    process.env.WEBHOOK_ALLOW_PRIVATE = "1";
    resetEnvForTests();
    const { actorOf, commitText, seedRepo, seedUser } = await import("../setup/factories");
    const { createAccountWebhook } = await import("../../lib/webhooks/account-webhooks");
    const { setRepoVisibility } = await import("../../lib/repos/manage-repo");
    const owner = await seedUser();
    const watcher = await seedUser();
    const watchedRepo = await seedRepo(owner);
    const other = await seedRepo(owner);
    const unrelated = await seedRepo(watcher);
    const byRepo = await createAccountWebhook(await actorOf(watcher), { url, watched: [{ type: "model", name: `${owner.username}/${watchedRepo.name}` }], domains: ["repo"] });
    const byNamespace = await createAccountWebhook(await actorOf(owner), { url, watched: [{ type: "user", name: owner.username }], domains: ["repo"], secret: SECRET });
    received.length = 0;
    await commitText(watchedRepo.id, owner, { "a.txt": "a" });
    await commitText(other.id, owner, { "b.txt": "b" });
    await commitText(unrelated.id, watcher, { "c.txt": "c" });
    await drain();
    const seen = (hook: string) => received.filter((r) => JSON.parse(r.body).webhook.id === hook).map((r) => JSON.parse(r.body).repo.name).sort();
    expect(seen(byRepo.id)).toEqual([`${owner.username}/${watchedRepo.name}`]);
    expect(seen(byNamespace.id)).toEqual([`${owner.username}/${other.name}`, `${owner.username}/${watchedRepo.name}`].sort());
    // unsigned when made without a secret, signed with it otherwise
    const first = received.find((r) => JSON.parse(r.body).webhook.id === byRepo.id)!;
    expect(first.headers["x-modelhub-signature-256"]).toBeUndefined();
    const signed = received.find((r) => JSON.parse(r.body).webhook.id === byNamespace.id)!;
    expect(signed.headers["x-modelhub-signature-256"]).toBe(`sha256=${crypto.createHmac("sha256", SECRET).update(signed.body).digest("hex")}`);

    // the watched repo goes private: the outsider's webhook hears nothing more, the owner's still does
    await setRepoVisibility(watchedRepo.id, true);
    received.length = 0;
    await commitText(watchedRepo.id, owner, { "d.txt": "d" });
    await drain();
    expect(seen(byRepo.id)).toEqual([]);
    expect(seen(byNamespace.id).length).toBeGreaterThan(0);
  });
});
