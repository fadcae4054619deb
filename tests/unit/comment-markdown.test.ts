// Comments are rendered in bounded time: Markdown the parser would chew on for
// seconds (nested emphasis, nested brackets, deep lists) is shown as plain text.
import { describe, expect, it } from "vitest";
import { complexityProblem } from "../../lib/cards/markdown-complexity";
import { renderMarkdown } from "../../lib/discussions/markdown";

describe("comment Markdown", () => {
  it.each([
    ["nested emphasis", "*a **b ".repeat(3000) + "c" + "** d*".repeat(3000)],
    ["nested brackets", "[".repeat(20_000) + "x" + "](y)".repeat(20_000)],
    ["a deep list", Array.from({ length: 300 }, (_, i) => `${"  ".repeat(i)}- item`).join("\n")],
    ["deep quotes", ">".repeat(5000) + " x"],
  ])("renders %s quickly, as plain text", (_name, text) => {
    const started = Date.now();
    const tree = renderMarkdown(text);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(JSON.stringify(tree)).toContain('"tagName":"pre"');
  });

  it("leaves ordinary Markdown alone, code included", () => {
    const text = "Some **bold**, a [link](https://x.test), `code_with_under_scores`.\n\n```py\n" + "a_b * c_d\n".repeat(2000) + "```\n";
    expect(complexityProblem(text)).toBeNull();
    expect(JSON.stringify(renderMarkdown(text))).toContain('"tagName":"strong"');
  });
});
