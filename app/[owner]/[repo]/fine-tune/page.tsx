// Start a fine-tune of this model.
import { can } from "@/lib/auth/can";
import { repoBase } from "@/lib/repos/repo-type";
import Link from "@/components/ui/link";
import { redirect } from "next/navigation";
import { fineTuneTarget } from "@/lib/finetune/fine-tunable";
import { HubError } from "@/lib/errors";
import { resolveRevision } from "@/lib/repos/resolve-revision";
import { POPULAR_LICENSES } from "@/lib/licenses/catalog";
import { listWorkers } from "@/lib/jobs/worker-registry";
import { RepoTabs } from "@/components/model/repo-tabs";
import { FineTuneForm } from "@/components/finetune/fine-tune-form";
import { loadRepoForPage } from "../load-repo";
import { RepoHeader } from "../repo-header";

type Props = { params: Promise<{ owner: string; repo: string }> };

export default async function FineTunePage({ params }: Props) {
  const { owner, repo: name } = await params;
  const { actor, repo } = await loadRepoForPage(owner, name);
  if (!actor) redirect(`/signin?callbackUrl=${encodeURIComponent(`${repoBase(repo)}/fine-tune`)}`);
  const revision = await resolveRevision(repo.id, "main");
  let problem: string | null = null;
  let tasks: Awaited<ReturnType<typeof fineTuneTarget>>["tasks"] = [];
  try {
    tasks = (await fineTuneTarget(revision.treeId)).tasks;
    if (!tasks.length) problem = "This model's input is not one the trainers can feed: an image, a text with its vocab.txt, or the features its card lists.";
  } catch (e) {
    if (!(e instanceof HubError)) throw e;
    problem = e.message;
  }
  const workers = await listWorkers();
  const hasGpu = workers.some((w) => (w.capabilities as { gpu: unknown }).gpu);
  const licenses = [...new Set([...(repo.license ? [repo.license] : []), ...POPULAR_LICENSES])];
  return (
    <div className="space-y-4">
      <RepoHeader repo={repo} actor={actor} />
      <RepoTabs base={`${repoBase(repo)}`} rev="main" active="card" showSettings={can(actor, "write", repo)} />
      <h2 className="text-lg font-semibold">Fine-tune {owner}/{name}</h2>
      <p className="text-sm text-gray-600">
        Trains a new classification head on your data with this model (at commit <span className="font-mono">{revision.commitId.slice(0, 7)}</span>) as the
        feature extractor, on Modelhub&apos;s workers. The result is published as a new model that records this base, your dataset&apos;s digest and the
        recipe. <Link className="text-indigo-700 hover:underline" href="/jobs">Your jobs</Link>
      </p>
      {problem ? (
        <p className="rounded border border-amber-300 bg-amber-50 p-3 text-sm" data-testid="fine-tune-unavailable">{problem}</p>
      ) : (
        <FineTuneForm base={`${owner}/${name}`} baseLicense={repo.license} tasks={tasks} licenses={licenses} hasGpuWorker={hasGpu} />
      )}
    </div>
  );
}
