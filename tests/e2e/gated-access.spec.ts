// A gated model in the browser: the owner turns gating on, a visitor fills in
// the card's form, the owner accepts, and only then do the files open.
import crypto from "node:crypto";
import { expect, test } from "./fixtures";
import { createUserWithToken, E2E_URL, signInAs } from "./hub-env";

const id = crypto.randomBytes(3).toString("hex");
const [owner, visitor] = [`gatekeeper-${id}`, `asker-${id}`];
const password = "gated access password";

test("a visitor asks for access with the card's form and gets the files once accepted", async ({ page, request }) => {
  const token = createUserWithToken(owner, password);
  createUserWithToken(visitor, password);
  const auth = { Authorization: `Bearer ${token}` };
  expect((await request.post(`${E2E_URL}/api/repos/create`, { headers: auth, data: { name: "gated" } })).status()).toBe(200);
  const card = "---\nlicense: other\nlicense_name: research-only\nextra_gated_prompt: Research use only.\nextra_gated_fields:\n  Affiliation: text\n  I agree to use it for research only: checkbox\n---\n# Gated\n";
  const line = (o: object) => JSON.stringify(o);
  const body = [
    line({ key: "header", value: { summary: "Card and weights" } }),
    line({ key: "file", value: { path: "README.md", content: Buffer.from(card).toString("base64"), encoding: "base64" } }),
    line({ key: "file", value: { path: "config.json", content: Buffer.from('{"hidden": 8}').toString("base64"), encoding: "base64" } }),
  ].join("\n");
  expect((await request.post(`${E2E_URL}/api/models/${owner}/gated/commit/main`, { headers: { ...auth, "Content-Type": "application/x-ndjson" }, data: body })).status()).toBe(200);

  await signInAs(page, owner, password);
  await page.goto(`/${owner}/gated/settings`);
  await page.getByTestId("gating").getByLabel("Gated, approved by hand").check();
  await page.getByTestId("gating").getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("access-requests")).toContainText("No requests yet.");

  await signInAs(page, visitor, password);
  await page.goto(`/${owner}/gated`);
  const gate = page.getByTestId("gate");
  await expect(gate).toContainText("Research use only.");
  await expect(page.getByTestId("custom-license")).toContainText("research-only"); // an "other" license by its name
  await page.goto(`/${owner}/gated/blob/main/config.json`);
  await expect(page.getByTestId("gated-file")).toBeVisible();
  await expect(page.getByTestId("file-text")).toHaveCount(0);
  expect((await page.request.get(`/${owner}/gated/resolve/main/config.json`)).status()).toBe(403);
  await page.goto(`/${owner}/gated`);
  await gate.getByLabel("Affiliation").fill("University of Somewhere");
  await gate.getByLabel("I agree to use it for research only").check();
  await gate.getByRole("button", { name: "Agree and ask for access" }).click();
  await expect(page.getByTestId("gate-status")).toContainText("pending review");

  await signInAs(page, owner, password);
  // the owner's inbox leads to the review
  await page.goto("/notifications");
  await page.getByTestId("inbox").locator('[data-kind="access_request"]').filter({ hasText: visitor }).getByRole("link").click();
  await expect(page).toHaveURL(new RegExp(`/${owner}/gated/settings$`));
  const row = page.getByTestId("access-request").filter({ hasText: visitor });
  await expect(row).toContainText("Affiliation: University of Somewhere");
  await row.getByRole("button", { name: "Accept" }).click();
  await expect(row).toContainText(`accepted by ${owner}`);

  await signInAs(page, visitor, password);
  await page.goto("/notifications");
  await expect(page.getByTestId("inbox").locator('[data-kind="access_accepted"]')).toContainText(`${owner} accepted your access request to ${owner}/gated`);
  await page.goto(`/${owner}/gated`);
  await expect(page.getByTestId("gate-status")).toContainText("granted");
  const res = await page.request.get(`/${owner}/gated/resolve/main/config.json`);
  expect(res.status()).toBe(200);
  expect(await res.text()).toBe('{"hidden": 8}');
});
