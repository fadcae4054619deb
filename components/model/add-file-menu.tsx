// "+ Add file" on the Files tab: upload files (writers), or create a new file in the
// folder being shown (writers commit it; others propose it as a pull request).
import Link from "@/components/ui/link";
import { encodeRepoPath } from "./repo-urls";

export function AddFileMenu({ base, rev, folder, canUpload }: { base: string; rev: string; folder: string; canUpload: boolean }) {
  const item = "block px-3 py-1.5 text-sm text-gray-700 hover:bg-gray-50";
  const where = folder ? `/${encodeRepoPath(folder)}` : "";
  return (
    <details className="relative" data-testid="add-file">
      <summary className="cursor-pointer list-none rounded-md border border-gray-300 bg-white px-2.5 py-1 text-sm font-medium hover:bg-gray-50">+ Add file</summary>
      <div className="absolute right-0 z-20 mt-1 w-48 rounded-md border border-gray-200 bg-white py-1 shadow-lg" role="menu">
        {canUpload && <Link className={item} role="menuitem" href={`${base}/upload`}>Upload files</Link>}
        <Link className={item} role="menuitem" href={`${base}/new/${encodeURIComponent(rev)}${where}`}>Create a new file</Link>
      </div>
    </details>
  );
}
