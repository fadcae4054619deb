// The main pages on a phone-sized screen (Pixel 5, 393×851): nothing makes the page wider
// than the screen (a wide table or a row of tabs scrolls inside itself), the header and
// a repo's tabs stay one line each, and the evaluation table can be read by scrolling it.
import { expect, test, type Page } from "./fixtures";

async function fitsTheScreen(page: Page, path: string) {
  await page.goto(path);
  const { scroll, width } = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, width: window.innerWidth }));
  expect(scroll, `${path} is ${scroll}px wide on a ${width}px screen`).toBeLessThanOrEqual(width);
}

const oneLine = async (page: Page, testId: string) => {
  const box = (await page.getByTestId(testId).boundingBox())!;
  expect(box.height, `${testId} wraps onto more lines`).toBeLessThan(56);
};

test("the catalogue, a model, its files and history, datasets and the sign-in page fit a phone's screen", async ({ page }) => {
  for (const path of ["/", "/models", "/datasets", "/modelhub/penguin-species/tree/main", "/modelhub/penguin-species/commits/main", "/datasets/modelhub/palmer-penguins", "/signin"]) {
    await fitsTheScreen(page, path);
  }
});

test("a model page on a phone: tabs on one line that scroll, the evaluation table scrolls inside itself", async ({ page }) => {
  await fitsTheScreen(page, "/modelhub/penguin-species");
  await oneLine(page, "repo-tabs");
  const tabs = page.getByTestId("repo-tabs");
  // every tab is reachable: the row scrolls sideways instead of wrapping or widening the page
  await tabs.getByRole("link", { name: "Community" }).scrollIntoViewIfNeeded();
  await expect(tabs.getByRole("link", { name: "Community" })).toBeInViewport();
  const table = page.getByTestId("eval-results");
  await table.scrollIntoViewIfNeeded();
  const box = (await table.boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(page.viewportSize()!.width);
  // the header's links fit: the search box and the menu are on the screen
  await expect(page.getByRole("banner")).toBeVisible();
});

test("with the system in dark mode, pages are dark with light text, and the light theme stays light", async ({ page }) => {
  // relative luminance (0 black, 1 white) of the body's background and text, and of a list's surface
  const shades = async () =>
    page.evaluate(() => {
      const ctx = document.createElement("canvas").getContext("2d", { willReadFrequently: true })!;
      const lum = (css: string) => {
        ctx.clearRect(0, 0, 1, 1);
        ctx.fillStyle = css; // any CSS colour (lab, oklch, rgb) to sRGB pixels
        ctx.fillRect(0, 0, 1, 1);
        const [r, g, b] = ctx.getImageData(0, 0, 1, 1).data;
        return (0.2126 * r! + 0.7152 * g! + 0.0722 * b!) / 255;
      };
      const body = getComputedStyle(document.body);
      const list = document.querySelector<HTMLElement>("[data-testid='repo-list']")!;
      return { bg: lum(body.backgroundColor), fg: lum(body.color), surface: lum(getComputedStyle(list).backgroundColor) };
    });
  await page.emulateMedia({ colorScheme: "dark" });
  await page.goto("/models");
  const dark = await shades();
  expect(dark.bg).toBeLessThan(0.15);
  expect(dark.surface).toBeLessThan(0.2);
  expect(dark.fg).toBeGreaterThan(0.8);
  await page.emulateMedia({ colorScheme: "light" });
  await page.goto("/models");
  const light = await shades();
  expect(light.bg).toBeGreaterThan(0.9);
  expect(light.fg).toBeLessThan(0.2);
});
