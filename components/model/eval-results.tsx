// The card's eval results (model-index) as a table.
import type { EvalRow } from "@/lib/cards/eval-results";

export function EvalResults({ rows }: { rows: EvalRow[] }) {
  if (!rows.length) return null;
  return (
    <section className="overflow-x-auto rounded-lg border border-gray-200 bg-white p-4" data-testid="eval-results">
      <h2 className="mb-2 text-sm font-semibold">Evaluation results</h2>
      <table className="w-full text-left text-sm">
        <thead className="text-xs text-gray-500">
          <tr><th className="py-1 pr-3">Task</th><th className="py-1 pr-3">Dataset</th><th className="py-1 pr-3">Metric</th><th className="py-1 text-right">Value</th></tr>
        </thead>
        <tbody className="divide-y divide-gray-100">
          {rows.map((r, i) => (
            <tr key={i}>
              <td className="py-1 pr-3">{r.task}</td>
              <td className="py-1 pr-3">{r.dataset}{r.split ? <span className="text-gray-500"> ({r.split})</span> : null}</td>
              <td className="py-1 pr-3">{r.metric}</td>
              <td className="py-1 text-right font-mono">{r.value}{r.verified && <span title="verified" className="ml-1 text-emerald-700">✓</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
