
import type { RepoRow } from "@/lib/repos/find-repo";
import { formatCount, timeAgo } from "@/components/ui/format";

export function RepoList({ repos }: { repos: RepoRow[] }) {
  if (!repos.length) return <p className="text-sm text-gray-600">No models found.</p>;
  return (
    <ul className="grid gap-3 sm:grid-cols-2" data-testid="repo-list">
      {repos.map((r) => (
        <li key={r.id}>
          <a
            href={`/${r.owner.username}/${r.name}`}
            className="block rounded-lg border border-gray-200 bg-white p-4 shadow-sm hover:border-indigo-300"
          >
            <div className="flex items-center gap-2">
              <span className="truncate font-mono text-sm font-semibold">
                {r.owner.username}/{r.name}
              </span>
              {r.private && <span className="rounded border border-gray-300 px-1.5 text-xs text-gray-600">private</span>}
            </div>
            <div className="mt-1 flex flex-wrap gap-3 text-xs text-gray-500">
              {r.license && <span>⚖ {r.license}</span>}
              <span>↓ {formatCount(r.downloads)}</span>
              <span>updated {timeAgo(r.updatedAt)}</span>
            </div>
          </a>
        </li>
      ))}
    </ul>
  );
}
