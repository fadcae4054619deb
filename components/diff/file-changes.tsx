// Changed files with their line diffs (commit pages, pull requests).
import type { FileChange } from "@/lib/repos/commit-detail";
import { formatBytes } from "@/components/ui/format";

const OP_STYLE = { add: "bg-emerald-100 text-emerald-800", modify: "bg-amber-100 text-amber-800", delete: "bg-red-100 text-red-800" } as const;

export function FileChanges({ changes, conflicts = [] }: { changes: FileChange[]; conflicts?: string[] }) {
  return (
    <>
      <p className="text-sm text-gray-600">{changes.length} file{changes.length === 1 ? "" : "s"} changed</p>
      {changes.map((f) => (
        <section key={f.path} className="overflow-hidden rounded-lg border border-gray-200 bg-white" data-testid="file-change">
          <header className="flex items-center gap-3 border-b border-gray-100 bg-gray-50 px-3 py-2 text-sm">
            <span className={`rounded px-1.5 text-xs ${OP_STYLE[f.op]}`}>{f.op === "add" ? "added" : f.op === "delete" ? "deleted" : "modified"}</span>
            <span className="font-mono">{f.path}</span>
            {conflicts.includes(f.path) && <span className="rounded bg-red-100 px-1.5 text-xs text-red-800">conflict</span>}
            <span className="ml-auto text-xs text-gray-500">
              {f.oldSize !== null && formatBytes(f.oldSize)}{f.oldSize !== null && f.newSize !== null && " → "}{f.newSize !== null && formatBytes(f.newSize)}
            </span>
          </header>
          {f.hunks ? (
            <pre className="overflow-x-auto text-xs leading-5">
              {f.hunks.map((h, i) => (
                <div key={i}>
                  <div className="bg-indigo-50 px-3 text-indigo-700">@@ -{h.oldStart},{h.oldLines} +{h.newStart},{h.newLines} @@</div>
                  {h.lines.map((l, j) => (
                    <div key={j} className={`px-3 ${l[0] === "+" ? "bg-emerald-50 text-emerald-900" : l[0] === "-" ? "bg-red-50 text-red-900" : ""}`}>{l}</div>
                  ))}
                </div>
              ))}
            </pre>
          ) : (
            <p className="px-3 py-2 text-xs text-gray-500">Binary, LFS or large file: no text diff.</p>
          )}
        </section>
      ))}
    </>
  );
}
