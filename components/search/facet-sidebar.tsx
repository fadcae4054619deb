"use client";
// The catalogue's facets, fetched from /api/model-facets (answered by Node directly)
// after the list has rendered: the page stays cheap to render, and the counts
// follow a moment later. Links are plain URLs, so every view can be shared.
import { useEffect, useState } from "react";

type FacetKey = "task" | "library" | "license" | "language" | "tag" | "baseModel";
type Facets = { total: number; totalExact: boolean; capped: boolean; sample: number; counts: Record<FacetKey, { value: string; count: number }[]> };

const FACETS: { key: FacetKey; param: string; label: string }[] = [
  { key: "task", param: "task", label: "Tasks" },
  { key: "library", param: "library", label: "Libraries" },
  { key: "license", param: "license", label: "Licenses" },
  { key: "language", param: "language", label: "Languages" },
  { key: "tag", param: "tag", label: "Tags" },
  { key: "baseModel", param: "base_model", label: "Base models" },
];

const count = new Intl.NumberFormat("en");

export function FacetSidebar({ apiQuery, state }: { apiQuery: string; state: Record<string, string> }) {
  const [facets, setFacets] = useState<Facets | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    const ctrl = new AbortController();
    fetch(`/api/model-facets?${apiQuery}`, { signal: ctrl.signal })
      .then((r) => (r.ok ? (r.json() as Promise<Facets>) : Promise.reject(new Error(`HTTP ${r.status}`))))
      .then(setFacets)
      .catch((e: Error) => e.name !== "AbortError" && setFailed(true));
    return () => ctrl.abort();
  }, [apiQuery]);
  const href = (change: Record<string, string | null>) => {
    const next: Record<string, string> = { ...state };
    for (const [k, v] of Object.entries(change)) {
      if (v === null) delete next[k];
      else next[k] = v;
    }
    const q = new URLSearchParams(next).toString();
    return q ? `/models?${q}` : "/models";
  };
  if (failed) return <p className="text-xs text-gray-500">Filters are unavailable right now.</p>;
  if (!facets) return <p className="text-xs text-gray-500" aria-busy="true">Loading filters…</p>;
  return (
    <>
      <p className="text-sm text-gray-600" data-testid="match-count">
        {facets.totalExact ? `${count.format(facets.total)} model${facets.total === 1 ? "" : "s"}` : `${count.format(facets.total)}+ models`}
      </p>
      {FACETS.map((f) =>
        facets.counts[f.key].length === 0 ? null : (
          <details key={f.key} open={!!state[f.param] || f.key === "task" || f.key === "library"} className="rounded-lg border border-gray-200 bg-white px-3 py-2">
            <summary className="cursor-pointer font-medium">{f.label}</summary>
            <ul className="mt-2 space-y-1" data-testid={`facet-${f.key}`}>
              {facets.counts[f.key].map((v) => (
                <li key={v.value}>
                  <a href={href({ [f.param]: state[f.param] === v.value ? null : v.value, cursor: null })} className={state[f.param] === v.value ? "facet-link font-semibold text-indigo-700" : "facet-link"}>
                    {v.value} <small>{count.format(v.count)}</small>
                  </a>
                </li>
              ))}
            </ul>
          </details>
        ),
      )}
      {facets.capped && <p className="text-xs text-gray-500">Counts are from a sample of {count.format(facets.sample)} of the matches; narrow the search for exact ones.</p>}
    </>
  );
}
