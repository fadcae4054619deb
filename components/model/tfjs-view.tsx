import type { HeaderResult } from "@/lib/formats/read-blob-header";
import type { TfjsInfo } from "@/lib/formats/tfjs";
import { formatBytes, formatCount } from "@/components/ui/format";
import { FormatErrorNotice } from "./format-error";
import { OpCounts, SignatureTable } from "./onnx-view";

export function TfjsView({ result, present }: { result: HeaderResult<TfjsInfo>; present: Record<string, number | null> }) {
  if (!result.ok) return <FormatErrorNotice message={result.error} />;
  const i = result.info;
  const missing = i.shards.filter((s) => present[s.path] === null);
  return (
    <section className="space-y-3 rounded-lg border border-gray-200 bg-white p-4 text-sm" data-testid="tfjs">
      <p>
        TF.js {i.format}{i.className ? ` (${i.className})` : ""} · <strong>{formatCount(i.parameters)}</strong> parameters · {formatBytes(i.weightBytes)} of weights in {i.shards.length} shard(s)
        {i.convertedBy ? ` · ${i.convertedBy}` : ""}
      </p>
      {missing.length > 0 && <p className="text-xs text-red-700">Missing weight shards: {missing.map((s) => s.path).join(", ")}</p>}
      <div className="grid gap-3 sm:grid-cols-2">
        <SignatureTable title="inputs" values={i.inputs.map((s) => ({ ...s, type: s.dtype }))} />
        <SignatureTable title="outputs" values={i.outputs.map((s) => ({ ...s, type: s.dtype }))} />
      </div>
      {i.format === "graph-model" ? (
        <>
          <p className="text-xs">{formatCount(i.nodeCount)} graph nodes</p>
          <OpCounts ops={i.ops} />
        </>
      ) : (
        <table className="w-full text-xs">
          <thead className="text-left text-gray-500"><tr><th>layer</th><th>type</th><th>config</th></tr></thead>
          <tbody className="font-mono">
            {i.layers.map((l) => <tr key={l.name} className="border-t border-gray-100"><td className="py-1">{l.name}</td><td>{l.className}</td><td>{l.detail}</td></tr>)}
          </tbody>
        </table>
      )}
      {i.layerCount > i.layers.length && <p className="text-xs text-gray-500">and {formatCount(i.layerCount - i.layers.length)} more layers</p>}
      <details className="text-xs">
        <summary className="cursor-pointer text-gray-600">Weight manifest ({formatCount(i.weights.length)} tensors)</summary>
        <ul className="mt-1 font-mono">
          {i.shards.map((s) => <li key={s.path}>{s.path} {present[s.path] != null ? `· ${formatBytes(present[s.path]!)}` : "· missing"}</li>)}
        </ul>
        <table className="mt-2 w-full">
          <tbody className="font-mono">
            {i.weights.slice(0, 500).map((w) => <tr key={w.name} className="border-t border-gray-100"><td>{w.name}</td><td>{w.dtype}{w.quantization ? ` (as ${w.quantization})` : ""}</td><td>[{w.shape.join(", ")}]</td></tr>)}
          </tbody>
        </table>
      </details>
    </section>
  );
}
