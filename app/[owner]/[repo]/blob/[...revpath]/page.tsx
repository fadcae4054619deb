import Link from "@/components/ui/link";
import { repoBase } from "@/lib/repos/repo-type";
import { fileAt } from "@/lib/repos/read-files";
import { can } from "@/lib/auth/can";
import { gateStatus, isGatedPath } from "@/lib/gating/access";
import { readBlobText } from "@/lib/repos/read-blob";
import { splitRevisionPath } from "@/lib/repos/resolve-revision";
import { RepoTabs } from "@/components/model/repo-tabs";
import { PathCrumbs } from "@/components/model/path-crumbs";
import { SafetensorsView } from "@/components/model/safetensors-view";
import { GgufView } from "@/components/model/gguf-view";
import { OnnxView } from "@/components/model/onnx-view";
import { TfjsView } from "@/components/model/tfjs-view";
import { ShardedView } from "@/components/model/sharded-view";
import { PickleScanView } from "@/components/model/pickle-scan-view";
import { GuardedDownload } from "@/components/model/guarded-download";
import { downloadWarning } from "@/lib/scan/download-warning";
import { fileView, type FileView } from "@/lib/formats/file-view";
import { scansFor } from "@/lib/scan/scan-status";
import { encodeRepoPath } from "@/components/model/repo-urls";
import { formatBytes } from "@/components/ui/format";
import { loadRepoForPage } from "../../load-repo";
import { orNotFound } from "../../load-revision";
import { RepoHeader } from "../../repo-header";
import { revisionSegments } from "../../path-segments";

type Props = { params: Promise<{ owner: string; repo: string; revpath: string[] }> };

const MAX_SHOWN = 1024 * 1024;

export default async function BlobPage({ params }: Props) {
  const { owner, repo: name, revpath: paramsRevpath } = await params;
  const revpath = await revisionSegments(paramsRevpath);
  const { actor, repo } = await loadRepoForPage(owner, name);
  const { rev, path } = await splitRevisionPath(repo.id, revpath);
  const file = await orNotFound(fileAt(repo.id, rev, path));
  // a gated model's files (all but its card) stay closed until access is granted
  const gate = repo.gated && isGatedPath(path) ? await gateStatus(actor, repo) : "open";
  const locked = gate !== "open" && gate !== "accepted";
  const view = locked ? null : await fileView(file);
  const text = !locked && !view && !file.lfs && file.size <= MAX_SHOWN ? await readBlobText(file.sha256, file.size, MAX_SHOWN) : null;
  const scan = (await scansFor([file])).get(file.sha256);
  const base = `${repoBase(repo)}`;
  const r = encodeURIComponent(rev);
  return (
    <div className="space-y-4">
      <RepoHeader repo={repo} actor={actor} />
      <RepoTabs base={base} rev={rev} active="files" showSettings={can(actor, "write", repo)} />
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <PathCrumbs base={base} rev={rev} name={repo.name} path={path} file />
        <span className="text-gray-500">{formatBytes(file.size)}{file.lfs ? " · stored with LFS" : ""}</span>
        <span className="text-xs text-gray-500">
          sha256 <Link href={`/blobs?sha256=${file.sha256}`} className="font-mono hover:underline" title="Where else is this file?">{file.sha256.slice(0, 16)}…</Link>
        </span>
        <span className="ml-auto flex gap-3">
          {text !== null && file.revision.ref?.kind === "branch" && !rev.startsWith("refs/") && can(actor, "participate", repo) && (
            <Link className="text-indigo-700 hover:underline" href={`${base}/edit/${r}/${encodeRepoPath(path)}`}>Edit</Link>
          )}
          <Link className="text-indigo-700 hover:underline" href={`${base}/commits/${r}?path=${encodeURIComponent(path)}`}>History</Link>
          <GuardedDownload className="text-indigo-700 hover:underline" href={`${base}/resolve/${r}/${encodeRepoPath(path)}`} warning={downloadWarning(scan)}>Download</GuardedDownload>
        </span>
      </div>
      {scan && scan.status !== "none" && <PickleScanView scan={scan} />}
      {view && <FormatView view={view} />}
      {locked ? (
        <p className="rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm" data-testid="gated-file">
          This model is gated: <Link className="text-indigo-700 hover:underline" href={base}>ask for access on its page</Link> to see and download its files.
        </p>
      ) : view ? null : text !== null ? (
        <pre className="overflow-x-auto rounded-lg border border-gray-200 bg-white p-4 text-xs leading-5" data-testid="file-text">{text}</pre>
      ) : (
        <p className="rounded-lg border border-gray-200 bg-white p-4 text-sm text-gray-600">This file is binary or too large to show here. Download it instead.</p>
      )}
    </div>
  );
}

function FormatView({ view }: { view: FileView }) {
  switch (view.kind) {
    case "safetensors": return <SafetensorsView result={view.result} />;
    case "safetensors-index": return <ShardedView result={view.result} />;
    case "gguf": return <GgufView result={view.result} />;
    case "onnx": return <OnnxView result={view.result} />;
    case "tfjs": return <TfjsView result={view.result} present={view.present} />;
  }
}
