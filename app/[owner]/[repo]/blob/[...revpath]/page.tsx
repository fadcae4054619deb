import Link from "next/link";
import { fileAt } from "@/lib/repos/read-files";
import { readBlobText } from "@/lib/repos/read-blob";
import { splitRevisionPath } from "@/lib/repos/resolve-revision";
import { RepoTabs } from "@/components/model/repo-tabs";
import { SafetensorsView } from "@/components/model/safetensors-view";
import { GgufView } from "@/components/model/gguf-view";
import { ggufHeader, safetensorsHeader } from "@/lib/formats/read-blob-header";
import { encodeRepoPath } from "@/components/model/repo-urls";
import { formatBytes } from "@/components/ui/format";
import { loadRepoForPage } from "../../load-repo";
import { orNotFound } from "../../load-revision";
import { RepoHeader } from "../../repo-header";

type Props = { params: Promise<{ owner: string; repo: string; revpath: string[] }> };

const MAX_SHOWN = 1024 * 1024;

export default async function BlobPage({ params }: Props) {
  const { owner, repo: name, revpath } = await params;
  const { repo } = await loadRepoForPage(owner, name);
  const { rev, path } = await splitRevisionPath(repo.id, revpath);
  const file = await orNotFound(fileAt(repo.id, rev, path));
  const text = !file.lfs && file.size <= MAX_SHOWN ? await readBlobText(file.sha256, file.size, MAX_SHOWN) : null;
  const tensors = path.endsWith(".safetensors") ? await safetensorsHeader(file) : null;
  const gguf = path.endsWith(".gguf") ? await ggufHeader(file) : null;
  const base = `/${owner}/${name}`;
  const r = encodeURIComponent(rev);
  return (
    <div className="space-y-4">
      <RepoHeader repo={repo} />
      <RepoTabs base={base} rev={rev} active="files" />
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <span className="font-mono font-semibold">{path}</span>
        <span className="text-gray-500">{formatBytes(file.size)}{file.lfs ? " · stored with LFS" : ""}</span>
        <span className="text-xs text-gray-500">
          sha256 <Link href={`/blobs?sha256=${file.sha256}`} className="font-mono hover:underline" title="Where else is this file?">{file.sha256.slice(0, 16)}…</Link>
        </span>
        <span className="ml-auto flex gap-3">
          <Link className="text-indigo-700 hover:underline" href={`${base}/commits/${r}?path=${encodeURIComponent(path)}`}>History</Link>
          <a className="text-indigo-700 hover:underline" href={`${base}/resolve/${r}/${encodeRepoPath(path)}`} download>Download</a>
        </span>
      </div>
      {tensors && <SafetensorsView result={tensors} />}
      {gguf && <GgufView result={gguf} />}
      {tensors || gguf ? null : text !== null ? (
        <pre className="overflow-x-auto rounded-lg border border-gray-200 bg-white p-4 text-xs leading-5" data-testid="file-text">{text}</pre>
      ) : (
        <p className="rounded-lg border border-gray-200 bg-white p-4 text-sm text-gray-600">This file is binary or too large to show here. Download it instead.</p>
      )}
    </div>
  );
}
