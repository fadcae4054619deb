// Where a file or folder sits: the repo, then each folder, each a link to its listing;
// the last segment (a file) is plain text.
import Link from "@/components/ui/link";
import { encodeRepoPath } from "./repo-urls";

export function PathCrumbs({ base, rev, name, path, file = false }: { base: string; rev: string; name: string; path: string; file?: boolean }) {
  const r = encodeURIComponent(rev);
  const parts = path ? path.split("/") : [];
  return (
    <nav className="min-w-0 break-all font-mono" aria-label="Breadcrumbs" data-testid="breadcrumbs">
      <Link href={`${base}/tree/${r}`} className="hover:underline">{name}</Link>
      {parts.map((c, i) => (
        <span key={i}>
          <span className="px-1 text-gray-400">/</span>
          {file && i === parts.length - 1 ? (
            <span className="font-semibold" aria-current="page">{c}</span>
          ) : (
            <Link href={`${base}/tree/${r}/${encodeRepoPath(parts.slice(0, i + 1).join("/"))}`} className="hover:underline">{c}</Link>
          )}
        </span>
      ))}
    </nav>
  );
}
