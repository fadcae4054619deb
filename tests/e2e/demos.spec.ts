// The seeded TF.js demos in Chromium: each runs its card's example in the
// browser (in a Web Worker) and gives the expected answer; a reload runs from
// the browser cache without downloading the weights again; a broken demo section
// explains itself instead of showing a blank widget.
import crypto from "node:crypto";
import { expect, test } from "./fixtures";
import { createUserWithToken, E2E_URL } from "./hub-env";
import { runExample, topLabel } from "./demo-helpers";

test.describe.configure({ timeout: 240_000 });

test("image, text and tabular classifiers answer their examples in the browser", async ({ page }) => {
  await page.goto("/modelhub/emotion-mini-xception");
  await expect(page.getByTestId("demo-figures")).toContainText("Runs in your browser: 819 KB");
  await runExample(page, "A smiling face");
  expect(await topLabel(page)).toBe("happy");
  await expect(page.getByTestId("demo-figures")).toHaveAttribute("data-backend", /^(webgpu|webgl|wasm|cpu)$/);
  await expect(page.getByTestId("demo-figures")).toContainText(/first inference in [\d.]+ (ms|s) on (WebGPU|WebGL|WASM|CPU)/);
  // the run was reported: the next visitor sees the typical figures beside their own
  await expect.poll(async () => (await page.request.get("/modelhub/emotion-mini-xception")).text()).toContain("Visitors so far");
  await page.reload();
  await expect(page.getByTestId("demo-typical")).toContainText(/first inference in [\d.]+ (ms|s) on (WebGPU|WebGL|WASM|CPU).*median of \d+ run/);

  await page.goto("/modelhub/spam-filter-bow");
  await runExample(page, "A prize");
  expect(await topLabel(page)).toBe("spam");
  await runExample(page, "A meeting");
  expect(await topLabel(page)).toBe("ham");

  await page.goto("/modelhub/penguin-species");
  await runExample(page, "A penguin from Torgersen");
  expect(await topLabel(page)).toBe("Adelie");
  await runExample(page, "A penguin from Biscoe");
  expect(await topLabel(page)).toBe("Gentoo");
  // the form is built from the card's feature list; bad input is explained
  await page.locator('[data-feature="Body Mass (g)"]').fill("");
  await page.locator('[data-feature="Body Mass (g)"]').evaluate((el) => el.removeAttribute("required"));
  await page.getByRole("button", { name: "Predict" }).click();
  await expect(page.getByTestId("demo-error")).toContainText("Body Mass (g): enter a number");

  await page.goto("/modelhub/car-fuel-economy");
  await runExample(page, "Honda Civic 1982");
  const civic = Number(await page.getByTestId("demo-value").getAttribute("data-value"));
  expect(civic).toBeGreaterThan(30); // recorded: 38 mpg
  await runExample(page, "Chevrolet Chevelle Malibu 1970");
  const chevelle = Number(await page.getByTestId("demo-value").getAttribute("data-value"));
  expect(chevelle).toBeGreaterThan(12); // recorded: 18 mpg
  expect(chevelle).toBeLessThan(22);
  await expect(page.getByTestId("demo-value")).toContainText("mpg");
});

test("a forced backend is used and named: WASM and CPU give the same answer", async ({ page }) => {
  for (const [backend, name] of [["wasm", "WASM"], ["cpu", "CPU"]] as const) {
    await page.goto(`/modelhub/emotion-mini-xception?backend=${backend}`);
    await runExample(page, "A smiling face");
    expect(await topLabel(page)).toBe("happy");
    await expect(page.getByTestId("demo-figures")).toHaveAttribute("data-backend", backend);
    await expect(page.getByTestId("demo-figures")).toContainText(`on ${name}`);
  }
});

