// Visitors' demo timings: checked reports for the current commit only, medians per
// backend with cached loads apart, and the HTTP endpoint's validation and limits.
import { describe, expect, it } from "vitest";
import { demoTypical, recordDemoRun } from "../../lib/demo/demo-runs";
import { commitText, seedRepo, seedUser } from "../setup/factories";

describe("demo runs", () => {
  it("keep medians per backend for the current commit, cached loads apart", async () => {
    const owner = await seedUser();
    const repo = await seedRepo(owner);
    const { commitId } = await commitText(repo.id, owner, { "model.json": "{}" });
    const run = (backend: "webgl" | "wasm", cached: boolean, loadMs: number, firstMs: number) => recordDemoRun(repo.id, { commit: commitId, backend, cached, loadMs, firstMs });
    await run("webgl", false, 900, 300);
    await run("webgl", false, 1100, 500);
    await run("webgl", true, 40, 400);
    await run("wasm", false, 700, 2000);
    expect(await demoTypical(repo.id, commitId)).toEqual([
      { backend: "webgl", runs: 3, firstMs: 400, loadMs: 1000, cachedLoadMs: 40 },
      { backend: "wasm", runs: 1, firstMs: 2000, loadMs: 700, cachedLoadMs: null },
    ]);
    // a report for an older commit is refused; a new commit starts from nothing
    const { commitId: next } = await commitText(repo.id, owner, { "model.json": '{"v":2}' });
    await expect(run("webgl", false, 1, 1)).rejects.toMatchObject({ status: 409 });
    expect(await demoTypical(repo.id, next)).toEqual([]);
    await expect(recordDemoRun(repo.id, { commit: next, backend: "cpu", cached: false, loadMs: -1, firstMs: 5 })).rejects.toMatchObject({ status: 400 });
    await expect(recordDemoRun(repo.id, { commit: next, backend: "cpu", cached: false, loadMs: 5, firstMs: Number.POSITIVE_INFINITY })).rejects.toMatchObject({ status: 400 });
  });

  // Anonymous reports go through the browser in e2e (demos.spec.ts); here a read token stands in for a visitor.
  it("take reports over HTTP with a read token, validated and rate limited", async () => {
    const { startApiServer } = await import("../setup/api-server");
    const server = await startApiServer();
    const { createToken } = await import("../../lib/auth/tokens");
    const owner = await seedUser();
    const visitor = await seedUser();
    const repo = await seedRepo(owner);
    const { commitId } = await commitText(repo.id, owner, { "model.json": "{}" });
    const { token } = await createToken(visitor.id, "demo", "read");
    const post = (body: unknown) => server.call("POST", `/api/models/${owner.username}/${repo.name}/demo-runs`, { token, json: body });
    const ok = { commit: commitId, backend: "webgl", cached: false, loadMs: 120, firstMs: 80 };
    const res = await post(ok);
    expect(res.status).toBe(200);
    expect(res.headers.get("RateLimit-Limit")).toBeTruthy();
    for (const bad of [{ ...ok, backend: "gpu" }, { ...ok, commit: "abc" }, { ...ok, loadMs: "fast" }, { ...ok, extra: 1 }]) {
      expect((await post(bad)).status).toBe(400);
    }
    await server.close();
    expect((await demoTypical(repo.id, commitId))[0]).toMatchObject({ backend: "webgl", runs: 1 });
  });
});
