// Commits queue background work in the same transaction; workers scan pickles,
// summarize weights and diff tensors from the blob store.
import { describe, expect, it } from "vitest";
import { db, Prisma } from "../../lib/db/client";
import { requestTensorDiff } from "../../lib/diff/run-tensor-diff";
import { scanPickleFile } from "../../lib/scan/scan-pickle-file";
import { storeBytes } from "../../lib/repos/ingest-blob";
import { fileAt } from "../../lib/repos/read-files";
import { commitText, seedRepo, seedUser } from "../setup/factories";
import { drainJobs } from "../setup/jobs";
import { pickle, stateDictPickle } from "../setup/pickle-writer";
import { zip } from "../setup/zip-writer";
import { safetensors } from "../setup/safetensors-writer";
import { tinyOnnx } from "../setup/onnx-writer";

const evil = pickle(["PROTO", 2], ["GLOBAL", "os", "system"], ["SHORT_BINUNICODE", "touch /tmp/pwned"], ["TUPLE1"], ["REDUCE"], ["STOP"]);
const scan = async (buf: Buffer) => {
  const { sha256 } = await storeBytes(buf);
  return scanPickleFile({ sha256, size: buf.length });
};

describe("pickle scanning of stored files", () => {
  it("scans every .pkl member of a zip checkpoint, stored or deflated", async () => {
    const safe = await scan(zip([{ name: "archive/data.pkl", data: stateDictPickle() }, { name: "archive/data/0", data: Buffer.alloc(64) }, { name: "archive/version", data: Buffer.from("3\n") }]));
    expect(safe.status).toBe("safe");
    expect(safe.pickles).toEqual(["archive/data.pkl"]);
    const bad = await scan(zip([{ name: "archive/data.pkl", data: stateDictPickle() }, { name: "archive/extra/evil.pkl", data: evil, deflate: true }]));
    expect(bad.status).toBe("dangerous");
    expect(bad.imports.find((i) => i.module === "os")).toEqual({ module: "os", name: "system", safety: "dangerous" });
  });

  it("scans each pickle of a legacy torch.save sequence, not only the first", async () => {
    const legacy = Buffer.concat([pickle(["PROTO", 2], ["BININT1", 1], ["STOP"]), stateDictPickle(), evil, Buffer.alloc(128, 7)]);
    expect((await scan(legacy)).status).toBe("dangerous");
    const clean = Buffer.concat([pickle(["PROTO", 2], ["BININT1", 1], ["STOP"]), stateDictPickle(), Buffer.alloc(128, 7)]);
    expect((await scan(clean)).status).toBe("safe");
  });

  it("reports files it cannot parse as errors, including broken zips", async () => {
    // raw bytes (e.g. a TF.js weight shard named .bin): unpickling fails before importing anything
    expect(await scan(Buffer.from("definitely not a pickle"))).toMatchObject({ status: "none" });
    expect(await scan(Buffer.from(new Float32Array([0.5, -1.25, 3e-3, 7]).buffer))).toMatchObject({ status: "none" });
    // imports seen before a failure still count
    const cut = pickle(["PROTO", 2], ["GLOBAL", "os", "system"], ["SHORT_BINUNICODE", "x"]);
    expect(await scan(cut)).toMatchObject({ status: "dangerous", error: expect.stringMatching(/ends before STOP/) });
    const cutSafe = pickle(["PROTO", 2], ["GLOBAL", "collections", "OrderedDict"]);
    expect(await scan(cutSafe)).toMatchObject({ status: "unscannable" });
    const broken = zip([{ name: "archive/data.pkl", data: stateDictPickle() }]).subarray(0, 60);
    expect((await scan(broken)).status).toBe("unscannable");
    const truncatedMember = zip([{ name: "archive/data.pkl", data: stateDictPickle().subarray(0, 40) }]);
    expect(await scan(truncatedMember)).toMatchObject({ status: "unscannable", error: expect.stringMatching(/archive\/data.pkl: cannot parse pickle/) });
  });
});