test("an image can come from a file, a paste, a drop or the webcam", async ({ page, context }) => {
  await context.grantPermissions(["camera"]);
  await page.goto("/modelhub/emotion-mini-xception");
  const face = await (await page.request.get("/modelhub/emotion-mini-xception/resolve/main/examples/face.jpg")).body();
  await page.getByTestId("demo-file").setInputFiles({ name: "face.jpg", mimeType: "image/jpeg", buffer: face });
  await expect(page.getByTestId("demo-widget")).toHaveAttribute("data-runs", "1", { timeout: 60_000 });
  expect(await topLabel(page)).toBe("happy");

  // a paste anywhere on the page (the clipboard event carries the picture as a file)
  await page.evaluate(async (b64) => {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const data = new DataTransfer();
    data.items.add(new File([bytes], "pasted.jpg", { type: "image/jpeg" }));
    document.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data }));
  }, face.toString("base64"));
  await expect(page.getByTestId("demo-widget")).toHaveAttribute("data-runs", "2", { timeout: 60_000 });
  expect(await topLabel(page)).toBe("happy");

  // dropped on the drop zone
  const drop = await page.evaluateHandle((b64) => {
    const data = new DataTransfer();
    data.items.add(new File([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], "dropped.jpg", { type: "image/jpeg" }));
    return data;
  }, face.toString("base64"));
  await page.getByText("Drop an image here").dispatchEvent("drop", { dataTransfer: drop });
  await expect(page.getByTestId("demo-widget")).toHaveAttribute("data-runs", "3", { timeout: 60_000 });

  // Chromium's fake camera: a frame is captured and classified (whatever it shows)
  await page.getByRole("button", { name: "Use webcam" }).click();
  await page.waitForFunction(() => (document.querySelector("video")?.videoWidth ?? 0) > 0);
  await page.getByRole("button", { name: "Capture" }).click();
  await expect(page.getByTestId("demo-widget")).toHaveAttribute("data-runs", "4", { timeout: 60_000 });
  await expect(page.getByTestId("demo-scores").locator("li")).toHaveCount(7);
  await page.getByRole("button", { name: "Stop webcam" }).click();

  // not an image: said so, nothing run
  await page.getByTestId("demo-file").setInputFiles({ name: "notes.txt", mimeType: "text/plain", buffer: Buffer.from("hello") });
  await expect(page.getByRole("alert").filter({ hasText: "notes.txt is not an image" })).toBeVisible();
  await expect(page.getByTestId("demo-widget")).toHaveAttribute("data-runs", "4");
});

test("pose and detection draw their results over the example picture", async ({ page }) => {
  await page.goto("/modelhub/movenet-singlepose-lightning");
  await runExample(page, "A person");
  const nose = page.getByTestId("demo-keypoints").locator('[data-name="nose"]');
  const [x, y] = (await nose.getAttribute("data-point"))!.split(",").map(Number);
  expect(Number(await nose.getAttribute("data-score"))).toBeGreaterThan(0.3);
  expect(x).toBeGreaterThan(0.42); // the face is at the top, a little right of centre
  expect(x).toBeLessThan(0.62);
  expect(y).toBeGreaterThan(0.08);
  expect(y).toBeLessThan(0.24);
  await expect(page.getByTestId("demo-canvas")).toBeVisible();

  await page.goto("/modelhub/mb3-centernet-coco");
  await page.getByTestId("demo-example").filter({ hasText: "Three people and a glass" }).click();
  // inference runs in a worker: while the detector works (seconds on a CPU), the page still answers at once
  await expect(page.getByTestId("demo-running")).toBeVisible({ timeout: 60_000 });
  // and it says what is running where, for how long so far
  await expect(page.getByTestId("demo-running")).toContainText(/Running the model( on (WebGPU|WebGL|WASM|CPU))?: \d+\.\d s/);
  const lag = await page.evaluate(() => new Promise<number>((r) => { const t = performance.now(); setTimeout(() => r(performance.now() - t), 0); }));
  expect(lag).toBeLessThan(250);
  await expect(page.getByTestId("demo-running")).toHaveCount(0, { timeout: 120_000 });
  const boxes = page.getByTestId("demo-boxes").locator("li");
  await expect(boxes.filter({ hasText: "person" })).toHaveCount(3);
  const [bx, by, bw, bh] = (await boxes.first().getAttribute("data-box"))!.split(",").map(Number);
  // the most certain person: the woman on the right (x from ~0.63, nearly full height)
  expect(bx).toBeGreaterThan(0.55);
  expect(bx).toBeLessThan(0.7);
  expect(by).toBeLessThan(0.25);
  expect(bw).toBeGreaterThan(0.25);
  expect(bh).toBeGreaterThan(0.6);
});

