// What a newcomer found wrong, fixed: sorts that apply at once, the same header and
// tabs on every page of a repo, gated access that shows itself granted, and the
// repo's own settings (visibility, rename, delete).
import crypto from "node:crypto";
import { expect, test, type APIRequestContext } from "./fixtures";
import { runExample, topLabel } from "./demo-helpers";
import { createUserWithToken, E2E_URL, signInAs } from "./hub-env";

const id = crypto.randomBytes(3).toString("hex");
const password = "newcomer fixes password";

async function repoWithCommit(request: APIRequestContext, token: string, owner: string, name: string, card = "---\nlicense: mit\n---\n# A model\n") {
  const auth = { Authorization: `Bearer ${token}` };
  expect((await request.post(`${E2E_URL}/api/repos/create`, { headers: auth, data: { name, license: "mit" } })).status()).toBe(200);
  const line = (o: object) => JSON.stringify(o);
  const body = [
    line({ key: "header", value: { summary: "Card and config" } }),
    line({ key: "file", value: { path: "README.md", content: Buffer.from(card).toString("base64"), encoding: "base64" } }),
    line({ key: "file", value: { path: "config.json", content: Buffer.from('{"a": 1}').toString("base64"), encoding: "base64" } }),
  ].join("\n");
  const res = await request.post(`${E2E_URL}/api/models/${owner}/${name}/commit/main`, { headers: { ...auth, "Content-Type": "application/x-ndjson" }, data: body });
  expect(res.status()).toBe(200);
  return (await res.json()).commitOid as string;
}

test("the catalogue's sort and size filters apply as soon as they are chosen, and stay in the URL", async ({ page }) => {
  await page.goto("/models");
  await page.getByLabel("Sort").selectOption("likes");
  await expect(page).toHaveURL(/[?&]sort=likes/);
  await expect(page.getByLabel("Sort")).toHaveValue("likes");
  const size = page.getByLabel("Parameters");
  const option = await size.locator("option").nth(1).getAttribute("value");
  await size.selectOption(option!);
  await expect(page).toHaveURL(new RegExp(`[?&]params=${option}`));
  await expect(page).toHaveURL(/[?&]sort=likes/);
});

test("the owner finds the same header, badges and Settings tab on every page of a repo", async ({ page, request }) => {
  const owner = `tabs-${id}`;
  const token = createUserWithToken(owner, password);
  const commit = await repoWithCommit(request, token, owner, "tabbed");
  await signInAs(page, owner, password);
  for (const path of ["", "/tree/main", "/blob/main/config.json", `/commit/${commit}`, "/commits/main", "/discussions"]) {
    await page.goto(`/${owner}/tabbed${path}`);
    const header = page.getByTestId("repo-header");
    await expect(header.getByTestId("license"), path).toContainText("MIT");
    await expect(header.getByRole("button", { name: /like/i }), path).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Repository" }).getByRole("link", { name: "Settings" }), path).toBeVisible();
  }
});

test("a visitor granted access at once sees the files open, not the request form", async ({ page, request, browser }) => {
  const owner = `autogate-${id}`;
  const visitor = `visitor-${id}`;
  const token = createUserWithToken(owner, password);
  createUserWithToken(visitor, password);
  await repoWithCommit(request, token, owner, "auto", "---\nlicense: mit\nextra_gated_fields:\n  Affiliation: text\n---\n# Auto\n");
  expect((await request.put(`${E2E_URL}/api/models/${owner}/auto/settings`, { headers: { Authorization: `Bearer ${token}` }, data: { gated: "auto" } })).status()).toBe(200);
  const context = await browser.newContext();
  const vpage = await context.newPage();
  await signInAs(vpage, visitor, password);
  await vpage.goto(`/${owner}/auto`);
  const gate = vpage.getByTestId("gate");
  await gate.getByLabel("Affiliation").fill("A lab");
  await gate.getByRole("button", { name: "Agree and ask for access" }).click();
  await expect(vpage.getByTestId("gate-status")).toContainText("granted"); // without a reload
  await expect(gate).not.toContainText("share your contact information");
  await context.close();
  void page;
});

