// GET /api/models (hub-api.md §2.5): search, author, filters (tags, task, library,
// language, license, base model, size), sort, limit, expand, keyset
// pages in a Link header that keeps every original query parameter.
import type { Actor } from "../auth/actor";
import { listRepos, type ListOptions, type RepoSort } from "../repos/list-repos";
import { recentDownloads } from "../community/download-counts";
import { parseNumParameters } from "../repos/param-range";
import { boolParam, expandParam, listItemJson, modelJson, projectModel } from "./model-json";

const SORTS: Record<string, RepoSort> = { createdAt: "createdAt", lastModified: "updatedAt", downloads: "downloads", downloadsAllTime: "downloads", likes: "likes", trendingScore: "trending", trending: "trending" };

/** The catalogue query of an /api/models URL (shared with /api/model-facets). */
export function listOptionsFromQuery(actor: Actor | null, p: URLSearchParams, limit = 30): ListOptions {
  // filter= values are tags (the card's own, the library, task, languages, license:<id>): one GIN lookup
  const tags = p.getAll("filter").flatMap((f) => f.split(",")).map((f) => f.trim().slice(0, 200)).filter(Boolean).slice(0, 20);
  const one = (k: string) => p.get(k)?.trim().slice(0, 200) || undefined;
  return {
    actor,
    search: one("search"),
    owner: one("author"),
    cursor: p.get("cursor"),
    limit,
    sort: SORTS[p.get("sort") ?? "createdAt"] ?? "createdAt",
    params: parseNumParameters(p.get("num_parameters")),
    filters: { tags, task: one("pipeline_tag"), library: one("library"), language: one("language"), license: one("license"), baseModel: one("base_model") },
  };
}

export async function listModels(actor: Actor | null, url: URL): Promise<{ items: Record<string, unknown>[]; next: string | null }> {
  const p = url.searchParams;
  const limit = Math.min(Math.max(Number(p.get("limit") ?? 100) || 100, 1), 1000);
  const expand = expandParam(p);
  const page = await listRepos({ ...listOptionsFromQuery(actor, p, limit), recentDownloads: true });
  // the page query brings the 30-day counts along; only rows without them need a lookup
  const missing = page.repos.filter((r) => r.recentDownloads === undefined).map((r) => r.id);
  const recent = new Map([...page.repos.map((r) => [r.id, r.recentDownloads ?? 0] as const), ...(await recentDownloads(missing))]);
  const items: Record<string, unknown>[] = [];
  const full = boolParam(p.get("full")) || boolParam(p.get("cardData")) || boolParam(p.get("config"));
  for (const repo of page.repos) {
    if (!expand && !full) {
      items.push(listItemJson(repo, recent.get(repo.id) ?? 0)); // the common case: the row is enough
      continue;
    }
    const model = await modelJson(repo, { rev: "main", expand: null, recentDownloads: recent.get(repo.id) ?? 0 });
    if (!expand && !boolParam(p.get("full"))) delete model.siblings; // lists leave siblings out unless asked (§2.5)
    items.push(expand ? projectModel(model, expand) : model);
  }
  const cursor = page.nextCursor;
  if (!cursor) return { items, next: null };
  const next = new URL(url);
  next.searchParams.set("cursor", cursor);
  return { items, next: next.toString() };
}
