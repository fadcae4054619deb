// Model cards and discovery in the browser: eval results from model-index, the
// card editor with its live preview and metadata checks, then finding the model
// by words and facets, on a desktop and on a phone-sized screen.
import crypto from "node:crypto";
import { expect, test } from "./fixtures";
import { createUserWithToken, E2E_URL, signInAs } from "./hub-env";

const id = crypto.randomBytes(3).toString("hex");
const owner = `carder-${id}`;
const word = `quokka${id}`; // a word only this model's card holds
const password = "card editor password";

const README = `---
license: mit
library_name: tfjs
model-index:
  - name: m
    results:
      - task: {type: text-classification, name: Text Classification}
        dataset: {type: imdb, name: IMDb, split: test}
        metrics: [{type: accuracy, value: 0.912}]
---
# Old card
`;

test.describe.configure({ mode: "serial" });

test("edit a card with a live preview; eval results show as a table", async ({ page, request }) => {
  const token = createUserWithToken(owner, password);
  const auth = { Authorization: `Bearer ${token}` };
  expect((await request.post(`${E2E_URL}/api/repos/create`, { headers: auth, data: { name: "card-model" } })).status()).toBe(200);
  const body = [JSON.stringify({ key: "header", value: { summary: "Card" } }), JSON.stringify({ key: "file", value: { path: "README.md", content: Buffer.from(README).toString("base64"), encoding: "base64" } })].join("\n");
  expect((await request.post(`${E2E_URL}/api/models/${owner}/card-model/commit/main`, { headers: { ...auth, "Content-Type": "application/x-ndjson" }, data: body })).status()).toBe(200);

  await signInAs(page, owner, password);
  await page.goto(`/${owner}/card-model`);
  await expect(page.getByTestId("eval-results")).toContainText("IMDb (test)");
  await expect(page.getByTestId("eval-results")).toContainText("0.9120");
  await page.getByRole("link", { name: "Edit model card" }).click();
  const editor = page.getByTestId("card-editor");
  await expect(editor.getByLabel("Library")).toHaveValue("tfjs");
  await editor.getByLabel("Task").fill("text-clasification");
  await expect(page.getByTestId("card-editor-problems")).toContainText('"text-clasification" is not a known task');
  await editor.getByLabel("Task").fill("text-classification");
  await editor.getByLabel("Tags").fill("sentiment, reviews");
  await editor.getByLabel("Card (Markdown)").fill(`# Sentiment model\n\nSpots **${word}** moods.\n\n<script>window.__pwned = 1</script>`);
  await expect(page.getByTestId("card-preview").locator("strong")).toHaveText(word);
  await expect(page.getByTestId("card-editor-problems")).toHaveText(/<script> is not an allowed component; shown as text/); // inert, and the author is told
  await expect(page.getByTestId("card-editor-problems")).not.toContainText("not a known task");
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  await editor.getByRole("button", { name: "Save card" }).click();
  await expect(page).toHaveURL(new RegExp(`/${owner}/card-model$`));
  await expect(page.getByRole("main").locator("h1", { hasText: "Sentiment model" })).toBeVisible();
  await expect(page.getByTestId("eval-results")).toContainText("Text Classification"); // model-index kept
  const info = await (await request.get(`${E2E_URL}/api/models/${owner}/card-model`)).json();
  expect(info).toMatchObject({ pipeline_tag: "text-classification", cardData: { license: "mit", library_name: "tfjs", tags: ["sentiment", "reviews"] } });
});

test("find the model by a word of its card and narrow by facets, also on a phone", async ({ page }) => {
  // the card is indexed by a background job moments after the commit
  await expect.poll(async () => (await (await page.request.get(`${E2E_URL}/api/models?search=${word}`)).json()).length, { timeout: 30_000 }).toBe(1);
  // answered by the in-memory index, which saw the card's indexing the moment it committed
  expect((await page.request.get(`${E2E_URL}/api/models?search=${word}`)).headers()["x-catalogue-index"]).toBe("ready");
  await page.goto("/models");
  await page.getByLabel("Search models").fill(word);
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByTestId("repo-list")).toContainText(`${owner}/card-model`);
  await expect(page.getByTestId("match-count")).toHaveText("1 model");
  const tasks = page.getByTestId("facet-task");
  await expect(tasks).toContainText("text-classification");
  await tasks.getByRole("link", { name: /text-classification/ }).click();
  await expect(page).toHaveURL(/task=text-classification/);
  await expect(page.getByTestId("active-filter")).toHaveText("text-classification ✕");
  await expect(page.getByTestId("repo-list")).toContainText(`${owner}/card-model`);
  const shared = page.url();
  await page.getByTestId("facet-library").getByRole("link", { name: /tfjs/ }).click();
  await expect(page.getByTestId("repo-list")).toContainText(`${owner}/card-model`);
  await page.getByTestId("active-filter").filter({ hasText: "tfjs" }).click(); // remove a filter
  await expect(page).toHaveURL(shared);

  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(shared);
  await expect(page.getByTestId("repo-list")).toContainText(`${owner}/card-model`);
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  const [facets, results] = [await page.getByTestId("facets").boundingBox(), await page.getByTestId("repo-list").boundingBox()];
  expect(facets!.y).toBeLessThan(results!.y); // stacked: filters first
});
