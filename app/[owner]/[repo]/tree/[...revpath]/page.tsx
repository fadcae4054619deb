import { headers } from "next/headers";
import { repoBase } from "@/lib/repos/repo-type";
import Link from "@/components/ui/link";
import { CloneInstructions } from "@/components/model/clone-instructions";
import { env } from "@/lib/env";
import { pageOrigin } from "@/lib/http/origin";
import { can } from "@/lib/auth/can";
import { listPath } from "@/lib/repos/read-files";
import { listRefs } from "@/lib/repos/refs";
import { splitRevisionPath } from "@/lib/repos/resolve-revision";
import { RepoTabs } from "@/components/model/repo-tabs";
import { encodeRepoPath } from "@/components/model/repo-urls";
import { PathCrumbs } from "@/components/model/path-crumbs";
import { AddFileMenu } from "@/components/model/add-file-menu";
import { RefMenu } from "@/components/model/ref-menu";
import { ScanBadge } from "@/components/model/scan-badge";
import { GuardedDownload } from "@/components/model/guarded-download";
import { downloadWarning } from "@/lib/scan/download-warning";
import { scansFor } from "@/lib/scan/scan-status";
import { formatBytes, timeAgo } from "@/components/ui/format";
import { loadRepoForPage } from "../../load-repo";
import { orNotFound } from "../../load-revision";
import { RepoHeader } from "../../repo-header";
import { createRefAction } from "../actions";
import { revisionSegments } from "../../path-segments";

type Props = { params: Promise<{ owner: string; repo: string; revpath: string[] }> };


export default async function TreePage({ params }: Props) {
  const { owner, repo: name, revpath: paramsRevpath } = await params;
  const revpath = await revisionSegments(paramsRevpath);
  const { actor, repo } = await loadRepoForPage(owner, name);
  const { rev, path } = await splitRevisionPath(repo.id, revpath);
  const [{ revision, entries }, refs] = await Promise.all([orNotFound(listPath(repo.id, rev, path, false)), listRefs(repo.id)]);
  const scans = await scansFor(entries.flatMap((e) => (e.type === "file" ? [e] : [])));
  const base = `${repoBase(repo)}`;
  const r = encodeURIComponent(rev);
  const cloneUrl = `${(env().PUBLIC_URL ?? pageOrigin(await headers())).replace(/\/$/, "")}${repoBase(repo)}`;
  return (
    <div className="space-y-4">
      <RepoHeader repo={repo} actor={actor} />
      <RepoTabs base={base} rev={rev} active="files" showSettings={can(actor, "write", repo)} />
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <RefMenu
          label={rev.length === 40 ? rev.slice(0, 7) : rev}
          refs={[...refs.branches.map((b) => ({ name: b.name, kind: "branch" as const })), ...refs.tags.map((t) => ({ name: t.name, kind: "tag" as const }))].map((x) => ({ ...x, href: `${base}/tree/${encodeURIComponent(x.name)}` }))}
          newRef={can(actor, "write", repo) ? { owner, repo: name, from: rev, action: createRefAction } : undefined}
        />
        <PathCrumbs base={base} rev={rev} name={name} path={path} />
        {revision.ref?.kind === "branch" && !rev.startsWith("refs/") && can(actor, "participate", repo) && <AddFileMenu base={base} rev={rev} folder={path} canUpload={can(actor, "write", repo)} />}
        <CloneInstructions cloneUrl={cloneUrl} needsToken={repo.private || !!repo.gated} canPush={can(actor, "write", repo)} />
        <span className="ml-auto text-xs text-gray-500">
          <Link href={`${base}/commit/${revision.commitId}`} className="font-mono hover:underline">{revision.commitId.slice(0, 7)}</Link> {revision.commit.title} · {timeAgo(revision.commit.createdAt)}
        </span>
      </div>
      <table className="w-full overflow-hidden rounded-lg border border-gray-200 bg-white text-sm" data-testid="tree">
        <tbody>
          {entries.map((e) => (
            <tr key={e.path} className="border-b border-gray-100 last:border-0">
              <td className="px-3 py-2 font-mono">
                {e.type === "dir" ? (
                  <Link className="hover:underline" href={`${base}/tree/${r}/${encodeRepoPath(e.path)}`}>📁 {e.name}/</Link>
                ) : (
                  <Link className="hover:underline" href={`${base}/blob/${r}/${encodeRepoPath(e.path)}`}>{e.name}</Link>
                )}
                {e.type === "file" && e.lfs && <span className="ml-2 rounded bg-gray-100 px-1 text-xs text-gray-600">LFS</span>}
                {e.type === "file" && <ScanBadge scan={scans.get(e.sha256)} />}
              </td>
              <td className="px-3 py-2 text-right text-gray-600">{e.type === "file" ? formatBytes(e.size) : ""}</td>
              <td className="w-28 px-3 py-2 text-right">
                {e.type === "file" && (
                  <GuardedDownload className="text-indigo-700 hover:underline" href={`${base}/resolve/${r}/${encodeRepoPath(e.path)}`} warning={downloadWarning(scans.get(e.sha256))}>download</GuardedDownload>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
