// Organizations in the browser: create one, invite a member who accepts, the
// member publishes a private model in it, and outsiders cannot see it.
import crypto from "node:crypto";
import { expect, test, type Page } from "./fixtures";
import { createUserWithToken, E2E_URL, signInAs } from "./hub-env";

const id = crypto.randomBytes(3).toString("hex");
const [founder, member] = [`founder-${id}`, `member-${id}`];
const org = `org-${id}`;
const password = "organization password";

test.beforeAll(() => {
  createUserWithToken(founder, password);
  createUserWithToken(member, password);
});

const signIn = (page: Page, username: string) => signInAs(page, username, password);

test("an organization invites a member who publishes a private model only members see", async ({ page, request }) => {
  await signIn(page, founder);
  await page.goto("/organizations/new");
  await page.getByLabel("Organization name").fill(org);
  await page.getByRole("button", { name: "Create organization" }).click();
  await expect(page).toHaveURL(new RegExp(`/${org}$`));
  await expect(page.getByTestId("members")).toContainText(founder);
  const invite = page.getByTestId("invite-form");
  await invite.getByLabel("User name").fill(member);
  await invite.getByLabel("Role").selectOption("write");
  await invite.getByRole("button", { name: "Invite" }).click();
  await expect(invite).toContainText(`Invited ${member}`);

  await signIn(page, member);
  // the invitation reaches the inbox; following it reads it and leads to the answer
  await page.goto("/notifications");
  const notice = page.getByTestId("inbox").locator('[data-kind="org_invite"]');
  await expect(notice).toContainText(`invited you to join ${org} (as write)`);
  await notice.getByRole("link").click();
  await expect(page).toHaveURL(/\/settings\/organizations$/);
  await expect(page.getByTestId("invitations")).toContainText(`${org} invites you as write`);
  await page.goto("/notifications");
  await expect(notice.getByRole("button", { name: "read" })).toHaveCount(0);
  await page.goto("/settings/organizations");
  await page.getByRole("button", { name: "Accept" }).click();
  await expect(page.getByRole("link", { name: org })).toBeVisible();

  await page.goto("/new");
  await page.getByLabel("Owner").selectOption(org);
  await page.getByLabel("Model name").fill("team-model");
  await page.getByText("Private: only you").click();
  await page.getByRole("button", { name: "Create model" }).click();
  await expect(page).toHaveURL(new RegExp(`/${org}/team-model$`));
  // profiles: follow the organization; the member's activity lists the new model (to members)
  await page.goto(`/${org}`);
  await page.getByTestId("follow-bar").getByRole("button", { name: "Follow" }).click();
  await expect(page.getByTestId("follow-bar")).toContainText("1 follower");
  await page.goto(`/${member}`);
  await expect(page.getByTestId("activity")).toContainText(`created ${org}/team-model`);

  // the founder (admin) sees it; a visitor gets a 404; the API agrees
  await signIn(page, founder);
  await page.goto(`/${org}/team-model`);
  await expect(page.getByRole("heading", { name: `${org}/team-model` })).toBeVisible();
  await page.goto(`/${org}`);
  await expect(page.getByTestId("repo-list")).toContainText("team-model");
  await page.context().clearCookies();
  expect((await page.goto(`/${org}/team-model`))!.status()).toBe(404);
  await page.goto(`/${member}`);
  await expect(page.getByText("No public activity yet.")).toBeVisible(); // the private model stays private
  expect((await request.get(`${E2E_URL}/api/models/${org}/team-model`)).status()).toBe(404);
});
