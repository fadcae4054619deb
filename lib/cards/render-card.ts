// Model card body -> sanitized HTML tree (hast). The MDX parser only reads the
// text: ESM and {expressions} are dropped or shown as text, JSX outside a short
// allow-list becomes inert text, and no code derived from the card is ever run.
// Cards that are not valid MDX are shown as plain Markdown with the reason.
import type { Root as HastRoot, Element } from "hast";
import type { Root as MdastRoot, RootContent, Parent } from "mdast";
import remarkGfm from "remark-gfm";
import remarkMath from "remark-math";
import rehypeKatex from "rehype-katex";
import rehypeHighlight from "rehype-highlight";
import rehypeSlug from "rehype-slug";
import rehypeAutolinkHeadings from "rehype-autolink-headings";
import remarkMdx from "remark-mdx";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import rehypeSanitize, { defaultSchema } from "rehype-sanitize";
import { unified } from "unified";
import type { CardProblem } from "./front-matter";
import { complexityProblem } from "./markdown-complexity";
import { once } from "./once";

type JsxAttr = { type: string; name?: string; value?: unknown };
type JsxNode = Parent & { type: "mdxJsxFlowElement" | "mdxJsxTextElement"; name: string | null; attributes: JsxAttr[] };

// Our own components that cards may use, with the literal attributes each accepts.
export const CARD_COMPONENTS: Record<string, { tag: string; attributes: Record<string, RegExp> }> = {
  Callout: { tag: "mh-callout", attributes: { type: /^(info|tip|warning|danger)$/, title: /^[^\n]{0,200}$/ } },
  // the license of the card (or the one named) with what it allows
  LicenseBadge: { tag: "mh-license", attributes: { id: /^[\w.+-]{1,64}$/ } },
  // the card's model-index as a table
  EvalResults: { tag: "mh-eval-results", attributes: {} },
};

const schema = {
  ...defaultSchema,
  tagNames: [...(defaultSchema.tagNames ?? []), ...Object.values(CARD_COMPONENTS).map((c) => c.tag)],
  attributes: {
    ...defaultSchema.attributes,
    ...Object.fromEntries(Object.values(CARD_COMPONENTS).map((c) => [c.tag, Object.keys(c.attributes)])),
    // code languages for highlighting, and the math markers KaTeX renders from
    code: [["className", /^language-[\w+-]{1,40}$/, "math-inline", "math-display"] as [string, ...(string | RegExp)[]]],
  },
};

export type RenderedCard = { tree: HastRoot; warnings: CardProblem[]; mode: "mdx" | "markdown" | "text" };

const MAX_BODY = 256 * 1024;

// The processors are built once, on first use: building one runs every plugin's set-up
// (the highlighter registers its languages' grammars), which cost more than most cards' rendering.
const markdownParser = once(() => unified().use(remarkParse).use(remarkGfm).use(remarkMath).freeze());
const mdxParser = once(() => unified().use(remarkParse).use(remarkGfm).use(remarkMath).use(remarkMdx).freeze());

function parse(body: string, mdx: boolean): MdastRoot {
  const processor = mdx ? mdxParser() : markdownParser();
  return processor.runSync(processor.parse(body)) as MdastRoot;
}

// Deeper than this, a card is shown as plain text: nothing legitimate nests so far, and
// every renderer down the line (sanitizer, React) walks the tree recursively.
const MAX_DEPTH = 64;

/** The deepest nesting of a tree, measured without recursion (the tree may be hostile). */
function depthOf(root: { children?: unknown[] }): number {
  let max = 0;
  const stack: [{ children?: unknown[] }, number][] = [[root, 0]];
  while (stack.length) {
    const [node, d] = stack.pop()!;
    if (d > max) max = d;
    for (const c of node.children ?? []) stack.push([c as { children?: unknown[] }, d + 1]);
  }
  return max;
}

/** The card's text as one preformatted block: what every card falls back to. */
function plainText(text: string, why: string): RenderedCard {
  const tree: HastRoot = { type: "root", children: [{ type: "element", tagName: "pre", properties: { className: ["card-plain"] }, children: [{ type: "text", value: text }] }] };
  return { tree, warnings: [{ message: `${why}; shown as plain text` }], mode: "text" };
}

/** Every card renders: what the renderers cannot take (pathological nesting, anything that throws) is plain text. */
export function renderCardBody(body: string, bodyLine = 1): RenderedCard {
  const text = body.length > MAX_BODY ? body.slice(0, MAX_BODY) : body;
  const problem = complexityProblem(text);
  if (problem) return plainText(text, `The card is too complex to render as Markdown (${problem})`);
  try {
    const rendered = renderMarkdown(body, bodyLine);
    if (depthOf(rendered.tree) > MAX_DEPTH) return plainText(text, `The card nests deeper than ${MAX_DEPTH} levels`);
    return rendered;
  } catch (e) {
    return plainText(text, `The card could not be rendered (${e instanceof RangeError ? "nested too deeply" : "renderer error"})`);
  }
}

const toHast = once(() =>
  unified()
    .use(remarkRehype, {
      allowDangerousHtml: false,
      handlers: {
        mhComponent: (state: { all: (n: unknown) => Element["children"] }, node: { data: { tag: string; props: Record<string, string> } }) => ({
          type: "element",
          tagName: node.data.tag,
          properties: node.data.props,
          children: state.all(node),
        }),
      } as never,
    })
    .use(rehypeSanitize, schema)
    // After sanitizing: these only add markup of their own (KaTeX keeps trust off, so no links or HTML from TeX).
    .use(rehypeKatex, { strict: "ignore", trust: false, maxSize: 20, maxExpand: 200 })
    .use(rehypeHighlight, { detect: false })
    .use(rehypeSlug, { prefix: "card-" })
    .use(rehypeAutolinkHeadings, { behavior: "append", properties: { className: ["heading-anchor"], ariaLabel: "Link to this section" }, content: { type: "text", value: "#" } })
    .use(() => unwrapBlocksInParagraphs)
    .freeze(),
);

