import Link from "@/components/ui/link";
import type { Ancestor, ModelTree } from "@/lib/lineage/model-tree";
import { formatParams } from "@/components/ui/format";

const LABEL: Record<string, string> = { finetune: "Fine-tunes", adapter: "Adapters", quantized: "Quantizations", merge: "Merges", fork: "Forks" };
const REL: Record<string, string> = { finetune: "fine-tuned from", adapter: "adapter of", quantized: "quantized from", merge: "merged from", fork: "forked from" };

function AncestorList({ items }: { items: Ancestor[] }) {
  return (
    <ul className="ml-3 border-l border-gray-200 pl-2">
      {items.map((a) => (
        <li key={`${a.relation}:${a.id}`}>
          <span className="text-xs text-gray-500">{REL[a.relation]} </span>
          {a.local ? <Link className="font-mono text-indigo-700 hover:underline" href={`/${a.id}`}>{a.id}</Link> : <span className="font-mono" title="Not on this hub">{a.id}</span>}
          {a.license && <span className="text-xs text-gray-500"> · {a.license}</span>}
          {a.parents.length > 0 && <AncestorList items={a.parents} />}
        </li>
      ))}
    </ul>
  );
}

export function ModelTreeView({ tree }: { tree: ModelTree }) {
  const groups = Object.entries(tree.children);
  if (!tree.ancestors.length && !groups.length) return null;
  return (
    <div className="space-y-2 rounded-lg border border-gray-200 bg-white p-4 text-sm" data-testid="model-tree">
      <h2 className="font-semibold">Model tree</h2>
      {tree.ancestors.length > 0 && <AncestorList items={tree.ancestors} />}
      {groups.map(([relation, g]) => (
        <details key={relation} open={g.count <= 5}>
          <summary className="cursor-pointer">
            {LABEL[relation]} <span className="rounded bg-gray-100 px-1 text-xs">{g.count}</span>
          </summary>
          <ul className="ml-3">
            {g.models.map((m) => (
              <li key={m.id}>
                <Link className="font-mono text-indigo-700 hover:underline" href={`/${m.id}`}>{m.id}</Link>
                <span className="text-xs text-gray-500">{m.parameters !== null ? ` · ${formatParams(m.parameters)}` : ""}{m.license ? ` · ${m.license}` : ""}</span>
              </li>
            ))}
          </ul>
        </details>
      ))}
    </div>
  );
}
