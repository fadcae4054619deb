// Fork and fine-tune through the browser: a fork that costs nothing and tracks
// its upstream, a fine-tune with live progress that publishes a model with its
// lineage, and a license conflict explained before anything starts.
import crypto from "node:crypto";
import { writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test, type APIRequestContext, type Page } from "./fixtures";
import { createUserWithToken, E2E_URL, signInAs } from "./hub-env";
import { sentimentCsv, textBaseFiles } from "../setup/tfjs-models";

const id = crypto.randomBytes(3).toString("hex");
const owner = `base-${id}`;
const tuner = `tuner-${id}`;
const password = "fine tune password";
let ownerToken = "";

test.describe.configure({ mode: "serial" });

test.beforeAll(() => {
  ownerToken = createUserWithToken(owner, password);
  createUserWithToken(tuner, password);
});

async function publish(request: APIRequestContext, name: string, files: Record<string, Buffer | string>, license = "apache-2.0") {
  const auth = { Authorization: `Bearer ${ownerToken}` };
  const created = await request.post(`${E2E_URL}/api/repos/create`, { headers: auth, data: { name, license } });
  if (created.status() !== 200) expect(created.status()).toBe(409);
  const lines = [
    { key: "header", value: { summary: "publish" } },
    ...Object.entries(files).map(([p, c]) => ({ key: "file", value: { path: p, content: Buffer.from(c).toString("base64"), encoding: "base64" } })),
  ];
  const res = await request.post(`${E2E_URL}/api/models/${owner}/${name}/commit/main`, { headers: { ...auth, "Content-Type": "application/x-ndjson" }, data: lines.map((l) => JSON.stringify(l)).join("\n") + "\n" });
  expect(res.status()).toBe(200);
}

const signIn = (page: Page, username: string) => signInAs(page, username, password);

test("fork a model, see it ahead/behind its upstream, and sync", async ({ page, request }) => {
  await publish(request, "upstream", { "README.md": "# upstream\n", "weights.bin": Buffer.alloc(4096, 7) });
  await signIn(page, tuner);
  await page.goto(`/${owner}/upstream`);
  await page.getByTestId("fork").locator("summary").click();
  await page.getByTestId("fork").getByRole("button", { name: "Create fork" }).click();
  await expect(page).toHaveURL(new RegExp(`/${tuner}/upstream$`));
  await expect(page.getByTestId("fork-status")).toContainText(`Forked from ${owner}/upstream · up to date`);
  // the upstream moves on: the fork is behind and can sync
  await publish(request, "upstream", { "README.md": "# upstream v2\n" });
  await page.reload();
  await expect(page.getByTestId("fork-status")).toContainText("0 commits ahead, 1 behind");
  await page.getByRole("button", { name: "Sync from upstream" }).click();
  await expect(page.getByTestId("fork-status")).toContainText("up to date"); // re-rendered by the action
  await page.reload();
  await expect(page.getByTestId("fork-status")).toContainText("up to date");
  await expect(page.getByRole("heading", { name: "upstream v2" })).toBeVisible();
  // the upstream's model tree lists the fork
  await page.goto(`/${owner}/upstream`);
  await expect(page.getByTestId("model-tree")).toContainText("Forks");
  await expect(page.getByTestId("model-tree")).toContainText(`${tuner}/upstream`);
  const lineage = await (await request.get(`${E2E_URL}/api/models/${owner}/upstream/lineage`)).json();
  expect(lineage.children.fork.models.map((m: { id: string }) => m.id)).toEqual([`${tuner}/upstream`]);

  // like it: the count moves, the API agrees, the profile lists it; unlike undoes it
  await page.getByTestId("likes").click();
  await expect(page.getByTestId("likes")).toHaveText("♥ Liked · 1");
  expect((await (await request.get(`${E2E_URL}/api/models/${owner}/upstream`)).json()).likes).toBe(1);
  await page.goto(`/${tuner}`);
  await expect(page.getByTestId("liked")).toContainText(`${owner}/upstream`);
  await page.goto(`/${owner}/upstream`);
  await page.getByTestId("likes").click();
  await expect(page.getByTestId("likes")).toHaveText("♡ Like · 0");
  // downloads: counted once per client per day, with the 30-day chart
  await request.get(`${E2E_URL}/${owner}/upstream/resolve/main/weights.bin`);
  await request.get(`${E2E_URL}/${owner}/upstream/resolve/main/weights.bin`);
  await page.reload();
  await expect(page.getByTestId("downloads")).toHaveText("1");
  await expect(page.getByTestId("downloads-chart")).toContainText("1 in the last 30 days");
  const info = await (await request.get(`${E2E_URL}/api/models/${owner}/upstream`)).json();
  expect([info.downloads, info.downloadsAllTime]).toEqual([1, 1]);
});

