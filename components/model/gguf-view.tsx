import type { GgufInfo, GgufValue } from "@/lib/formats/gguf";
import type { HeaderResult } from "@/lib/formats/read-blob-header";
import { FormatErrorNotice } from "./format-error";
import { formatCount } from "@/components/ui/format";

const SHOWN = 500;

function show(v: GgufValue): string {
  if (typeof v === "object") return `[${v.array} × ${formatCount(v.length)}] ${v.first.slice(0, 8).map((x) => JSON.stringify(x)).join(", ")}${v.length > 8 ? ", …" : ""}`;
  return typeof v === "string" ? JSON.stringify(v.length > 200 ? `${v.slice(0, 200)}…` : v) : String(v);
}

export function GgufView({ result }: { result: HeaderResult<GgufInfo> }) {
  if (!result.ok) return <FormatErrorNotice message={result.error} />;
  const { version, metadata, tensors, parameters, architecture } = result.info;
  return (
    <section className="space-y-3 rounded-lg border border-gray-200 bg-white p-4 text-sm" data-testid="gguf">
      <p>
        GGUF v{version}{architecture ? ` · ${architecture}` : ""} · <strong>{formatCount(parameters)}</strong> parameters in {formatCount(tensors.length)} tensors
      </p>
      <table className="w-full text-xs">
        <tbody className="font-mono">
          {Object.entries(metadata).map(([k, v]) => (
            <tr key={k} className="border-t border-gray-100"><td className="py-1 pr-3 align-top text-gray-600">{k}</td><td className="break-all">{show(v)}</td></tr>
          ))}
        </tbody>
      </table>
      <table className="w-full text-xs">
        <thead className="text-left text-gray-500"><tr><th>tensor</th><th>type</th><th>shape</th></tr></thead>
        <tbody className="font-mono">
          {tensors.slice(0, SHOWN).map((t) => (
            <tr key={t.name} className="border-t border-gray-100"><td className="py-1">{t.name}</td><td>{t.type}</td><td>[{t.shape.join(", ")}]</td></tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
