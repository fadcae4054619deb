// A dataset's main page: the viewer (configs, splits, first rows), the dataset card,
// the models whose cards name it, and its files.
import Link from "@/components/ui/link";
import type { Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/can";
import type { RepoRow } from "@/lib/repos/find-repo";
import { repoBase } from "@/lib/repos/repo-type";
import { modelOverview, type ModelOverview } from "@/lib/repos/model-overview";
import { datasetView } from "@/lib/datasets/dataset-viewer";
import { modelsTrainedOn } from "@/lib/datasets/trained-on";
import { gateStatus } from "@/lib/gating/access";
import { gateForm } from "@/lib/gating/gate-form";
import { scansFor } from "@/lib/scan/scan-status";
import { downloadSeries } from "@/lib/community/download-counts";
import { HubError } from "@/lib/errors";
import { ModelCard } from "@/components/model/model-card";
import { RepoTabs } from "@/components/model/repo-tabs";
import { FileList } from "@/components/model/file-list";
import { GatePanel } from "@/components/gating/gate-panel";
import { LicenseTerms } from "@/components/model/license-terms";
import { DownloadsChart } from "@/components/model/downloads-chart";
import { DatasetViewer } from "@/components/datasets/dataset-viewer";
import { buttonClass } from "@/components/ui/button-styles";
import { formatBytes, formatCount, timeAgo } from "@/components/ui/format";
import { RepoHeader } from "./repo-header";
import { requestAccessAction } from "./gate-actions";

type Props = { repo: RepoRow; actor: Actor | null; config?: string; split?: string };

export async function DatasetPage({ repo, actor, config, split }: Props) {
  const owner = repo.owner.username;
  const base = repoBase(repo);
  const overview = await modelOverview(repo.id, "main", "dataset");
  const { revision, files, card } = overview;
  const license = (typeof card?.data.license === "string" && card.data.license) || repo.license;
  const canWrite = can(actor, "write", repo);
  const [gate, scans, series, models] = await Promise.all([gateStatus(actor, repo), scansFor(files), downloadSeries(repo.id), modelsTrainedOn(actor, `${owner}/${repo.name}`)]);
  // rows are file contents: shown only to those who may read the files
  const readable = gate === "open" || gate === "accepted";
  const view = readable ? await viewOrProblem(repo.id, overview, config, split) : null;
  const totalSize = files.reduce((n, f) => n + f.size, 0);
  const commit = revision.commit;

  return (
    <div className="space-y-6">
      <RepoHeader repo={repo} actor={actor} license={license} />
      {repo.gated && <GatePanel owner={owner} repo={repo.name} mode={repo.gated} status={gate} form={gateForm(card?.data ?? {})} signedIn={!!actor} action={requestAccessAction} />}
      <RepoTabs base={base} rev="main" active="card" showSettings={canWrite} />
      {view && (typeof view === "string" ? <p className="rounded border border-amber-200 bg-amber-50 px-3 py-2 text-sm" data-testid="viewer-problem">{view}</p> : <DatasetViewer base={base} view={view} />)}
      <div className="grid gap-6 lg:grid-cols-[1fr_300px]">
        <section className="min-w-0 rounded-lg border border-gray-200 bg-white p-6">
          {can(actor, "participate", repo) && (
            <p className="-mt-2 mb-2 text-right text-xs"><Link className="text-indigo-700 hover:underline" href={`${base}/edit-card`}>Edit dataset card</Link></p>
          )}
          {card ? <ModelCard card={card} showProblems={canWrite} /> : <p className="text-sm text-gray-600">This dataset has no dataset card (README.md) yet: describe what it holds, its license and its splits.</p>}
        </section>
        <aside className="space-y-4">
          <div className="rounded-lg border border-gray-200 bg-white p-4 text-sm">
            <dl className="space-y-2">
              <div className="flex justify-between"><dt className="text-gray-500">Owner</dt><dd><Link href={`/${owner}`} className="hover:underline">{owner}</Link></dd></div>
              <div className="flex justify-between"><dt className="text-gray-500">Downloads (all time)</dt><dd data-testid="downloads">{formatCount(repo.downloads)}</dd></div>
              <div><DownloadsChart series={series} /></div>
              <div className="flex justify-between"><dt className="text-gray-500">Files</dt><dd>{files.length} · {formatBytes(totalSize)}</dd></div>
              {license && <div className="border-b border-gray-100 pb-2"><LicenseTerms license={license} /></div>}
              <div className="border-t border-gray-100 pt-2">
                <dt className="text-gray-500">Last commit</dt>
                <dd className="mt-1">
                  <span className="font-mono text-xs text-gray-500">{revision.commitId.slice(0, 7)}</span> {commit.title}
                  <span className="block text-xs text-gray-500">{commit.author ?? "unknown"} · {timeAgo(commit.createdAt)}</span>
                </dd>
              </div>
            </dl>
          </div>
          {canWrite && <Link className={`${buttonClass} w-full`} href={`${base}/upload`}>Upload files</Link>}
          <div className="rounded-lg border border-gray-200 bg-white p-4 text-sm" data-testid="trained-models">
            <h2 className="mb-2 font-semibold">Models trained on this dataset</h2>
            {models.length ? (
              <ul className="space-y-1">
                {models.map((m) => (
                  <li key={m.id} className="flex justify-between gap-2">
                    <Link className="truncate font-mono text-indigo-700 hover:underline" href={`/${m.id}`}>{m.id}</Link>
                    <span className="shrink-0 text-xs text-gray-500">{m.pipelineTag ?? ""} ⬇ {formatCount(m.downloads)}</span>
                  </li>
                ))}
              </ul>
            ) : (
              <p className="text-gray-600">None yet. A model lists this dataset with <code className="font-mono">datasets: [{owner}/{repo.name}]</code> in its card.</p>
            )}
          </div>
        </aside>
      </div>
      <section>
        <h2 className="mb-2 text-lg font-semibold">Files</h2>
        <FileList base={base} rev="main" files={files} scans={scans} />
      </section>
    </div>
  );
}

/** The viewer's data, or what is wrong with the config/split asked for in the address. */
async function viewOrProblem(repoId: string, overview: ModelOverview, config?: string, split?: string) {
  try {
    return await datasetView(repoId, "main", { config, split }, 100, overview);
  } catch (e) {
    if (e instanceof HubError && e.status === 400) return e.message;
    throw e;
  }
}
