import { can } from "@/lib/auth/can";
import { repoBase } from "@/lib/repos/repo-type";
import Link from "@/components/ui/link";
import { commitDetail } from "@/lib/repos/commit-detail";
import { gateStatus, redactGatedDiffs } from "@/lib/gating/access";
import { diffRequests, FileChanges } from "@/components/diff/file-changes";
import { RepoTabs } from "@/components/model/repo-tabs";
import { loadRepoForPage } from "../../load-repo";
import { orNotFound } from "../../load-revision";
import { RepoHeader } from "../../repo-header";
import { compareRevisions } from "@/lib/diff/compare-revisions";
import { TensorDiffView } from "@/components/diff/tensor-diff-view";

type Props = { params: Promise<{ owner: string; repo: string; sha: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };


export default async function CommitPage({ params, searchParams }: Props) {
  const { owner, repo: name, sha } = await params;
  const diffs = diffRequests((await searchParams).diff);
  const { actor, repo } = await loadRepoForPage(owner, name);
  const detail = await orNotFound(commitDetail(repo.id, sha));
  const c = { ...detail, changes: await redactGatedDiffs(actor, repo, detail.changes) };
  const base = `${repoBase(repo)}`;
  // tensor statistics come from the weights: a gated repo's need granted access, like its files
  const gate = await gateStatus(actor, repo);
  const touchesWeights = c.parentIds[0] && c.changes.some((f) => f.path.endsWith(".safetensors")) && (gate === "open" || gate === "accepted");
  const comparison = touchesWeights ? await compareRevisions({ repo, rev: c.parentIds[0]! }, { repo, rev: c.id }) : null;
  return (
    <div className="space-y-4">
      <RepoHeader repo={repo} actor={actor} />
      <RepoTabs base={base} rev={c.id} active="history" showSettings={can(actor, "write", repo)} />
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
      {comparison && <TensorDiffView comparison={comparison} />}
      <FileChanges changes={c.changes} {...diffs} />
    </div>
  );
}