test("fine-tune a TF.js model with live progress; the result records its lineage and can be re-run", async ({ page, request }) => {
  // the base has its own demo (four untrained labels), so the fine-tune can be compared with it
  const baseCard = "---\npipeline_tag: text-classification\nlibrary_name: tfjs\nwidget:\n  - text: a great movie\n    example_title: A review\ndemo:\n  labels: labels.json\n  tokenizer: { vocab: vocab.txt, max_length: 6 }\n---\n# Text base\n";
  await publish(request, "text-base", { ...(await textBaseFiles()), "README.md": baseCard, "labels.json": '["w", "x", "y", "z"]' });
  await publish(request, "nc-base", await textBaseFiles(), "cc-by-nc-4.0");
  const dataset = path.join(os.tmpdir(), `reviews-${id}.csv`);
  writeFileSync(dataset, sentimentCsv(40));
  await signIn(page, tuner);

  // a license conflict is explained before any job exists
  await page.goto(`/${owner}/nc-base/fine-tune`);
  await page.getByLabel("Dataset").setInputFiles(dataset);
  await page.getByLabel("License of the fine-tune").selectOption("mit");
  await page.getByRole("button", { name: "Start fine-tuning" }).click();
  await expect(page.getByTestId("fine-tune-form").getByRole("alert")).toContainText("forbids commercial use");

  await page.goto(`/${owner}/text-base`);
  await page.getByTestId("fine-tune-link").click();
  await page.getByLabel("Dataset").setInputFiles(dataset);
  await page.getByLabel("Epochs").fill("25");
  await page.getByLabel("Learning rate").fill("0.1");
  await page.getByLabel("Batch size").fill("8");
  await page.getByLabel("New model name").fill("reviews-sentiment");
  // the job page renders on the server and goes live in the browser (the fixture fails the test on a hydration mismatch or page error)
  await page.getByRole("button", { name: "Start fine-tuning" }).click();
  await expect(page).toHaveURL(/\/jobs\/[a-z0-9]+$/);
  // live: charts and log lines arrive while it trains, then the output link
  await expect(page.getByTestId("job-log")).toContainText("TF.js backend: cpu", { timeout: 60_000 });
  await expect(page.getByTestId("job-output")).toContainText(`${tuner}/reviews-sentiment`, { timeout: 90_000 });
  await expect(page.getByTestId("job-status")).toHaveText("succeeded");
  await expect(page.getByTestId("metrics-chart")).toBeVisible();
  await expect(page.getByTestId("job-log")).toContainText("epoch 25/25");
  // judged against its baseline, on the chart and in words
  await expect(page.getByTestId("job-verdict")).toContainText(/^Learned: validation accuracy \d+\.\d%, against \d+\.\d% for always answering/);
  await expect(page.getByTestId("chart-baseline")).toContainText("baseline");
  // in the dark theme the charts' axis labels turn light and their grid dark, like the rest of the page
  const chartShades = () =>
    page.getByTestId("metrics-chart").locator("svg").first().evaluate((svg) => {
      const ctx = document.createElement("canvas").getContext("2d", { willReadFrequently: true })!;
      const lum = (css: string) => {
        ctx.clearRect(0, 0, 1, 1);
        ctx.fillStyle = css;
        ctx.fillRect(0, 0, 1, 1);
        const [r, g, b] = ctx.getImageData(0, 0, 1, 1).data;
        return (0.2126 * r! + 0.7152 * g! + 0.0722 * b!) / 255;
      };
      return { label: lum(getComputedStyle(svg.querySelector("text")!).fill), grid: lum(getComputedStyle(svg.querySelector("line")!).stroke) };
    });
  const light = await chartShades();
  await page.emulateMedia({ colorScheme: "dark" });
  const dark = await chartShades();
  await page.emulateMedia({ colorScheme: "light" });
  expect(dark.label).toBeGreaterThan(light.label + 0.1);
  expect(dark.grid).toBeLessThan(light.grid - 0.3);

  await page.getByTestId("job-output").getByRole("link").click();
  await expect(page.getByTestId("model-tree")).toContainText(`fine-tuned from ${owner}/text-base`);
  await expect(page.getByText("Base model license:")).toBeVisible();
  const files = await (await request.get(`${E2E_URL}/api/models/${tuner}/reviews-sentiment/tree/main`)).json();
  expect(files.map((f: { path: string }) => f.path).sort()).toEqual([".gitattributes", "README.md", "labels.json", "metrics.json", "model.json", "recipe.json", "vocab.txt", "weights.bin"]);
  // the fine-tune has a live demo at once, with examples from its own dataset, and runs side by side with its base
  await expect(page.getByTestId("demo-widget").getByTestId("demo-example").filter({ hasText: "A review" })).toHaveCount(0);
  await page.getByTestId("demo-widget").getByTestId("demo-example").filter({ hasText: "positive (from the dataset)" }).click();
  await expect(page.getByTestId("demo-widget").getByTestId("demo-scores").locator("li").first()).toHaveAttribute("data-label", "positive", { timeout: 60_000 });
  await page.getByTestId("compare-with-base").locator("summary").click();
  // the side-by-side panel waits to be asked before loading two more models
  await expect(page.getByTestId("demo-compare").getByTestId("demo-load")).toHaveText(/Load the models/);
  await page.getByTestId("demo-compare").getByTestId("demo-example").filter({ hasText: "positive (from the dataset)" }).click();
  const sides = page.getByTestId("demo-compare").getByTestId("demo-result");
  await expect(sides).toHaveCount(2, { timeout: 60_000 });
  await expect(sides.nth(0).locator("li").first()).toHaveAttribute("data-label", "positive");
  await expect(sides.nth(1)).toHaveAttribute("data-variant", `Base: ${owner}/text-base`);
  await expect(sides.nth(1).locator("li").first()).toHaveAttribute("data-label", /^[wxyz]$/);

  // re-run the recipe: the same weights come out
  await page.getByTestId("rerun").locator("summary").click();
  await page.getByLabel("New model name").fill("reviews-again");
  await page.getByRole("button", { name: "Start the same job" }).click();
  await expect(page.getByTestId("job-output")).toContainText(`${tuner}/reviews-again`, { timeout: 90_000 });
  const oid = async (repo: string) => (await (await request.get(`${E2E_URL}/api/models/${tuner}/${repo}/tree/main`)).json()).find((f: { path: string }) => f.path === "weights.bin").oid;
  expect(await oid("reviews-again")).toBe(await oid("reviews-sentiment"));
});

