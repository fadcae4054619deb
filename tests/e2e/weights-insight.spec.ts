// What is inside the weights, end to end: the in-process worker scans pickles,
// summarizes parameters and diffs tensors; pages and the API show the results.
import crypto from "node:crypto";
import { expect, test, type APIRequestContext } from "./fixtures";
import { createUserWithToken, E2E_URL } from "./hub-env";
import { pickle, stateDictPickle } from "../setup/pickle-writer";
import { safetensors } from "../setup/safetensors-writer";
import { tinyOnnx } from "../setup/onnx-writer";

const id = crypto.randomBytes(3).toString("hex");
const user = `weights-${id}`;
let token = "";
const auth = () => ({ Authorization: `Bearer ${token}` });

test.beforeAll(() => {
  token = createUserWithToken(user, "weights password");
});

async function createWithFiles(request: APIRequestContext, name: string, files: Record<string, Buffer | string>) {
  expect((await request.post(`${E2E_URL}/api/repos/create`, { headers: auth(), data: { name } })).status()).toBe(200);
  await commit(request, name, files);
}

async function commit(request: APIRequestContext, name: string, files: Record<string, Buffer | string>) {
  const lines = [
    { key: "header", value: { summary: `update ${Object.keys(files).join(", ")}` } },
    ...Object.entries(files).map(([path, c]) => ({ key: "file", value: { path, content: Buffer.from(c).toString("base64"), encoding: "base64" } })),
  ];
  const res = await request.post(`${E2E_URL}/api/models/${user}/${name}/commit/main`, {
    headers: { ...auth(), "Content-Type": "application/x-ndjson" },
    data: lines.map((l) => JSON.stringify(l)).join("\n") + "\n",
  });
  expect(res.status()).toBe(200);
  return (await res.json()).commitOid as string;
}

const evil = pickle(["PROTO", 2], ["GLOBAL", "os", "system"], ["SHORT_BINUNICODE", "touch /tmp/pwned"], ["TUPLE1"], ["REDUCE"], ["STOP"]);
const v1 = safetensors({ "dense.weight": { shape: [4, 4], values: Array(16).fill(1) }, "dense.bias": { shape: [4] } });
const v2 = safetensors({ "dense.weight": { shape: [4, 4], values: [...Array(15).fill(1), 3] }, "dense.bias": { shape: [4] }, "head.weight": { shape: [4, 2] } });

test("pickle scans flag dangerous files in the API and the pages, and downloads ask first", async ({ page, request }) => {
  await createWithFiles(request, "pickles", { "pytorch_model.bin": evil, "state.pt": stateDictPickle(), "README.md": "# pickles" });
  // the worker runs in the hub process: poll the API until the scans are recorded
  await expect
    .poll(async () => {
      const tree = await (await request.get(`${E2E_URL}/api/models/${user}/pickles/tree/main?expand=true`)).json();
      return Object.fromEntries(tree.filter((e: { securityFileStatus?: unknown }) => e.securityFileStatus).map((e: { path: string; securityFileStatus: { status: string } }) => [e.path, e.securityFileStatus.status]));
    })
    // every file is scanned by its content; the card and .gitattributes hold no pickle
    .toEqual({ "pytorch_model.bin": "unsafe", "state.pt": "safe", "README.md": "safe", ".gitattributes": "safe" });
  const tree = await (await request.get(`${E2E_URL}/api/models/${user}/pickles/tree/main?expand=true`)).json();
  expect(tree.find((e: { path: string }) => e.path === "pytorch_model.bin").securityFileStatus.pickleImportScan.imports).toEqual([{ module: "os", name: "system", safety: "dangerous" }]);

  await page.goto(`/${user}/pickles`);
  const row = page.getByTestId("file-list").locator("tr", { hasText: "pytorch_model.bin" });
  await expect(row.getByTestId("scan-badge")).toHaveText("pickle: dangerous");
  await expect(page.getByTestId("file-list").locator("tr", { hasText: "state.pt" }).getByTestId("scan-badge")).toHaveText("pickle: safe");
  // the download asks first; cancel keeps the visitor on the page, confirm downloads
  await row.getByLabel("Download pytorch_model.bin").click();
  const dialog = page.getByTestId("download-warning");
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText("os.system");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  await row.getByLabel("Download pytorch_model.bin").click();
  const [download] = await Promise.all([page.waitForEvent("download"), dialog.getByRole("link", { name: "Download anyway" }).click()]);
  expect(download.suggestedFilename()).toBe("pytorch_model.bin");
  // a safe file downloads straight away
  const [plain] = await Promise.all([page.waitForEvent("download"), page.getByLabel("Download state.pt").click()]);
  expect(plain.suggestedFilename()).toBe("state.pt");

  await page.goto(`/${user}/pickles/blob/main/pytorch_model.bin`);
  await expect(page.getByTestId("pickle-scan")).toContainText("can run commands");
  await expect(page.getByTestId("pickle-scan")).toContainText("os.system");
});

