// Seeding the demo models: real files and a usable demo section, nothing redone
// on a second start, and a repo left half-made by a crash is completed.
import { describe, expect, it } from "vitest";
import { db } from "../../lib/db/client";
import { seedTfjsDemos } from "../../lib/demo/seed-tfjs-demos";
import { demoConfig } from "../../lib/demo/demo-config";
import { createRepo } from "../../lib/repos/create-repo";
import { findRepo } from "../../lib/repos/find-repo";
import { modelOverview } from "../../lib/repos/model-overview";

describe("demo seeding", () => {
  it("makes each demo once, with a working demo config, and completes a half-made one", { timeout: 60_000 }, async () => {
    const only = ["penguin-species", "car-fuel-economy"];
    // a crash after creating the repo and before its commit left this one empty
    const { createUser } = await import("../../lib/auth/users");
    const owner = (await db().user.findUnique({ where: { username: "modelhub" } })) ?? (await createUser({ username: "modelhub", email: "demo@modelhub.invalid", password: "a-long-password-for-tests" }));
    if (!(await findRepo("modelhub", "car-fuel-economy"))) await createRepo({ owner, name: "car-fuel-economy", private: false, license: "apache-2.0" });

    expect(await seedTfjsDemos(() => {}, only)).toBe(2);
    for (const name of only) {
      const repo = (await findRepo("modelhub", name))!;
      const { revision, files, card } = await modelOverview(repo.id, "main");
      expect(files.map((f) => f.path)).toEqual(expect.arrayContaining(["README.md", "model.json", "weights.bin"]));
      const config = await demoConfig({ repoId: repo.id, owner: "modelhub", repo: name, commitId: revision.commitId, files, data: card?.data });
      expect(config).toMatchObject({ ok: true });
      if (config?.ok) expect(config.spec.examples.length).toBe(2);
    }
    const commits = await db().commit.count();
    expect(await seedTfjsDemos(() => {}, only)).toBe(0); // a second start does nothing
    expect(await db().commit.count()).toBe(commits);
  });
});

describe("demo datasets", () => {
  it("seeds the SpamAssassin splits as CSV and the penguins as Parquet, once, and the viewer reads them", { timeout: 60_000 }, async () => {
    const { seedDemoDatasets } = await import("../../lib/demo/seed-datasets");
    const { datasetView } = await import("../../lib/datasets/dataset-viewer");
    await seedDemoDatasets();
    const spam = (await findRepo("modelhub", "spam-assassin", "dataset"))!;
    const view = await datasetView(spam.id, "main");
    expect(view.splits.map((s) => s.split)).toEqual(["train", "test"]);
    expect(view.shown!.columns).toEqual([{ name: "text", type: "string" }, { name: "label", type: "string" }]);
    expect(new Set(view.shown!.rows.map((r) => r.label))).toEqual(new Set(["spam", "ham"]));
    // 2.8 MB of multi-line quoted emails: the head is read by range and cut inside a quoted field
    expect(view.shown!.totalRows).toBeNull();
    expect(view.shown!.rows).toHaveLength(100);
    const penguins = (await findRepo("modelhub", "palmer-penguins", "dataset"))!;
    const p = (await datasetView(penguins.id, "main")).shown!;
    expect(p.file).toBe("data/train.parquet");
    expect(p.columns.map((c) => c.type)).toEqual(["string", "string", "float64", "float64", "float64", "float64"]);
    expect(p.totalRows).toBeGreaterThan(300);
    expect(await findRepo("modelhub", "spam-assassin")).toBeNull(); // a dataset, not a model
    expect(await seedDemoDatasets()).toBe(0);
  });
});
