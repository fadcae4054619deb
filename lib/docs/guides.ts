// The guides as pages and the header's search read them: from the build's compiled copy
// (.next/modelhub-docs/guides.json), or compiled from source where there is none
// (`npm run dev`, tests) and kept for the process's life.
import { existsSync, readFileSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Guide } from "./compile-docs";

export type { Guide };
export const DOCS_BUILD_DIR = path.join(process.cwd(), ".next", "modelhub-docs");

let loaded: Promise<Guide[]> | null = null;

export function allGuides(): Promise<Guide[]> {
  loaded ??= (async () => {
    const built = path.join(DOCS_BUILD_DIR, "guides.json");
    if (process.env.NODE_ENV !== "development" && existsSync(built)) return JSON.parse(readFileSync(built, "utf8")) as Guide[];
    const { compileAllGuides } = await import("./compile-docs");
    return compileAllGuides();
  })();
  return loaded;
}

export async function findGuide(slug: string): Promise<Guide | null> {
  return (await allGuides()).find((g) => g.slug === slug) ?? null;
}

/** Compiles every guide into the build folder (after `next build`, which empties .next). */
export async function writeCompiledGuides(): Promise<number> {
  const { compileAllGuides } = await import("./compile-docs");
  const guides = await compileAllGuides();
  await mkdir(DOCS_BUILD_DIR, { recursive: true });
  await writeFile(path.join(DOCS_BUILD_DIR, "guides.json"), JSON.stringify(guides));
  return guides.length;
}

export type DocHit = { title: string; href: string };

/** Sections whose heading or guide title holds every word typed (then guides whose text does). */
export async function searchGuides(q: string, limit: number): Promise<DocHit[]> {
  const words = q.toLowerCase().split(/\s+/).filter((w) => w.length > 1).slice(0, 5);
  if (!words.length) return [];
  const has = (s: string) => words.every((w) => s.toLowerCase().includes(w));
  const hits: DocHit[] = [];
  for (const g of await allGuides()) {
    for (const h of g.headings) if (has(`${h.text} ${g.title}`)) hits.push({ title: `${g.title} › ${h.text}`, href: `/docs/${g.slug}#${h.id}` });
    if (has(g.title)) hits.push({ title: g.title, href: `/docs/${g.slug}` });
  }
  for (const g of await allGuides()) if (!hits.some((x) => x.href.startsWith(`/docs/${g.slug}`)) && has(g.text)) hits.push({ title: g.title, href: `/docs/${g.slug}` });
  return hits.slice(0, limit);
}
