// Fine-tuning end to end on the queue: submit checks, training with TF.js on
// the CPU backend, one published output with card and recipe, re-runs that
// reproduce the weights, cancellation, limits, hostile archives.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dropIsolatedDatabase, useIsolatedDatabase } from "../setup/isolated-db";
import { db } from "../../lib/db/client";
import { cancelJob, rerunRecipe, safeDatasetName, submitFineTune } from "../../lib/finetune/jobs";
import { readImageDataset } from "../../lib/finetune/image-dataset";
import { parseTextDataset } from "../../lib/finetune/text-dataset";
import { recipeSchema } from "../../lib/finetune/recipe";
import { createRepo } from "../../lib/repos/create-repo";
import { findRepo } from "../../lib/repos/find-repo";
import { setGating } from "../../lib/gating/access";
import { fileAt } from "../../lib/repos/read-files";
import { readBlobText } from "../../lib/repos/read-blob";
import type { Actor } from "../../lib/auth/actor";
import { commitText, seedRepo, seedUser } from "../setup/factories";
import { drainJobs } from "../setup/jobs";
import { zip } from "../setup/zip-writer";
import { colorZip, imageBaseFiles, png, sentimentCsv, textBaseFiles } from "../setup/tfjs-models";
import { resetEnvForTests } from "../../lib/env";

// Its own database: another file's queue drain must not run these fine-tunes.
beforeAll(async () => {
  await useIsolatedDatabase("finetune");
});
afterAll(dropIsolatedDatabase);

const actorOf = (u: { id: string; username: string; email: string }): Actor => ({ userId: u.id, username: u.username, email: u.email, isAdmin: false, via: "session" });

async function textBase(license = "apache-2.0") {
  const user = await seedUser();
  const repo = await seedRepo(user);
  await db().repo.update({ where: { id: repo.id }, data: { license } });
  await commitText(repo.id, user, await textBaseFiles());
  return { user, repo, id: `${user.username}/${repo.name}` };
}

const text = async (path: string, repoId: string) => {
  const f = await fileAt(repoId, "main", path);
  return (await readBlobText(f.sha256, f.size, 1 << 24))!;
};

