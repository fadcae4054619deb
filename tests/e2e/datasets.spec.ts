// Dataset repositories in the browser: creating one from the web form, uploading its
// files, the viewer with its splits, the catalogue's facets, and the link from a model
// whose card names the dataset to the dataset and back.
import crypto from "node:crypto";
import { expect, test } from "./fixtures";
import { createUserWithToken, E2E_URL, signInAs } from "./hub-env";

const id = crypto.randomBytes(3).toString("hex");
const password = "dataset pages password";

const CARD = `---
license: cc-by-4.0
task_categories: [text-classification]
language: [en]
size_categories: [n<1K]
configs:
- config_name: default
  data_files:
  - split: train
    path: train.csv
  - split: test
    path: test.jsonl
---
# Tiny reviews

Three reviews and their labels.
`;

test("a contributor creates a dataset on the web, uploads it, and browses its splits in the viewer", async ({ page, request }) => {
  const owner = `data-${id}`;
  const token = createUserWithToken(owner, password);
  await signInAs(page, owner, password);
  await page.goto("/datasets");
  await page.getByRole("link", { name: "+ New dataset" }).click();
  await expect(page.getByRole("heading", { name: "Create a new dataset repository" })).toBeVisible();
  await page.getByLabel("Dataset name").fill("tiny-reviews");
  await page.getByRole("button", { name: "Create dataset" }).click();
  await expect(page).toHaveURL(`${E2E_URL}/datasets/${owner}/tiny-reviews`);
  await expect(page.getByTestId("dataset-badge")).toBeVisible();
  await expect(page.getByTestId("dataset-viewer")).toContainText("No data files yet");

  // the files arrive through the API, as a client would send them
  const files = { "README.md": CARD, "train.csv": "text,label\nlovely,good\n\"awful, really\",bad\n", "test.jsonl": '{"text": "fine", "label": "good"}\n' };
  const body = [JSON.stringify({ key: "header", value: { summary: "Add the data" } }), ...Object.entries(files).map(([path, c]) => JSON.stringify({ key: "file", value: { path, content: Buffer.from(c).toString("base64"), encoding: "base64" } }))].join("\n");
  const res = await request.post(`${E2E_URL}/api/datasets/${owner}/tiny-reviews/commit/main`, { headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/x-ndjson" }, data: body });
  expect(res.status()).toBe(200);

  await page.reload();
  const viewer = page.getByTestId("dataset-viewer");
  await expect(viewer.getByRole("columnheader")).toHaveText(["text string", "label string"]);
  await expect(viewer.getByRole("row").nth(2)).toContainText("awful, really");
  await expect(page.getByTestId("viewer-rows")).toContainText("2 rows in train.csv");
  await viewer.getByRole("link", { name: /^test/ }).click();
  await expect(page).toHaveURL(/[?&]split=test/);
  await expect(page.getByTestId("viewer-rows")).toContainText("1 rows in test.jsonl");
  await expect(viewer.getByRole("row").nth(1)).toContainText("fine");

  // the tabs keep the dataset's address
  await page.getByRole("navigation", { name: "Repository" }).getByRole("link", { name: "Files and versions" }).click();
  await expect(page).toHaveURL(`${E2E_URL}/datasets/${owner}/tiny-reviews/tree/main`);
  await expect(page.getByTestId("clone-command")).toContainText(`/datasets/${owner}/tiny-reviews`);
  await page.getByRole("link", { name: "train.csv" }).first().click();
  await expect(page).toHaveURL(`${E2E_URL}/datasets/${owner}/tiny-reviews/blob/main/train.csv`);
  await page.getByRole("navigation", { name: "Repository" }).getByRole("link", { name: "Dataset card" }).click();
  await expect(page.getByRole("heading", { name: "Tiny reviews" })).toBeVisible();

  // liking from the dataset page counts for the dataset
  await page.getByTestId("likes").click();
  await expect(page.getByTestId("likes")).toContainText("Liked · 1");
});

test("the dataset catalogue filters by the cards' facets, and models link to the datasets their cards name", async ({ page, request }) => {
  const owner = `facets-${id}`;
  const token = createUserWithToken(owner, password);
  const auth = { Authorization: `Bearer ${token}` };
  const commit = async (kind: "models" | "datasets", name: string, files: Record<string, string>) => {
    const body = [JSON.stringify({ key: "header", value: { summary: "files" } }), ...Object.entries(files).map(([path, c]) => JSON.stringify({ key: "file", value: { path, content: Buffer.from(c).toString("base64"), encoding: "base64" } }))].join("\n");
    expect((await request.post(`${E2E_URL}/api/${kind}/${owner}/${name}/commit/main`, { headers: { ...auth, "Content-Type": "application/x-ndjson" }, data: body })).status()).toBe(200);
  };
  expect((await request.post(`${E2E_URL}/api/repos/create`, { headers: auth, data: { name: "pictures", type: "dataset" } })).status()).toBe(200);
  await commit("datasets", "pictures", { "README.md": "---\ntask_categories: [image-classification]\nlicense: mit\n---\n# Pictures\n", "train.csv": "path,label\na.png,cat\n" });
  expect((await request.post(`${E2E_URL}/api/repos/create`, { headers: auth, data: { name: "classifier" } })).status()).toBe(200);
  await commit("models", "classifier", { "README.md": `---\ndatasets: [${owner}/pictures, imagenet-1k]\n---\n# Classifier\n` });

  await page.goto(`/datasets?author=${owner}`);
  const list = page.getByTestId("repo-list");
  await expect(list).toContainText(`${owner}/pictures`); // the catalogue facets come from a worker job: wait for them
  await expect(async () => {
    await page.reload();
    await page.getByTestId("facets").getByRole("link", { name: /image-classification/ }).click({ timeout: 2000 });
  }).toPass({ timeout: 30_000 });
  await expect(page).toHaveURL(/task_categories=image-classification/);
  await expect(list).toContainText(`${owner}/pictures`);
  await expect(list).not.toContainText(`${owner}/classifier`);

  await page.goto(`/${owner}/classifier`);
  const linked = page.getByTestId("model-datasets");
  await expect(linked.getByRole("link", { name: `${owner}/pictures` })).toBeVisible();
  await expect(linked).toContainText("imagenet-1k"); // not on this hub: named, not linked
  await expect(linked.getByRole("link", { name: "imagenet-1k" })).toHaveCount(0);
  await expect(async () => {
    await page.goto(`/datasets/${owner}/pictures`);
    await expect(page.getByTestId("trained-models").getByRole("link", { name: `${owner}/classifier` })).toBeVisible({ timeout: 2000 });
  }).toPass({ timeout: 30_000 });
});
