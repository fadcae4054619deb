import type { Comparison } from "@/lib/diff/compare-revisions";
import type { TensorChange } from "@/lib/diff/tensor-diff";
import { formatBytes, formatCount } from "@/components/ui/format";
import { AutoRefresh } from "./auto-refresh";

const SHOWN = 500;
const STYLE: Record<TensorChange["status"], string> = {
  changed: "bg-amber-100 text-amber-900",
  reshaped: "bg-purple-100 text-purple-900",
  added: "bg-emerald-100 text-emerald-800",
  removed: "bg-red-100 text-red-800",
  unchanged: "bg-gray-100 text-gray-600",
};

const pct = (x: number) => (x === 0 ? "0%" : x < 0.001 ? "<0.1%" : `${(x * 100).toFixed(1)}%`);
const shape = (s: number[]) => `[${s.join(", ")}]`;

export function TensorDiffView({ comparison }: { comparison: Comparison }) {
  const { state } = comparison;
  return (
    <section className="space-y-3 rounded-lg border border-gray-200 bg-white p-4 text-sm" data-testid="tensor-diff">
      <h2 className="text-base font-semibold">What changed inside the weights</h2>
      {state.status === "no-weights" && <p className="text-gray-600">Neither side has safetensors weights to compare.</p>}
      {(state.status === "queued" || state.status === "running") && (
        <p className="text-gray-600" data-testid="tensor-diff-pending">
          Comparing tensors ({state.status})… this page refreshes by itself.
          <AutoRefresh />
        </p>
      )}
      {state.status === "error" && <p className="text-red-700">The comparison failed: {state.error}</p>}
      {state.status === "done" && <DiffTable result={state.result} />}
    </section>
  );
}

function DiffTable({ result }: { result: Extract<Comparison["state"], { status: "done" }>["result"] }) {
  const c = result.counts;
  return (
    <>
      <p data-testid="tensor-diff-summary">
        {c.changed} changed · {c.reshaped} reshaped · {c.added} added · {c.removed} removed · {c.unchanged} unchanged —{" "}
        {formatBytes(result.changedBytes)} of {formatBytes(result.totalBytes)} differ ({pct(result.totalBytes ? result.changedBytes / result.totalBytes : 0)})
      </p>
      {result.problems.map((p) => <p key={p} className="text-xs text-amber-800">{p}</p>)}
      <table className="w-full text-xs">
        <thead className="text-left text-gray-500">
          <tr><th>tensor</th><th>change</th><th>dtype · shape</th><th className="text-right">bytes changed</th><th className="text-right" title="||new − old|| / ||old||">relative L2</th></tr>
        </thead>
        <tbody className="font-mono">
          {result.tensors.slice(0, SHOWN).map((t) => (
            <tr key={t.name} className="border-t border-gray-100">
              <td className="py-1">{t.name}</td>
              <td><span className={`rounded px-1 ${STYLE[t.status]}`}>{t.status}</span></td>
              <td>{t.status === "reshaped" ? `${t.fromDtype} ${shape(t.fromShape!)} → ` : ""}{t.dtype} {shape(t.shape)}</td>
              <td className="text-right">{t.changedFraction !== undefined ? pct(t.changedFraction) : t.status === "unchanged" ? "" : formatCount(t.bytes)}</td>
              <td className="text-right">{t.relativeL2 != null ? t.relativeL2.toExponential(2) : ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {result.tensors.length > SHOWN && <p className="text-xs text-gray-500">and {formatCount(result.tensors.length - SHOWN)} more tensors</p>}
    </>
  );
}
