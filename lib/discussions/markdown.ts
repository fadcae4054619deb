// Comments are Markdown (GFM), rendered to a sanitized HTML tree: raw HTML is
// dropped, links and images go through rehype-sanitize's safe defaults.
import type { Root as HastRoot } from "hast";
import remarkGfm from "remark-gfm";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import rehypeSanitize, { defaultSchema } from "rehype-sanitize";
import { unified } from "unified";

const processor = unified().use(remarkParse).use(remarkGfm).use(remarkRehype, { allowDangerousHtml: false }).use(rehypeSanitize, defaultSchema);

export function renderMarkdown(text: string): HastRoot {
  return processor.runSync(processor.parse(text)) as HastRoot;
}
