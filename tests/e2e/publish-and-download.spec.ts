// The foundation's user story: sign up, create a model, upload files through the
// page, see the card and files, download byte-exact, keep private repos private.
import { execFileSync } from "node:child_process";
import crypto from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test, type Page } from "./fixtures";

const id = crypto.randomBytes(3).toString("hex");
const user = { username: `alice-${id}`, email: `alice-${id}@example.test`, password: "a long enough password" };
const modelName = `tiny-bert-${id}`;
const weights = crypto.randomBytes(6 * 1024 * 1024 + 321);
const sha256 = (b: Buffer) => crypto.createHash("sha256").update(b).digest("hex");

const README = `---
license: mit
tags: [e2e]
---
# ${modelName}

<Callout type="tip" title="Works">Rendered from MDX.</Callout>

<script>window.__pwned = true</script>
<img src="x" onError="window.__pwned = true" />
`;

test.describe.configure({ mode: "serial" });

async function signIn(page: Page) {
  await page.goto("/signin");
  await page.getByLabel("Email or user name").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("current-user")).toHaveText(user.username);
}

test("a contributor signs up, publishes a model and a visitor downloads it", async ({ page, browser }) => {
  await page.goto("/");
  await page.getByRole("link", { name: "Sign up" }).click();
  await page.getByLabel("User name").fill(user.username);
  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByTestId("current-user")).toHaveText(user.username);

  // Create the repo.
  await page.getByTestId("user-menu").locator("summary").click(); // the header keeps account links in the user menu
  await page.getByRole("menuitem", { name: "+ New model" }).click();
  await page.getByLabel("Model name").fill(modelName);
  await page.getByLabel("License").selectOption("mit");
  await page.getByRole("button", { name: "Create model" }).click();
  await expect(page).toHaveURL(new RegExp(`/${user.username}/${modelName}$`));
  await expect(page.getByTestId("license")).toContainText("MIT License");
  await expect(page.getByTestId("model-card").getByRole("heading", { name: modelName })).toBeVisible();

  // Upload three files at once, one of them multi-MB.
  await page.getByRole("link", { name: "Upload files" }).click();
  await page.getByTestId("file-input").setInputFiles([
    { name: "README.md", mimeType: "text/markdown", buffer: Buffer.from(README) },
    { name: "config.json", mimeType: "application/json", buffer: Buffer.from('{"hidden": 8}\n') },
    { name: "weights.bin", mimeType: "application/octet-stream", buffer: weights },
  ]);
  await expect(page.getByTestId("upload-items").getByRole("listitem")).toHaveCount(3);
  await page.getByLabel("Commit message").fill("Add weights and card");
  await page.getByRole("button", { name: /Upload and commit/ }).click();
  await expect(page).toHaveURL(new RegExp(`/${user.username}/${modelName}$`), { timeout: 60_000 });

  // The card renders; nothing from it ran.
  await expect(page.getByRole("note")).toContainText("Rendered from MDX.");
  expect(await page.evaluate(() => (window as { __pwned?: boolean }).__pwned)).toBeUndefined();
  await expect(page.getByTestId("card-problems")).toBeVisible(); // the owner sees why parts were not rendered
  const files = page.getByTestId("file-list");
  await expect(files).toContainText("weights.bin");
  await expect(files).toContainText("6.0 MB");
  await expect(files).toContainText("config.json");

  // A visitor (no session) finds it and downloads the weights byte-exact.
  const visitor = await browser.newContext();
  const vpage = await visitor.newPage();
  await vpage.goto(`/models?search=${modelName}`);
  await vpage.getByRole("link", { name: new RegExp(modelName) }).click();
  await expect(vpage.getByTestId("card-problems")).toHaveCount(0);
  const res = await vpage.request.get(`/${user.username}/${modelName}/resolve/main/weights.bin`);
  expect(res.status()).toBe(200);
  expect(res.headers()["content-length"]).toBe(String(weights.length));
  expect(sha256(await res.body())).toBe(sha256(weights));
  const part = await vpage.request.get(`/${user.username}/${modelName}/resolve/main/weights.bin`, { headers: { Range: "bytes=100-199" } });
  expect(part.status()).toBe(206);
  expect((await part.body()).equals(weights.subarray(100, 200))).toBe(true);
  await vpage.reload();
  // The full GET counts; the ranged read of a part does not.
  await expect(vpage.getByTestId("downloads")).toHaveText("1");
  await visitor.close();
});

