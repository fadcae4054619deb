import type { HeaderResult } from "@/lib/formats/read-blob-header";
import type { SafetensorsInfo } from "@/lib/formats/safetensors";
import { formatBytes, formatCount } from "@/components/ui/format";
import { FormatErrorNotice } from "./format-error";

const SHOWN = 500;

export function SafetensorsView({ result }: { result: HeaderResult<SafetensorsInfo> }) {
  if (!result.ok) return <FormatErrorNotice message={result.error} />;
  const { tensors, parameters, total, metadata, headerBytes } = result.info;
  return (
    <section className="space-y-3 rounded-lg border border-gray-200 bg-white p-4 text-sm" data-testid="safetensors">
      <p>
        <strong>{formatCount(total)}</strong> parameters in {formatCount(tensors.length)} tensors
        {" ("}{Object.entries(parameters).map(([d, n]) => `${d}: ${formatCount(n)}`).join(", ")}{")"} · header {formatBytes(headerBytes)}
      </p>
      {Object.keys(metadata).length > 0 && (
        <p className="text-xs text-gray-600">metadata: {Object.entries(metadata).map(([k, v]) => `${k}=${v.slice(0, 80)}`).join(", ")}</p>
      )}
      <table className="w-full text-xs">
        <thead className="text-left text-gray-500"><tr><th>tensor</th><th>dtype</th><th>shape</th><th className="text-right">bytes</th></tr></thead>
        <tbody className="font-mono">
          {tensors.slice(0, SHOWN).map((t) => (
            <tr key={t.name} className="border-t border-gray-100"><td className="py-1">{t.name}</td><td>{t.dtype}</td><td>[{t.shape.join(", ")}]</td><td className="text-right">{formatCount(t.offsets[1] - t.offsets[0])}</td></tr>
          ))}
        </tbody>
      </table>
      {tensors.length > SHOWN && <p className="text-xs text-gray-500">and {formatCount(tensors.length - SHOWN)} more tensors</p>}
    </section>
  );
}
