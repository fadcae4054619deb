// A browser without WebGL: the demo falls back to WASM, still answers, and says
// which faster backend it could not use and why.
import { expect, test } from "./fixtures";
import { runExample, topLabel } from "./demo-helpers";

test.use({
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-software-rasterizer", "--disable-webgl", "--disable-3d-apis"],
  },
});

test("the demo falls back to WASM and says why WebGL was not used", async ({ page }) => {
  await page.goto("/modelhub/emotion-mini-xception");
  await runExample(page, "A smiling face");
  expect(await topLabel(page)).toBe("happy");
  await expect(page.getByTestId("demo-figures")).toHaveAttribute("data-backend", "wasm");
  await expect(page.getByTestId("demo-skipped")).toContainText("WebGL (unavailable in this browser)");
});
