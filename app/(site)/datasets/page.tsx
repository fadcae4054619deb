// The dataset catalogue: search, facets from the dataset cards and files (task, modality,
// size, format, language, license) with counts, sorts and pages, all in the URL.
import { AutoSubmitSelect } from "@/components/ui/auto-submit-select";
import Link from "@/components/ui/link";
import { sessionActor } from "@/lib/auth/current-actor";
import { listRepos } from "@/lib/repos/list-repos";
import type { ListOptions, RepoSort } from "@/lib/repos/list-query";
import { DATASET_FACETS, datasetFacetCounts } from "@/lib/datasets/dataset-facets";
import { RepoList } from "@/components/model/repo-list";
import { buttonClass, inputClass, secondaryButtonClass } from "@/components/ui/button-styles";
import { formatCount } from "@/components/ui/format";

export const metadata = { title: "Datasets" };

const SORTS: { id: string; label: string; sort: RepoSort }[] = [
  { id: "trending", label: "Trending", sort: "trending" },
  { id: "downloads", label: "Most downloads", sort: "downloads" },
  { id: "likes", label: "Most likes", sort: "likes" },
  { id: "updated", label: "Recently updated", sort: "updatedAt" },
  { id: "new", label: "Newest", sort: "createdAt" },
];

type Search = Record<string, string | string[] | undefined>;
const one = (v: string | string[] | undefined) => (typeof v === "string" ? v.slice(0, 200) : undefined);

export default async function DatasetsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const sp = await searchParams;
  const actor = await sessionActor();
  const search = one(sp.search)?.slice(0, 100) ?? "";
  const sort = SORTS.find((s) => s.id === one(sp.sort)) ?? SORTS[0]!;
  const chosen = Object.fromEntries(DATASET_FACETS.map((f) => [f.key, one(sp[f.key])]).filter(([, v]) => v)) as Record<string, string>;
  const opts: ListOptions = { actor, type: "dataset", search, limit: 30, sort: sort.sort, owner: one(sp.author), filters: { tags: Object.entries(chosen).map(([k, v]) => `${k}:${v}`) } };
  const [page, counts] = await Promise.all([listRepos({ ...opts, cursor: one(sp.cursor) }), datasetFacetCounts(opts)]);
  const state: Record<string, string> = { ...(search ? { search } : {}), ...(sort !== SORTS[0] ? { sort: sort.id } : {}), ...(opts.owner ? { author: opts.owner } : {}), ...chosen };
  const href = (change: Record<string, string | null>) => {
    const next = { ...state };
    for (const [k, v] of Object.entries(change)) {
      if (v === null) delete next[k];
      else next[k] = v;
    }
    const q = new URLSearchParams(next).toString();
    return q ? `/datasets?${q}` : "/datasets";
  };
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <h1 className="text-2xl font-bold">Datasets <span className="text-base font-normal text-gray-500" data-testid="dataset-total">{formatCount(counts.total)}{counts.capped ? "+" : ""}</span></h1>
        <form className="flex w-full max-w-3xl flex-wrap gap-2 sm:flex-nowrap" action="/datasets" role="search">
          {Object.entries(state).filter(([k]) => k !== "search" && k !== "sort").map(([k, v]) => <input key={k} type="hidden" name={k} value={v} />)}
          <input className={inputClass} type="search" name="search" defaultValue={search} placeholder="Search datasets, e.g. reviews or alice/rev" aria-label="Search datasets" />
          <AutoSubmitSelect className={`${inputClass} sm:w-40`} name="sort" defaultValue={sort.id} aria-label="Sort">
            {SORTS.map((s) => <option key={s.id} value={s.id}>{s.label}</option>)}
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
        {actor && <Link className={`${buttonClass} ml-auto`} href="/new?type=dataset">+ New dataset</Link>}
      </div>
      <div className="grid gap-6 md:grid-cols-[14rem_1fr]">
        <aside className="space-y-3 text-sm" aria-label="Filters" data-testid="facets">
          {DATASET_FACETS.map((f) =>
            counts.facets[f.key]!.length ? (
              <section key={f.key}>
                <h2 className="mb-1 text-xs font-semibold uppercase tracking-wide text-gray-500">{f.label}</h2>
                <ul className="space-y-0.5">
                  {counts.facets[f.key]!.map((v) => (
                    <li key={v.value}>
                      <a className={`facet-link ${chosen[f.key] === v.value ? "font-semibold text-indigo-700" : ""}`} href={href({ [f.key]: chosen[f.key] === v.value ? null : v.value, cursor: null })}>
                        <span className="truncate">{v.value}</span> <small>{formatCount(v.count)}</small>
                      </a>
                    </li>
                  ))}
                </ul>
              </section>
            ) : null,
          )}
        </aside>
        <div className="space-y-4">
          {page.repos.length ? (
            <RepoList repos={page.repos} kind="datasets" />
          ) : (
            <p className="rounded-lg border border-dashed border-gray-300 bg-white p-6 text-sm text-gray-600">
              No datasets match{Object.keys(chosen).length || search ? " these filters" : " yet"}.{" "}
              {actor ? <Link className="text-indigo-700 hover:underline" href="/new?type=dataset">Publish one</Link> : <Link className="text-indigo-700 hover:underline" href="/signin">Sign in to publish one</Link>}: CSV, JSON Lines or Parquet files and a dataset card.
            </p>
          )}
          <nav className="flex gap-3">
            {sp.cursor && <Link className={secondaryButtonClass} href={href({ cursor: null })}>← First page</Link>}
            {page.nextCursor && <Link className={secondaryButtonClass} href={href({ cursor: page.nextCursor })} rel="next">Next page →</Link>}
          </nav>
        </div>
      </div>
    </div>
  );
}
