import Link from "next/link";
import { commitDetail } from "@/lib/repos/commit-detail";
import { formatBytes } from "@/components/ui/format";
import { RepoTabs } from "@/components/model/repo-tabs";
import { loadRepoForPage } from "../../load-repo";
import { orNotFound } from "../../load-revision";
import { RepoHeader } from "../../repo-header";

type Props = { params: Promise<{ owner: string; repo: string; sha: string }> };

const OP_STYLE = { add: "bg-emerald-100 text-emerald-800", modify: "bg-amber-100 text-amber-800", delete: "bg-red-100 text-red-800" } as const;

export default async function CommitPage({ params }: Props) {
  const { owner, repo: name, sha } = await params;
  const { repo } = await loadRepoForPage(owner, name);
  const c = await orNotFound(commitDetail(repo.id, sha));
  const base = `/${owner}/${name}`;
  return (
    <div className="space-y-4">
      <RepoHeader repo={repo} />
      <RepoTabs base={base} rev={c.id} active="history" />
      <div className="rounded-lg border border-gray-200 bg-white p-4">
        <h2 className="text-lg font-semibold" data-testid="commit-title">{c.title}</h2>
        {c.description && <p className="mt-2 whitespace-pre-wrap text-sm text-gray-700">{c.description}</p>}
        <p className="mt-2 text-xs text-gray-500">
          {c.author ?? "unknown"} committed {c.createdAt.toISOString().slice(0, 19).replace("T", " ")} UTC · <span className="font-mono">{c.id}</span>
          {c.parentIds[0] && (
            <> · parent <Link className="font-mono hover:underline" href={`${base}/commit/${c.parentIds[0]}`}>{c.parentIds[0].slice(0, 7)}</Link></>
          )}
          {" · "}<Link className="hover:underline" href={`${base}/tree/${c.id}`}>browse files</Link>
        </p>
      </div>
      <p className="text-sm text-gray-600">{c.changes.length} file{c.changes.length === 1 ? "" : "s"} changed</p>
      {c.changes.map((f) => (
        <section key={f.path} className="overflow-hidden rounded-lg border border-gray-200 bg-white" data-testid="file-change">
          <header className="flex items-center gap-3 border-b border-gray-100 bg-gray-50 px-3 py-2 text-sm">
            <span className={`rounded px-1.5 text-xs ${OP_STYLE[f.op]}`}>{f.op === "add" ? "added" : f.op === "delete" ? "deleted" : "modified"}</span>
            <span className="font-mono">{f.path}</span>
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
    </div>
  );
}