describe("jobs queued by commits", () => {
  it("scans committed pickle files once per content and records the verdict", async () => {
    const user = await seedUser();
    const repo = await seedRepo(user);
    await commitText(repo.id, user, { "pytorch_model.bin": evil, "safe.pt": zip([{ name: "m/data.pkl", data: stateDictPickle() }]), "notes.txt": "hello" });
    const evilSha = (await fileAt(repo.id, "main", "pytorch_model.bin")).sha256;
    // other test files drain the shared queue too, so it may already be done
    expect(["queued", "dangerous"]).toContain((await db().blob.findUniqueOrThrow({ where: { sha256: evilSha } })).scanStatus);
    await drainJobs();
    const blob = await db().blob.findUniqueOrThrow({ where: { sha256: evilSha } });
    expect(blob.scanStatus).toBe("dangerous");
    expect((blob.scan as { imports: unknown[] }).imports).toEqual([{ module: "os", name: "system", safety: "dangerous" }]);
    const safeSha = (await fileAt(repo.id, "main", "safe.pt")).sha256;
    expect((await db().blob.findUniqueOrThrow({ where: { sha256: safeSha } })).scanStatus).toBe("safe");
    const txt = (await fileAt(repo.id, "main", "notes.txt")).sha256;
    // every content is scanned by what it holds: a text file holds no pickle
    expect((await db().blob.findUniqueOrThrow({ where: { sha256: txt } })).scanStatus).toBe("none");
    // the same content committed again elsewhere is not scanned again
    const other = await seedRepo(user);
    await commitText(other.id, user, { "copy.bin": evil });
    expect((await db().blob.findUniqueOrThrow({ where: { sha256: evilSha } })).scanStatus).toBe("dangerous");
    const jobs = await db().$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM graphile_worker.jobs WHERE key = ${`scan:${evilSha}`}`;
    expect(Number(jobs[0]!.n)).toBe(0);
  });

  it("backfills scans for pickle files committed before scanning existed", async () => {
    const user = await seedUser();
    const repo = await seedRepo(user);
    const old = pickle(["PROTO", 2], ["GLOBAL", "subprocess", "Popen"], ["STOP"]);
    await commitText(repo.id, user, { "legacy/model.ckpt": old });
    await drainJobs();
    const { sha256 } = await fileAt(repo.id, "main", "legacy/model.ckpt");
    await db().blob.update({ where: { sha256 }, data: { scanStatus: null, scan: Prisma.DbNull } }); // as stored by an older hub
    const { queueMissingScans } = await import("../../lib/scan/queue-scans");
    expect(await db().$transaction((tx) => queueMissingScans(tx))).toBeGreaterThanOrEqual(1);
    await drainJobs();
    expect((await db().blob.findUniqueOrThrow({ where: { sha256 } })).scanStatus).toBe("dangerous");
  });

  it("keeps the default branch's parameter count and weight bytes up to date", async () => {
    const user = await seedUser();
    const repo = await seedRepo(user);
    const st = safetensors({ w: { shape: [10, 10] }, b: { shape: [10] } });
    await commitText(repo.id, user, { "model.safetensors": st, "model.onnx": tinyOnnx() });
    await drainJobs();
    let row = await db().repo.findUniqueOrThrow({ where: { id: repo.id } });
    expect(row.parameters).toBe(110n);
    expect(row.weightBytes).toBe(BigInt(st.length));
    expect(row.weights).toMatchObject({ source: "safetensors", parameters: { F32: 110 }, files: ["model.safetensors"] });
    // without safetensors the ONNX model counts
    const { commitFiles } = await import("../../lib/repos/commit-files");
    await commitFiles({ contentOf: "trusted",  repoId: repo.id, branch: "main", author: user, title: "drop safetensors", operations: [{ op: "delete", path: "model.safetensors" }] });
    await drainJobs();
    row = await db().repo.findUniqueOrThrow({ where: { id: repo.id } });
    expect(row.parameters).toBe(67n);
    expect(row.weights).toMatchObject({ source: "onnx" });
  });

  it("records a commit's analysis (lineage, card facets and words, weights) in one transaction: one catalogue change", async () => {
    const user = await seedUser();
    const repo = await seedRepo(user);
    const { analyzeRepoWeights } = await import("../../lib/formats/weights-summary");
    const readme = "---\nlicense: mit\npipeline_tag: text-classification\nbase_model: someone/base\ntags: [reviews]\n---\n# Sentiment\n\nClassifies reviews.\n";
    await commitText(repo.id, user, { "README.md": readme, "model.safetensors": safetensors({ w: { shape: [4, 4] } }) });
    const [{ last }] = (await db().$queryRaw<{ last: bigint }[]>`SELECT COALESCE(max(id), 0) AS last FROM "CatalogueChange"`) as [{ last: bigint }];
    await analyzeRepoWeights(repo.id);
    const logged = await db().$queryRaw<{ xid: string }[]>`SELECT xid::text FROM "CatalogueChange" WHERE id > ${last} AND "repoId" = ${repo.id}`;
    expect(logged.length).toBeGreaterThan(0);
    expect(new Set(logged.map((l) => l.xid)).size).toBe(1);
    const row = await db().repo.findUniqueOrThrow({ where: { id: repo.id } });
    expect(row).toMatchObject({ baseModels: ["someone/base"], baseModelRelation: "finetune", pipelineTag: "text-classification", tags: expect.arrayContaining(["reviews"]), parameters: 16n });
    const [{ found }] = (await db().$queryRaw<{ found: boolean }[]>`SELECT search @@ to_tsquery('english', 'classifies') AS found FROM "Repo" WHERE id = ${repo.id}`) as [{ found: boolean }];
    expect(found).toBe(true);
  });

  it("loads a card's metadata and renders its body once, when it is first shown", async () => {
    const { loadCard } = await import("../../lib/cards/load-card");
    const { renderCardBody } = await import("../../lib/cards/render-card");
    const text = `---\nlicense: mit\n---\n# Card ${Date.now()}\n\nSome *text*.\n`;
    const blob = await storeBytes(Buffer.from(text));
    const readme = { name: "README.md", type: "file" as const, oid: blob.gitOid, sha256: blob.sha256, size: blob.size, lfs: false };
    const card = (await loadCard(readme))!;
    expect(card.data).toEqual({ license: "mit" });
    const shown = card.rendered;
    expect(shown).toEqual(renderCardBody(card.body, 4));
    expect(card.rendered).toBe(shown);
    expect((await loadCard(readme))!.rendered).toBe(shown); // one rendering per README content
  });

  it("diffs tensors between two revisions: added, removed, reshaped, changed with byte fraction and relative L2", async () => {
    const user = await seedUser();
    const repo = await seedRepo(user);
    const base = safetensors({ keep: { shape: [4], values: [1, 2, 3, 4] }, tweak: { shape: [4], values: [1, 1, 1, 1] }, grow: { shape: [2] }, gone: { shape: [1] } });
    const tuned = safetensors({ keep: { shape: [4], values: [1, 2, 3, 4] }, tweak: { shape: [4], values: [1, 1, 1, 2] }, grow: { shape: [3] }, fresh: { shape: [2] } });
    await commitText(repo.id, user, { "model.safetensors": base });
    const a = await fileAt(repo.id, "main", "model.safetensors");
    await commitText(repo.id, user, { "model.safetensors": tuned });
    const b = await fileAt(repo.id, "main", "model.safetensors");
    const from = [{ path: a.path, sha256: a.sha256, size: a.size }];
    const to = [{ path: b.path, sha256: b.sha256, size: b.size }];
    expect(await requestTensorDiff(from, to)).toEqual({ status: "queued" });
    expect(await requestTensorDiff(from, to)).toEqual({ status: "queued" }); // asked twice, computed once
    await drainJobs();
    const state = await requestTensorDiff(from, to);
    if (state.status !== "done") throw new Error(`diff is ${state.status}`);
    const r = state.result;
    expect(r.counts).toEqual({ added: 1, removed: 1, reshaped: 1, changed: 1, unchanged: 1 });
    const tweak = r.tensors.find((t) => t.name === "tweak")!;
    expect(tweak.status).toBe("changed");
    expect(tweak.changedFraction).toBeCloseTo(2 / 16, 5); // 1.0f -> 2.0f flips two of the last float's bytes
    expect(tweak.relativeL2).toBeCloseTo(1 / 2, 5); // ||(0,0,0,1)|| / ||(1,1,1,1)||
    expect(r.tensors.find((t) => t.name === "grow")).toMatchObject({ status: "reshaped", fromShape: [2], shape: [3] });
    expect(r.tensors.map((t) => t.status)).toEqual(["changed", "reshaped", "added", "removed", "unchanged"]);
    const digests = await db().tensorDigest.count({ where: { sha256: { in: [a.sha256, b.sha256] } } });
    expect(digests).toBe(2);
  });

  it("computes the relative L2 of half-precision tensors", async () => {
    const { compareTensorBytes } = await import("../../lib/diff/compare-tensor-bytes");
    // F16 1.0 = 0x3c00, 2.0 = 0x4000, -2.0 = 0xc000
    const a = await storeBytes(Buffer.from(new Uint16Array([0x3c00, 0x3c00, 0x3c00, 0x3c00]).buffer));
    const b = await storeBytes(Buffer.from(new Uint16Array([0x3c00, 0x4000, 0x3c00, 0xc000]).buffer));
    const r = await compareTensorBytes({ sha256: a.sha256, start: 0, end: 8 }, { sha256: b.sha256, start: 0, end: 8 }, "F16");
    expect(r.changedFraction).toBe(2 / 8); // 0x3c00->0x4000 and ->0xc000 each differ in the high byte only
    expect(r.relativeL2).toBeCloseTo(Math.sqrt(1 + 9) / 2, 6); // diffs (0,1,0,-3) over ||(1,1,1,1)||
    // BF16 1.0 = 0x3f80, 1.5 = 0x3fc0
    const c = await storeBytes(Buffer.from(new Uint16Array([0x3f80, 0x3f80]).buffer));
    const d = await storeBytes(Buffer.from(new Uint16Array([0x3f80, 0x3fc0]).buffer));
    const bf = await compareTensorBytes({ sha256: c.sha256, start: 0, end: 4 }, { sha256: d.sha256, start: 0, end: 4 }, "BF16");
    expect(bf.relativeL2).toBeCloseTo(0.5 / Math.sqrt(2), 6);
    const ints = await compareTensorBytes({ sha256: c.sha256, start: 0, end: 4 }, { sha256: d.sha256, start: 0, end: 4 }, "I32");
    expect(ints).toEqual({ changedFraction: 0.25, relativeL2: null });
  });

  it("matches tensors across a re-sharded checkpoint without reading identical blobs", async () => {
    const s1 = safetensors({ x: { shape: [2], values: [1, 2] } });
    const s2 = safetensors({ y: { shape: [2], values: [3, 4] } });
    const whole = safetensors({ x: { shape: [2], values: [1, 2] }, y: { shape: [2], values: [3, 4] } });
    const put = async (path: string, buf: Buffer) => ({ path, sha256: (await storeBytes(buf)).sha256, size: buf.length });
    const from = [await put("model-1.safetensors", s1), await put("model-2.safetensors", s2)];
    const to = [await put("model.safetensors", whole)];
    await requestTensorDiff(from, to);
    await drainJobs();
    const state = await requestTensorDiff(from, to);
    expect(state.status === "done" && state.result.counts).toEqual({ added: 0, removed: 0, reshaped: 0, changed: 0, unchanged: 2 });
  });
});