test("private models are invisible to everyone but their owner, and sessions sign out and in", async ({ page, browser }) => {
  await signIn(page);
  await page.goto("/new");
  const name = `secret-${id}`;
  await page.getByLabel("Model name").fill(name);
  await page.getByLabel(/Private/).check();
  await page.getByRole("button", { name: "Create model" }).click();
  await expect(page).toHaveURL(new RegExp(`/${name}$`));
  await expect(page.getByText("private", { exact: true })).toBeVisible();

  const visitor = await browser.newContext();
  const vpage = await visitor.newPage();
  const resp = await vpage.goto(`/${user.username}/${name}`);
  expect(resp?.status()).toBe(404);
  expect((await vpage.request.get(`/${user.username}/${name}/resolve/main/.gitattributes`)).status()).toBe(404);
  await vpage.goto(`/models?search=${name}`);
  // the empty catalogue says what to try next
  await expect(vpage.getByTestId("empty-state")).toContainText(`No models match “${name}”: try fewer or shorter words`);
  await expect(vpage.getByTestId("empty-state").getByRole("link", { name: "clear the search and filters" })).toHaveAttribute("href", "/models");
  await visitor.close();

  await page.getByTestId("user-menu").locator("summary").click(); // the header keeps account links in the user menu
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
  expect((await page.goto(`/${user.username}/${name}`))?.status()).toBe(404);
  await signIn(page);
  expect((await page.goto(`/${user.username}/${name}`))?.status()).toBe(200);
});

test("bad input gets clear errors", async ({ page }) => {
  await signIn(page);
  await page.goto("/new");
  // the name's rule is said in words as it is typed, and the form is not sent while it is broken
  await page.getByLabel("Model name").fill("bad..name");
  await expect(page.getByTestId("name-rule")).toContainText("'--' or '..'");
  await page.getByRole("button", { name: "Create model" }).click();
  await expect(page).toHaveURL(/\/new$/);
  await page.getByLabel("Model name").fill("-dash");
  await expect(page.getByTestId("name-rule")).toContainText("do not begin or end with '-' or '.'");
  await page.getByLabel("Model name").fill("good-name");
  await expect(page.getByTestId("name-rule")).toContainText("Letters, digits");
  const api = await page.request.post(`/api/upload-commit/${user.username}/${modelName}`, {
    data: { summary: "x", files: [{ path: "../escape.txt", sha256: "a".repeat(64) }] },
    headers: { Origin: new URL(page.url()).origin },
  });
  expect(api.status()).toBe(400);
  expect((await api.json()).error).toContain("'.' or '..'");
  const crossSite = await page.request.post(`/api/upload-commit/${user.username}/${modelName}`, {
    data: { summary: "x", files: [{ path: "a.txt", sha256: "a".repeat(64) }] },
    headers: { Origin: "https://evil.example", "Sec-Fetch-Site": "cross-site" },
  });
  expect(crossSite.status()).toBe(403);
});

test("a user creates an API token in settings, uses it, and revokes it", async ({ page }) => {
  await signIn(page);
  await page.getByTestId("user-menu").locator("summary").click(); // the header keeps account links in the user menu
  await page.getByRole("menuitem", { name: "Tokens" }).click();
  await page.getByLabel("Name").fill("e2e laptop");
  await page.getByLabel("Role").selectOption("write");
  await page.getByRole("button", { name: "Create token" }).click();
  const token = (await page.getByTestId("new-token").textContent())!.trim();
  expect(token).toMatch(/^hf_[A-Za-z0-9]{37}$/);
  const me = await page.request.get("/api/whoami-v2", { headers: { Authorization: `Bearer ${token}` } });
  expect((await me.json()).name).toBe(user.username);
  await expect(page.getByTestId("token-list")).toContainText(`hf_…${token.slice(-4)}`);
  await page.getByRole("button", { name: "Revoke e2e laptop" }).click();
  await expect(page.getByTestId("token-list")).toContainText("revoked");
  expect((await page.request.get("/api/whoami-v2", { headers: { Authorization: `Bearer ${token}` } })).status()).toBe(401);
});