test("parameters, format views and tensor diffs between revisions and against a base model", async ({ page, request }) => {
  await createWithFiles(request, "base", { "model.safetensors": v1 });
  await createWithFiles(request, "tuned", { "model.safetensors": v1, "README.md": `---\nbase_model: ${user}/base\n---\n# tuned\n` });
  const second = await commit(request, "tuned", { "model.safetensors": v2 });
  await commit(request, "tuned", {
    "model.onnx": tinyOnnx(),
    "web/model.json": JSON.stringify({ format: "layers-model", modelTopology: { class_name: "Sequential", config: { layers: [{ class_name: "Dense", config: { name: "d", units: 2, batch_input_shape: [null, 3] } }] } }, weightsManifest: [{ paths: ["w.bin"], weights: [{ name: "d/kernel", shape: [3, 2], dtype: "float32" }] }] }),
    "web/w.bin": Buffer.alloc(24),
  });

  await expect.poll(async () => (await (await request.get(`${E2E_URL}/api/models/${user}/tuned`)).json()).safetensors).toEqual({ parameters: { F32: 28 }, total: 28 });
  const filtered = await (await request.get(`${E2E_URL}/api/models?author=${user}&num_parameters=min:21`)).json();
  expect(filtered.map((m: { id: string }) => m.id)).toEqual([`${user}/tuned`]);

  // the commit that changed the weights shows what changed inside them
  await page.goto(`/${user}/tuned/commit/${second}`);
  await expect(page.getByTestId("tensor-diff-summary")).toContainText("1 changed · 0 reshaped · 1 added · 0 removed · 1 unchanged", { timeout: 30_000 });
  const changed = page.getByTestId("tensor-diff").locator("tr", { hasText: "dense.weight" });
  await expect(changed).toContainText("changed");
  await expect(changed).toContainText("3.1%"); // 2 of 64 bytes: 1.0f -> 3.0f
  await expect(changed).toContainText("5.00e-1"); // ||(0,..,0,2)|| / ||(1,..,1)|| = 2/4

  // the model page shows parameters and links to a comparison with its base
  await page.goto(`/${user}/tuned`);
  await expect(page.getByTestId("parameters")).toContainText("28 ·");
  await page.getByTestId("compare-link").click();
  await expect(page).toHaveURL(new RegExp(`/compare\\?baseRepo=${user}%2Fbase`));
  await expect(page.getByTestId("tensor-diff-summary")).toContainText("1 changed", { timeout: 30_000 });
  await expect(page.getByTestId("tensor-diff")).toContainText("head.weight");

  const api = await request.get(`${E2E_URL}/api/models/${user}/tuned/tensor-diff?baseRepo=${user}/base`);
  expect(api.status()).toBe(200);
  expect((await api.json()).state.result.counts).toEqual({ added: 1, removed: 0, reshaped: 0, changed: 1, unchanged: 1 });

  await page.goto(`/${user}/tuned/blob/main/model.onnx`);
  await expect(page.getByTestId("onnx")).toContainText("67 parameters");
  await expect(page.getByTestId("onnx")).toContainText("Gemm ×2");
  await page.goto(`/${user}/tuned/blob/main/web/model.json`);
  await expect(page.getByTestId("tfjs")).toContainText("6 parameters");
  await expect(page.getByTestId("tfjs")).toContainText("units=2");

  await page.goto(`/models?search=${user}&params=lt1m`);
  await expect(page.getByTestId("repo-list")).toContainText("28 params");
});