describe("weights in listings and model info", () => {
  it("filters by parameter count and reports the safetensors summary", async () => {
    const user = await seedUser();
    const small = await seedRepo(user);
    const big = await seedRepo(user);
    await commitText(small.id, user, { "model.safetensors": safetensors({ w: { shape: [10] } }) });
    await commitText(big.id, user, { "model.safetensors": safetensors({ w: { shape: [100, 30] } }) });
    await drainJobs();
    const { listModels } = await import("../../lib/hub-api/list-models");
    const ids = async (q: string) => (await listModels(null, new URL(`http://hub.test/api/models?author=${user.username}&${q}`))).items.map((m) => m.id);
    const [s, b] = [`${user.username}/${small.name}`, `${user.username}/${big.name}`];
    expect((await ids("num_parameters=min:10")).sort()).toEqual([s, b].sort());
    expect(await ids("num_parameters=min:11")).toEqual([b]);
    expect(await ids("num_parameters=max:1K")).toEqual([s]);
    expect(await ids("num_parameters=min:2.9K,max:3.1K")).toEqual([b]);
    expect(await ids("num_parameters=min:1M")).toEqual([]);
    for (const bad of ["lots", "min:", "min:1B,max:1M", "between:1:2"]) await expect(ids(`num_parameters=${bad}`)).rejects.toMatchObject({ status: 400 });

    const { findRepo } = await import("../../lib/repos/find-repo");
    const { modelJson } = await import("../../lib/hub-api/model-json");
    const info = await modelJson((await findRepo(user.username, big.name))!, { rev: "main", expand: null });
    expect(info.safetensors).toEqual({ parameters: { F32: 3000 }, total: 3000 });
  });
});
