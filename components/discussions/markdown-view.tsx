// A comment's sanitized Markdown tree, rendered without evaluating anything.
import { Fragment, jsx, jsxs } from "react/jsx-runtime";
import { toJsxRuntime } from "hast-util-to-jsx-runtime";
import { renderMarkdown } from "@/lib/discussions/markdown";

export function MarkdownView({ text }: { text: string }) {
  return <div className="card-body text-sm">{toJsxRuntime(renderMarkdown(text), { Fragment, jsx, jsxs })}</div>;
}