test("a second visit runs from the browser cache without downloading the weights", async ({ page }) => {
  const weightRequests: string[] = [];
  page.on("request", (r) => {
    // marked as the demo's (?via=demo): these are not counted as downloads
    if (/\/modelhub\/movenet-singlepose-lightning\/resolve\/[0-9a-f]{40}\/(model\.json|[^?]*\.bin)\?via=demo$/.test(r.url())) weightRequests.push(r.url());
  });
  // the worker is the prebuilt bundle, started by the page's HTML and sent gzipped
  const runtime: { url: string; encoding?: string; status: number }[] = [];
  page.on("response", (r) => {
    if (r.url().includes("/demo-runtime/")) runtime.push({ url: r.url(), encoding: r.headers()["content-encoding"], status: r.status() });
  });
  // 4.6 MB: small enough to load and warm up as the page opens, without a click
  await page.goto("/modelhub/movenet-singlepose-lightning");
  await expect(page.getByTestId("demo-figures")).toHaveAttribute("data-cached", /true|false/, { timeout: 60_000 });
  // each test has a fresh browser context: the first load downloads model.json and its shard
  await expect(page.getByTestId("demo-figures")).toHaveAttribute("data-cached", "false");
  await expect(page.getByTestId("demo-warmed-up")).toContainText(/warmed up in [\d.]+ m?s while the page opened/, { timeout: 60_000 });
  await expect(page.getByTestId("demo-load")).toHaveCount(0);
  const fetched = weightRequests.length;
  expect(fetched).toBe(2);
  expect(runtime.find((r) => /\/demo-runtime\/demo-worker-[\w-]+\.js$/.test(r.url))).toMatchObject({ status: 200, encoding: "gzip" });
  // only the bundle's own modules are served from there
  for (const other of ["manifest.json", "..%2F..%2Fpackage.json", "demo-worker.js"]) expect((await page.request.get(`/demo-runtime/${other}`)).status()).toBe(404);
  await page.reload();
  await expect(page.getByTestId("demo-figures")).toHaveAttribute("data-cached", "true", { timeout: 60_000 });
  await expect(page.getByTestId("demo-figures")).toContainText("from the browser cache");
  expect(weightRequests.length).toBe(fetched); // nothing downloaded on the reload

  // the visitor's first input, timed on its own after the warm-up
  await runExample(page, "A person");
});

test("a demo section that does not add up says why", async ({ page, request }) => {
  const user = `demo-${crypto.randomBytes(3).toString("hex")}`;
  const token = createUserWithToken(user, "demo password");
  const headers = { Authorization: `Bearer ${token}` };
  expect((await request.post(`${E2E_URL}/api/repos/create`, { headers, data: { name: "broken-demo" } })).status()).toBe(200);
  const card = "---\npipeline_tag: image-classification\ndemo:\n  model: model.json\n  labels: labels.txt\n  input: { size: [32, 32] }\n---\n# Broken\n";
  const lines = [{ key: "header", value: { summary: "card" } }, { key: "file", value: { path: "README.md", content: Buffer.from(card).toString("base64"), encoding: "base64" } }];
  const res = await request.post(`${E2E_URL}/api/models/${user}/broken-demo/commit/main`, { headers: { ...headers, "Content-Type": "application/x-ndjson" }, data: lines.map((l) => JSON.stringify(l)).join("\n") + "\n" });
  expect(res.status()).toBe(200);
  await page.goto(`/${user}/broken-demo`);
  await expect(page.getByTestId("demo-unavailable")).toContainText("model: model.json is not in the repo");
  await expect(page.getByTestId("demo-unavailable")).toContainText("labels: labels.txt is not in the repo");
  await expect(page.getByTestId("demo-widget")).toHaveCount(0);

  // the files exist but are not what the card says: a model.json that is not TF.js, then an empty labels file
  const commit = async (files: Record<string, string>) => {
    const body = [{ key: "header", value: { summary: "files" } }, ...Object.entries(files).map(([p, c]) => ({ key: "file", value: { path: p, content: Buffer.from(c).toString("base64"), encoding: "base64" } }))];
    const r = await request.post(`${E2E_URL}/api/models/${user}/broken-demo/commit/main`, { headers: { ...headers, "Content-Type": "application/x-ndjson" }, data: body.map((l) => JSON.stringify(l)).join("\n") + "\n" });
    expect(r.status()).toBe(200);
  };
  await commit({ "model.json": '{"hello": "world"}', "labels.txt": "cat\ndog\n" });
  await page.reload();
  await expect(page.getByTestId("demo-unavailable")).toContainText("Unsupported format: model.json is not a TF.js model");
  const layers = JSON.stringify({ format: "layers-model", modelTopology: { class_name: "Sequential", config: { layers: [] } }, weightsManifest: [] });
  await commit({ "model.json": layers, "labels.txt": "\n\n" });
  await page.reload();
  await expect(page.getByTestId("demo-unavailable")).toContainText("Missing labels: labels.txt holds no labels");
});