test("an owner changes visibility, renames the repo (the old address follows) and deletes it", async ({ page, request }) => {
  const owner = `admin-${id}`;
  const token = createUserWithToken(owner, password);
  await repoWithCommit(request, token, owner, "first-name");
  await signInAs(page, owner, password);
  await page.goto(`/${owner}/first-name/settings`);

  const visibility = page.getByTestId("visibility");
  await visibility.getByLabel(/Private/).check();
  await visibility.getByRole("button", { name: "Save visibility" }).click();
  await expect(visibility.getByRole("status")).toContainText("private now");
  expect((await request.get(`${E2E_URL}/api/models/${owner}/first-name`)).status()).toBe(404); // anonymous
  await visibility.getByLabel(/Public/).check();
  await visibility.getByRole("button", { name: "Save visibility" }).click();
  await expect(visibility.getByRole("status")).toContainText("public now");

  const rename = page.getByTestId("rename");
  await rename.getByLabel("New name").fill("second-name");
  await rename.getByRole("button", { name: "Rename or move" }).click();
  await expect(page).toHaveURL(new RegExp(`/${owner}/second-name/settings$`));
  await page.goto(`/${owner}/first-name/blob/main/config.json`);
  await expect(page).toHaveURL(new RegExp(`/${owner}/second-name/blob/main/config.json$`));

  await page.goto(`/${owner}/second-name/settings`);
  const del = page.getByTestId("delete-repo");
  await del.getByLabel("Confirm the repository to delete").fill("second-name");
  await del.getByRole("button", { name: "Delete this repository" }).click();
  await expect(del.getByRole("alert")).toContainText(`Type ${owner}/second-name exactly`);
  await del.getByLabel("Confirm the repository to delete").fill(`${owner}/second-name`);
  await del.getByRole("button", { name: "Delete this repository" }).click();
  await expect(page).toHaveURL(new RegExp(`/${owner}$`));
  expect((await request.get(`${E2E_URL}/api/models/${owner}/second-name`)).status()).toBe(404);
});

test("a model page's demo loading its weights is not a download; a download still is", async ({ browser, request }) => {
  test.setTimeout(120_000);
  const downloads = async () => (await (await request.get(`${E2E_URL}/api/models/modelhub/penguin-species`)).json()).downloadsAllTime as number;
  const before = await downloads();
  // a visitor the hub has not counted today (downloads count once per client, file and day)
  const context = await browser.newContext({ userAgent: `demo-visitor-${id}` });
  const page = await context.newPage();
  await page.goto("/modelhub/penguin-species");
  await runExample(page, "A penguin from Torgersen");
  expect(await topLabel(page)).toBe("Adelie");
  expect(await downloads()).toBe(before);
  const res = await page.request.get("/modelhub/penguin-species/resolve/main/weights.bin");
  expect(res.status()).toBe(200);
  expect(await downloads()).toBe(before + 1);
  await context.close();
});

