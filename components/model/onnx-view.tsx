import type { HeaderResult } from "@/lib/formats/read-blob-header";
import type { OnnxInfo, OnnxValue } from "@/lib/formats/onnx";
import { formatCount } from "@/components/ui/format";
import { FormatErrorNotice } from "./format-error";

export function SignatureTable({ title, values }: { title: string; values: { name: string; type: string; shape: OnnxValue["shape"] }[] }) {
  if (!values.length) return null;
  return (
    <div>
      <h3 className="text-xs font-semibold uppercase text-gray-500">{title}</h3>
      <ul className="font-mono text-xs">
        {values.map((v) => <li key={v.name}>{v.name}: {v.type || "?"}{v.shape ? ` [${v.shape.map((d) => d ?? "?").join(", ")}]` : ""}</li>)}
      </ul>
    </div>
  );
}

export function OpCounts({ ops }: { ops: { op: string; count: number }[] }) {
  return (
    <p className="text-xs text-gray-700">
      {ops.slice(0, 40).map((o) => `${o.op} ×${o.count}`).join(" · ")}{ops.length > 40 ? ` · and ${ops.length - 40} more op types` : ""}
    </p>
  );
}

export function OnnxView({ result }: { result: HeaderResult<OnnxInfo> }) {
  if (!result.ok) return <FormatErrorNotice message={result.error} />;
  const i = result.info;
  return (
    <section className="space-y-3 rounded-lg border border-gray-200 bg-white p-4 text-sm" data-testid="onnx">
      <p>
        ONNX IR {i.irVersion} · opset {i.opsets.map((o) => `${o.domain} ${o.version}`).join(", ") || "none"} · <strong>{formatCount(i.nodeCount)}</strong> nodes ·{" "}
        <strong>{formatCount(i.parameters)}</strong> parameters in {formatCount(i.initializers)} initializers{i.externalData ? " (stored in external data files)" : ""}
        {i.producer ? ` · made by ${i.producer}` : ""}
      </p>
      <div className="grid gap-3 sm:grid-cols-2">
        <SignatureTable title="inputs" values={i.inputs} />
        <SignatureTable title="outputs" values={i.outputs} />
      </div>
      <OpCounts ops={i.ops} />
      {Object.keys(i.metadata).length > 0 && <p className="text-xs text-gray-600">metadata: {Object.entries(i.metadata).map(([k, v]) => `${k}=${v.slice(0, 80)}`).join(", ")}</p>}
    </section>
  );
}
