// Every e2e test fails on an uncaught page error or a React hydration warning in any page
// of its browser context, not only where a test thought to look. A test that provokes one
// on purpose says which with `test.use({ allowedPageErrors: [/…/] })`.
import { test as base, expect, type Page } from "@playwright/test";

export * from "@playwright/test";

const HYDRATION = /hydrat|did not match|server rendered HTML|Minified React error #(418|423|425)/i;

export const test = base.extend<{ allowedPageErrors: RegExp[]; pageProblems: void }>({
  allowedPageErrors: [[], { option: true }],
  pageProblems: [
    async ({ context, allowedPageErrors }, use) => {
      const problems: string[] = [];
      const watch = (page: Page) => {
        page.on("pageerror", (e) => problems.push(`uncaught error on ${page.url()}: ${e.message}`));
        page.on("console", (m) => {
          if (m.type() === "error" && HYDRATION.test(m.text())) problems.push(`hydration warning on ${page.url()}: ${m.text().slice(0, 500)}`);
        });
      };
      context.pages().forEach(watch);
      context.on("page", watch);
      await use();
      expect(problems.filter((p) => !allowedPageErrors.some((r) => r.test(p))), "pages of this test threw or failed to hydrate").toEqual([]);
    },
    { auto: true },
  ],
});
