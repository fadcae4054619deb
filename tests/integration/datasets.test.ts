// Dataset repositories over the HTTP API: cards checked as dataset cards, the viewer
// (CSV, JSON Lines, JSON, Parquet read by range; configs with globs; what it cannot
// show), models linked through their cards, and each kind's own names and addresses.
import crypto from "node:crypto";
import { parquetWriteBuffer } from "hyparquet-writer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createToken } from "../../lib/auth/tokens";
import { createRepo } from "../../lib/repos/create-repo";
import { indexRepoCard } from "../../lib/search/card-index";
import { setRepoVisibility } from "../../lib/repos/manage-repo";
import { startApiServer, type ApiServer } from "../setup/api-server";
import { commitText, seedRepo, seedUser } from "../setup/factories";

let server: ApiServer;
beforeAll(async () => {
  server = await startApiServer();
});
afterAll(async () => server.close());

const get = async (path: string, token?: string) => {
  const res = await fetch(`${server.url}${path}`, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
};

async function seedDataset(files: Record<string, string | Buffer>, opts: { private?: boolean } = {}) {
  const owner = await seedUser();
  const repo = await createRepo({ owner, name: `data-${crypto.randomBytes(3).toString("hex")}`, type: "dataset", private: opts.private ?? false });
  await commitText(repo.id, owner, files);
  return { owner, repo, id: `${owner.username}/${repo.name}` };
}

describe("dataset cards", () => {
  it("are checked as dataset cards: task categories, sizes and configs, with their lines", async () => {
    const card = ["---", "license: mit", "task_categories: [text-classification, cooking]", "size_categories: [lots]", "configs:", "- config_name: a", "  data_files: ../secret.csv", "- data_files: x.csv", "---", "# Data"].join("\n");
    const { id } = await seedDataset({ "README.md": card });
    const { body } = await get(`/api/datasets/${id}`);
    const problems = (body.cardProblems as { message: string; line?: number }[]).map((p) => `${p.line}:${p.message}`);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^3:task_categories: cooking is not a known task/),
        expect.stringMatching(/^4:size_categories: must be one of n<1K/),
        expect.stringMatching(/^5:configs: config a: .*inside the repo/),
        expect.stringMatching(/^5:configs: config 2 needs config_name/),
      ]),
    );
    // a model card's rules do not apply: pipeline_tag is not asked for, task_categories is understood
    expect(problems.join("\n")).not.toMatch(/pipeline_tag|license/);
  });

  it("validate-yaml checks the kind of card it is told", async () => {
    const content = "---\ntask_categories: [text-classification]\nsize_categories: [n<1K]\npipeline_tag: nonsense\n---\n";
    const post = async (repoType: string) =>
      (await (await fetch(`${server.url}/api/validate-yaml`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ content, repoType }) })).json()) as { warnings: { message: string }[] };
    expect((await post("dataset")).warnings).toEqual([]);
    expect((await post("model")).warnings.map((w) => w.message).join()).toMatch(/pipeline_tag/);
  });
});

