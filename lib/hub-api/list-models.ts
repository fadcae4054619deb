// GET /api/models (hub-api.md §2.5): search, author, filters (tags, task, library,
// language, license, base model, size), sort, limit, expand, keyset
// pages in a Link header that keeps every original query parameter.
import type { Actor } from "../auth/actor";
import { listRepos } from "../repos/list-repos";
import { type ListOptions, type RepoSort } from "../repos/list-query";
import { recentDownloads } from "../community/download-counts";
import { parseNumParameters } from "../repos/param-range";
import type { RepoRow } from "../repos/find-repo";
import type { RepoType } from "../repos/repo-type";
import { boolParam, expandParam, listItemBytes, listItemJson, modelJson, projectModel } from "./model-json";

const SORTS: Record<string, RepoSort> = { createdAt: "createdAt", lastModified: "updatedAt", downloads: "downloads", downloadsAllTime: "downloads", likes: "likes", trendingScore: "trending", trending: "trending" };

/** The catalogue query of an /api/models or /api/datasets URL (shared with /api/model-facets). */
export function listOptionsFromQuery(actor: Actor | null, p: URLSearchParams, limit = 30, type: RepoType = "model"): ListOptions {
  // filter= values are tags (the card's own, the library, task, languages, license:<id>): one GIN lookup
  const tags = p.getAll("filter").flatMap((f) => f.split(",")).map((f) => f.trim().slice(0, 200)).filter(Boolean).slice(0, 20);
  const one = (k: string) => p.get(k)?.trim().slice(0, 200) || undefined;
  // several search= (HF list_datasets sends dataset_name and search) must all match
  const search = p.getAll("search").map((v) => v.trim()).filter(Boolean).join(" ").slice(0, 200) || undefined;
  if (type === "dataset") {
    // dataset tags carry their kind (task_categories:…, language:…, size_categories:…), as on the Hugging Face Hub
    const language = one("language");
    return {
      actor, type, search, owner: one("author"), cursor: p.get("cursor"), limit,
      sort: SORTS[p.get("sort") ?? "createdAt"] ?? "createdAt",
      filters: { tags: [...tags, ...(language ? [`language:${language.toLowerCase()}`] : [])], license: one("license") },
    };
  }
  return {
    actor,
    search,
    owner: one("author"),
    cursor: p.get("cursor"),
    limit,
    sort: SORTS[p.get("sort") ?? "createdAt"] ?? "createdAt",
    params: parseNumParameters(p.get("num_parameters")),
    filters: { tags, task: one("pipeline_tag"), library: one("library"), language: one("language"), license: one("license"), baseModel: one("base_model") },
  };
}

type Listed = { repos: RepoRow[]; lookedUp: Map<string, number>; next: string | null };

/** A listed repo's downloads of the last 30 days: from its row, or looked up for the page. */
const recentOf = (listed: Listed, repo: RepoRow) => repo.recentDownloads ?? listed.lookedUp.get(repo.id) ?? 0;

/** The page of an /api/models URL, the 30-day downloads of its repos and the next page's link. */
async function listPage(actor: Actor | null, url: URL, type: RepoType): Promise<Listed> {
  const p = url.searchParams;
  const limit = Math.min(Math.max(Number(p.get("limit") ?? 100) || 100, 1), 1000);
  const page = await listRepos({ ...listOptionsFromQuery(actor, p, limit, type), recentDownloads: true });
  // the page query brings the 30-day counts along; only rows without them need a lookup
  const missing = page.repos.filter((r) => r.recentDownloads === undefined).map((r) => r.id);
  const lookedUp = await recentDownloads(missing);
  const cursor = page.nextCursor;
  if (!cursor) return { repos: page.repos, lookedUp, next: null };
  const next = new URL(url);
  next.searchParams.set("cursor", cursor);
  return { repos: page.repos, lookedUp, next: next.toString() };
}

/** Whether the items are the rows' own list items (no `expand`, `full`, `cardData` or `config`). */
const plainItems = (p: URLSearchParams) => !expandParam(p) && !(boolParam(p.get("full")) || boolParam(p.get("cardData")) || boolParam(p.get("config")));

async function itemsOf(listed: Listed, p: URLSearchParams): Promise<Record<string, unknown>[]> {
  const expand = expandParam(p);
  const plain = plainItems(p);
  const items: Record<string, unknown>[] = [];
  for (const repo of listed.repos) {
    const recent = recentOf(listed, repo);
    if (plain) {
      items.push(listItemJson(repo, recent)); // the common case: the row is enough
      continue;
    }
    const model = await modelJson(repo, { rev: "main", expand: null, recentDownloads: recent });
    if (!expand && !boolParam(p.get("full"))) delete model.siblings; // lists leave siblings out unless asked (§2.5)
    items.push(expand ? projectModel(model, expand) : model);
  }
  return items;
}

export async function listModels(actor: Actor | null, url: URL, type: RepoType = "model"): Promise<{ items: Record<string, unknown>[]; next: string | null }> {
  const listed = await listPage(actor, url, type);
  return { items: await itemsOf(listed, url.searchParams), next: listed.next };
}

const OPEN = Buffer.from("[");
const COMMA = Buffer.from(",");
const CLOSE = Buffer.from("]");

/** listModels' items as the JSON bytes the API sends: the items of kept rows are kept bytes. */
export async function listModelsBody(actor: Actor | null, url: URL, type: RepoType = "model"): Promise<{ body: Buffer; next: string | null }> {
  const listed = await listPage(actor, url, type);
  if (!plainItems(url.searchParams)) return { body: Buffer.from(JSON.stringify(await itemsOf(listed, url.searchParams))), next: listed.next };
  const parts: Buffer[] = [OPEN];
  for (const repo of listed.repos) {
    if (parts.length > 1) parts.push(COMMA);
    parts.push(listItemBytes(repo, recentOf(listed, repo)));
  }
  parts.push(CLOSE);
  return { body: Buffer.concat(parts), next: listed.next };
}
