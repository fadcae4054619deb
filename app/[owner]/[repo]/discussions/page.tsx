// The Community tab: a repo's discussions, pinned first.
import { can } from "@/lib/auth/can";
import { repoBase } from "@/lib/repos/repo-type";
import Link from "@/components/ui/link";
import { listDiscussions } from "@/lib/discussions/discussions";
import { RepoTabs } from "@/components/model/repo-tabs";
import { NewDiscussionForm } from "@/components/discussions/discussion-forms";
import { timeAgo } from "@/components/ui/format";
import { loadRepoForPage } from "../load-repo";
import { RepoHeader } from "../repo-header";
import { openDiscussionAction } from "./actions";

type Props = { params: Promise<{ owner: string; repo: string }>; searchParams: Promise<{ status?: string; type?: string }> };

export default async function DiscussionsPage({ params, searchParams }: Props) {
  const { owner, repo: name } = await params;
  const { status, type } = await searchParams;
  const filter = status === "open" || status === "closed" ? status : "all";
  const kind = type === "discussion" || type === "pull_request" ? type : "all";
  const { actor, repo } = await loadRepoForPage(owner, name);
  const list = await listDiscussions(actor, repo, filter, kind);
  const href = (q: { status?: string; type?: string }) => {
    const p = new URLSearchParams({ ...(filter !== "all" ? { status: filter } : {}), ...(kind !== "all" ? { type: kind } : {}), ...q });
    for (const [k, v] of [...p]) if (v === "all") p.delete(k);
    return p.size ? `${base}?${p}` : base;
  };
  const base = `${repoBase(repo)}/discussions`;
  const now = new Date();
  return (
    <div className="space-y-4">
      <RepoHeader repo={repo} actor={actor} />
      <RepoTabs base={`${repoBase(repo)}`} rev="main" active="community" showSettings={can(actor, "write", repo)} />
      <nav className="flex flex-wrap gap-3 text-sm">
        {(["all", "discussion", "pull_request"] as const).map((t) => (
          <Link key={t} href={href({ type: t })} className={kind === t ? "font-semibold" : "text-indigo-700 hover:underline"}>{t === "all" ? "everything" : t === "discussion" ? "discussions" : "pull requests"}</Link>
        ))}
        <span className="text-gray-300">|</span>
        {(["all", "open", "closed"] as const).map((s) => (
          <Link key={s} href={href({ status: s })} className={filter === s ? "font-semibold" : "text-indigo-700 hover:underline"}>{s}</Link>
        ))}
      </nav>
      {list.length === 0 ? (
        <p className="rounded-lg border border-dashed border-gray-300 bg-white p-4 text-sm text-gray-600" data-testid="empty-state">No discussions yet: ask a question or report a problem below, or propose a change with a pull request (edit a file, or push to <code>refs/pr/…</code>).</p>
      ) : (
        <ul className="divide-y divide-gray-100 rounded-lg border border-gray-200 bg-white" data-testid="discussions">
          {list.map((d) => (
            <li key={d.num} className="flex flex-wrap items-center gap-2 px-4 py-2 text-sm">
              {d.pinned && <span title="pinned">📌</span>}
              <Link className="font-medium hover:underline" href={`${base}/${d.num}`}>#{d.num} {d.title}</Link>
              {d.isPullRequest && <span className="rounded bg-indigo-100 px-1.5 text-xs text-indigo-800">PR</span>}
              <span className={`rounded px-1.5 text-xs ${d.status === "open" ? "bg-green-100 text-green-800" : d.status === "merged" ? "bg-purple-100 text-purple-800" : "bg-gray-100 text-gray-600"}`}>{d.status}</span>
              {d.locked && <span className="text-xs text-gray-500">🔒 locked</span>}
              <span className="ml-auto text-xs text-gray-500">{d.author} · {d.comments} comment{d.comments === 1 ? "" : "s"} · {timeAgo(d.updatedAt, now)}</span>
            </li>
          ))}
        </ul>
      )}
      {actor ? <NewDiscussionForm owner={owner} repo={name} action={openDiscussionAction} /> : <p className="text-sm"><Link className="text-indigo-700 hover:underline" href={`/signin?callbackUrl=${base}`}>Sign in</Link> to start a discussion.</p>}
    </div>
  );
}
