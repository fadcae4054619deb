// An outsider edits a model card in the browser and proposes it as a pull
// request; the owner reviews the diff and merges it. The owner adds a webhook.
// A visitor reports the model; a site admin hides it from the queue, and the
// audit log shows who did what.
import crypto from "node:crypto";
import { expect, test, type Page } from "./fixtures";
import { createUserWithToken, E2E_URL, signInAs } from "./hub-env";

const id = crypto.randomBytes(3).toString("hex");
const [owner, outsider, admin] = [`keeper-${id}`, `helper-${id}`, `mod-${id}`];
const password = "pull request password";
let ownerToken = "";

test.describe.configure({ mode: "serial" });

test.beforeAll(() => {
  ownerToken = createUserWithToken(owner, password);
  createUserWithToken(outsider, password);
  createUserWithToken(admin, password, { admin: true });
});

const signIn = (page: Page, username: string) => signInAs(page, username, password);
const model = `/${owner}/proposed`;

test("an outsider proposes a card edit as a pull request and the owner merges it", async ({ page, request }) => {
  const auth = { Authorization: `Bearer ${ownerToken}` };
  expect((await request.post(`${E2E_URL}/api/repos/create`, { headers: auth, data: { name: "proposed" } })).status()).toBe(200);
  const line = (o: object) => JSON.stringify(o);
  const body = [line({ key: "header", value: { summary: "Add card" } }), line({ key: "file", value: { path: "README.md", content: Buffer.from("---\nlicense: mit\n---\n# Proposed\n\nOld intro.\n").toString("base64"), encoding: "base64" } })].join("\n");
  expect((await request.post(`${E2E_URL}/api/models/${owner}/proposed/commit/main`, { headers: { ...auth, "Content-Type": "application/x-ndjson" }, data: body })).status()).toBe(200);

  await signIn(page, outsider);
  await page.goto(`${model}/blob/main/README.md`);
  await page.getByRole("link", { name: "Edit", exact: true }).click();
  await expect(page.getByRole("button", { name: /Commit to/ })).toHaveCount(0); // no write access
  await page.getByLabel("File content").fill("---\nlicense: mit\n---\n# Proposed\n\nA much better intro.\n");
  await page.getByLabel("Summary").fill("Improve the intro");
  await page.getByRole("button", { name: "Open as a pull request" }).click();
  await expect(page).toHaveURL(new RegExp(`${model}/discussions/1$`));
  await expect(page.getByTestId("discussion-status")).toHaveText("open");
  await expect(page.getByTestId("pull-request")).toContainText("refs/pr/1 → main");
  await expect(page.getByTestId("pr-commits")).toContainText("Improve the intro");
  const diff = page.getByTestId("pr-files").getByTestId("file-change");
  await expect(diff).toContainText("-Old intro.");
  await expect(diff).toContainText("+A much better intro.");
  await expect(page.getByTestId("merge-form")).toHaveCount(0); // outsiders cannot merge
  await page.getByTestId("comment-form").getByLabel("Comment").fill("Happy to adjust.");
  await page.getByTestId("comment-form").getByRole("button", { name: "Comment" }).click();
  await expect(page.getByTestId("comment")).toHaveCount(1);

  // the owner: listed as a PR, mergeable, merged
  await signIn(page, owner);
  await page.goto(`${model}/discussions?type=pull_request`);
  await expect(page.getByTestId("discussions")).toContainText("Improve the intro");
  await page.getByRole("link", { name: /#1 Improve the intro/ }).click();
  await expect(page.getByTestId("pull-request")).toContainText("No conflicts with main");
  await page.getByTestId("merge-form").getByRole("button", { name: "Merge into main" }).click();
  await expect(page.getByTestId("discussion-status")).toHaveText("merged");
  await expect(page.getByTestId("pull-request")).toContainText("merged as");
  await page.goto(model);
  await expect(page.getByRole("main")).toContainText("A much better intro.");
  const api = await request.get(`${E2E_URL}/api/models/${owner}/proposed/discussions/1`);
  expect(await api.json()).toMatchObject({ isPullRequest: true, status: "merged" });
});

test("the owner adds a webhook and sees its delivery log", async ({ page }) => {
  await signIn(page, owner);
  await page.goto(model);
  await page.getByRole("link", { name: "Settings" }).click();
  const form = page.getByTestId("new-webhook");
  await form.getByLabel("Payload URL").fill("https://hooks.example.test/modelhub");
  await form.getByLabel("Secret").fill("a long enough webhook secret");
  for (const box of await form.getByRole("checkbox").all()) await box.uncheck();
  await form.getByRole("button", { name: "Add webhook" }).click();
  await expect(form.getByRole("alert")).toContainText("Choose events among");
  await expect(form.getByLabel("Payload URL")).toHaveValue("https://hooks.example.test/modelhub"); // kept after the error
  await form.getByLabel("Secret").fill("a long enough webhook secret");
  for (const box of await form.getByRole("checkbox").all()) await box.check();
  await form.getByRole("button", { name: "Add webhook" }).click();
  await expect(form.getByRole("status")).toContainText("not shown again");
  await expect(page.getByTestId("webhooks")).toContainText("https://hooks.example.test/modelhub");
  await expect(page.getByTestId("webhooks")).toContainText("repo, discussion, pr");
  await expect(page.getByTestId("deliveries")).toContainText("No deliveries yet.");
  // a visitor has no settings
  await signIn(page, outsider);
  expect((await page.goto(`${model}/settings`))?.status()).toBe(404);
});

test("a report reaches the admin queue; hiding the model takes it away and is audited", async ({ page, browser }) => {
  await signIn(page, outsider);
  await page.goto(model);
  await page.getByText("Report model").click();
  const report = page.getByTestId("report");
  await report.getByLabel("Why are you reporting this?").selectOption("malware");
  await report.getByLabel("Details").fill("The weights download a payload");
  await report.getByRole("button", { name: "Send report" }).click();
  await expect(report.getByRole("status")).toContainText("moderators will review");

  await signIn(page, admin);
  await page.getByTestId("user-menu").locator("summary").click(); // the header keeps account links in the user menu
  await page.getByRole("menuitem", { name: "Admin" }).click();
  // The operator's overview first: the stored files, the hub's in-process worker, the queue.
  await expect(page.getByTestId("admin-storage")).toContainText(/stored files/);
  await expect(page.getByTestId("admin-workers")).toContainText("alive");
  await expect(page.getByTestId("admin-queue")).toBeVisible();
  await page.getByRole("link", { name: "Reports" }).click();
  const item = page.getByTestId("report-item").filter({ hasText: `${owner}/proposed` });
  await expect(item).toContainText("Malicious code or files ×1");
  await expect(item).toContainText("The weights download a payload");
  await item.getByLabel("Reason").fill("confirmed malicious");
  await item.getByRole("button", { name: "Hide" }).click();
  await expect(item).toHaveCount(0); // acted upon: out of the open queue
  await page.getByRole("link", { name: "resolved" }).click();
  await expect(page.getByTestId("report-item").filter({ hasText: `${owner}/proposed` })).toContainText("hidden");
  await page.goto("/admin/audit-log");
  await expect(page.getByTestId("audit-log")).toContainText("hide-repo");
  await expect(page.getByTestId("audit-log")).toContainText("confirmed malicious");

  const anon = await browser.newPage();
  expect((await anon.goto(`${E2E_URL}${model}`))?.status()).toBe(404);
  expect((await anon.request.get(`${E2E_URL}/api/models/${owner}/proposed`)).status()).toBe(404);
  await anon.close();
  await signIn(page, owner);
  await page.goto(model);
  await expect(page.getByTestId("hidden-repo")).toBeVisible();

  // the admin brings it back from the model page
  await signIn(page, admin);
  await page.goto(model);
  await page.getByTestId("admin-hide").getByRole("button", { name: "Unhide model" }).click();
  await expect(page.getByTestId("hidden-repo")).toHaveCount(0);
  const visitor = await browser.newPage();
  expect((await visitor.request.get(`${E2E_URL}/api/models/${owner}/proposed`)).status()).toBe(200);
  await visitor.close();
  await page.goto("/admin/audit-log");
  await expect(page.getByTestId("audit-log")).toContainText("unhide-repo");
});
