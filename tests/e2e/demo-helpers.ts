// Shared steps of the demo specs.
import { expect, type Page } from "@playwright/test";

/** Clicks an example and waits for the answer. */
export async function runExample(page: Page, title: string) {
  await page.getByTestId("demo-example").filter({ hasText: title }).click();
  await expect(page.getByTestId("demo-result")).toBeVisible({ timeout: 120_000 });
  await expect(page.getByTestId("demo-running")).toHaveCount(0, { timeout: 120_000 });
  await expect(page.getByTestId("demo-first-ms")).toBeVisible();
}

export const topLabel = (page: Page) => page.getByTestId("demo-scores").locator("li").first().getAttribute("data-label");
