// The Community tab: open a discussion, comment in Markdown (nothing from it
// runs), edit with history, moderate (pin, lock, hide), close; the API agrees.
import crypto from "node:crypto";
import { expect, test, type Page } from "./fixtures";
import { createUserWithToken, E2E_URL, signInAs } from "./hub-env";

const id = crypto.randomBytes(3).toString("hex");
const [owner, visitor] = [`maint-${id}`, `asker-${id}`];
const password = "discussion password";
let ownerToken = "";
let visitorToken = "";

test.beforeAll(() => {
  ownerToken = createUserWithToken(owner, password);
  visitorToken = createUserWithToken(visitor, password);
});

const signIn = (page: Page, username: string) => signInAs(page, username, password);

test("discuss a model: Markdown stays inert, edits keep history, moderators pin and lock, authors close", async ({ page, request }) => {
  expect((await request.post(`${E2E_URL}/api/repos/create`, { headers: { Authorization: `Bearer ${ownerToken}` }, data: { name: "talked-about" } })).status()).toBe(200);
  const base = `/${owner}/talked-about/discussions`;

  await signIn(page, visitor);
  await page.goto(`/${owner}/talked-about`);
  await page.getByRole("link", { name: "Community" }).click();
  const form = page.getByTestId("new-discussion");
  await form.getByLabel("Title").fill("Does it run on CPU?");
  await form.getByLabel("Comment").fill('It is **fast**?\n\n<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>[click](javascript:window.__pwned=3)');
  await form.getByRole("button", { name: "Open discussion" }).click();
  await expect(page).toHaveURL(new RegExp(`${base}/1$`));
  await expect(page.getByTestId("comment").first().locator("strong")).toHaveText("fast");
  await expect(page.locator('[data-testid="comment"] a[href^="javascript"], [data-testid="comment"] img[onerror], [data-testid="comment"] script')).toHaveCount(0);
  expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();

  // edit with history
  await page.getByTestId("comment").first().getByText("Edit", { exact: true }).click();
  await page.getByLabel("Edit comment").fill("It is **fast** on CPU?");
  await page.getByRole("button", { name: "Save edit" }).click();
  await expect(page.getByTestId("comment").first()).toContainText("fast on CPU?");
  await page.getByTestId("comment").first().getByText("edited").click();
  await expect(page.getByTestId("comment-history")).toContainText("It is **fast**?");

  // the maintainer answers, pins and locks; then hides an off-topic reply
  await signIn(page, owner);
  // the maintainer's inbox has it, unread
  await expect(page.getByTestId("unread")).toHaveText("1");
  await page.getByTestId("inbox-link").click();
  await expect(page.getByTestId("inbox")).toContainText(`${visitor} opened a discussion on ${owner}/talked-about#1`);
  await page.getByRole("button", { name: "Mark all as read" }).click();
  await expect(page.getByTestId("unread")).toHaveCount(0);
  await page.goto(`${base}/1`);
  await page.getByLabel("Comment").fill("Yes: about 40 ms per image on one core.");
  await page.getByRole("button", { name: "Comment", exact: true }).click();
  await expect(page.getByTestId("comment")).toHaveCount(2);
  await page.getByRole("button", { name: "Pin" }).click();
  await page.getByRole("button", { name: "Lock" }).click();
  await expect(page.getByText("🔒 locked")).toBeVisible();

  // a locked discussion refuses the visitor's comment, by page and API
  const api = await request.post(`${E2E_URL}/api/models/${owner}/talked-about/discussions/1/comment`, { headers: { Authorization: `Bearer ${visitorToken}` }, data: { comment: "one more" } });
  expect(api.status()).toBe(403);
  await signIn(page, visitor);
  await page.goto(`${base}/1`);
  await expect(page.getByText("This discussion is locked.")).toBeVisible();
  await page.getByRole("button", { name: "Close" }).click(); // the author may still close it
  await expect(page.getByTestId("discussion-status")).toHaveText("closed");

  const list = await (await request.get(`${E2E_URL}/api/models/${owner}/talked-about/discussions`)).json();
  expect(list.discussions).toEqual([expect.objectContaining({ num: 1, title: "Does it run on CPU?", status: "closed", pinned: true, numComments: 2, author: { name: visitor } })]);
  const thread = await (await request.get(`${E2E_URL}/api/models/${owner}/talked-about/discussions/1`)).json();
  expect(thread.events.map((e: { author: { name: string } }) => e.author.name)).toEqual([visitor, owner]);
});