describe("fine-tuning", () => {
  it("trains a text classifier, publishes one model with its card and recipe, and a re-run reproduces it", async () => {
    const base = await textBase();
    const me = await seedUser();
    const job = await submitFineTune({
      actor: actorOf(me), base: base.id, task: "text-classification", dataset: { name: "reviews.csv", bytes: sentimentCsv() },
      params: { epochs: 30, learningRate: 0.1, batchSize: 8, validationSplit: 0.25, seed: 3 }, hardware: "cpu", outputName: "sentiment", outputPrivate: false,
    });
    expect(job.status).toBe("queued");
    await drainJobs();
    const done = await db().fineTuneJob.findUniqueOrThrow({ where: { id: job.id } });
    expect(done.error).toBeNull();
    expect(done.status).toBe("succeeded");
    expect((done.metrics as { acc: number }).acc).toBeGreaterThan(0.9);
    const events = await db().jobEvent.findMany({ where: { jobId: job.id }, orderBy: { id: "asc" } });
    expect(events.filter((e) => e.kind === "epoch")).toHaveLength(30);
    expect(events.some((e) => e.kind === "log" && /backend: cpu/.test((e.data as { line: string }).line))).toBe(true);

    const out = await db().repo.findUniqueOrThrow({ where: { id: done.outputRepoId! } });
    expect(out.sourceJobId).toBe(job.id);
    const card = await text("README.md", out.id);
    expect(card).toContain(`base_model: "${base.id}"`);
    expect(card).toContain(`base_commit: ${job.baseCommit}`);
    expect(card).toContain(`dataset_sha256: ${job.datasetSha256}`);
    expect(card).toContain("license: apache-2.0");
    expect(card).toMatch(/Base model license:\*\* Apache License 2.0/);
    const recipe = recipeSchema.parse(JSON.parse(await text("recipe.json", out.id)));
    expect(recipe).toMatchObject({ base: { id: base.id, commit: job.baseCommit }, params: { epochs: 30, seed: 3 } });
    expect(JSON.parse(await text("labels.json", out.id))).toEqual(["negative", "positive"]);

    const again = await rerunRecipe(actorOf(me), recipe, { jobId: job.id }, "sentiment-again", false);
    await drainJobs();
    const rerun = await db().fineTuneJob.findUniqueOrThrow({ where: { id: again.id } });
    expect(rerun.status).toBe("succeeded");
    const [w1, w2] = await Promise.all([fileAt(out.id, "main", "weights.bin"), fileAt(rerun.outputRepoId!, "main", "weights.bin")]);
    expect(w2.sha256).toBe(w1.sha256); // same base commit, dataset, params and seed: same weights
    expect(await db().repo.count({ where: { sourceJobId: { in: [job.id, again.id] } } })).toBe(2);
  });

  it("trains an image classifier from a zip of class folders, with the top base layer unfrozen", async () => {
    const user = await seedUser();
    const repo = await seedRepo(user);
    await commitText(repo.id, user, await imageBaseFiles());
    const job = await submitFineTune({
      actor: actorOf(user), base: `${user.username}/${repo.name}`, task: "image-classification", dataset: { name: "colors.zip", bytes: colorZip() },
      params: { epochs: 15, learningRate: 0.1, batchSize: 4, validationSplit: 0, seed: 1, unfreeze: 1 }, hardware: "cpu", outputName: "colors", outputPrivate: true,
    });
    await drainJobs();
    const done = await db().fineTuneJob.findUniqueOrThrow({ where: { id: job.id } });
    expect(done.error).toBeNull();
    expect(done.status).toBe("succeeded");
    expect((done.metrics as { acc: number }).acc).toBe(1);
    const out = await db().repo.findUniqueOrThrow({ where: { id: done.outputRepoId! } });
    expect(out.private).toBe(true);
    expect(JSON.parse(await text("labels.json", out.id))).toEqual(["blue", "red"]);
  });

  it("refuses before creating anything: license conflicts, limits, bad datasets, no TF.js model", async () => {
    const base = await textBase("cc-by-nc-4.0");
    const me = actorOf(await seedUser());
    const submit = (over: Partial<Parameters<typeof submitFineTune>[0]>) =>
      submitFineTune({ actor: me, base: base.id, task: "text-classification", dataset: { name: "d.csv", bytes: sentimentCsv() }, params: {}, hardware: "cpu", outputName: "x", outputPrivate: false, ...over });
    const before = await db().fineTuneJob.count();
    await expect(submit({ outputLicense: "mit" })).rejects.toMatchObject({ status: 400, code: "LicenseConflict", message: expect.stringMatching(/forbids commercial use/) });
    await expect(submit({ dataset: { name: "d.csv", bytes: Buffer.from("text,label\nonly,one\n") } })).rejects.toThrow(/at least two labels/);
    await expect(submit({ dataset: { name: "d.csv", bytes: Buffer.from("words,label\na,b\n") } })).rejects.toThrow(/"text" and "label" columns/);
    await expect(submit({ dataset: { name: "d.txt", bytes: Buffer.from("x") } })).rejects.toThrow(/\.csv/);
    await expect(submit({ outputName: "../evil" })).rejects.toMatchObject({ status: 400 });
    await expect(submit({ params: { epochs: 0 } })).rejects.toThrow();
    const plain = await seedRepo(base.user);
    await expect(submit({ base: `${base.user.username}/${plain.name}` })).rejects.toThrow(/no TF.js model.json/);

    // data from dataset repos: only what the caller may read, only training files, no paths outside
    const stranger = await seedUser();
    const hidden = await createRepo({ owner: stranger, name: "hidden-rows", type: "dataset", private: true });
    await commitText(hidden.id, stranger, { "train.csv": sentimentCsv() });
    const gated = await createRepo({ owner: stranger, name: "gated-rows", type: "dataset", private: false });
    await commitText(gated.id, stranger, { "train.csv": sentimentCsv(), "notes.txt": "x" });
    await setGating(actorOf(stranger), (await findRepo(stranger.username, "gated-rows", "dataset"))!, "manual");
    const hub = (ref: object) => submit({ dataset: { hub: { repo: `${stranger.username}/gated-rows`, ...ref } } as never });
    await expect(submit({ dataset: { hub: { repo: `${stranger.username}/hidden-rows` } } })).rejects.toMatchObject({ status: 404, code: "RepoNotFound" });
    await expect(submit({ dataset: { hub: { repo: `${base.user.username}/${plain.name}` } } })).rejects.toMatchObject({ status: 404 }); // a model is not a dataset
    await expect(hub({ path: "train.csv" })).rejects.toMatchObject({ code: "GatedRepo" });
    await expect(hub({ path: "notes.txt" })).rejects.toThrow(/not a training file/);
    await expect(hub({ path: "../../etc/passwd" })).rejects.toThrow(/has no file/);
    await expect(hub({ split: "test" })).rejects.toThrow(/no test split/);
    await expect(submit({ dataset: { hub: { repo: "no-slash" } } })).rejects.toThrow(/owner\/name/);
    expect(await db().fineTuneJob.count()).toBe(before);

    // per-user concurrency
    await submit({ outputLicense: "cc-by-nc-4.0", outputName: "one" });
    await submit({ outputLicense: "cc-by-nc-4.0", outputName: "two" });
    await expect(submit({ outputLicense: "cc-by-nc-4.0", outputName: "three" })).rejects.toMatchObject({ status: 429 });
    for (const j of await db().fineTuneJob.findMany({ where: { userId: me.userId } })) await cancelJob(me, j.id);
    expect(await db().fineTuneJob.count({ where: { userId: me.userId, status: "cancelled" } })).toBe(2);
  });

  it("enforces the dataset size and job duration limits", async () => {
    const base = await textBase();
    const me = actorOf(await seedUser());
    process.env.FINETUNE_MAX_DATASET_BYTES = "100";
    resetEnvForTests();
    try {
      await expect(submitFineTune({ actor: me, base: base.id, task: "text-classification", dataset: { name: "d.csv", bytes: sentimentCsv() }, params: {}, hardware: "cpu", outputName: "big", outputPrivate: false })).rejects.toMatchObject({ status: 413 });
    } finally {
      delete process.env.FINETUNE_MAX_DATASET_BYTES;
      resetEnvForTests();
    }
    const job = await submitFineTune({
      actor: me, base: base.id, task: "text-classification", dataset: { name: "d.csv", bytes: sentimentCsv(400) },
      params: { epochs: 500, batchSize: 1 }, hardware: "cpu", outputName: "slow", outputPrivate: false, maxSeconds: 1,
    });
    await drainJobs();
    const done = await db().fineTuneJob.findUniqueOrThrow({ where: { id: job.id } });
    expect(done).toMatchObject({ status: "failed", error: "Stopped at the time limit of 1 s", outputRepoId: null });
  });

  it("checks archives for traversal, bombs and non-images", async () => {
    const ok = await readImageDataset(colorZip(2));
    expect(ok).toEqual({ labels: ["blue", "red"], count: 4 });
    const img = png(4, 4, [1, 2, 3]);
    await expect(readImageDataset(zip([{ name: "../a/x.png", data: img }, { name: "b/y.png", data: img }]))).rejects.toThrow(/Unsafe path|invalid relative path/);
    await expect(readImageDataset(zip([{ name: "/abs/x.png", data: img }, { name: "b/y.png", data: img }]))).rejects.toThrow(/Unsafe path|absolute path/);
    await expect(readImageDataset(zip([{ name: "a/x.png", data: Buffer.alloc(5_000_000), deflate: true }, { name: "b/y.png", data: img }]))).rejects.toThrow(/compression bomb/);
    await expect(readImageDataset(zip([{ name: "a/x.txt", data: Buffer.from("hi") }, { name: "b/y.png", data: img }]))).rejects.toThrow(/only JPEG and PNG/);
    await expect(readImageDataset(zip([{ name: "x.png", data: img }, { name: "b/y.png", data: img }]))).rejects.toThrow(/folder named after its class/);
    await expect(readImageDataset(zip([{ name: "a/x.png", data: Buffer.from("not a png") }, { name: "b/y.png", data: img }]), () => {})).rejects.toThrow(/not a readable JPEG or PNG/);
    const huge = png(4, 4, [0, 0, 0]);
    huge.writeUInt32BE(100_000, 16); // IHDR claims 100000×4 — refused before decoding
    await expect(readImageDataset(zip([{ name: "a/x.png", data: huge }, { name: "b/y.png", data: img }]), () => {})).rejects.toThrow(/megapixels|not a readable/);
    await expect(readImageDataset(Buffer.from("PK not a zip"))).rejects.toThrow(/cannot be read/);
  });

  it("keeps dataset names plain: no paths, markup or control characters reach cards and pages", () => {
    expect(safeDatasetName("C:\\Users\\me\\reviews.csv")).toBe("reviews.csv");
    expect(safeDatasetName("../../etc/passwd")).toBe("passwd");
    expect(safeDatasetName("a`b\n# Heading<script>.csv")).toBe("a_b_ Heading_script_.csv");
    expect(safeDatasetName("...")).toBe("dataset");
  });

  it("parses CSV quoting and JSON Lines, reporting the line at fault", () => {
    expect(parseTextDataset("d.csv", Buffer.from('label,text\npos,"a, ""quoted"" text"\nneg,"multi\nline"\n'))).toEqual([
      { text: 'a, "quoted" text', label: "pos" },
      { text: "multi\nline", label: "neg" },
    ]);
    expect(parseTextDataset("d.jsonl", Buffer.from('{"text":"a","label":1}\n\n{"text":"b","label":2}\n'))).toHaveLength(2);
    expect(() => parseTextDataset("d.jsonl", Buffer.from('{"text":"a","label":1}\n{oops\n'))).toThrow(/line 2: not valid JSON/);
    expect(() => parseTextDataset("d.csv", Buffer.from('text,label\n"open,a\n'))).toThrow(/line 2: Quote Not Closed/);
    expect(() => parseTextDataset("d.csv", Buffer.from([0xff, 0xfe, 0x00]))).toThrow(/not UTF-8/);
  });
});
