import Link from "next/link";
import { can } from "@/lib/auth/can";
import { findLicense } from "@/lib/licenses/catalog";
import { modelOverview } from "@/lib/repos/model-overview";
import { ModelCard } from "@/components/model/model-card";
import { RepoTabs } from "@/components/model/repo-tabs";
import { FileList } from "@/components/model/file-list";
import { formatBytes, formatCount, timeAgo } from "@/components/ui/format";
import { buttonClass } from "@/components/ui/button-styles";
import { loadRepoForPage } from "./load-repo";

type Props = { params: Promise<{ owner: string; repo: string }> };

export async function generateMetadata({ params }: Props) {
  const { owner, repo } = await params;
  return { title: `${owner}/${repo}` };
}

export default async function ModelPage({ params }: Props) {
  const { owner, repo: name } = await params;
  const { actor, repo } = await loadRepoForPage(owner, name);
  const { revision, files, card } = await modelOverview(repo.id, "main");
  const commit = revision.commit;
  const license = (typeof card?.data.license === "string" && card.data.license) || repo.license;
  const licenseInfo = license ? findLicense(license) : undefined;
  const canWrite = can(actor, "write", repo);
  const base = `/${owner}/${name}`;
  const totalSize = files.reduce((n, f) => n + f.size, 0);

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="font-mono text-2xl font-bold">
          <Link href={`/${owner}`} className="text-gray-600 hover:underline">{owner}</Link>/<span>{name}</span>
        </h1>
        {repo.private && <span className="rounded border border-gray-300 px-2 py-0.5 text-xs text-gray-600">private</span>}
        {license && (
          <span className="rounded-full bg-gray-100 px-2 py-0.5 text-xs" data-testid="license">
            ⚖ {licenseInfo?.name ?? license}
          </span>
        )}
      </div>
      <RepoTabs base={`/${owner}/${name}`} rev="main" active="card" />
      <div className="grid gap-6 lg:grid-cols-[1fr_300px]">
        <section className="min-w-0 rounded-lg border border-gray-200 bg-white p-6">
          {card ? (
            <ModelCard card={card} showProblems={canWrite} />
          ) : (
            <p className="text-sm text-gray-600">This model has no model card (README.md) yet.</p>
          )}
        </section>
        <aside className="space-y-4">
          <div className="rounded-lg border border-gray-200 bg-white p-4 text-sm">
            <dl className="space-y-2">
              <div className="flex justify-between"><dt className="text-gray-500">Owner</dt><dd><Link href={`/${owner}`} className="hover:underline">{owner}</Link></dd></div>
              <div className="flex justify-between"><dt className="text-gray-500">Downloads</dt><dd data-testid="downloads">{formatCount(repo.downloads)}</dd></div>
              <div className="flex justify-between"><dt className="text-gray-500">Files</dt><dd>{files.length} · {formatBytes(totalSize)}</dd></div>
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
        </aside>
      </div>
      <section>
        <h2 className="mb-2 text-lg font-semibold">Files</h2>
        <FileList base={base} rev="main" files={files} />
      </section>
    </div>
  );
}
