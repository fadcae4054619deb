// Comments are Markdown (GFM), rendered to a sanitized HTML tree: raw HTML is
// dropped, links and images go through rehype-sanitize's safe defaults.
import type { Root as HastRoot } from "hast";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import rehypeSanitize, { defaultSchema } from "rehype-sanitize";
import { unified } from "unified";
import { complexityProblem } from "../cards/markdown-complexity";

const processor = unified().use(remarkParse).use(remarkGfm).use(remarkRehype, { allowDangerousHtml: false }).use(rehypeSanitize, defaultSchema);

/** A comment as HTML, or, when it is too complex to parse in bounded time (lib/cards/markdown-complexity), as plain text. */
export function renderMarkdown(text: string): HastRoot {
  if (complexityProblem(text)) return { type: "root", children: [{ type: "element", tagName: "pre", properties: {}, children: [{ type: "text", value: text }] }] };
  return processor.runSync(processor.parse(text)) as HastRoot;
}