test("history, commit diffs, browsing old revisions and creating a branch", async ({ page }) => {
  await signIn(page);
  const base = `/${user.username}/${modelName}`;
  await page.goto(base);
  await page.getByRole("link", { name: "History" }).click();
  await expect(page.getByTestId("commit-list")).toContainText("Add weights and card");
  await page.getByTestId("commit-list").getByRole("link", { name: "Add weights and card" }).click();
  await expect(page.getByTestId("commit-title")).toHaveText("Add weights and card");
  const readme = page.getByTestId("file-change").filter({ hasText: "README.md" });
  await expect(readme).toContainText("+tags: [e2e]"); // the line diff of the card
  await expect(page.getByTestId("file-change").filter({ hasText: "weights.bin" })).toContainText("no text diff");

  await page.getByRole("link", { name: "browse files" }).click();
  await expect(page.getByTestId("tree")).toContainText("weights.bin");
  // the Clone box's command works as shown: git and git-lfs bring back the weights byte for byte
  await page.getByTestId("clone").locator("summary").click();
  const command = await page.getByTestId("clone-command").textContent();
  const cloneUrl = /git clone (\S+)/.exec(command ?? "")![1]!;
  expect(cloneUrl).toMatch(new RegExp(`/${user.username}/${modelName}$`));
  const dir = mkdtempSync(path.join(os.tmpdir(), "e2e-clone-"));
  try {
    const env = { PATH: process.env.PATH ?? "/usr/bin:/bin", HOME: dir, GIT_TERMINAL_PROMPT: "0" } as unknown as NodeJS.ProcessEnv;
    execFileSync("git", ["lfs", "install", "--skip-repo"], { env });
    execFileSync("git", ["clone", "-q", cloneUrl, path.join(dir, "m")], { env });
    expect(sha256(readFileSync(path.join(dir, "m", "weights.bin")))).toBe(sha256(weights));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  await page.getByTestId("clone").locator("summary").click();
  // the new-ref form lives in the revision popover, which closes once the branch exists
  await page.getByTestId("ref-picker").locator("summary").click();
  await page.getByLabel("Ref name").fill("experiment");
  await page.getByRole("button", { name: /Create from/ }).click();
  await expect(page.getByRole("status")).toContainText("branch experiment");
  await expect(page.getByLabel("Ref name")).toBeHidden();
  await page.goto(`${base}/tree/experiment`);
  await page.getByRole("link", { name: "config.json" }).click();
  await expect(page.getByTestId("file-text")).toContainText('"hidden": 8');
  await page.getByRole("link", { name: "History" }).last().click();
  await expect(page.getByTestId("commit-list").getByRole("listitem")).toHaveCount(1);
});

test("a README with broken metadata is reported before any weights are sent", async ({ page }) => {
  await signIn(page);
  await page.goto(`/${user.username}/${modelName}/upload`);
  let uploads = 0;
  page.on("request", (r) => {
    if (r.url().includes("/api/lfs/") || r.url().includes("/info/lfs/")) uploads++;
  });
  await page.getByTestId("file-input").setInputFiles([
    { name: "README.md", mimeType: "text/markdown", buffer: Buffer.from("---\nlicense: [mit\n---\n# x\n") },
    { name: "big.bin", mimeType: "application/octet-stream", buffer: crypto.randomBytes(1024 * 1024) },
  ]);
  await page.getByRole("button", { name: /Upload and commit/ }).click();
  await expect(page.getByRole("main").getByRole("alert")).toContainText("README.md has invalid metadata");
  expect(uploads).toBe(0);
});

test("an interrupted upload resumes after a reload without resending stored parts", async ({ page }) => {
  await signIn(page);
  const big = crypto.randomBytes(40 * 1024 * 1024 + 99); // three 16 MiB parts
  const upload = async () => {
    await page.goto(`/${user.username}/${modelName}/upload`);
    await page.getByTestId("file-input").setInputFiles([{ name: "resume.bin", mimeType: "application/octet-stream", buffer: big }]);
    await page.getByRole("button", { name: /Upload and commit/ }).click();
  };
  const partsSent: string[] = [];
  page.on("request", (r) => {
    const m = /\/api\/lfs\/[0-9a-f]{64}\/parts\/(\d+)/.exec(r.url());
    if (m && r.method() === "PUT") partsSent.push(m[1]!);
  });
  // First attempt: the network drops part 3.
  await page.route(/\/parts\/3\?/, (route) => route.abort("connectionreset"));
  await upload();
  await expect(page.getByRole("main").getByRole("alert")).toContainText("resume");
  expect(partsSent.sort()).toEqual(["1", "2", "3"]);
  await page.unroute(/\/parts\/3\?/);

  // The tab reloads; the same file is chosen again: only part 3 travels.
  partsSent.length = 0;
  await page.reload();
  await upload();
  await expect(page).toHaveURL(new RegExp(`/${user.username}/${modelName}$`), { timeout: 60_000 });
  expect(partsSent).toEqual(["3"]);
  const res = await page.request.get(`/${user.username}/${modelName}/resolve/main/resume.bin`);
  expect(crypto.createHash("sha256").update(await res.body()).digest("hex")).toBe(crypto.createHash("sha256").update(big).digest("hex"));
});

test("cancelling an upload deletes the parts already on the hub", async ({ page }) => {
  const { readdir } = await import("node:fs/promises");
  const path = await import("node:path");
  const { E2E_DATA_DIR } = await import("./hub-env");
  await signIn(page);
  const big = crypto.randomBytes(40 * 1024 * 1024 + 7);
  const oid = crypto.createHash("sha256").update(big).digest("hex");
  const staged = async () => (await readdir(path.join(E2E_DATA_DIR, "tmp")).catch(() => [] as string[])).filter((n) => n.startsWith(`lfs-${oid}`));
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  await page.route(/\/parts\/3\?/, async (route) => {
    await held; // part 3 hangs until the user cancels
    await route.abort("connectionreset").catch(() => {});
  });
  await page.goto(`/${user.username}/${modelName}/upload`);
  await page.getByTestId("file-input").setInputFiles([{ name: "cancel.bin", mimeType: "application/octet-stream", buffer: big }]);
  await page.getByRole("button", { name: /Upload and commit/ }).click();
  await expect.poll(staged, { timeout: 30_000 }).toHaveLength(1); // parts 1-2 arrived
  await page.getByRole("button", { name: "Cancel" }).click();
  release();
  await expect(page.getByRole("main").getByRole("alert")).toContainText("cancelled");
  await expect.poll(staged).toHaveLength(0);
});

test("anyone can find where a file is published by its sha256", async ({ page }) => {
  await page.goto("/models");
  await page.getByRole("link", { name: /Find where it is published/ }).click();
  await page.getByLabel("sha256").fill(sha256(weights));
  await page.getByRole("button", { name: "Look up" }).click();
  await expect(page.getByTestId("blob-uses")).toContainText(`${user.username}/${modelName}`);
  await expect(page.getByTestId("blob-uses")).toContainText("weights.bin");
  const api = await page.request.get(`/api/blobs/${sha256(weights)}`);
  expect((await api.json()).uses[0].repo).toBe(`${user.username}/${modelName}`);
  expect((await page.request.get("/api/blobs/not-a-hash")).status()).toBe(400);
});

test("a safetensors file shows its tensors without being downloaded", async ({ page }) => {
  await page.goto("/modelhub/tiny-mlp-demo/blob/main/model.safetensors");
  const view = page.getByTestId("safetensors");
  await expect(view).toContainText("67 parameters in 4 tensors");
  await expect(view).toContainText("dense.weight");
  await expect(view).toContainText("[4, 8]");
});

test("a GGUF file shows its metadata and tensors; a broken one says why", async ({ page }) => {
  const { ggufHead } = await import("../setup/gguf-writer");
  const good = ggufHead(1, 2).str("general.architecture").u32(8).str("llama").str("llama.context_length").u32(4).u32(2048)
    .str("blk.0.attn_q.weight").u32(2).u64(64).u64(64).u32(8).u64(0).done(4096);
  const bad = Buffer.concat([Buffer.from("GGUF"), Buffer.alloc(4, 0xff), Buffer.alloc(64)]);
  await signIn(page);
  await page.goto(`/${user.username}/${modelName}/upload`);
  await page.getByTestId("file-input").setInputFiles([
    { name: "tiny.gguf", mimeType: "application/octet-stream", buffer: good },
    { name: "broken.gguf", mimeType: "application/octet-stream", buffer: bad },
  ]);
  await page.getByRole("button", { name: /Upload and commit/ }).click();
  await expect(page).toHaveURL(new RegExp(`/${user.username}/${modelName}$`), { timeout: 60_000 });
  await page.goto(`/${user.username}/${modelName}/blob/main/tiny.gguf`);
  await expect(page.getByTestId("gguf")).toContainText("GGUF v3 · llama · 4,096 parameters in 1 tensors");
  await expect(page.getByTestId("gguf")).toContainText("blk.0.attn_q.weight");
  await page.goto(`/${user.username}/${modelName}/blob/main/broken.gguf`);
  await expect(page.getByTestId("format-error")).toContainText("cannot parse: unsupported GGUF version");
});
