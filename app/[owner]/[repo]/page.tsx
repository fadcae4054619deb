import Link from "@/components/ui/link";
import { repoBase } from "@/lib/repos/repo-type";
import { can, canAdminister } from "@/lib/auth/can";
import { findLicense } from "@/lib/licenses/catalog";
import { modelOverview } from "@/lib/repos/model-overview";
import { ModelCard } from "@/components/model/model-card";
import { RepoTabs } from "@/components/model/repo-tabs";
import { FileList } from "@/components/model/file-list";
import { scansFor } from "@/lib/scan/scan-status";
import { localBaseModel } from "@/lib/repos/base-model";
import { modelTree } from "@/lib/lineage/model-tree";
import { upstreamStatus } from "@/lib/forks/upstream-status";
import { ModelTreeView } from "@/components/lineage/model-tree-view";
import { ForkForm, SyncForm } from "@/components/lineage/fork-form";
import { forkAction, syncAction } from "./fork-actions";
import { writableNamespaces } from "@/lib/orgs/orgs";
import { formatBytes, formatCount, formatParams, timeAgo } from "@/components/ui/format";
import { buttonClass, secondaryButtonClass } from "@/components/ui/button-styles";
import { RerunForm } from "@/components/finetune/rerun-form";
import { LicenseTerms } from "@/components/model/license-terms";
import { ReportButton } from "@/components/moderation/report-button";
import { reportAction } from "./discussions/actions";
import { hideRepoAction } from "@/app/(site)/admin/actions";
import { DownloadsChart } from "@/components/model/downloads-chart";
import { downloadSeries } from "@/lib/community/download-counts";
import { RepoHeader } from "./repo-header";
import { loadRepoForPage, pageRepoType } from "./load-repo";
import { DatasetPage } from "./dataset-page";
import { localDatasets } from "@/lib/datasets/trained-on";
import { gateStatus } from "@/lib/gating/access";
import { gateForm } from "@/lib/gating/gate-form";
import { GatePanel } from "@/components/gating/gate-panel";
import { requestAccessAction } from "./gate-actions";
import { EvalResults } from "@/components/model/eval-results";
import { evalRows } from "@/lib/cards/eval-results";
import { baseDemoConfig, demoConfig } from "@/lib/demo/demo-config";
import { DemoSection } from "@/components/demo/demo-section";

