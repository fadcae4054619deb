// One discussion: comments (Markdown, rendered safely), edits with history, and moderation.
import Link from "@/components/ui/link";
import { repoBase } from "@/lib/repos/repo-type";
import { notFound } from "next/navigation";
import { commentHistory, getDiscussion } from "@/lib/discussions/discussions";
import { HubError } from "@/lib/errors";
import { RepoTabs } from "@/components/model/repo-tabs";
import { CommentForm } from "@/components/discussions/discussion-forms";
import { MarkdownView } from "@/components/discussions/markdown-view";
import { timeAgo } from "@/components/ui/format";
import { loadRepoForPage } from "../../load-repo";
import { RepoHeader } from "../../repo-header";
import { commentAction, mergeAction, moderateAction, reportAction } from "../actions";
import { planMerge, prBranch, pullRequestChanges } from "@/lib/pulls/pull-requests";
import { can } from "@/lib/auth/can";
import { redactGatedDiffs } from "@/lib/gating/access";
import { diffRequests, FileChanges } from "@/components/diff/file-changes";
import { MergeForm } from "@/components/pulls/merge-form";
import { ReportButton } from "@/components/moderation/report-button";

type Props = { params: Promise<{ owner: string; repo: string; num: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export default async function DiscussionPage({ params, searchParams }: Props) {
  const { owner, repo: name, num: raw } = await params;
  const diffs = diffRequests((await searchParams).diff);
  const { actor, repo } = await loadRepoForPage(owner, name);
  const num = Number(raw);
  if (!Number.isSafeInteger(num)) notFound();
  let d;
  try {
    d = await getDiscussion(actor, repo, num);
  } catch (e) {
    if (e instanceof HubError && e.status === 404) notFound();
    throw e;
  }
  const histories = new Map(await Promise.all(d.comments.filter((c) => c.revisions > 0).map(async (c) => [c.id, await commentHistory(actor, repo, c.id)] as const)));
  const isAuthor = actor?.userId === d.authorId;
  const changes = d.isPullRequest ? await pullRequestChanges(repo.id, d) : null;
  const pr = changes && { ...changes, files: await redactGatedDiffs(actor, repo, changes.files) };
  const plan = pr && d.status === "open" ? await planMerge(repo.id, d) : null;
  const canMerge = !!plan && can(actor, "write", repo);
  const base = `${repoBase(repo)}`;
  const STATUS_STYLE: Record<string, string> = { open: "bg-green-100 text-green-800", draft: "bg-gray-100 text-gray-700", merged: "bg-purple-100 text-purple-800", closed: "bg-gray-100 text-gray-600" };
  const now = new Date();
  const modButton = (change: string, label: string, extra?: Record<string, string>) => (
    <form action={moderateAction} className="inline">
      <input type="hidden" name="owner" value={owner} />
      <input type="hidden" name="repo" value={name} />
      <input type="hidden" name="num" value={num} />
      {Object.entries(extra ?? {}).map(([k, v]) => <input key={k} type="hidden" name={k} value={v} />)}
      <button className="text-xs text-indigo-700 hover:underline" name="change" value={change}>{label}</button>
    </form>
  );
  return (
    <div className="space-y-4">
      <RepoHeader repo={repo} actor={actor} />
      <RepoTabs base={`${repoBase(repo)}`} rev="main" active="community" showSettings={can(actor, "write", repo)} />
      <div className="flex flex-wrap items-center gap-2">
        <h2 className="text-xl font-semibold" data-testid="discussion-title">#{d.num} {d.title}</h2>
        {d.isPullRequest && <span className="rounded bg-indigo-100 px-1.5 text-xs text-indigo-800">pull request</span>}
        <span className={`rounded px-1.5 text-xs ${STATUS_STYLE[d.status] ?? ""}`} data-testid="discussion-status">{d.status}</span>
        {d.pinned && <span className="text-xs">📌 pinned</span>}
        {d.locked && <span className="text-xs">🔒 locked</span>}
        {d.hidden && <span className="text-xs text-red-700">hidden</span>}
        <span className="ml-auto flex gap-3">
          {(isAuthor || d.canModerate) && d.status !== "merged" && (d.status === "closed" ? modButton("reopen", "Reopen") : modButton("close", "Close"))}
          {actor && !isAuthor && <ReportButton target={{ targetType: "discussion", targetRepo: `${owner}/${name}`, num }} action={reportAction} />}
          {d.canModerate && (
            <>
              {modButton(d.pinned ? "unpin" : "pin", d.pinned ? "Unpin" : "Pin")}
              {modButton(d.locked ? "unlock" : "lock", d.locked ? "Unlock" : "Lock")}
              {modButton(d.hidden ? "unhide" : "hide", d.hidden ? "Unhide" : "Hide")}
            </>
          )}
        </span>
      </div>
      {pr && (
        <section className="space-y-3 rounded-lg border border-gray-200 bg-white p-4" data-testid="pull-request">
          <p className="text-sm">
            <span className="font-mono">{prBranch(d.num)}</span> → <span className="font-mono">{d.targetBranch ?? "main"}</span>
            {" · "}{pr.commits.length} commit{pr.commits.length === 1 ? "" : "s"}
            {d.mergeCommitId && (
              <> · merged as <Link className="font-mono hover:underline" href={`${base}/commit/${d.mergeCommitId}`}>{d.mergeCommitId.slice(0, 7)}</Link></>
            )}
          </p>
          {pr.commits.length > 0 && (
            <ol className="space-y-1 text-sm" data-testid="pr-commits">
              {pr.commits.map((c) => (
                <li key={c.id}><Link className="font-mono text-indigo-700 hover:underline" href={`${base}/commit/${c.id}`}>{c.id.slice(0, 7)}</Link> {c.title} <span className="text-xs text-gray-500">by {c.author ?? "unknown"}</span></li>
              ))}
            </ol>
          )}
          {d.status === "draft" && <p className="text-sm text-gray-600">A draft: push commits to <span className="font-mono">{prBranch(d.num)}</span> (for example <span className="font-mono">upload_file(..., revision=&quot;{prBranch(d.num)}&quot;)</span>) to open it for review.</p>}
          {plan && plan.conflicts.length > 0 && (
            <p className="text-sm text-red-700" data-testid="merge-conflicts">
              Conflicts with {d.targetBranch ?? "main"}: {plan.conflicts.join(", ")}. Update the pull request or resolve them on the target branch.
            </p>
          )}
          {plan && plan.conflicts.length === 0 && <p className="text-sm text-emerald-800">No conflicts with {d.targetBranch ?? "main"}.</p>}
          {canMerge && <MergeForm owner={owner} repo={name} num={num} target={d.targetBranch ?? "main"} disabled={plan!.conflicts.length > 0} action={mergeAction} />}
        </section>
      )}
      {pr && pr.files.length > 0 && (
        <details open className="space-y-2" data-testid="pr-files">
          <summary className="cursor-pointer text-sm font-medium">Files changed</summary>
          <div className="mt-2 space-y-2"><FileChanges changes={pr.files} conflicts={plan?.conflicts} {...diffs} /></div>
        </details>
      )}
      <ol className="space-y-3">
        {d.comments.map((c) => (
          <li key={c.id} id={`comment-${c.id}`} className="rounded-lg border border-gray-200 bg-white" data-testid="comment">
            <header className="flex items-center gap-2 border-b border-gray-100 px-4 py-2 text-xs text-gray-600">
              <Link className="font-medium text-gray-900 hover:underline" href={`/${c.author}`}>{c.author}</Link>
              <span>{timeAgo(c.createdAt, now)}</span>
              {c.revisions > 0 && (
                <details className="relative">
                  <summary className="cursor-pointer">edited</summary>
                  <ol className="absolute z-10 mt-1 w-96 space-y-2 rounded border border-gray-200 bg-white p-2 shadow" data-testid="comment-history">
                    {histories.get(c.id)?.map((h, i) => <li key={i}><span className="text-gray-500">{h.at.toISOString().slice(0, 16).replace("T", " ")}</span><pre className="whitespace-pre-wrap">{h.body}</pre></li>)}
                  </ol>
                </details>
              )}
              {c.hidden && <span className="text-red-700">hidden by a moderator</span>}
              <span className="ml-auto flex gap-3">
                {actor && actor.userId !== c.authorId && <ReportButton target={{ targetType: "comment", targetRepo: `${owner}/${name}`, commentId: c.id }} action={reportAction} />}
                {d.canModerate && modButton(c.hidden ? "unhide-comment" : "hide-comment", c.hidden ? "Unhide" : "Hide", { commentId: c.id })}
              </span>
            </header>
            <div className="px-4 py-3">
              {c.hidden && !c.body ? <p className="text-sm italic text-gray-500">This comment was hidden by a moderator.</p> : <MarkdownView text={c.body} />}
              {actor?.userId === c.authorId && (!d.locked || d.canModerate) && (
                <details className="mt-2 text-xs"><summary className="cursor-pointer text-indigo-700">Edit</summary><CommentForm owner={owner} repo={name} num={num} commentId={c.id} initial={c.body} action={commentAction} /></details>
              )}
            </div>
          </li>
        ))}
      </ol>
      {!actor ? (
        <p className="text-sm"><Link className="text-indigo-700 hover:underline" href={`/signin?callbackUrl=/${owner}/${name}/discussions/${num}`}>Sign in</Link> to comment.</p>
      ) : d.locked && !d.canModerate ? (
        <p className="text-sm text-gray-600">This discussion is locked.</p>
      ) : (
        <CommentForm owner={owner} repo={name} num={num} action={commentAction} />
      )}
    </div>
  );
}