function renderMarkdown(body: string, bodyLine: number): RenderedCard {
  const warnings: CardProblem[] = [];
  let text = body;
  if (text.length > MAX_BODY) {
    text = text.slice(0, MAX_BODY);
    warnings.push({ message: "The card is longer than 256 KiB; the rest is not shown" });
  }
  let mode: RenderedCard["mode"] = "mdx";
  let tree: MdastRoot;
  try {
    tree = parse(text, true);
  } catch (e) {
    const err = e as { message?: string; reason?: string; line?: number; place?: { line?: number } };
    const line = err.line ?? err.place?.line;
    warnings.push({
      message: `Not valid MDX (${err.reason ?? err.message ?? "parse error"}); shown as plain Markdown`,
      line: line ? line + bodyLine - 1 : undefined,
    });
    mode = "markdown";
    tree = parse(text, false);
  }
  if (depthOf(tree) > MAX_DEPTH) throw new RangeError("nested too deeply");
  neutralize(tree, text, bodyLine, warnings);
  const hast = toHast().runSync(tree) as HastRoot;
  return { tree: hast, warnings, mode };
}

// Components that render blocks (a callout's <div>, a table). Written inline in a line of text,
// MDX puts them inside a paragraph; a browser's parser ends a <p> at a <div>, so the page it builds
// would not match the server's HTML (a hydration error). Such a paragraph becomes a <div>.
const BLOCK_COMPONENTS = new Set(["mh-callout", "mh-eval-results"]);

function unwrapBlocksInParagraphs(tree: HastRoot): void {
  const walk = (n: { type: string; tagName?: string; children?: unknown[] }) => {
    if (n.type === "element" && n.tagName === "p" && n.children?.some((c) => BLOCK_COMPONENTS.has((c as { tagName?: string }).tagName ?? ""))) {
      n.tagName = "div";
      (n as Element).properties = { ...(n as Element).properties, className: ["card-paragraph"] };
    }
    for (const c of n.children ?? []) walk(c as typeof n);
  };
  walk(tree as never);
}

function lineOf(node: { position?: { start: { line: number } } }, bodyLine: number): number | undefined {
  return node.position ? node.position.start.line + bodyLine - 1 : undefined;
}

function sourceOf(node: RootContent, text: string): string {
  const p = node.position;
  return p?.start.offset !== undefined && p.end.offset !== undefined ? text.slice(p.start.offset, p.end.offset) : "";
}

/** Rewrites every node that could carry code or markup into inert text, in place. */
function neutralize(parent: Parent, text: string, bodyLine: number, warnings: CardProblem[]): void {
  const out: RootContent[] = [];
  for (const node of parent.children as RootContent[]) {
    const type = node.type as string;
    if (type === "mdxjsEsm") {
      warnings.push({ message: "import/export statements are not allowed in model cards and were removed", line: lineOf(node, bodyLine) });
      continue;
    }
    if (type === "mdxFlowExpression" || type === "mdxTextExpression") {
      warnings.push({ message: "{expressions} are not evaluated in model cards; shown as text", line: lineOf(node, bodyLine) });
      out.push(asText(`{${(node as { value: string }).value}}`, type === "mdxFlowExpression"));
      continue;
    }
    if (type === "html") {
      warnings.push({ message: "Raw HTML is not rendered in model cards; shown as text", line: lineOf(node, bodyLine) });
      out.push(asText((node as { value: string }).value, FLOW_PARENTS.has(parent.type)));
      continue;
    }
    if (type === "mdxJsxFlowElement" || type === "mdxJsxTextElement") {
      const jsx = node as unknown as JsxNode;
      const component = allowedComponent(jsx);
      if (!component) {
        warnings.push({ message: `<${jsx.name ?? ""}> is not an allowed component; shown as text`, line: lineOf(node, bodyLine) });
        out.push(asText(sourceOf(node, text), type === "mdxJsxFlowElement"));
        continue;
      }
      neutralize(jsx, text, bodyLine, warnings);
      out.push({ type: "mhComponent", data: component, children: jsx.children } as unknown as RootContent);
      continue;
    }
    if ("children" in node) neutralize(node as Parent, text, bodyLine, warnings);
    out.push(node);
  }
  parent.children = out as Parent["children"];
}

function allowedComponent(node: JsxNode): { tag: string; props: Record<string, string> } | null {
  const spec = node.name ? CARD_COMPONENTS[node.name] : undefined;
  if (!spec) return null;
  const props: Record<string, string> = {};
  for (const a of node.attributes) {
    // Only literal string attributes: no spreads, no {expression} values.
    if (a.type !== "mdxJsxAttribute" || !a.name || typeof a.value !== "string") return null;
    const rule = spec.attributes[a.name];
    if (!rule || !rule.test(a.value)) return null;
    props[a.name] = a.value;
  }
  return { tag: spec.tag, props };
}

// Parents whose children are blocks: replaced nodes there become paragraphs.
const FLOW_PARENTS = new Set(["root", "blockquote", "listItem", "mdxJsxFlowElement"]);

function asText(value: string, block: boolean): RootContent {
  const t = { type: "text" as const, value };
  return (block ? { type: "paragraph", children: [t] } : t) as RootContent;
}
