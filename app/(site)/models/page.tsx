// The catalogue: full-text search, facet filters with counts, sorts and keyset
// pages, all in the URL so any view can be shared. The facet counts are fetched by
// the browser from /api/model-facets: rendering them here cost a fifth of the page's
// throughput (bench/pages). Facets stack above the results
// on a phone and sit beside them on wider screens.
import { AutoSubmitSelect } from "@/components/ui/auto-submit-select";
import Link from "@/components/ui/link";
import { sessionActor } from "@/lib/auth/current-actor";
import { listRepos } from "@/lib/repos/list-repos";
import { type ListOptions, type RepoSort } from "@/lib/repos/list-query";
import { PARAM_BUCKETS } from "@/lib/repos/param-range";
import { FacetSidebar } from "@/components/search/facet-sidebar";
import { RepoList } from "@/components/model/repo-list";
import { inputClass, secondaryButtonClass } from "@/components/ui/button-styles";

export const metadata = { title: "Models" };

const SORTS: { id: string; label: string; sort: RepoSort }[] = [
  { id: "trending", label: "Trending", sort: "trending" },
  { id: "downloads", label: "Most downloads", sort: "downloads" },
  { id: "likes", label: "Most likes", sort: "likes" },
  { id: "updated", label: "Recently updated", sort: "updatedAt" },
  { id: "new", label: "Newest", sort: "createdAt" },
];

// The page's filter parameters and their names in /api/models terms.
const FACETS: { param: string; api: string }[] = [
  { param: "task", api: "pipeline_tag" },
  { param: "library", api: "library" },
  { param: "license", api: "license" },
  { param: "language", api: "language" },
  { param: "tag", api: "filter" },
  { param: "base_model", api: "base_model" },
];
const API_SORT: Record<RepoSort, string> = { trending: "trendingScore", downloads: "downloads", likes: "likes", updatedAt: "lastModified", createdAt: "createdAt" };

type Search = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (typeof v === "string" ? v.slice(0, 200) : undefined);

export default async function ModelsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const sp = await searchParams;
  const search = one(sp.search)?.slice(0, 100) ?? "";
  const bucket = PARAM_BUCKETS.find((b) => b.id === one(sp.params));
  const sort = SORTS.find((s) => s.id === one(sp.sort)) ?? SORTS[0]!;
  const chosen = Object.fromEntries(FACETS.map((f) => [f.param, one(sp[f.param])]).filter(([, v]) => v)) as Record<string, string>;
  const opts: ListOptions = {
    actor: await sessionActor(),
    search,
    limit: 30,
    params: bucket?.range,
    sort: sort.sort,
    filters: { task: chosen.task, library: chosen.library, license: chosen.license, language: chosen.language, tags: chosen.tag ? [chosen.tag] : undefined, baseModel: chosen.base_model },
  };
  const page = await listRepos({ ...opts, cursor: one(sp.cursor) });
  // the same question in the API's terms, for the facet counts the sidebar fetches
  const api = new URLSearchParams({ sort: API_SORT[sort.sort] });
  if (search) api.set("search", search);
  if (bucket) api.set("num_parameters", Object.entries(bucket.range).map(([k, v]) => `${k}:${v}`).join(","));
  for (const f of FACETS) if (chosen[f.param]) api.set(f.api, chosen[f.param]!);
  const state: Record<string, string> = { ...(search ? { search } : {}), ...(bucket ? { params: bucket.id } : {}), ...(sort !== SORTS[0] ? { sort: sort.id } : {}), ...chosen };
  const href = (change: Record<string, string | null>) => {
    const next = { ...state };
    for (const [k, v] of Object.entries(change)) {
      if (v === null) delete next[k];
      else next[k] = v;
    }
    const q = new URLSearchParams(next).toString();
    return q ? `/models?${q}` : "/models";
  };
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <h1 className="text-2xl font-bold">Models</h1>
        <form className="flex w-full max-w-3xl flex-wrap gap-2 sm:flex-nowrap" action="/models" role="search">
          {Object.entries(chosen).map(([k, v]) => <input key={k} type="hidden" name={k} value={v} />)}
          <input className={inputClass} type="search" name="search" defaultValue={search} placeholder="Search models, e.g. bert sentiment or alice/ber" aria-label="Search models" />
          <AutoSubmitSelect className={`${inputClass} sm:w-40`} name="sort" defaultValue={sort.id} aria-label="Sort">
            {SORTS.map((s) => <option key={s.id} value={s.id}>{s.label}</option>)}
          </AutoSubmitSelect>
          <AutoSubmitSelect className={`${inputClass} sm:w-36`} name="params" defaultValue={bucket?.id ?? ""} aria-label="Parameters">
            <option value="">Any size</option>
            {PARAM_BUCKETS.map((b) => <option key={b.id} value={b.id}>{b.label}</option>)}
          </AutoSubmitSelect>
          <button className={secondaryButtonClass} type="submit">Search</button>
        </form>
      </div>
      <div className="flex flex-wrap items-center gap-2 text-sm">
        {Object.entries(chosen).map(([k, v]) => (
          <a key={k} href={href({ [k]: null, cursor: null })} className="rounded-full bg-indigo-100 px-2 py-0.5 text-xs text-indigo-800 hover:bg-indigo-200" data-testid="active-filter">
            {v} ✕
          </a>
        ))}
        <span className="ml-auto text-xs text-gray-500">
          Have a file? <Link href="/blobs" className="text-indigo-700 hover:underline">Find where it is published by its sha256</Link>.
        </span>
      </div>
      <div className="grid gap-6 md:grid-cols-[14rem_1fr]">
        <aside className="space-y-3 text-sm" aria-label="Filters" data-testid="facets">
          <FacetSidebar apiQuery={api.toString()} state={state} />
        </aside>
        <div className="space-y-4">
          <RepoList
            repos={page.repos}
            empty={
              Object.keys(state).some((k) => k !== "sort") ? (
                <>
                  No models match {search ? <>&ldquo;{search}&rdquo;{Object.keys(chosen).length || bucket ? " with these filters" : ""}</> : "these filters"}: try fewer or shorter words, or{" "}
                  <Link className="text-indigo-700 hover:underline" href="/models">clear the search and filters</Link>.
                </>
              ) : (
                <>No models yet: <Link className="text-indigo-700 hover:underline" href="/new">publish the first one</Link>, or push one with git or huggingface_hub.</>
              )
            }
          />
          <nav className="flex gap-3">
            {sp.cursor && <Link className={secondaryButtonClass} href={href({ cursor: null })}>← First page</Link>}
            {page.nextCursor && <Link className={secondaryButtonClass} href={href({ cursor: page.nextCursor })} rel="next">Next page →</Link>}
          </nav>
        </div>
      </div>
    </div>
  );
}
