import type { FileEntry } from "@/lib/repos/tree-entries";
import type { FileScan } from "@/lib/scan/scan-status";
import { formatBytes } from "@/components/ui/format";
import { encodeRepoPath } from "./repo-urls";
import { ScanBadge } from "./scan-badge";
import { GuardedDownload } from "./guarded-download";
import { downloadWarning } from "@/lib/scan/download-warning";

export function FileList({ base, rev, files, scans }: { base: string; rev: string; files: (FileEntry & { path: string })[]; scans: Map<string, FileScan> }) {
  const r = encodeURIComponent(rev);
  return (
    <div className="overflow-hidden rounded-lg border border-gray-200 bg-white" data-testid="file-list">
      <table className="w-full text-sm">
        <tbody>
          {files.map((f) => (
            <tr key={f.path} className="border-b border-gray-100 last:border-0">
              <td className="px-3 py-2 font-mono">
                <a className="hover:underline" href={`${base}/blob/${r}/${encodeRepoPath(f.path)}`}>{f.path}</a>
                {f.lfs && <span className="ml-2 rounded bg-gray-100 px-1 text-xs text-gray-600">LFS</span>}
                <ScanBadge scan={scans.get(f.sha256)} />
              </td>
              <td className="whitespace-nowrap px-3 py-2 text-right text-gray-600">{formatBytes(f.size)}</td>
              <td className="w-12 px-3 py-2 text-right">
                <GuardedDownload className="text-indigo-700 hover:underline" href={`${base}/resolve/${r}/${encodeRepoPath(f.path)}`} warning={downloadWarning(scans.get(f.sha256))}>
                  <span aria-label={`Download ${f.path}`}>⬇</span>
                </GuardedDownload>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
