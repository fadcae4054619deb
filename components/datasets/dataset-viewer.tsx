// The dataset viewer: a tab per config/split, then the first rows of the one shown,
// with each column's type. Plain links: the address says what is shown.
import Link from "@/components/ui/link";
import type { DatasetView } from "@/lib/datasets/dataset-viewer";
import { formatBytes, formatCount } from "@/components/ui/format";

export function DatasetViewer({ base, view }: { base: string; view: DatasetView }) {
  const shown = view.shown;
  if (!shown) {
    return (
      <section className="rounded-lg border border-gray-200 bg-white p-4 text-sm text-gray-600" data-testid="dataset-viewer">
        No data files yet: upload CSV, JSON Lines or Parquet files (name them train, validation and test, or list them under <code className="font-mono">configs</code> in the card) and the first rows will show here.
      </section>
    );
  }
  const configs = [...new Set(view.splits.map((s) => s.config))];
  const href = (config: string, split: string) => `${base}?${new URLSearchParams({ config, split })}#viewer`;
  return (
    <section id="viewer" className="rounded-lg border border-gray-200 bg-white" data-testid="dataset-viewer">
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2 border-b border-gray-200 px-4 py-2 text-sm">
        <h2 className="font-semibold">Dataset viewer</h2>
        {configs.map((c) => (
          <span key={c} className="flex flex-wrap items-center gap-1">
            {configs.length > 1 && <span className="font-mono text-xs text-gray-500">{c}:</span>}
            {view.splits.filter((s) => s.config === c).map((s) => {
              const active = s.config === shown.config && s.split === shown.split;
              return (
                <Link key={s.split} href={href(s.config, s.split)} className={`rounded px-2 py-0.5 ${active ? "bg-indigo-600 text-white" : "bg-gray-100 hover:bg-gray-200"}`} aria-current={active ? "true" : undefined}>
                  {s.split} <span className={active ? "text-indigo-100" : "text-gray-500"}>{formatBytes(s.bytes)}</span>
                </Link>
              );
            })}
          </span>
        ))}
        <span className="ml-auto text-xs text-gray-500" data-testid="viewer-rows">
          {shown.totalRows !== null ? `${formatCount(shown.totalRows)} rows` : "row count unknown"} in <span className="font-mono">{shown.file}</span>
        </span>
      </div>
      {shown.message && <p className="border-b border-amber-200 bg-amber-50 px-4 py-2 text-sm" data-testid="viewer-message">{shown.message}</p>}
      {shown.columns.length > 0 && (
        <div className="max-h-[32rem] overflow-auto">
          <table className="w-full text-left text-xs">
            <thead className="sticky top-0 bg-gray-50">
              <tr>
                {shown.columns.map((c) => (
                  <th key={c.name} className="whitespace-nowrap border-b border-gray-200 px-3 py-1.5">
                    <span className="font-semibold">{c.name}</span> <span className="font-mono font-normal text-gray-500">{c.type}</span>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {shown.rows.map((row, i) => (
                <tr key={i} className="border-b border-gray-100 align-top last:border-0">
                  {shown.columns.map((c) => (
                    <td key={c.name} className="max-w-md px-3 py-1.5">
                      <span className="line-clamp-3 break-words">{show(row[c.name])}</span>
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function show(v: unknown): string {
  if (v === null || v === undefined) return "null";
  return typeof v === "object" ? JSON.stringify(v) : String(v);
}