test("fine-tune the seeded fuel-economy regressor to predict CO2: judged against the mean, charted as error, and its demo answers in the target's units", async ({ page }) => {
  const { carRows } = await import("../../lib/demo/train-demo-models");
  const cols = ["Origin", "Cylinders", "Displacement", "Horsepower", "Weight_in_lbs", "Acceleration", "Model year"] as const;
  const lines = [[...cols, "co2_g_per_km"].join(","), ...carRows().map((c) => [...cols.map((k) => c[k]), ((8887 / c.mpg) / 1.609).toFixed(1)].join(","))];
  const dataset = path.join(os.tmpdir(), `co2-${id}.csv`);
  writeFileSync(dataset, lines.join("\n") + "\n");
  await signIn(page, tuner);
  await page.goto("/modelhub/car-fuel-economy/fine-tune");
  // a tabular base offers both heads, its own task first
  await expect(page.getByLabel("Task")).toHaveValue("tabular-regression");
  await expect(page.getByLabel("Task").locator("option")).toHaveText(["Tabular regression (predict a number)", "Tabular classification"]);
  await page.getByLabel("Dataset").setInputFiles(dataset);
  await page.getByLabel("Target column (numbers)").fill("co2_g_per_km");
  await page.getByLabel("Epochs").fill("80");
  await page.getByLabel("Learning rate").fill("0.05");
  await page.getByLabel("New model name").fill("car-co2");
  await page.getByRole("button", { name: "Start fine-tuning" }).click();
  await expect(page).toHaveURL(/\/jobs\/[a-z0-9]+$/);
  await expect(page.getByTestId("job-output")).toContainText(`${tuner}/car-co2`, { timeout: 90_000 });
  await expect(page.getByTestId("job-verdict")).toContainText(/^Learned: validation mean absolute error [\d.]+, against [\d.]+ for always predicting the training mean, [\d.]+/);
  await expect(page.getByTestId("metrics-chart").getByRole("img", { name: "Mean absolute error per epoch" })).toBeVisible();
  await expect(page.getByTestId("chart-baseline")).toContainText("the training mean");
  await expect(page.getByTestId("job-log")).toContainText(/epoch 80\/80: loss [\d.]+ mae [\d.]+ · val loss [\d.]+ val mae [\d.]+/);

  // the output's demo runs a row of its own dataset and answers grams per km
  await page.getByTestId("job-output").getByRole("link").click();
  await page.getByTestId("demo-widget").getByTestId("demo-example").filter({ hasText: "(from the dataset)" }).first().click();
  await expect(page.getByTestId("demo-value")).toContainText("co2_g_per_km", { timeout: 60_000 });
  const value = Number(await page.getByTestId("demo-value").getAttribute("data-value"));
  expect(value).toBeGreaterThan(100); // cars of 1970–82 emit 150–600 g/km; a head left in standard units would say about 0
  expect(value).toBeLessThan(800);
});

test("writes are rate limited with standard headers", async ({ request }) => {
  const auth = { Authorization: `Bearer ${ownerToken}` };
  // 10 forks a minute: the first refusal comes after 10 (or, if a minute boundary falls inside the burst, by 20)
  let refusedAt = -1;
  let refused;
  for (let i = 0; i < 21 && refusedAt < 0; i++) {
    const res = await request.post(`${E2E_URL}/api/models/${owner}/upstream/fork`, { headers: auth, data: { name: `burst-${i}` } });
    if (res.status() === 429) [refusedAt, refused] = [i, res];
    else {
      expect(res.status()).toBe(200);
      expect(Number(res.headers()["ratelimit-remaining"])).toBeLessThan(10);
      expect(res.headers()["ratelimit-limit"]).toBe("10");
    }
  }
  expect(refusedAt).toBeGreaterThanOrEqual(10);
  expect(Number(refused!.headers()["retry-after"])).toBeGreaterThan(0);
  expect(refused!.headers()["x-error-code"]).toBe("TooManyRequests");
  expect((await refused!.json()).error).toMatch(/Too many fork requests/);
});
