import type { FileEntry } from "@/lib/repos/tree-entries";
import { formatBytes } from "@/components/ui/format";
import { encodeRepoPath } from "./repo-urls";

export function FileList({ base, rev, files }: { base: string; rev: string; files: (FileEntry & { path: string })[] }) {
  return (
    <div className="overflow-hidden rounded-lg border border-gray-200 bg-white" data-testid="file-list">
      <table className="w-full text-sm">
        <tbody>
          {files.map((f) => (
            <tr key={f.path} className="border-b border-gray-100 last:border-0">
              <td className="px-3 py-2 font-mono">
                <a className="hover:underline" href={`${base}/resolve/${encodeURIComponent(rev)}/${encodeRepoPath(f.path)}`}>
                  {f.path}
                </a>
                {f.lfs && <span className="ml-2 rounded bg-gray-100 px-1 text-xs text-gray-600">LFS</span>}
              </td>
              <td className="whitespace-nowrap px-3 py-2 text-right text-gray-600">{formatBytes(f.size)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
