import type { HeaderResult } from "@/lib/formats/read-blob-header";
import type { ShardedInfo } from "@/lib/formats/sharded-safetensors";
import { formatBytes, formatCount } from "@/components/ui/format";
import { FormatErrorNotice } from "./format-error";

const SHOWN = 1000;

export function ShardedView({ result }: { result: HeaderResult<ShardedInfo> }) {
  if (!result.ok) return <FormatErrorNotice message={result.error} />;
  const i = result.info;
  return (
    <section className="space-y-3 rounded-lg border border-gray-200 bg-white p-4 text-sm" data-testid="sharded-safetensors">
      <p>
        Sharded checkpoint: <strong>{formatCount(i.total)}</strong> parameters in {formatCount(i.tensors.length)} tensors across {i.shards.length} shards
        {" ("}{Object.entries(i.parameters).map(([d, n]) => `${d}: ${formatCount(n)}`).join(", ")}{")"} · {formatBytes(i.tensorBytes)} of tensors
      </p>
      {i.problems.length > 0 && (
        <ul className="rounded border border-amber-300 bg-amber-50 p-2 text-xs" data-testid="shard-problems">
          {i.problems.map((p) => <li key={p}>{p}</li>)}
        </ul>
      )}
      <ul className="text-xs">
        {i.shards.map((s) => <li key={s.path} className="font-mono">{s.path} · {s.size === null ? "missing" : `${formatBytes(s.size)} · ${s.tensors} tensors`}{s.error && s.size !== null ? ` · ${s.error}` : ""}</li>)}
      </ul>
      <table className="w-full text-xs">
        <thead className="text-left text-gray-500"><tr><th>tensor</th><th>dtype</th><th>shape</th><th>file</th></tr></thead>
        <tbody className="font-mono">
          {i.tensors.slice(0, SHOWN).map((t) => <tr key={`${t.file}:${t.name}`} className="border-t border-gray-100"><td className="py-1">{t.name}</td><td>{t.dtype}</td><td>[{t.shape.join(", ")}]</td><td>{t.file}</td></tr>)}
        </tbody>
      </table>
      {i.tensors.length > SHOWN && <p className="text-xs text-gray-500">and {formatCount(i.tensors.length - SHOWN)} more tensors</p>}
    </section>
  );
}
