import { can } from "@/lib/auth/can";
import { repoBase } from "@/lib/repos/repo-type";
import Link from "@/components/ui/link";
import { listCommits, listCommitsTouching } from "@/lib/repos/list-commits";
import { resolveRevision } from "@/lib/repos/resolve-revision";
import { RepoTabs } from "@/components/model/repo-tabs";
import { secondaryButtonClass } from "@/components/ui/button-styles";
import { timeAgo } from "@/components/ui/format";
import { loadRepoForPage } from "../../load-repo";
import { orNotFound } from "../../load-revision";
import { RepoHeader } from "../../repo-header";
import { revisionSegments } from "../../path-segments";

type Props = { params: Promise<{ owner: string; repo: string; rev?: string[] }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const PAGE = 30;

export default async function CommitsPage({ params, searchParams }: Props) {
  const { owner, repo: name, rev: paramsRev } = await params;
  const revParts = await revisionSegments(paramsRev ?? []);
  const sp = await searchParams;
  const rev = revParts?.join("/") || "main";
  const path = typeof sp.path === "string" ? sp.path.slice(0, 1024) : "";
  const page = Math.max(0, Number(sp.p) || 0);
  const { actor, repo } = await loadRepoForPage(owner, name);
  const { commitId } = await orNotFound(resolveRevision(repo.id, rev));
  const opts = { limit: PAGE + 1, skip: page * PAGE };
  const rows = await (path ? listCommitsTouching(commitId, path, opts) : listCommits(commitId, opts));
  const base = `${repoBase(repo)}`;
  const q = (p: number) => `?${new URLSearchParams({ ...(path ? { path } : {}), p: String(p) })}`;
  return (
    <div className="space-y-4">
      <RepoHeader repo={repo} actor={actor} />
      <RepoTabs base={base} rev={rev} active="history" showSettings={can(actor, "write", repo)} />
      <h2 className="text-lg font-semibold">
        History of {path ? <span className="font-mono">{path}</span> : "the repository"} on <span className="font-mono">{rev}</span>
      </h2>
      <ol className="divide-y divide-gray-100 rounded-lg border border-gray-200 bg-white" data-testid="commit-list">
        {rows.slice(0, PAGE).map((c) => (
          <li key={c.id} className="flex items-center justify-between gap-4 px-4 py-3 text-sm">
            <div className="min-w-0">
              <Link href={`${base}/commit/${c.id}`} className="font-medium hover:underline">{c.title}</Link>
              <p className="text-xs text-gray-500">{c.author ?? "unknown"} · {timeAgo(c.createdAt)}</p>
            </div>
            <Link href={`${base}/tree/${c.id}`} className="font-mono text-xs text-gray-600 hover:underline" title="Browse files at this commit">{c.id.slice(0, 7)}</Link>
          </li>
        ))}
        {rows.length === 0 && <li className="px-4 py-3 text-sm text-gray-500">No commits touch this path.</li>}
      </ol>
      <nav className="flex gap-3">
        {page > 0 && <Link className={secondaryButtonClass} href={q(page - 1)}>← Newer</Link>}
        {rows.length > PAGE && <Link className={secondaryButtonClass} href={q(page + 1)}>Older →</Link>}
      </nav>
    </div>
  );
}
