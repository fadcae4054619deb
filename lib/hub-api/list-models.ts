// GET /api/models (hub-api.md §2.5): search, author, sort, limit, expand, keyset
// pages in a Link header that keeps every original query parameter.
import type { Actor } from "../auth/actor";
import { encodeCursor, listRepos, type RepoSort } from "../repos/list-repos";
import { expandParam, modelJson, projectModel } from "./model-json";

const SORTS: Record<string, RepoSort> = { createdAt: "createdAt", lastModified: "updatedAt", downloads: "downloads" };
const MAX_SCAN_PAGES = 20;

export async function listModels(actor: Actor | null, url: URL): Promise<{ items: Record<string, unknown>[]; next: string | null }> {
  const p = url.searchParams;
  const limit = Math.min(Math.max(Number(p.get("limit") ?? 100) || 100, 1), 1000);
  const sort = SORTS[p.get("sort") ?? "createdAt"] ?? "createdAt";
  const expand = expandParam(p);
  const filters = [...p.getAll("filter"), ...(p.get("pipeline_tag") ? [p.get("pipeline_tag")!] : [])];
  const items: Record<string, unknown>[] = [];
  let cursor = p.get("cursor");
  // Tag filters are checked on each model's card: scan pages until the page is full.
  for (let scanned = 0; scanned < (filters.length ? MAX_SCAN_PAGES : 1); scanned++) {
    const page = await listRepos({ actor, search: p.get("search") ?? undefined, owner: p.get("author") ?? undefined, cursor, limit, sort });
    cursor = page.nextCursor;
    for (const repo of page.repos) {
      // Built once: filtered on its tags, then projected to `expand` (which may ask for siblings).
      const full = await modelJson(repo, { rev: "main", expand: null });
      if (filters.every((f) => (full.tags as string[]).includes(f) || full.pipeline_tag === f)) {
        if (!expand) delete full.siblings; // lists leave siblings out unless asked (§2.5)
        items.push(expand ? projectModel(full, expand) : full);
      }
      if (items.length === limit) {
        // Stopped inside a page: continue right after this repo (if anything follows it).
        if (repo !== page.repos[page.repos.length - 1] || page.nextCursor) cursor = encodeCursor(repo, sort);
        break;
      }
    }
    if (!cursor || items.length >= limit) break;
  }
  if (!cursor) return { items, next: null };
  const next = new URL(url);
  next.searchParams.set("cursor", cursor);
  return { items, next: next.toString() };
}
