// Compare the weights of two revisions, or of this model and another (its base).
import { can } from "@/lib/auth/can";
import { repoBase } from "@/lib/repos/repo-type";
import { compareRevisions, baseRepoFor } from "@/lib/diff/compare-revisions";
import { HubError } from "@/lib/errors";
import { assertFileAccess } from "@/lib/gating/access";
import { RepoTabs } from "@/components/model/repo-tabs";
import { TensorDiffView } from "@/components/diff/tensor-diff-view";
import { inputClass, secondaryButtonClass } from "@/components/ui/button-styles";
import { loadRepoForPage } from "../load-repo";
import { RepoHeader } from "../repo-header";

type Props = { params: Promise<{ owner: string; repo: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

const one = (v: string | string[] | undefined) => (typeof v === "string" && v.trim() ? v.trim().slice(0, 300) : undefined);

export default async function ComparePage({ params, searchParams }: Props) {
  const { owner, repo: name } = await params;
  const sp = await searchParams;
  const { actor, repo } = await loadRepoForPage(owner, name);
  const baseRepoId = one(sp.baseRepo);
  const baseRev = one(sp.base) ?? "main";
  const headRev = one(sp.head) ?? "main";
  let problem: string | null = null;
  let comparison = null;
  if (baseRepoId || sp.base || sp.head) {
    try {
      const baseRepo = await baseRepoFor(actor, repo, baseRepoId);
      // the statistics are read from the weights: both sides need the right to read their files
      await assertFileAccess(actor, repo, null);
      if (baseRepo.id !== repo.id) await assertFileAccess(actor, baseRepo, null);
      comparison = await compareRevisions({ repo: baseRepo, rev: baseRev }, { repo, rev: headRev });
    } catch (e) {
      if (!(e instanceof HubError) || ![401, 403, 404].includes(e.status)) throw e;
      problem = e.message;
    }
  }
  return (
    <div className="space-y-4">
      <RepoHeader repo={repo} actor={actor} />
      <RepoTabs base={`${repoBase(repo)}`} rev="main" active="files" showSettings={can(actor, "write", repo)} />
      <form className="flex flex-wrap items-end gap-2 text-sm" action={`${repoBase(repo)}/compare`}>
        <label className="flex flex-col">
          <span className="text-xs text-gray-500">Base model (empty: this one)</span>
          <input className={inputClass} name="baseRepo" defaultValue={baseRepoId ?? ""} placeholder={`${owner}/${name}`} />
        </label>
        <label className="flex flex-col">
          <span className="text-xs text-gray-500">Base revision</span>
          <input className={inputClass} name="base" defaultValue={baseRev} />
        </label>
        <span className="pb-2">→</span>
        <label className="flex flex-col">
          <span className="text-xs text-gray-500">{owner}/{name} revision</span>
          <input className={inputClass} name="head" defaultValue={headRev} />
        </label>
        <button className={secondaryButtonClass} type="submit">Compare</button>
      </form>
      {problem && <p className="rounded border border-amber-300 bg-amber-50 p-3 text-sm" data-testid="compare-problem">{problem}</p>}
      {comparison && (
        <>
          <p className="text-xs text-gray-500">
            {comparison.base.id}@<span className="font-mono">{comparison.base.commitId.slice(0, 7)}</span> ({comparison.base.files} safetensors files) →{" "}
            {comparison.head.id}@<span className="font-mono">{comparison.head.commitId.slice(0, 7)}</span> ({comparison.head.files})
          </p>
          <TensorDiffView comparison={comparison} />
        </>
      )}
    </div>
  );
}