test("a commit's large text diff comes collapsed and loads on request", async ({ page, request }) => {
  const owner = `differ-${id}`;
  const token = createUserWithToken(owner, password);
  await repoWithCommit(request, token, owner, "big-diff");
  const text = Array.from({ length: 3000 }, (_, i) => `line ${i} of a long generated file`).join("\n") + "\n";
  const body = [
    JSON.stringify({ key: "header", value: { summary: "A long file" } }),
    JSON.stringify({ key: "file", value: { path: "long.txt", content: Buffer.from(text).toString("base64"), encoding: "base64" } }),
    JSON.stringify({ key: "file", value: { path: "small.txt", content: Buffer.from("small\n").toString("base64"), encoding: "base64" } }),
  ].join("\n");
  const res = await request.post(`${E2E_URL}/api/models/${owner}/big-diff/commit/main`, { headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/x-ndjson" }, data: body });
  const commit = (await res.json()).commitOid as string;
  await page.goto(`/${owner}/big-diff/commit/${commit}`);
  const long = page.getByTestId("file-change").filter({ hasText: "long.txt" });
  await expect(long.getByTestId("collapsed-diff")).toContainText("3,000 changed lines");
  await expect(page.getByTestId("file-change").filter({ hasText: "small.txt" })).toContainText("+small"); // small diffs stay open
  expect(await page.evaluate(() => document.body.scrollHeight)).toBeLessThan(5000);
  await long.getByRole("link", { name: "Load diff" }).click();
  await expect(long).toContainText("+line 2999 of a long generated file");
  await expect(long.getByTestId("collapsed-diff")).toHaveCount(0);
});

test("a card heading's '#' link shows only while the heading is hovered", async ({ page }) => {
  await page.goto("/modelhub/penguin-species");
  const heading = page.locator(".card-body").locator("h1, h2").first();
  const anchor = heading.locator(".heading-anchor");
  await expect(anchor).toHaveCSS("opacity", "0");
  await heading.hover();
  await expect(anchor).toHaveCSS("opacity", "1");
  await page.mouse.move(0, 0);
  await expect(anchor).toHaveCSS("opacity", "0");
});

test("the header's search suggests models, datasets and people as you type; Enter with no pick searches the catalogue", async ({ page }) => {
  await page.goto("/");
  const box = page.getByTestId("header-search");
  await box.fill("pengu");
  const suggestions = page.getByTestId("header-suggestions");
  await expect(suggestions.getByRole("option", { name: /modelhub\/penguin-species\s*Model/ })).toBeVisible();
  await expect(suggestions.getByRole("option", { name: /modelhub\/palmer-penguins\s*Dataset/ })).toBeVisible();
  // keyboard: down to the dataset, Enter opens it
  const options = await suggestions.getByRole("option").allTextContents();
  const at = options.findIndex((o) => o.startsWith("modelhub/palmer-penguins"));
  for (let i = 0; i <= at; i++) await box.press("ArrowDown");
  await box.press("Enter");
  await expect(page).toHaveURL(/\/datasets\/modelhub\/palmer-penguins$/);
  await box.fill("modelh");
  await expect(page.getByTestId("header-suggestions").getByRole("option", { name: /^modelhub\s*User$/ })).toBeVisible();
  // Enter with no suggestion picked searches the models
  await box.fill("spam filter");
  await expect(page.getByTestId("header-suggestions")).toBeVisible();
  await box.press("Enter");
  await expect(page).toHaveURL(/\/models\?search=spam%20filter$/);
  await expect(page.getByTestId("repo-list")).toContainText("modelhub/spam-filter-bow");
});

test("a signed-in user's account links are in one menu, which closes after a pick", async ({ page }) => {
  const user = `menu-${id}`;
  createUserWithToken(user, password);
  await signInAs(page, user, password);
  const menu = page.getByTestId("user-menu");
  await expect(menu.getByRole("menuitem", { name: "Tokens" })).toBeHidden();
  await menu.locator("summary").click();
  for (const name of ["Profile", "+ New model", "+ New dataset", "Jobs", "Organizations", "Tokens", "Security", "Storage"]) await expect(menu.getByRole("menuitem", { name })).toBeVisible();
  await expect(menu.getByRole("menuitem", { name: "Admin" })).toHaveCount(0);
  await menu.getByRole("menuitem", { name: "Tokens" }).click();
  await expect(page).toHaveURL(/\/settings\/tokens$/);
  await expect(menu.getByRole("menuitem", { name: "Tokens" })).toBeHidden();
  // a click elsewhere closes it too
  await menu.locator("summary").click();
  await expect(menu.getByRole("menuitem", { name: "Jobs" })).toBeVisible();
  await page.locator("main").click({ position: { x: 5, y: 5 } });
  await expect(menu.getByRole("menuitem", { name: "Jobs" })).toBeHidden();
});

test("the Files tab's '+ Add file' creates a file in the folder shown; file pages carry breadcrumbs", async ({ page, request }) => {
  const owner = `adder-${id}`;
  const token = createUserWithToken(owner, password);
  await repoWithCommit(request, token, owner, "notes");
  await signInAs(page, owner, password);
  await page.goto(`/${owner}/notes/tree/main`);
  await page.getByTestId("add-file").locator("summary").click();
  await expect(page.getByTestId("add-file").getByRole("menuitem", { name: "Upload files" })).toHaveAttribute("href", `/${owner}/notes/upload`);
  await page.getByTestId("add-file").getByRole("menuitem", { name: "Create a new file" }).click();
  await page.getByLabel("Path of the new file").fill("docs/guide/start here.md");
  await page.getByLabel("File content").fill("# Start here\n");
  await page.getByRole("button", { name: "Commit to main" }).click();
  await expect(page).toHaveURL(new RegExp(`/${owner}/notes/blob/main/docs/guide/start%20here\\.md$`));
  await expect(page.getByTestId("file-text")).toHaveText("# Start here\n");
  // breadcrumbs: the repo and each folder link to their listings; the file is the current page
  const crumbs = page.getByTestId("breadcrumbs");
  await expect(crumbs).toHaveText("notes/docs/guide/start here.md");
  await crumbs.getByRole("link", { name: "guide" }).click();
  await expect(page).toHaveURL(new RegExp(`/${owner}/notes/tree/main/docs/guide$`));
  await expect(page.getByTestId("tree")).toContainText("start here.md");
  // from inside a folder, a new file starts there; an existing path is refused, nothing is overwritten
  await page.getByTestId("add-file").locator("summary").click();
  await page.getByTestId("add-file").getByRole("menuitem", { name: "Create a new file" }).click();
  await expect(page.getByLabel("Path of the new file")).toHaveValue("docs/guide/");
  await page.getByLabel("Path of the new file").fill("docs/guide/start here.md");
  await page.getByLabel("File content").fill("overwritten?");
  await page.getByRole("button", { name: "Commit to main" }).click();
  await expect(page.getByTestId("edit-file").getByRole("alert")).toContainText("already exists");
  const text = await (await request.get(`${E2E_URL}/${owner}/notes/resolve/main/docs/guide/start%20here.md`)).text();
  expect(text).toBe("# Start here\n");
});

test("a model's task, library, tags and datasets show as chips under its name, each opening the catalogue filtered by it", async ({ page }) => {
  await page.goto("/modelhub/penguin-species");
  const chips = page.getByTestId("repo-chips");
  await expect(chips.locator("[data-chip]")).toHaveText(["tabular-classification", "tfjs", "tabular", "penguins", "demo", "▤ modelhub/palmer-penguins"]);
  await expect(chips.getByRole("link", { name: "modelhub/palmer-penguins" })).toHaveAttribute("href", "/datasets/modelhub/palmer-penguins");
  // the same header on the other pages of the repo (without the card's datasets)
  await page.goto("/modelhub/penguin-species/tree/main");
  await expect(page.getByTestId("repo-chips").locator("[data-chip]")).toHaveText(["tabular-classification", "tfjs", "tabular", "penguins", "demo"]);
  await page.getByTestId("repo-chips").getByRole("link", { name: "tfjs" }).click();
  await expect(page).toHaveURL(/\/models\?library=tfjs$/);
  await expect(page.getByTestId("repo-list")).toContainText("modelhub/penguin-species");
});

test("a card's languages are chips of their own, named in words, opening the catalogue filtered by language", async ({ page }) => {
  await page.goto("/modelhub/spam-filter-bow");
  const chips = page.getByTestId("repo-chips");
  await expect(chips.locator("[data-chip]")).toHaveText(["text-classification", "tfjs", "English", "spam", "email", "demo", "▤ modelhub/spam-assassin"]);
  await chips.getByRole("link", { name: "English" }).click();
  await expect(page).toHaveURL(/\/models\?language=en$/);
  await expect(page.getByTestId("repo-list")).toContainText("modelhub/spam-filter-bow");
  await expect(page.getByTestId("repo-list")).not.toContainText("modelhub/penguin-species");
});

test("the docs: guides from MDX, snippets with the visitor's own name and this hub's address, copyable, and found from the header", async ({ page, context }) => {
  const user = `reader-${id}`;
  createUserWithToken(user, password);
  await signInAs(page, user, password);
  await page.getByRole("link", { name: "Docs", exact: true }).click();
  await expect(page.getByTestId("guides")).toContainText("User's guide");
  await expect(page.getByTestId("guides")).toContainText("Operator's guide");
  await page.getByRole("link", { name: "User's guide" }).click();
  const guide = page.getByTestId("guide");
  await expect(guide.getByRole("heading", { name: "With git and git-lfs" })).toBeVisible();
  const origin = new URL(page.url()).origin;
  const git = page.getByTestId("snippet").filter({ hasText: "git lfs install" });
  await expect(git).toContainText(`git clone ${origin}/${user}/my-model`);
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await git.getByRole("button", { name: "Copy" }).click();
  await expect(git.getByRole("button", { name: "Copied" })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toContain(`git clone ${origin}/${user}/my-model`);
  // the header's search finds a section of a guide
  await page.getByTestId("header-search").fill("backups");
  await page.getByTestId("header-suggestions").getByRole("option", { name: /Operator's guide › Backups/ }).click();
  await expect(page).toHaveURL(/\/docs\/operator-guide#backups$/);
  await expect(page.getByRole("heading", { name: "Backups" })).toBeVisible();
});