describe("the dataset viewer", () => {
  it("shows the first rows of each config/split from the card's globs, with column types and counts", async () => {
    const card = ["---", "configs:", "- config_name: reviews", "  data_files:", "  - split: train", "    path: data/train-*.csv", "  - split: test", "    path: data/test.jsonl", "- config_name: extra", "  data_files: extra/*.json", "---"].join("\n");
    const { id } = await seedDataset({
      "README.md": card,
      "data/train-0.csv": 'text,stars,ok\n"multi\nline, quoted",5,true\nplain,3.5,false\n',
      "data/train-1.csv": "text,stars,ok\nlater,1,true\n",
      "data/test.jsonl": '{"text": "a", "tags": ["x"], "n": 1}\n{"text": "b", "n": 2.5, "meta": {"k": 1}}\n',
      "extra/all.json": JSON.stringify({ data: [{ q: "why", a: 42 }] }),
      "notes.txt": "not data",
    });
    const v = (await get(`/api/datasets/${id}/viewer`)).body;
    expect(v.splits.map((s: { config: string; split: string; files: { path: string }[] }) => [s.config, s.split, s.files.map((f) => f.path)])).toEqual([
      ["reviews", "train", ["data/train-0.csv", "data/train-1.csv"]],
      ["reviews", "test", ["data/test.jsonl"]],
      ["extra", "train", ["extra/all.json"]],
    ]);
    expect(v.shown).toMatchObject({
      config: "reviews", split: "train", file: "data/train-0.csv", totalRows: 2,
      columns: [{ name: "text", type: "string" }, { name: "stars", type: "float64" }, { name: "ok", type: "bool" }],
      rows: [{ text: "multi\nline, quoted", stars: 5, ok: true }, { text: "plain", stars: 3.5, ok: false }],
    });
    const test = (await get(`/api/datasets/${id}/viewer?config=reviews&split=test`)).body.shown;
    expect(test.columns).toEqual([{ name: "text", type: "string" }, { name: "tags", type: "list" }, { name: "n", type: "float64" }, { name: "meta", type: "struct" }]);
    expect(test.rows[1]).toEqual({ text: "b", tags: null, n: 2.5, meta: { k: 1 } });
    expect((await get(`/api/datasets/${id}/viewer?config=extra`)).body.shown).toMatchObject({ totalRows: 1, rows: [{ q: "why", a: 42 }] });
    const bad = await get(`/api/datasets/${id}/viewer?config=reviews&split=nope`);
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatch(/reviews\/train, reviews\/test, extra\/train/);
  });

  it("reads Parquet by its footer and first row group, with the schema's types and the row count", async () => {
    const n = 5000;
    const parquet = Buffer.from(
      parquetWriteBuffer({
        columnData: [
          { name: "id", data: BigInt64Array.from({ length: n }, (_, i) => BigInt(i)), type: "INT64" },
          { name: "text", data: Array.from({ length: n }, (_, i) => `row ${i}`), type: "STRING" },
          { name: "score", data: Float64Array.from({ length: n }, (_, i) => i / 10), type: "DOUBLE" },
        ],
        rowGroupSize: 1000,
      }),
    );
    const { id } = await seedDataset({ "train.parquet": parquet });
    const shown = (await get(`/api/datasets/${id}/viewer?length=3`)).body.shown;
    expect(shown).toMatchObject({
      split: "train", totalRows: n,
      columns: [{ name: "id", type: "int64" }, { name: "text", type: "string" }, { name: "score", type: "float64" }],
      rows: [{ id: 0, text: "row 0", score: 0 }, { id: 1, text: "row 1", score: 0.1 }, { id: 2, text: "row 2", score: 0.2 }],
    });
  });

  it("previews the head of a large CSV without its row count, and says what it cannot show", async () => {
    const big = "a,b\n" + Array.from({ length: 120_000 }, (_, i) => `${i},"value ${i}"`).join("\n") + "\n"; // ~2.3 MB: read by range
    const { id } = await seedDataset({ "train.csv": big, "test.parquet": Buffer.from("not parquet at all"), "validation.json": "{\"no\": \"list\"}" });
    const head = (await get(`/api/datasets/${id}/viewer`)).body.shown;
    expect(head.totalRows).toBeNull();
    expect(head.rows).toHaveLength(100);
    expect(head.rows[99]).toEqual({ a: 99, b: "value 99" });
    expect((await get(`/api/datasets/${id}/viewer?split=test`)).body.shown.message).toMatch(/test.parquet could not be read/);
    expect((await get(`/api/datasets/${id}/viewer?split=validation`)).body.shown.message).toMatch(/not a list of records/);
    const none = await seedDataset({ "README.md": "# nothing yet\n" });
    expect((await get(`/api/datasets/${none.id}/viewer`)).body).toMatchObject({ splits: [], shown: null });
  });

  it("needs read access: a private dataset's rows are a 404 to others", async () => {
    const { id, owner } = await seedDataset({ "train.csv": "x\n1\n" }, { private: true });
    expect((await get(`/api/datasets/${id}/viewer`)).status).toBe(404);
    const token = (await createToken(owner.id, "t", "read")).token;
    expect((await get(`/api/datasets/${id}/viewer`, token)).body.shown.rows).toEqual([{ x: 1 }]);
  });
});

describe("models and datasets", () => {
  it("a dataset lists the models whose cards name it; private models only to those who may see them", async () => {
    const { id, owner } = await seedDataset({ "train.csv": "x\n1\n" });
    const pub = await seedRepo(owner);
    const priv = await seedRepo(owner, { private: true });
    for (const m of [pub, priv]) {
      await commitText(m.id, owner, { "README.md": `---\ndatasets:\n- ${id}\n---\n` });
      await indexRepoCard(m.id);
    }
    const { modelsTrainedOn, localDatasets } = await import("../../lib/datasets/trained-on");
    expect((await modelsTrainedOn(null, id)).map((m) => m.id)).toEqual([`${owner.username}/${pub.name}`]);
    const { actorOf } = await import("../setup/factories");
    expect((await modelsTrainedOn(await actorOf(owner), id)).map((m) => m.id).sort()).toEqual([`${owner.username}/${pub.name}`, `${owner.username}/${priv.name}`].sort());
    expect([...(await localDatasets(null, [id, "imdb", "someone/else"]))]).toEqual([id]);
  });

  it("the dataset catalogue has its own facets from the card and the files; models are not in it", async () => {
    const card = "---\nlicense: apache-2.0\ntask_categories: [image-classification]\nlanguage: [fr]\nsize_categories: [1K<n<10K]\n---\n# Pictures\n";
    const { id, repo, owner } = await seedDataset({ "README.md": card, "train/cat.png": crypto.randomBytes(100), "labels.parquet": crypto.randomBytes(100) });
    await indexRepoCard(repo.id);
    await seedRepo(owner);
    const list = async (q: string) => ((await get(`/api/datasets?author=${owner.username}&${q}`)).body as unknown as { id: string; tags: string[] }[]);
    const [item] = await list("");
    expect(item!.id).toBe(id);
    expect(item!.tags).toEqual(expect.arrayContaining(["task_categories:image-classification", "language:fr", "size_categories:1K<n<10K", "license:apache-2.0", "format:imagefolder", "format:parquet", "modality:image"]));
    expect(await list("filter=modality:image&language=fr")).toHaveLength(1);
    expect(await list("filter=task_categories:text-classification")).toHaveLength(0);
    expect((await get(`/api/models?author=${owner.username}`)).body).toHaveLength(1);
    await setRepoVisibility(repo.id, true);
    expect(await list("")).toHaveLength(0);
  });
});
