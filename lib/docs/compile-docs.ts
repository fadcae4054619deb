// The hub's own guides (lib/docs/content/*.mdx) compiled with mdx-bundler: this is the
// project's trusted content, so unlike model cards it may use components and expressions.
// `npm start` compiles them once after building the app (.next/modelhub-docs); `npm run dev`
// compiles on first request. Each guide keeps its headings and plain text for search.
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { bundleMDX } from "mdx-bundler";
import rehypeSlug from "rehype-slug";
import remarkGfm from "remark-gfm";

export type Guide = { slug: string; title: string; description: string; order: number; code: string; headings: { id: string; text: string; depth: number }[]; text: string };

export const DOCS_CONTENT_DIR = path.join(process.cwd(), "lib/docs/content");

type HastNode = { type: string; tagName?: string; value?: string; properties?: { id?: unknown }; children?: HastNode[] };

const textOf = (n: HastNode): string => (n.type === "text" ? (n.value ?? "") : (n.children ?? []).map(textOf).join(""));

/** A rehype step that notes every h2/h3 (with the id rehype-slug gave it) and the page's text. */
function collect(into: { headings: Guide["headings"]; text: string[] }) {
  return () => (tree: HastNode) => {
    const walk = (n: HastNode) => {
      if (n.type === "element" && (n.tagName === "h2" || n.tagName === "h3") && typeof n.properties?.id === "string") {
        into.headings.push({ id: n.properties.id, text: textOf(n).trim(), depth: Number(n.tagName[1]) });
      }
      if (n.type === "text" && n.value?.trim()) into.text.push(n.value.trim());
      n.children?.forEach(walk);
    };
    walk(tree);
  };
}

export async function compileGuide(slug: string, source: string): Promise<Guide> {
  const found = { headings: [] as Guide["headings"], text: [] as string[] };
  const { code, frontmatter } = await bundleMDX({
    source,
    mdxOptions(options) {
      options.remarkPlugins = [...(options.remarkPlugins ?? []), remarkGfm];
      options.rehypePlugins = [...(options.rehypePlugins ?? []), rehypeSlug, collect(found)];
      return options;
    },
  });
  const fm = frontmatter as { title?: string; description?: string; order?: number };
  if (!fm.title) throw new Error(`docs/${slug}.mdx: front matter needs a title`);
  return { slug, title: fm.title, description: fm.description ?? "", order: fm.order ?? 99, code, headings: found.headings, text: found.text.join(" ").slice(0, 200_000) };
}

export async function compileAllGuides(dir = DOCS_CONTENT_DIR): Promise<Guide[]> {
  // read at build (or in dev), never traced into the server bundle's file list
  const files = (await readdir(/*turbopackIgnore: true*/ dir)).filter((f) => f.endsWith(".mdx")).sort();
  const guides = await Promise.all(files.map(async (f) => compileGuide(f.replace(/\.mdx$/, ""), await readFile(/*turbopackIgnore: true*/ path.join(/*turbopackIgnore: true*/ dir, f), "utf8"))));
  return guides.sort((a, b) => a.order - b.order);
}
