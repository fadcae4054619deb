// Changed files with their line diffs (commit pages, pull requests). A large diff comes
// collapsed, with a link that loads the page again with that one file's diff shown,
// so a 3,000-line change does not make every visit a 60,000-pixel page.
import type { FileChange } from "@/lib/repos/commit-detail";
import { formatBytes } from "@/components/ui/format";

const OP_STYLE = { add: "bg-emerald-100 text-emerald-800", modify: "bg-amber-100 text-amber-800", delete: "bg-red-100 text-red-800" } as const;

/** The paths whose large diff a page's `?diff=` asks for (at most 50), and the link that adds one more. */
export function diffRequests(asked: string | string[] | undefined): { expanded: string[]; expandHref: (path: string) => string } {
  const expanded = (Array.isArray(asked) ? asked : asked ? [asked] : []).slice(0, 50);
  return { expanded, expandHref: (path) => `?${new URLSearchParams([...expanded, path].map((p) => ["diff", p]))}#${encodeURIComponent(path)}` };
}

/** Changed lines above which a file's diff is shown only on request. */
export const LARGE_DIFF_LINES = 400;

type Props = { changes: FileChange[]; conflicts?: string[]; /** Paths whose large diff was asked for. */ expanded?: string[]; /** Where asking for a path's diff leads. */ expandHref?: (path: string) => string };

export function FileChanges({ changes, conflicts = [], expanded = [], expandHref }: Props) {
  return (
    <>
      <p className="text-sm text-gray-600">{changes.length} file{changes.length === 1 ? "" : "s"} changed</p>
      {changes.map((f) => (
        <section key={f.path} id={encodeURIComponent(f.path)} className="overflow-hidden rounded-lg border border-gray-200 bg-white" data-testid="file-change">
          <header className="flex items-center gap-3 border-b border-gray-100 bg-gray-50 px-3 py-2 text-sm">
            <span className={`rounded px-1.5 text-xs ${OP_STYLE[f.op]}`}>{f.op === "add" ? "added" : f.op === "delete" ? "deleted" : "modified"}</span>
            <span className="font-mono">{f.path}</span>
            {conflicts.includes(f.path) && <span className="rounded bg-red-100 px-1.5 text-xs text-red-800">conflict</span>}
            <span className="ml-auto text-xs text-gray-500">
              {f.oldSize !== null && formatBytes(f.oldSize)}{f.oldSize !== null && f.newSize !== null && " → "}{f.newSize !== null && formatBytes(f.newSize)}
            </span>
          </header>
          {f.hunks && expandHref && !expanded.includes(f.path) && changedLines(f) > LARGE_DIFF_LINES ? (
            <p className="px-3 py-2 text-xs text-gray-600" data-testid="collapsed-diff">
              Large diff: {changedLines(f).toLocaleString("en")} changed lines.{" "}
              <a className="text-indigo-700 hover:underline" href={expandHref(f.path)}>Load diff</a>
            </p>
          ) : f.hunks ? (
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

function changedLines(f: FileChange): number {
  return (f.hunks ?? []).reduce((n, h) => n + h.lines.filter((l) => l[0] === "+" || l[0] === "-").length, 0);
}