type Props = { params: Promise<{ owner: string; repo: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props) {
  const { owner, repo } = await params;
  return { title: `${(await pageRepoType()) === "dataset" ? "Dataset " : ""}${owner}/${repo}` };
}

export default async function RepoPage({ params, searchParams }: Props) {
  const { owner, repo: name } = await params;
  const { actor, repo } = await loadRepoForPage(owner, name);
  if (repo.type === "dataset") {
    const q = await searchParams;
    const one = (v: string | string[] | undefined) => (typeof v === "string" ? v.slice(0, 200) : undefined);
    return <DatasetPage repo={repo} actor={actor} config={one(q.config)} split={one(q.split)} />;
  }
  const { revision, files, card } = await modelOverview(repo.id, "main");
  const commit = revision.commit;
  const license = (typeof card?.data.license === "string" && card.data.license) || repo.license;
  const licenseInfo = license ? findLicense(license) : undefined;
  const canWrite = can(actor, "write", repo);
  const base = `${repoBase(repo)}`;
  const totalSize = files.reduce((n, f) => n + f.size, 0);
  const [scans, gate, baseModel, tree, upstream, series, hubDatasets] = await Promise.all([
    scansFor(files),
    gateStatus(actor, repo),
    localBaseModel(actor, card?.data.base_model),
    modelTree(actor, repo),
    upstreamStatus(actor, repo),
    downloadSeries(repo.id),
    localDatasets(actor, cardDatasets(card?.data.datasets)),
  ]);
  // The demo fetches weights from /resolve: only offered to those who may read them.
  const demo = gate === "open" || gate === "accepted" ? await demoConfig({ repoId: repo.id, owner, repo: name, commitId: revision.commitId, files, data: card?.data }) : null;
  const baseDemo = demo?.ok && card?.data.base_model_relation === "finetune" ? await baseDemoConfig(actor, baseModel) : null;
  const upstreamVisible = upstream && tree.ancestors.some((a) => a.relation === "fork" && a.id === upstream.upstreamId);
  const weights = repo.weights; // summarized by a job moments after each commit to main

  return (
    <div className="space-y-6">
      <RepoHeader repo={repo} actor={actor} license={license} datasets={cardDatasets(card?.data.datasets).map((d) => ({ id: d, onHub: hubDatasets.has(d) }))}>
        {canAdminister(actor, "act") && (
          <form action={hideRepoAction} className="flex items-center gap-1 text-xs" data-testid="admin-hide">
            <input type="hidden" name="repoId" value={repo.id} />
            <input type="hidden" name="page" value={`${repoBase(repo)}`} />
            <input type="hidden" name="hide" value={repo.hiddenAt ? "0" : "1"} />
            {!repo.hiddenAt && <input className="rounded border border-gray-300 px-1 py-0.5" name="reason" placeholder="Reason" aria-label="Hide reason" maxLength={1000} />}
            <button className="text-red-700 hover:underline" type="submit">{repo.hiddenAt ? "Unhide model" : "Hide model"}</button>
          </form>
        )}
        {actor && !canWrite && (
          <span className="ml-auto"><ReportButton target={{ targetType: "repo", targetRepo: `${owner}/${name}` }} action={reportAction} label="Report model" /></span>
        )}
      </RepoHeader>
      {repo.gated && <GatePanel owner={owner} repo={name} mode={repo.gated} status={gate} form={gateForm(card?.data ?? {})} signedIn={!!actor} action={requestAccessAction} />}
      {upstream && (
        // a <div>: the sync form inside would end a <p> in the browser's parser, and hydration would not match
        <div className="rounded-lg border border-gray-200 bg-white px-4 py-2 text-sm" data-testid="fork-status">
          Forked from{" "}
          {upstreamVisible ? <Link className="font-mono text-indigo-700 hover:underline" href={`/${upstream.upstreamId}`}>{upstream.upstreamId}</Link> : "a private model"}
          {" · "}
          {upstream.ahead === 0 && upstream.behind === 0
            ? "up to date"
            : `${upstream.ahead} commit${upstream.ahead === 1 ? "" : "s"} ahead, ${upstream.behind} behind`}
          {canWrite && upstream.ahead === 0 && upstream.behind > 0 && <> · <SyncForm owner={owner} repo={name} action={syncAction} /></>}
        </div>
      )}
      <RepoTabs base={`${repoBase(repo)}`} rev="main" active="card" showSettings={canWrite} />
      <div className="grid gap-6 lg:grid-cols-[1fr_300px]">
        <div className="min-w-0 space-y-4">
          {demo && <DemoSection config={demo} base={baseDemo} />}
          <EvalResults rows={evalRows(card?.data ?? {})} />
          <section className="rounded-lg border border-gray-200 bg-white p-6">
            {can(actor, "participate", repo) && (
              <p className="-mt-2 mb-2 text-right text-xs"><Link className="text-indigo-700 hover:underline" href={`${base}/edit-card`}>Edit model card</Link></p>
            )}
            {card ? (
              <ModelCard card={card} showProblems={canWrite} />
            ) : (
              <p className="text-sm text-gray-600">This model has no model card (README.md) yet.</p>
            )}
          </section>
        </div>
        <aside className="space-y-4">
          <div className="rounded-lg border border-gray-200 bg-white p-4 text-sm">
            <dl className="space-y-2">
              <div className="flex justify-between"><dt className="text-gray-500">Owner</dt><dd><Link href={`/${owner}`} className="hover:underline">{owner}</Link></dd></div>
              <div className="flex justify-between"><dt className="text-gray-500">Downloads (all time)</dt><dd data-testid="downloads">{formatCount(repo.downloads)}</dd></div>
              <div><DownloadsChart series={series} /></div>
              <div className="flex justify-between"><dt className="text-gray-500">Files</dt><dd>{files.length} · {formatBytes(totalSize)}</dd></div>
              {cardDatasets(card?.data.datasets).length > 0 && (
                <div className="flex justify-between gap-2" data-testid="model-datasets">
                  <dt className="text-gray-500">Datasets</dt>
                  <dd className="min-w-0 text-right">
                    {cardDatasets(card?.data.datasets).map((d) => (
                      <span key={d} className="block truncate font-mono text-xs">
                        {hubDatasets.has(d) ? <Link className="text-indigo-700 hover:underline" href={`/datasets/${d}`}>{d}</Link> : <span title="Not a dataset on this hub">{d}</span>}
                      </span>
                    ))}
                  </dd>
                </div>
              )}
              {weights && (
                <div className="flex justify-between" data-testid="parameters">
                  <dt className="text-gray-500">Parameters</dt>
                  <dd title={`${weights.total.toLocaleString("en-US")} parameters in ${weights.files.length} ${weights.source} file(s)`}>
                    {formatParams(weights.total)} · {formatBytes(weights.bytes)} {weights.source}
                  </dd>
                </div>
              )}
              {license && (
                <div className="border-b border-gray-100 pb-2"><LicenseTerms license={license} /></div>
              )}
              {license?.toLowerCase() === "other" && (typeof card?.data.license_name === "string" || typeof card?.data.license_link === "string" || files.some((f) => /^LICEN[CS]E(\.(md|txt))?$/i.test(f.path))) && (
                <div className="flex justify-between gap-2" data-testid="custom-license">
                  <dt className="text-gray-500">License</dt>
                  <dd className="text-right">
                    {otherLicenseLink(card?.data.license_link, files, base) ? (
                      <a className="text-indigo-700 hover:underline" href={otherLicenseLink(card?.data.license_link, files, base)!} rel="noopener noreferrer">{typeof card?.data.license_name === "string" ? card.data.license_name : "LICENSE"}</a>
                    ) : (
                      String(card?.data.license_name ?? "")
                    )}
                  </dd>
                </div>
              )}
              {licenseInfo?.url && (
                <div className="flex justify-between"><dt className="text-gray-500">License text</dt><dd><a className="text-indigo-700 hover:underline" href={licenseInfo.url} rel="noopener noreferrer">{licenseInfo.id}</a></dd></div>
              )}
              <div className="border-t border-gray-100 pt-2">
                <dt className="text-gray-500">Last commit</dt>
                <dd className="mt-1">
                  <span className="font-mono text-xs text-gray-500">{revision.commitId.slice(0, 7)}</span> {commit.title}
                  <span className="block text-xs text-gray-500">{commit.author ?? "unknown"} · {timeAgo(commit.createdAt)}</span>
                </dd>
              </div>
            </dl>
          </div>
          {canWrite && (
            <Link className={`${buttonClass} w-full`} href={`${base}/upload`}>Upload files</Link>
          )}
          {actor && files.some((f) => f.path === "model.json" || f.path.endsWith("/model.json")) && (
            <Link className={`${secondaryButtonClass} w-full`} href={`${base}/fine-tune`} data-testid="fine-tune-link">Fine-tune</Link>
          )}
          {actor && files.some((f) => f.path === "recipe.json") && <RerunForm repo={`${owner}/${name}`} />}
          {actor && <ForkForm owner={owner} repo={name} isPrivate={repo.private} namespaces={writableNamespaces(actor)} action={forkAction} />}
          <ModelTreeView tree={tree} />
          {weights && (
            <p className="text-sm">
              <Link className="text-indigo-700 hover:underline" href={baseModel ? `${base}/compare?baseRepo=${encodeURIComponent(baseModel)}` : `${base}/compare`} data-testid="compare-link">
                {baseModel ? `Compare weights with the base model ${baseModel}` : "Compare weights between revisions"}
              </Link>
            </p>
          )}
        </aside>
      </div>
      <section>
        <h2 className="mb-2 text-lg font-semibold">Files</h2>
        <FileList base={base} rev="main" files={files} scans={scans} />
      </section>
    </div>
  );
}

/** Where an "other" license's text is: license_link (a URL, or a path in the repo), else a LICENSE file. */
function otherLicenseLink(link: unknown, files: { path: string }[], base: string): string | null {
  if (typeof link === "string" && /^https?:\/\/\S+$/.test(link)) return link;
  if (typeof link === "string" && /^[\w./-]+$/.test(link) && !link.split("/").includes("..") && files.some((f) => f.path === link.replace(/^\.\//, ""))) {
    return `${base}/blob/main/${link.replace(/^\.\//, "")}`;
  }
  const file = files.find((f) => /^LICEN[CS]E(\.(md|txt))?$/i.test(f.path));
  return file ? `${base}/blob/main/${file.path}` : null;
}

/** The dataset ids a model card names (datasets: one id or a list). */
function cardDatasets(v: unknown): string[] {
  return (Array.isArray(v) ? v : [v]).filter((d): d is string => typeof d === "string" && d.length > 0 && d.length <= 200).slice(0, 20);
}
